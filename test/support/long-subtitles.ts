import fs from 'node:fs';
import { parseCueBlocks } from '../../src/ingest/subtitles.js';
import { packagePath } from '../../src/paths.js';

const SOURCE = packagePath('eval/cases/demo-shuxue-g3-zhouchang/video/zhouchang.srt');

function timestamp(sec: number): string {
  const ms = Math.round(sec * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/**
 * An SRT file of `cueCount` cues made from the demo lesson's subtitles played
 * over and over (the same sentences, pauses and transitions, with times that
 * keep counting): what a careless or hostile upload of a very long recording
 * looks like to V1 and V2. `spanSec` squeezes all cues into a recording of
 * that length instead (thousands of cues a minute: the densest input there is).
 *
 * @example
 * const { text, durationSec } = longSubtitles(100_000); // ≈ 7 MB, ≈ 140 hours at the demo's pace
 * longSubtitles(100_000, { spanSec: 7200 }); // the same cues in two hours
 */
export function longSubtitles(cueCount: number, options: { spanSec?: number } = {}): { text: string; durationSec: number } {
  const cues = parseCueBlocks(fs.readFileSync(SOURCE, 'utf8').replace(/\r/g, '')).cues;
  const period = cues.at(-1)!.end + 3;
  const natural = Math.ceil(cueCount / cues.length) * period;
  const scale = options.spanSec ? options.spanSec / natural : 1;
  const blocks: string[] = [];
  for (let i = 0; i < cueCount; i++) {
    const cue = cues[i % cues.length]!;
    const offset = Math.floor(i / cues.length) * period;
    blocks.push(`${i + 1}\n${timestamp((cue.start + offset) * scale)} --> ${timestamp((cue.end + offset) * scale)}\n${cue.text}\n`);
  }
  return { text: blocks.join('\n'), durationSec: Math.ceil(natural * scale) };
}
