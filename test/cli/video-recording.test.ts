import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingAs, spokenRecording } from '../ingest/recordings.js';
import { compiledBin } from '../support/compiled.js';
import { startTranscriptionServer, type TranscriptionServer } from '../support/transcription-server.js';

/** What the recognizer hears, stretch by stretch. */
const SCRIPT = ['同学们好，今天我们学习分数的初步认识。', '把一个月饼平均分成两份，每份是它的二分之一。', '二分之一写作分数。'];

// `lessonprep run --video` with the recording itself: transcribed by the configured recognizer, as a service upload is.
describe('lessonprep run --video with a recording and an ASR endpoint', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-cli-video-'));
  let asr: TranscriptionServer;
  let video: string;

  beforeAll(async () => {
    let heard = 0;
    asr = await startTranscriptionServer({
      respond: (request) => ({ segments: request.audio.speech.map((stretch) => ({ ...stretch, text: SCRIPT[heard++ % SCRIPT.length]! })) }),
    });
    const { wav } = spokenRecording(work, ['good morning class', 'today we learn fractions', 'one half is one of two equal parts'], 2);
    video = recordingAs(wav, path.join(work, '课堂实录.mp4'));
  });
  afterAll(async () => {
    await asr.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('transcribes it and makes the video outline from the transcript', async () => {
    const textbook = path.join(work, '教材第90页.md');
    fs.writeFileSync(textbook, '# 分数的初步认识\n\n把一个物体平均分成两份，每份是它的二分之一，写作 1/2。\n');
    const out = path.join(work, 'out');
    // Not spawnSync: the recognizer answers from this process's event loop.
    const child = spawn(
      process.execPath,
      [
        compiledBin(),
        'run',
        '--subject',
        '数学',
        '--grade',
        '3',
        '--material',
        textbook,
        '--video',
        video,
        '--video-title',
        '分数（课堂实录）',
        '--out',
        out,
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: path.join(work, 'data'),
          ASR_BASE_URL: asr.url,
          ASR_MODEL: 'whisper-test',
          ASR_CHUNK_SEC: '8',
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code, stderr).toBe(0);
    expect(asr.requests.length).toBeGreaterThan(0);
    const outline = JSON.parse(fs.readFileSync(path.join(out, 'video-outline.json'), 'utf8'));
    expect(outline.videos[0]).toMatchObject({ id: 'V1', title: '分数（课堂实录）' });
    expect(outline.videos[0].durationSec).toBeGreaterThan(5);
    // The clips cite the recording, quoting what the recognizer heard.
    const cited = outline.clips.flatMap((clip: { sources: { file: string; quote: string }[] }) => clip.sources);
    expect(cited.length).toBeGreaterThan(0);
    for (const source of cited) {
      expect(source.file).toBe('课堂实录.mp4');
      expect(SCRIPT).toContain(source.quote);
    }
  });
});
