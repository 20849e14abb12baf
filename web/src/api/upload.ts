import { csrfHeaders, type MaterialKindValue, noticeUnauthenticated, type UploadResult } from './client.js';
import { problemFromBody, problemFromNetwork } from './problem.js';

export interface UploadFields {
  kind?: MaterialKindValue;
  videoUrl?: string;
  videoTitle?: string;
}

export interface UploadHandle {
  /** Resolves with the stored material and its ingest report; rejects with an `ApiProblem`. */
  result: Promise<UploadResult>;
  abort(): void;
}

/**
 * Uploads one material with progress. fetch() cannot report upload progress,
 * so this one call uses XMLHttpRequest; its answer is typed from the same
 * generated schema as every other call.
 *
 * @example
 * const upload = uploadMaterial(lessonId, file, {}, (sent) => (progress.value = sent));
 * const { material, report } = await upload.result;
 */
export function uploadMaterial(lessonId: string, file: File, fields: UploadFields, onProgress: (fraction: number) => void): UploadHandle {
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
  // 200: the lesson already has this file's content, and the answer is that material (not a refusal).
  const sent = postForm(`/api/lessons/${encodeURIComponent(lessonId)}/materials`, form, onProgress);
  return { result: sent.result.then(({ body }) => body as UploadResult), abort: sent.abort };
}

/**
 * Posts a multipart form with upload progress (XMLHttpRequest: fetch() cannot
 * report it), signed with the CSRF header. Resolves with the status and JSON
 * body of a 200 or 201; rejects with an `ApiProblem` for anything else.
 *
 * @example
 * const { result } = postForm('/api/standards', form, (f) => (sent.value = f));
 * const { status, body } = await result;
 */
export function postForm(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): { result: Promise<{ status: 200 | 201; body: unknown }>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const result = new Promise<{ status: 200 | 201; body: unknown }>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status alone tells what happened.
      }
      if (xhr.status === 200 || xhr.status === 201) return resolve({ status: xhr.status, body });
      noticeUnauthenticated(xhr.status, url);
      reject(problemFromBody(xhr.status, body));
    });
    xhr.addEventListener('error', () => reject(problemFromNetwork(new Error('network'))));
    xhr.addEventListener('abort', () => reject(problemFromNetwork(new DOMException('aborted', 'AbortError'))));
  });
  xhr.open('POST', url);
  for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
  xhr.send(form);
  return { result, abort: () => xhr.abort() };
}
