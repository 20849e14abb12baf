import fs from 'node:fs';
import path from 'node:path';

/**
 * Who calls: the service's URL alone (no one signed in), or a signed-in user
 * (see `signIn` in accounts.ts) whose cookie and CSRF token, or API token, go
 * with every request.
 */
export type Caller = string | { url: string; cookie?: string; csrfToken?: string; bearer?: string };

export const urlOf = (caller: Caller) => (typeof caller === 'string' ? caller : caller.url);

export function authHeaders(caller: Caller, method = 'GET'): Record<string, string> {
  if (typeof caller === 'string') return {};
  const headers: Record<string, string> = {};
  if (caller.bearer) headers.authorization = `Bearer ${caller.bearer}`;
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.csrfToken && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = caller.csrfToken;
  return headers;
}

/** fetch as the caller. */
export function fetchAs(caller: Caller, route: string, init: RequestInit = {}) {
  const method = init.method ?? 'GET';
  return fetch(`${urlOf(caller)}${route}`, {
    ...init,
    headers: { ...authHeaders(caller, method), ...(init.headers as Record<string, string>) },
  });
}

/** JSON over fetch: returns status and parsed body. */
export async function api(caller: Caller, method: string, route: string, body?: unknown) {
  const response = await fetchAs(caller, route, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function upload(caller: Caller, lessonId: string, file: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await fetchAs(caller, `/api/lessons/${lessonId}/materials`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as any };
}

/** Reads a server-sent event stream to its end and returns the events' data. */
export async function readEvents(
  caller: Caller,
  route: string,
): Promise<{ event: string; data: { type: string; status: string; stepId?: string } }[]> {
  const response = await fetchAs(caller, route);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
      data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!),
    }));
}

/** Polls until the run has ended (or the time runs out). */
export async function waitForRun(caller: Caller, runId: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const { body } = await api(caller, 'GET', `/api/runs/${runId}`);
    if (!['queued', 'running'].includes(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish in ${timeoutMs} ms`);
}
