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
  const url = `/api/lessons/${encodeURIComponent(lessonId)}/materials`;
  const xhr = new XMLHttpRequest();
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
  const result = new Promise<UploadResult>((resolve, reject) => {
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
      if (xhr.status === 201) return resolve(body as UploadResult);
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
