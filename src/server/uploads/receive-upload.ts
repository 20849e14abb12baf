import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { safeFileName } from '../../lessons/file-names.js';
import { ApiError } from '../errors.js';

/** What the form around the file may add to the body: a few short fields and the part headers. */
const FORM_SLACK_BYTES = 1024 * 1024;

/** The uploaded file, on disk in the store's incoming folder, hashed while it was written. */
export interface ReceivedFile {
  /** The name made safe to store and show (`safeFileName`). */
  name: string;
  /** The name as the client sent it, for display, when it differs from `name`. */
  originalName: string | null;
  path: string;
  sha256: string;
  bytes: number;
}

export interface ReceivedUpload {
  /** The form's text fields, as sent. */
  fields: Record<string, string>;
  /** The `file` part; null when the form had none. */
  file: ReceivedFile | null;
  /** Removes the file from the incoming folder unless it was taken into the store (safe to call twice). */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  /** Where the file is written while it arrives: in the data directory, so storing it is a rename. */
  dir: string;
  /**
   * The most bytes this file may have, decided by its (safe) name when its part
   * begins; it may also throw (an ApiError) to refuse the file before any byte
   * of it is read, e.g. a recording when no speech recognizer is configured.
   */
  limitFor(name: string): number;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function tooLarge(name: string, limit: number): ApiError {
  return new ApiError(413, 'too-large', `${name}：文件超过上传上限 ${megabytes(limit)}，请压缩或截取后再上传`);
}

/**
 * Reads a multipart upload (one `file` part and text fields) as it arrives:
 * the file goes straight to a temporary file while its SHA-256 is computed
 * and its size counted, so memory does not grow with the upload. A file over
 * its limit is refused with a 413 naming it and the limit — at once when the
 * request's length already says so, else as soon as the limit is crossed — and
 * its partial file is removed, as it is when the client goes away mid-upload
 * or the form is malformed.
 *
 * @example
 * const upload = await receiveUpload(c.req.header(), Readable.fromWeb(c.req.raw.body), { dir: store.incomingDir(), limitFor: () => 50 * 1024 * 1024 });
 * try { await store.adopt(upload.file!.path, upload.file!.sha256, upload.file!.bytes, 'video/mp4'); } finally { await upload.discard(); }
 */
export function receiveUpload(headers: Record<string, string>, body: Readable, options: ReceiveOptions): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // UTF-8 file names (browsers send 「教材.pdf」 as raw UTF-8 in filename="…", not latin1), path kept:
      // safeFileName strips it and keeps the name as sent for display.
      parser = busboy({
        headers,
        defParamCharset: 'utf8',
        preservePath: true,
        limits: { files: 1, fields: 16, fieldSize: 64 * 1024, parts: 17 },
      });
    } catch {
      reject(new ApiError(400, 'invalid-request', '上传要用 multipart/form-data 表单，文件放在 file 字段'));
      return;
    }
    const declared = Number(headers['content-length'] ?? Number.NaN);
    const fields: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    let partial: string | null = null;
    let arriving: Readable | null = null;
    let written: Promise<void> = Promise.resolve();
    let failed = false;

    const discard = async () => {
      if (partial) await fs.rm(partial, { force: true });
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      arriving?.destroy();
      // Answered once the writer has stopped and the partial file is gone: a refused upload leaves nothing.
      void written
        .finally(discard)
        .catch(() => {})
        .finally(() => reject(error));
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || failed) {
        stream.resume();
        return;
      }
      const { name, original: originalName } = safeFileName(info.filename || 'upload');
      let limit: number;
      try {
        limit = options.limitFor(name);
        if (declared > limit + FORM_SLACK_BYTES) throw tooLarge(name, limit);
      } catch (error) {
        stream.resume();
        fail(error);
        return;
      }
      arriving = stream;
      const target = path.join(options.dir, `${randomUUID()}.partial`);
      partial = target;
      const hash = createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > limit) return done(tooLarge(name, limit));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      written = fs
        .mkdir(options.dir, { recursive: true })
        .then(() => pipeline(stream, meter, createWriteStream(target, { flags: 'wx' })))
        .then(() => {
          file = { name, originalName, path: target, sha256: hash.digest('hex'), bytes };
        })
        .catch(fail);
    });
    parser.on('error', (error: Error) =>
      fail(new ApiError(400, 'invalid-request', `上传的表单不完整或已损坏（${error.message}），请重新上传`)),
    );
    parser.on('close', () => {
      void written.then(() => {
        if (!failed) resolve({ fields, file, discard });
      });
    });
    // A client that goes away mid-upload: nothing is kept.
    body.on('error', (error) => fail(new ApiError(400, 'invalid-request', `上传中断（${error.message}）`)));
    body.on('close', () => {
      if (!body.readableEnded) fail(new ApiError(400, 'invalid-request', '上传中断，请重新上传'));
    });
    body.pipe(parser);
  });
}

/**
 * Reads and throws away what is left of a refused upload's body, up to `capBytes`, so the client has
 * finished sending when the refusal reaches it: answering mid-send and closing makes fetch and
 * browsers report a broken pipe instead of the 413's message. Resolves false when the rest was
 * over the cap (the body is then dropped and the connection must close).
 *
 * @example
 * if (!(await drainRefused(body, 8 * 1024 * 1024))) c.header('Connection', 'close');
 */
export function drainRefused(body: Readable, capBytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (body.readableEnded || body.destroyed) return resolve(body.readableEnded);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > capBytes) {
        body.destroy();
        resolve(false);
      }
    });
    body.once('end', () => resolve(true));
    body.once('close', () => resolve(body.readableEnded));
    body.resume();
  });
}
