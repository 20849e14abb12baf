import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A spoken line of a made recording and where it is, in seconds from the start. */
export interface SpokenLine {
  say: string;
  start: number;
  end: number;
}

const run = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args]);
const durationOf = (file: string) =>
  Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString());

/**
 * Makes a real recording with ffmpeg: English lines spoken by its flite voice,
 * `pauseSec` of silence between them, as a 16 kHz WAV in `dir`. Returns the
 * file and where each line is.
 */
export function spokenRecording(dir: string, lines: readonly string[], pauseSec: number): { wav: string; lines: SpokenLine[] } {
  const work = fs.mkdtempSync(path.join(dir, 'parts-'));
  try {
    const spoken: SpokenLine[] = [];
    const parts: string[] = [];
    let at = 0;
    lines.forEach((say, i) => {
      const part = path.join(work, `line${i}.wav`);
      // Trimmed of flite's own leading and trailing quiet, so the line is where its speech is.
      const trim = 'silenceremove=start_periods=1:start_threshold=-50dB';
      run([
        '-f',
        'lavfi',
        '-i',
        `flite=text='${say}':voice=slt`,
        '-af',
        `${trim},areverse,${trim},areverse`,
        '-ar',
        '16000',
        '-ac',
        '1',
        part,
      ]);
      const length = durationOf(part);
      spoken.push({ say, start: at, end: at + length });
      parts.push(part);
      at += length;
      if (i < lines.length - 1) {
        const pause = path.join(work, `pause${i}.wav`);
        run(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', String(pauseSec), pause]);
        parts.push(pause);
        at += pauseSec;
      }
    });
    const list = path.join(work, 'list.txt');
    fs.writeFileSync(list, parts.map((p) => `file '${p}'`).join('\n'));
    const wav = path.join(dir, 'speech.wav');
    run(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', wav]);
    return { wav, lines: spoken };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The recording in the container `file`'s extension names; .mp4/.mov/.mkv get a video track too. */
export function recordingAs(wav: string, file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (['.mp4', '.mov', '.mkv'].includes(ext)) {
    const seconds = durationOf(wav);
    run(['-f', 'lavfi', '-i', `color=c=white:s=160x120:r=5:d=${seconds}`, '-i', wav, '-c:v', 'mpeg4', '-c:a', 'aac', '-shortest', file]);
  } else {
    run(['-i', wav, '-ar', '44100', file]);
  }
  return file;
}
