/**
 * Transcription benchmark for `npm run bench`: a 10-minute recording through
 * the whole path (ffmpeg decode, loudness, chunking in pauses, one request a
 * chunk) against a local /v1/audio/transcriptions that answers after a fixed
 * delay, so what is measured is our overhead beside the recognizer's time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAsrConfig } from '../../src/ingest/asr/config.js';
import { transcribeMedia } from '../../src/ingest/asr/transcribe.js';
import { recordingAs, spokenRecording } from '../ingest/recordings.js';
import { startTranscriptionServer } from '../support/transcription-server.js';

type Report = (label: string, value: string) => void;

const DELAY_MS = 500;
const CHUNK_SEC = 120;

export async function benchAsr(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-asr-'));
  const server = await startTranscriptionServer({
    respond: (request) => ({ segments: request.audio.speech.map((s) => ({ ...s, text: '同学们好' })) }),
    delayMs: DELAY_MS,
  });
  try {
    const { wav } = spokenRecording(dir, ['good morning class', 'today we learn fractions', 'one half is one of two equal parts'], 2);
    // About ten minutes: the short recording looped, as an mp4 with a video track.
    const long = path.join(dir, 'long.wav');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', '80', '-i', wav, '-t', '600', long]);
    const video = recordingAs(long, path.join(dir, '课堂实录.mp4'));
    const config = readAsrConfig({ ASR_BASE_URL: server.url, ASR_CHUNK_SEC: String(CHUNK_SEC) })!;
    const started = performance.now();
    const transcript = await transcribeMedia(
      { name: '课堂实录.mp4', bytes: new Uint8Array(fs.readFileSync(video)) },
      { config, signal: new AbortController().signal },
    );
    const wall = performance.now() - started;
    const chunks = server.requests.length;
    const bound = chunks * DELAY_MS;
    report(
      `Transcription, ${Math.round(transcript.durationSec)} s mp4, chunks ≤ ${CHUNK_SEC} s, server delay ${DELAY_MS} ms`,
      `${wall.toFixed(0)} ms wall, ${chunks} chunks, ${transcript.cues.length} cues`,
    );
    report('  the recognizer’s own time (chunks × delay)', `${bound} ms`);
    report(
      '  our overhead (decode, chunking, upload, stitching) per minute of audio',
      `${((wall - bound) / (transcript.durationSec / 60)).toFixed(0)} ms`,
    );
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
