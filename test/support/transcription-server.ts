import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The audio of one request as the server decoded it from the WAV it was sent. */
export interface HeardAudio {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationSec: number;
  /** Stretches louder than −40 dBFS, separated by at least 0.4 s of quiet; seconds from the chunk's start. */
  speech: { start: number; end: number }[];
}

export interface TranscriptionRequest {
  model: string;
  language: string | null;
  responseFormat: string | null;
  granularities: string[];
  authorization: string | null;
  fileName: string;
  audio: HeardAudio;
  /** 0-based position in `requests`. */
  index: number;
}

export type TranscriptionReply =
  | { segments: { start: number; end: number; text: string }[] }
  /** `{ text }` only, as a recognizer without timestamps answers. */
  | { text: string }
  | { status: number; body?: unknown }
  /** Accept, send nothing for hangMs, then drop the connection. */
  | { hangMs: number };

export interface TranscriptionServer {
  /** Base URL for ASR_BASE_URL, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  requests: TranscriptionRequest[];
  close(): Promise<void>;
}

/**
 * A local server on 127.0.0.1 speaking OpenAI's `POST /v1/audio/transcriptions`
 * (multipart: file, model, response_format, timestamp_granularities[],
 * language). It really reads the WAV it is sent — format, length, and where
 * the speech is — and `respond` answers from that, so a test can check that
 * the product sends 16 kHz mono audio cut between sentences and stitches the
 * segments back at the right times.
 *
 * @example
 * const asr = await startTranscriptionServer({ respond: (req) => ({ segments: req.audio.speech.map((s) => ({ ...s, text: '同学们好' })) }) });
 */
export async function startTranscriptionServer(options: {
  respond: (request: TranscriptionRequest) => TranscriptionReply | Promise<TranscriptionReply>;
  /** Fixed delay before every answer, for benchmarks. */
  delayMs?: number;
}): Promise<TranscriptionServer> {
  const requests: TranscriptionRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/audio/transcriptions') return send(res, 404, { error: { message: `Unknown URL ${path}` } });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    }).formData();
    const file = form.get('file');
    if (!(file instanceof File)) return send(res, 400, { error: { message: 'file is required' } });
    const audio = readWav(new Uint8Array(await file.arrayBuffer()));
    if (!audio) return send(res, 400, { error: { message: 'Invalid file format: not a PCM WAV' } });
    const request: TranscriptionRequest = {
      model: String(form.get('model') ?? ''),
      language: (form.get('language') as string | null) ?? null,
      responseFormat: (form.get('response_format') as string | null) ?? null,
      granularities: form.getAll('timestamp_granularities[]').map(String),
      authorization: req.headers.authorization ?? null,
      fileName: file.name,
      audio,
      index: requests.length,
    };
    requests.push(request);
    const reply = await options.respond(request);
    if (options.delayMs) await sleep(options.delayMs);
    if ('hangMs' in reply) {
      await sleep(reply.hangMs);
      return req.socket.destroy();
    }
    if ('status' in reply) return send(res, reply.status, reply.body ?? { error: { message: `scripted ${reply.status}` } });
    if ('text' in reply) return send(res, 200, { text: reply.text });
    const text = reply.segments.map((s) => s.text).join('');
    send(res, 200, {
      task: 'transcribe',
      language: request.language ?? 'zh',
      duration: audio.durationSec,
      text,
      segments: reply.segments.map((s, id) => ({ id, seek: 0, ...s, tokens: [], temperature: 0, avg_logprob: -0.2, no_speech_prob: 0.01 })),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { message: String(error) } }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Parses a PCM WAV (any chunk order) and finds its speech; null when it is not one. */
function readWav(bytes: Uint8Array): HeardAudio | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 44 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let format: { channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'fmt ') {
      if (view.getUint16(at + 8, true) !== 1) return null;
      format = { channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) };
    }
    if (tag(at) === 'data' && format && format.bits === 16) {
      const samples = Math.floor(Math.min(size, bytes.length - at - 8) / 2 / format.channels);
      const level = (i: number) => view.getInt16(at + 8 + i * 2 * format!.channels, true);
      return {
        sampleRate: format.sampleRate,
        channels: format.channels,
        bitsPerSample: format.bits,
        durationSec: samples / format.sampleRate,
        speech: speechOf(level, samples, format.sampleRate),
      };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

function speechOf(level: (i: number) => number, samples: number, rate: number): { start: number; end: number }[] {
  const window = Math.round(rate * 0.02);
  const loud: boolean[] = [];
  for (let w = 0; w * window < samples; w++) {
    let sum = 0;
    const end = Math.min(samples, (w + 1) * window);
    for (let i = w * window; i < end; i++) sum += level(i) ** 2;
    loud.push(Math.sqrt(sum / (end - w * window)) / 32768 > 0.01);
  }
  const stretches: { start: number; end: number }[] = [];
  const gap = Math.round(0.4 / 0.02);
  let quiet = 0;
  loud.forEach((isLoud, w) => {
    const last = stretches[stretches.length - 1];
    if (isLoud) {
      if (last && quiet < gap) last.end = (w + 1) * 0.02;
      else stretches.push({ start: w * 0.02, end: (w + 1) * 0.02 });
      quiet = 0;
    } else quiet++;
  });
  return stretches.map((s) => ({ start: Math.round(s.start * 100) / 100, end: Math.round(s.end * 100) / 100 }));
}
