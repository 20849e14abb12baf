/**
 * Structured logs: one JSON object per line on stdout, easy for a county's
 * admin to grep or ship. Callers pass facts, never secrets: nothing here
 * knows the API key, and request logs carry method, path, status and time only.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  return { info: log('info'), error: log('error') };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
