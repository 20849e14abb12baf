import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Caller, fetchAs } from './http.js';

const RATE = 48_000;
const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;
const SLAB = 1024 * 1024;

/**
 * A real WAV recording (48 kHz stereo 16-bit PCM, low noise) of about `bytes`
 * bytes, written in 1 MB slabs so the test process never holds it whole:
 * 50 MB is about 4.5 minutes, 300 MB about 27. ffprobe reads it as audio of
 * that length, as the service's upload check does. Different `seed`s give
 * different content.
 */
export function writeLargeWav(file: string, bytes: number, seed = 1): string {
  const blockAlign = CHANNELS * BYTES_PER_SAMPLE;
  const dataBytes = Math.floor((bytes - 44) / blockAlign) * blockAlign;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(CHANNELS, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  // Quiet noise: every sample's high byte is 0 or 0xff (within ±256 of silence).
  const slab = randomBytes(SLAB);
  for (let i = 1; i < SLAB; i += 2) slab[i] = slab[i]! & 1 ? 0xff : 0;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    for (let written = 0, n = 0; written < dataBytes; n++) {
      const size = Math.min(SLAB, dataBytes - written);
      // Each slab differs from the last (its first sample counts the slab and the seed), so no two are alike.
      slab.writeUInt32LE((n * 7919 + seed) >>> 0, 0);
      fs.writeSync(fd, slab, 0, size);
      written += size;
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** A file's SHA-256, read in a stream. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Uploads a file from disk as a teacher's browser does, without reading it into the test's memory first. */
export async function uploadFromDisk(caller: Caller, lessonId: string, file: string, name = path.basename(file)) {
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), name);
  const response = await fetchAs(caller, `/api/lessons/${lessonId}/materials`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as any };
}
