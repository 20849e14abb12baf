/** Where a long recording is cut: in its pauses, so no sentence is split between two requests. */

/** One stretch of the recording sent in one request; seconds from the start of the file. */
export interface AudioChunk {
  /** 1-based, as the teacher is told ("第 2 段"). */
  part: number;
  start: number;
  end: number;
}

export interface ChunkPlanOptions {
  /** The length of one loudness window in the profile, seconds. */
  windowSec: number;
  /** ASR_CHUNK_SEC: no chunk is longer (the OpenAI endpoint takes at most 25 MB, about 13 minutes of 16 kHz audio). */
  maxChunkSec: number;
  /** Windows quieter than this (dBFS) count as silence. */
  silenceDb?: number;
  /** A pause must last this long to be cut in. */
  minSilenceSec?: number;
}

/**
 * The loudness of 16-bit mono PCM in fixed windows, in dBFS (−100 for digital
 * silence). Fed piece by piece so a two-hour recording is never held in memory.
 *
 * @example
 * const meter = new LoudnessMeter(16_000, 0.05);
 * meter.push(pcmPiece); // as ffmpeg's output arrives
 * const profile = meter.finish();
 */
export class LoudnessMeter {
  private readonly windowSamples: number;
  private readonly levels: number[] = [];
  private sum = 0;
  private count = 0;
  private carry: number | null = null;

  constructor(sampleRate: number, windowSec: number) {
    this.windowSamples = Math.max(1, Math.round(sampleRate * windowSec));
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    // A piece may end in the middle of a sample: its low byte waits for the next piece.
    if (this.carry !== null && bytes.length > 0) {
      this.add((((bytes[0]! << 8) | this.carry) << 16) >> 16);
      this.carry = null;
      i = 1;
    }
    for (; i + 1 < bytes.length; i += 2) this.add((((bytes[i + 1]! << 8) | bytes[i]!) << 16) >> 16);
    if (i < bytes.length) this.carry = bytes[i]!;
  }

  finish(): number[] {
    if (this.count > 0) this.close();
    return this.levels;
  }

  private add(sample: number): void {
    this.sum += sample * sample;
    if (++this.count === this.windowSamples) this.close();
  }

  private close(): void {
    const rms = Math.sqrt(this.sum / this.count) / 32768;
    this.levels.push(rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100);
    this.sum = 0;
    this.count = 0;
  }
}

/**
 * Cuts a recording of `durationSec` into chunks of at most `maxChunkSec`,
 * each cut in the middle of the longest pause in the last half of the
 * allowed length (so chunks stay long and few); with no pause there, at the
 * limit itself. Offsets are the chunk starts: a segment at 3.2 s in part 2
 * is at `chunks[1].start + 3.2` in the file.
 *
 * @example
 * planChunks(profile, 1500, { windowSec: 0.05, maxChunkSec: 600 });
 * // → [{ part: 1, start: 0, end: 583.4 }, { part: 2, start: 583.4, end: 1170.1 }, { part: 3, start: 1170.1, end: 1500 }]
 */
export function planChunks(profile: readonly number[], durationSec: number, options: ChunkPlanOptions): AudioChunk[] {
  const { windowSec, maxChunkSec } = options;
  const silenceDb = options.silenceDb ?? -40;
  const minSilence = Math.max(1, Math.round((options.minSilenceSec ?? 0.3) / windowSec));
  const pauses = findPauses(profile, silenceDb, minSilence);

  const chunks: AudioChunk[] = [];
  let start = 0;
  while (durationSec - start > maxChunkSec) {
    const earliest = start + maxChunkSec / 2;
    const latest = start + maxChunkSec;
    let best: { at: number; length: number } | null = null;
    for (const pause of pauses) {
      const from = pause.from * windowSec;
      const to = Math.min(pause.to * windowSec, latest);
      if (to <= earliest || from >= latest) continue;
      const clipped = { from: Math.max(from, earliest), to };
      const length = clipped.to - clipped.from;
      if (!best || length > best.length) best = { at: (clipped.from + clipped.to) / 2, length };
    }
    const end = round(best ? best.at : latest);
    chunks.push({ part: chunks.length + 1, start, end });
    start = end;
  }
  chunks.push({ part: chunks.length + 1, start, end: round(durationSec) });
  return chunks;
}

/** Runs of at least `minWindows` quiet windows, as [from, to) window indexes. */
function findPauses(profile: readonly number[], silenceDb: number, minWindows: number): { from: number; to: number }[] {
  const pauses: { from: number; to: number }[] = [];
  let from = -1;
  for (let i = 0; i <= profile.length; i++) {
    const quiet = i < profile.length && (profile[i] ?? 0) < silenceDb;
    if (quiet && from < 0) from = i;
    if (!quiet && from >= 0) {
      if (i - from >= minWindows) pauses.push({ from, to: i });
      from = -1;
    }
  }
  return pauses;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
