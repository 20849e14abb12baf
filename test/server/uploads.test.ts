import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, authHeaders, fetchAs } from '../support/http.js';
import { sha256OfFile, uploadFromDisk, writeLargeWav } from '../support/large-recording.js';
import { teacherService } from '../support/teacher-service.js';
import { startTranscriptionServer, type TranscriptionServer } from '../support/transcription-server.js';

// Uploads are streamed to disk as they arrive: a lesson recording of hundreds of MB never sits in the service's memory.
const MB = 1024 * 1024;
let asr: TranscriptionServer;
beforeAll(async () => {
  asr = await startTranscriptionServer({ respond: () => ({ text: '同学们好' }) });
});
afterAll(() => asr.close());
const live = teacherService('lessonprep-uploads-', () => ({
  env: { ASR_BASE_URL: asr.url, ASR_MODEL: 'whisper-test' },
  limits: { uploadBytes: 1 * MB, mediaUploadBytes: 64 * MB },
}));
const incoming = () => path.join(live.dataDir, 'files', 'incoming');
fs.mkdirSync(path.join(live.dataDir, 'made'), { recursive: true });
const leftInIncoming = () => (fs.existsSync(incoming()) ? fs.readdirSync(incoming()) : []);
const newLesson = async () =>
  (await api(live.teacher, 'POST', '/api/lessons', { title: '分数的初步认识', subject: '数学', grade: 3 })).body.id;

/** A multipart body sent in pieces, without a Content-Length: the service only learns the size as it reads. */
function chunkedForm(fileName: string, pieces: number, pieceBytes: number, signal?: AbortSignal) {
  const boundary = 'lessonprep-test-boundary';
  const encoder = new TextEncoder();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`,
        ),
      );
    },
    pull(controller) {
      if (sent === pieces) {
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      sent++;
      controller.enqueue(encoder.encode('一二三四五六七八九十\n'.repeat(Math.ceil(pieceBytes / 31))));
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, signal };
}

describe('POST /api/lessons/:id/materials, streamed to disk', () => {
  it('stores a 50 MB recording intact (same SHA-256 on disk), and the same content again is the existing material', async () => {
    const lessonId = await newLesson();
    const file = writeLargeWav(path.join(live.dataDir, 'made', '课堂实录.wav'), 50 * MB);
    const expected = await sha256OfFile(file);

    const first = await uploadFromDisk(live.teacher, lessonId, file);
    expect(first.status).toBe(201);
    expect(first.body.material).toMatchObject({ kind: 'transcript', name: '课堂实录.wav', sha256: expected });
    expect(first.body.report.processing.status).toMatch(/recognising|ready|failed/);
    const stored = path.join(live.dataDir, 'files', expected.slice(0, 2), expected);
    expect(fs.statSync(stored).size).toBe(fs.statSync(file).size);
    expect(await sha256OfFile(stored)).toBe(expected);
    expect(leftInIncoming()).toEqual([]);

    const again = await uploadFromDisk(live.teacher, lessonId, file, '另一个名字.wav');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, material: { id: first.body.material.id, name: '课堂实录.wav' } });
    expect((await api(live.teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body).toHaveLength(1);
    expect(leftInIncoming()).toEqual([]);
  });

  it('refuses a file over its limit with a 413 naming the file and the limit, from its length or while it streams, and keeps nothing', async () => {
    const lessonId = await newLesson();
    const big = path.join(live.dataDir, 'made', '教参全册.txt');
    fs.writeFileSync(big, '分数的意义\n'.repeat(200_000));
    const declared = await uploadFromDisk(live.teacher, lessonId, big);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'too-large' });
    expect(declared.body.error.message).toContain('教参全册.txt');
    expect(declared.body.error.message).toContain('1 MB');

    // No Content-Length: the limit is found while the file is written, and its partial file is removed before the answer.
    const form = chunkedForm('逐段上传.txt', 40, 64 * 1024);
    const response = await fetch(`${live.service.url}/api/lessons/${lessonId}/materials`, {
      method: 'POST',
      headers: { ...authHeaders(live.teacher, 'POST'), 'content-type': form.contentType },
      body: form.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const refused = (await response.json()) as { error: { message: string } };
    expect(refused.error.message).toContain('逐段上传.txt');
    expect(refused.error.message).toContain('1 MB');
    expect(leftInIncoming()).toEqual([]);
    expect((await api(live.teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body).toEqual([]);
  });

  it('removes the partial file of an upload the client abandons, and the service goes on answering', async () => {
    const lessonId = await newLesson();
    const controller = new AbortController();
    let piecesSent = 0;
    const boundary = 'lessonprep-abort';
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="半途.wav"\r\n\r\n`));
      },
      async pull(c) {
        // fetch stops waiting on abort but may pull once more: the body fails then, as a dropped connection does.
        if (controller.signal.aborted) return c.error(new Error('client gone'));
        piecesSent++;
        c.enqueue(new Uint8Array(256 * 1024));
        // Gone mid-file: after 2 MB the client stops.
        if (piecesSent === 8) {
          await vi.waitFor(() => expect(leftInIncoming()).toHaveLength(1), { timeout: 60_000, interval: 50 });
          controller.abort();
        }
      },
    });
    const sent = fetch(`${live.service.url}/api/lessons/${lessonId}/materials`, {
      method: 'POST',
      headers: { ...authHeaders(live.teacher, 'POST'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    await expect(sent).rejects.toThrow();
    await vi.waitFor(() => expect(leftInIncoming()).toEqual([]), { timeout: 60_000, interval: 50 });
    expect((await fetchAs(live.teacher, '/api/health')).status).toBe(200);
    expect((await api(live.teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body).toEqual([]);
  });
});
