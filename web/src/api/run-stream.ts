import type { RunEvent } from '../../../src/pipeline/events.js';

export interface RunStreamHandlers {
  event(event: RunEvent): void;
  /** The connection dropped; the browser reconnects by itself and the server replays the run's events. */
  interrupted(): void;
}

/**
 * Follows a run over `GET /api/runs/:id/events` (server-sent events). The
 * server first replays what already happened, then sends each step as it
 * starts and ends and, while it runs, what it is doing (a model request, a
 * retry and why), and closes after the run's end event. Returns a function
 * that stops following.
 *
 * @example
 * const stop = followRun(run.id, { event: (e) => apply(e), interrupted: () => (offline.value = true) });
 */
export function followRun(runId: string, handlers: RunStreamHandlers): () => void {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
  const receive = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as RunEvent;
    handlers.event(event);
    // The run ended: stop, or EventSource would reconnect and replay it forever.
    if (event.type === 'run' && event.status !== 'running') source.close();
  };
  source.addEventListener('step', receive);
  source.addEventListener('progress', receive);
  source.addEventListener('run', receive);
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED) handlers.interrupted();
  });
  return () => source.close();
}
