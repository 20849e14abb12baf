import fs from 'node:fs';
import path from 'node:path';

/** JSON over fetch: returns status and parsed body. */
export async function api(base: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function upload(base: string, lessonId: string, file: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await fetch(`${base}/api/lessons/${lessonId}/materials`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as any };
}

/** Reads a server-sent event stream to its end and returns the events' data. */
export async function readEvents(url: string): Promise<{ event: string; data: { type: string; status: string; stepId?: string } }[]> {
  const response = await fetch(url);
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
export async function waitForRun(base: string, runId: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const { body } = await api(base, 'GET', `/api/runs/${runId}`);
    if (!['queued', 'running'].includes(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish in ${timeoutMs} ms`);
}
