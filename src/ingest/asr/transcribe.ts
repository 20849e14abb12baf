import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { sha256Hex } from '../file-type.js';
import { formatTimestamp } from '../messages.js';
import type { Cue, IngestedTranscript, InputFile } from '../types.js';
import { TranscriptionRequestError, transcribeChunk } from './client.js';
import type { AsrConfig } from './config.js';
import { decodeToPcm, probeMedia, WINDOW_SEC, wavSlice } from './media.js';
import { type AudioChunk, planChunks } from './silences.js';

/** A recording already on disk (a streamed upload in the file store), read from there instead of from memory. */
export interface StoredRecording {
  name: string;
  path: string;
  sha256: string;
}

export type Recording = InputFile | StoredRecording;

/** Puts the recording in `work` under a name of ours (the teacher's file name never reaches a command line). */
async function placeInput(file: Recording, work: string): Promise<string> {
  const input = path.join(work, `input${path.extname(file.name).toLowerCase()}`);
  // A link, not a copy: a 300 MB lesson video is neither copied nor held in memory.
  if ('path' in file) await fs.symlink(path.resolve(file.path), input);
  else await fs.writeFile(input, file.bytes);
  return input;
}

export interface TranscribeOptions {
  config: AsrConfig;
  signal: AbortSignal;
  /** Told the chunk count once the recording is planned, then after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Transcribes a video or audio file (视频/音频转写): ffmpeg decodes it to
 * 16 kHz mono, long recordings are cut in their pauses into chunks of at most
 * ASR_CHUNK_SEC, each chunk goes to the configured `/audio/transcriptions`
 * under its own time limit, and the segments are stitched back with each
 * chunk's offset. The result reads like a subtitle file (format `asr`), so V1
 * takes it as it takes an SRT.
 *
 * @throws InputError `limit-exceeded` (too long), `corrupt` (unreadable),
 *   `asr-failed` naming the part that failed, `no-text` when nothing was heard.
 * @example
 * const transcript = await transcribeMedia({ name: '微课.mp4', bytes }, { config, signal });
 * transcript.cues[0]; // { index: 1, start: 0.4, end: 3.1, text: '同学们好' }
 */
export async function transcribeMedia(file: Recording, options: TranscribeOptions): Promise<IngestedTranscript> {
  const { config, signal } = options;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'lessonprep-asr-'));
  try {
    const input = await placeInput(file, work);
    const { durationSec: probed } = await probeMedia(file.name, input);
    checkDuration(file.name, probed, config);
    const pcmFile = path.join(work, 'audio.pcm');
    const decoded = await decodeToPcm(file.name, input, pcmFile, { timeoutMs: 60_000 + probed * 1000, signal });
    const chunks = planChunks(decoded.loudness, decoded.durationSec, { windowSec: WINDOW_SEC, maxChunkSec: config.chunkSec });
    options.onProgress?.(0, chunks.length);

    const cues: Omit<Cue, 'index'>[] = [];
    let untimed = 0;
    for (const chunk of chunks) {
      const wav = await wavSlice(pcmFile, chunk.start, chunk.end);
      const heard = await requestChunk(file.name, wav, chunk, chunks.length, config, signal);
      if (!heard.timed) untimed++;
      for (const segment of heard.segments) {
        const length = chunk.end - chunk.start;
        const start = chunk.start + Math.min(Math.max(segment.start, 0), length);
        const end = chunk.start + Math.min(Math.max(segment.end, segment.start, 0), length);
        cues.push({ start: round(start), end: round(Math.max(end, start)), text: segment.text });
      }
      options.onProgress?.(chunk.part, chunks.length);
    }
    if (cues.length === 0) {
      throw new InputError(file.name, 'no-text', '语音转写没有听出任何文字（可能没有人声或声音太小）；请上传字幕文件（.srt/.vtt）');
    }
    const warnings = [`文字稿由语音识别（${config.model}）自动生成，可能有错字，引用前请对照视频核对`];
    if (untimed > 0) warnings.push(`转写服务没有给出分句时间，${untimed} 段的时间是按段估计的`);
    return {
      name: file.name,
      sha256: 'path' in file ? file.sha256 : sha256Hex(file.bytes),
      format: 'asr',
      encoding: 'utf-8',
      cues: cues.map((cue, i) => ({ index: i + 1, ...cue })),
      durationSec: round(Math.max(decoded.durationSec, probed)),
      timingEstimated: untimed > 0,
      warnings,
    };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * Checks a recording at upload, before it is queued: ffprobe can read it, it
 * has sound, and it is not longer than MAX_MEDIA_MINUTES. Fast: nothing is decoded.
 *
 * @throws InputError `corrupt`, `no-text` or `limit-exceeded`.
 */
export async function checkRecording(file: Recording, config: AsrConfig): Promise<{ durationSec: number }> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'lessonprep-probe-'));
  try {
    const input = await placeInput(file, work);
    const probed = await probeMedia(file.name, input);
    checkDuration(file.name, probed.durationSec, config);
    return probed;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Refuses a recording over MAX_MEDIA_MINUTES before anything is decoded. */
function checkDuration(name: string, durationSec: number, config: AsrConfig): void {
  if (durationSec > config.maxDurationSec) {
    throw new InputError(
      name,
      'limit-exceeded',
      `视频/音频时长 ${formatTimestamp(durationSec)}，超过上限 ${Math.round(config.maxDurationSec / 60)} 分钟；请截取本课需要的部分后再上传`,
    );
  }
}

async function requestChunk(
  name: string,
  wav: Uint8Array<ArrayBuffer>,
  chunk: AudioChunk,
  total: number,
  config: AsrConfig,
  signal: AbortSignal,
) {
  try {
    return await transcribeChunk(wav, chunk.end - chunk.start, config, signal);
  } catch (error) {
    if (!(error instanceof TranscriptionRequestError)) throw error;
    const part = total > 1 ? `第 ${chunk.part}/${total} 段（${formatTimestamp(chunk.start)}–${formatTimestamp(chunk.end)}）` : '这段录音';
    throw new InputError(name, 'asr-failed', `${part}转写失败：${error.message}；请稍后重试，或上传字幕文件（.srt/.vtt）`);
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
