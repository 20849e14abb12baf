import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsrConfig, readAsrConfig } from '../../src/ingest/asr/config.js';
import { decodeToPcm, NO_ASR, SAMPLE_RATE } from '../../src/ingest/asr/media.js';
import { LoudnessMeter, planChunks } from '../../src/ingest/asr/silences.js';
import { transcribeMedia } from '../../src/ingest/asr/transcribe.js';
import { ingestTranscript } from '../../src/ingest/index.js';
import { startTranscriptionServer, type TranscriptionServer } from '../support/transcription-server.js';
import { expectInputError } from './fixtures.js';
import { recordingAs, type SpokenLine, spokenRecording } from './recordings.js';

/** What the recognizer "hears" in each stretch of speech, in order: the test's script. */
const SCRIPT = [
  '同学们好，请坐。',
  '今天我们学习分数的初步认识。',
  '把一个月饼平均分成两份，每份是它的二分之一。',
  '下面我们一起来练一练。',
];
const SPOKEN = ['good morning class', 'today we learn fractions', 'one half is one of two equal parts', 'now let us practise together'];

describe('cutting a recording in its pauses', () => {
  const windowSec = 0.05;
  /** A loudness profile: speech (−20 dB) with silences (−80 dB) at the given seconds. */
  const profile = (seconds: number, pauses: [number, number][]) =>
    Array.from({ length: Math.round(seconds / windowSec) }, (_, i) =>
      pauses.some(([from, to]) => i * windowSec >= from && i * windowSec < to) ? -80 : -20,
    );

  it('cuts in the middle of the longest pause in the last half of the allowed length', () => {
    const chunks = planChunks(
      profile(25, [
        [3, 4],
        [7, 9],
        [15, 15.5],
      ]),
      25,
      { windowSec, maxChunkSec: 10 },
    );
    expect(chunks.map((c) => [c.part, c.start, c.end])).toEqual([
      [1, 0, 8],
      [2, 8, 15.25],
      [3, 15.25, 25],
    ]);
  });

  it('cuts at the limit when there is no pause, and leaves a short recording whole', () => {
    expect(planChunks(profile(25, []), 25, { windowSec, maxChunkSec: 10 }).map((c) => c.end)).toEqual([10, 20, 25]);
    expect(planChunks(profile(9, [[3, 4]]), 9, { windowSec, maxChunkSec: 10 })).toEqual([{ part: 1, start: 0, end: 9 }]);
  });

  it('measures loudness the same whether the PCM comes whole or split in odd pieces', () => {
    const pcm = Buffer.alloc(SAMPLE_RATE * 2);
    for (let i = 0; i < SAMPLE_RATE; i++) pcm.writeInt16LE(i < SAMPLE_RATE / 2 ? Math.round(8000 * Math.sin(i / 5)) : 0, i * 2);
    const whole = new LoudnessMeter(SAMPLE_RATE, windowSec);
    whole.push(pcm);
    const split = new LoudnessMeter(SAMPLE_RATE, windowSec);
    for (let at = 0; at < pcm.length; at += 777) split.push(pcm.subarray(at, at + 777));
    const levels = whole.finish();
    expect(split.finish()).toEqual(levels);
    expect(levels).toHaveLength(20);
    expect(levels[0]).toBeGreaterThan(-20);
    expect(levels[19]).toBe(-100);
  });
});

describe('transcribing a real recording through a local /v1/audio/transcriptions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-asr-'));
  let server: TranscriptionServer;
  let lines: SpokenLine[];
  let wav: string;
  /** Which script line the next stretch of speech the server hears is: requests come one chunk after another. */
  let heard = 0;
  let hang = false;

  const config = (overrides: Partial<AsrConfig> = {}): AsrConfig => ({
    ...readAsrConfig({ ASR_BASE_URL: server.url, ASR_MODEL: 'whisper-test', ASR_API_KEY: 'sk-asr-test', ASR_CHUNK_SEC: '8' })!,
    ...overrides,
  });

  beforeAll(async () => {
    ({ wav, lines } = spokenRecording(dir, SPOKEN, 3));
    server = await startTranscriptionServer({
      respond: (request) => {
        if (hang) return { hangMs: 60_000 };
        return { segments: request.audio.speech.map((stretch) => ({ ...stretch, text: SCRIPT[heard++] ?? '（多余）' })) };
      },
    });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends 16 kHz mono chunks cut between sentences and stitches the segments back at their times', async () => {
    heard = 0;
    const video = recordingAs(wav, path.join(dir, '微课.mkv'));
    const progress: [number, number][] = [];
    const transcript = await transcribeMedia(
      { name: '微课.mkv', bytes: new Uint8Array(fs.readFileSync(video)) },
      { config: config(), signal: new AbortController().signal, onProgress: (done, total) => progress.push([done, total]) },
    );

    // 17 s with pauses of 3 s, at most 8 s a chunk: three requests, none cutting a sentence.
    const sent = server.requests.slice(-3);
    expect(sent.map((r) => r.audio.speech.length)).toEqual([2, 1, 1]);
    for (const request of sent) {
      expect(request.audio).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
      expect(request.audio.durationSec).toBeLessThanOrEqual(8);
      expect(request).toMatchObject({
        model: 'whisper-test',
        language: 'zh',
        responseFormat: 'verbose_json',
        authorization: 'Bearer sk-asr-test',
      });
      expect(request.granularities).toEqual(['segment']);
    }
    expect(progress).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);

    expect(transcript).toMatchObject({ format: 'asr', timingEstimated: false });
    expect(transcript.cues.map((c) => c.text)).toEqual(SCRIPT);
    // Each line at the time it is spoken in the file, whatever chunk it was heard in (within the server's 20 ms windows and onset).
    transcript.cues.forEach((cue, i) => {
      expect(Math.abs(cue.start - lines[i]!.start)).toBeLessThan(0.1);
      expect(Math.abs(cue.end - lines[i]!.end)).toBeLessThan(0.1);
    });
    expect(transcript.durationSec).toBeCloseTo(lines[3]!.end, 0);
    expect(transcript.warnings[0]).toContain('语音识别（whisper-test）');
  });

  it('reads the other containers a teacher has: mp4, mov, mp3, m4a, wav', async () => {
    for (const ext of ['.mp4', '.mov', '.mp3', '.m4a', '.wav']) {
      const file = ext === '.wav' ? wav : recordingAs(wav, path.join(dir, `录音${ext}`));
      const decoded = await decodeToPcm(`录音${ext}`, file, path.join(dir, 'check.pcm'), {
        timeoutMs: 60_000,
        signal: new AbortController().signal,
      });
      expect(decoded.durationSec).toBeCloseTo(lines[3]!.end, 0);
    }
  });

  it('names the part that timed out, and why', async () => {
    hang = true;
    try {
      const error = await expectInputError(
        () =>
          transcribeMedia(
            { name: '微课.wav', bytes: new Uint8Array(fs.readFileSync(wav)) },
            { config: config({ chunkTimeoutMs: 500 }), signal: new AbortController().signal },
          ),
        'asr-failed',
      );
      expect(error.file).toBe('微课.wav');
      expect(error.detail).toMatch(/^第 1\/3 段（00:00–00:0\d）转写失败：超过 1 秒没有返回/);
      expect(error.detail).toContain('字幕');
    } finally {
      hang = false;
    }
  });

  it('refuses a recording over the length limit before sending anything', async () => {
    const before = server.requests.length;
    const error = await expectInputError(
      () =>
        transcribeMedia(
          { name: '整节课.wav', bytes: new Uint8Array(fs.readFileSync(wav)) },
          { config: config({ maxDurationSec: 10 }), signal: new AbortController().signal },
        ),
      'limit-exceeded',
    );
    expect(error.detail).toContain('超过上限');
    expect(server.requests.length).toBe(before);
  });

  it('an empty recognition is an error naming the file', async () => {
    const silent = path.join(dir, '静音.wav');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=16000:cl=mono',
      '-t',
      '4',
      silent,
    ]);
    const error = await expectInputError(
      () =>
        transcribeMedia(
          { name: '静音.wav', bytes: new Uint8Array(fs.readFileSync(silent)) },
          { config: config(), signal: new AbortController().signal },
        ),
      'no-text',
    );
    expect(error.file).toBe('静音.wav');
  });
});

describe('a recording without a speech recognizer', () => {
  it('is refused with how to add subtitles or configure one', async () => {
    const error = await expectInputError(
      () => ingestTranscript({ name: '课堂实录.mp4', bytes: new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]) }),
      'unsupported-type',
    );
    expect(error.detail).toBe(NO_ASR);
    expect(error.detail).toContain('.srt');
    expect(error.detail).toContain('ASR_BASE_URL');
  });
});
