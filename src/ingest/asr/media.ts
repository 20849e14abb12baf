import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { extensionOf } from '../file-type.js';
import { LoudnessMeter } from './silences.js';

/** Video and audio a teacher may give for transcription (视频/音频). */
export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set(['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.mp3', '.m4a', '.aac', '.wav']);

/** What the recognizer is sent: 16 kHz mono 16-bit PCM, the rate speech models are trained on. */
export const SAMPLE_RATE = 16_000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;
/** The loudness profile's resolution: fine enough to find a pause between two sentences. */
export const WINDOW_SEC = 0.05;

/** What a teacher is told when she gives a recording to a service without a speech recognizer. */
export const NO_ASR =
  '这是视频或音频文件，但服务器没有配置语音转写。请上传这段视频的字幕（.srt、.vtt，或每行带时间戳的 .txt 文字稿；视频网站和剪映等剪辑软件都能导出字幕），或请管理员设置 ASR_BASE_URL 和 ASR_MODEL（任何兼容 OpenAI /v1/audio/transcriptions 的语音转写服务）';

/** Whether a file is a video or audio recording, by its extension. */
export function isMediaFile(name: string): boolean {
  return MEDIA_EXTENSIONS.has(extensionOf(name));
}

const ffmpegPath = () => process.env.FFMPEG_PATH ?? 'ffmpeg';
const ffprobePath = () => process.env.FFPROBE_PATH ?? 'ffprobe';

function missingFfmpeg(name: string): InputError {
  return new InputError(
    name,
    'asr-failed',
    '转写视频或音频需要 ffmpeg，但服务器上没有安装（管理员请安装 ffmpeg）；也可以上传这段视频的字幕文件（.srt/.vtt）',
  );
}

/**
 * The length of a recording in seconds, read by ffprobe from its container
 * (fast: nothing is decoded).
 *
 * @throws InputError `corrupt` when ffprobe cannot read it, or it has no sound track.
 */
export function probeMedia(name: string, file: string): Promise<{ durationSec: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath(),
      ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=index:format=duration', '-of', 'json', file],
      { timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return reject(missingFfmpeg(name));
        const unreadable = new InputError(
          name,
          'corrupt',
          '无法读取这个视频或音频文件（可能已损坏，或不是音视频）；请换一个文件或上传字幕',
        );
        if (error) return reject(unreadable);
        try {
          const info = JSON.parse(stdout) as { streams?: unknown[]; format?: { duration?: string } };
          const durationSec = Number(info.format?.duration);
          if (!info.streams?.length) {
            return reject(new InputError(name, 'no-text', '这个视频没有声音轨道，无法转写；请上传字幕文件（.srt/.vtt）'));
          }
          if (!(durationSec > 0)) return reject(unreadable);
          resolve({ durationSec });
        } catch {
          reject(unreadable);
        }
      },
    );
  });
}

/**
 * Decodes a recording with ffmpeg to 16 kHz mono PCM in `pcmFile`, measuring
 * its loudness on the way (the chunk plan is made from that, without reading
 * the PCM again).
 *
 * @throws InputError `corrupt` when ffmpeg fails, `limit-exceeded` after `timeoutMs`.
 */
export async function decodeToPcm(
  name: string,
  input: string,
  pcmFile: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<{ durationSec: number; loudness: number[] }> {
  const meter = new LoudnessMeter(SAMPLE_RATE, WINDOW_SEC);
  const out = createWriteStream(pcmFile);
  let bytes = 0;
  const child = spawn(
    ffmpegPath(),
    ['-nostdin', '-v', 'error', '-i', input, '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const abort = () => child.kill('SIGKILL');
  options.signal.addEventListener('abort', abort, { once: true });
  let stderr = '';
  child.stderr.on('data', (piece: Buffer) => {
    if (stderr.length < 2000) stderr += piece.toString();
  });
  child.stdout.on('data', (piece: Buffer) => {
    bytes += piece.length;
    meter.push(piece);
    if (!out.write(piece)) {
      child.stdout.pause();
      out.once('drain', () => child.stdout.resume());
    }
  });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingFfmpeg(name) : error));
      child.once('close', (exit) => resolve(exit));
    });
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    options.signal.throwIfAborted();
    if (child.signalCode === 'SIGKILL') {
      throw new InputError(
        name,
        'limit-exceeded',
        `解码音视频超过 ${Math.round(options.timeoutMs / 1000)} 秒仍未完成；请截取需要的部分后再上传`,
      );
    }
    if (code !== 0 || bytes === 0) {
      throw new InputError(
        name,
        'corrupt',
        `ffmpeg 无法解码这个文件（${stderr.trim().split('\n')[0] || '没有声音'}）；请换一个文件或上传字幕`,
      );
    }
    return { durationSec: bytes / BYTES_PER_SECOND, loudness: meter.finish() };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', abort);
    out.destroy();
  }
}

/** The PCM of one stretch of `pcmFile` as a WAV file, ready to send. */
export async function wavSlice(pcmFile: string, startSec: number, endSec: number): Promise<Uint8Array<ArrayBuffer>> {
  const from = Math.floor(startSec * SAMPLE_RATE) * 2;
  const to = Math.floor(endSec * SAMPLE_RATE) * 2;
  const handle = await fs.open(pcmFile, 'r');
  try {
    const wav = Buffer.alloc(44 + (to - from));
    const { bytesRead } = await handle.read(wav, 44, to - from, from);
    writeWavHeader(wav, bytesRead);
    // Buffer.alloc of this size is never pooled: the buffer is this WAV's own.
    return new Uint8Array(wav.buffer as ArrayBuffer, wav.byteOffset, 44 + bytesRead);
  } finally {
    await handle.close();
  }
}

function writeWavHeader(wav: Buffer, dataBytes: number): void {
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(BYTES_PER_SECOND, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
}
