import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedInTeacher } from '../support/accounts.js';
import { api, upload, waitForRun } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';
import { startTranscriptionServer, type TranscriptionServer } from '../support/transcription-server.js';
import { recordingAs, spokenRecording } from './recordings.js';

/** What the recognizer hears, stretch by stretch: a short lesson opening. */
const SCRIPT = [
  '同学们好，今天我们学习分数的初步认识。',
  '把一个月饼平均分成两份，每份是这个月饼的二分之一。',
  '二分之一写作分数，中间的横线叫分数线。',
  '下面请同学们动手折一折，找出一张纸的二分之一。',
];
const SPOKEN = ['good morning class', 'today we learn fractions', 'one half is one of two equal parts', 'now let us practise together'];

describe('a lesson video uploaded to the service with an ASR endpoint', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-asrsvc-'));
  let asr: TranscriptionServer;
  let service: TestService;
  let teacher: SignedIn;
  let video: string;

  beforeAll(async () => {
    let heard = 0;
    asr = await startTranscriptionServer({
      respond: (request) => ({ segments: request.audio.speech.map((stretch) => ({ ...stretch, text: SCRIPT[heard++ % SCRIPT.length]! })) }),
    });
    const { wav } = spokenRecording(dataDir, SPOKEN, 2);
    video = recordingAs(wav, path.join(dataDir, '分数的初步认识_课堂实录.mp4'));
    service = await startService(dataDir, {
      env: { ASR_BASE_URL: asr.url, ASR_MODEL: 'whisper-test', ASR_API_KEY: 'sk-asr-secret', ASR_CHUNK_SEC: '8' },
    });
    teacher = await signedInTeacher(service.url);
  });
  afterAll(async () => {
    await service.stop();
    await asr.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is accepted at once as recognising; a run transcribes it, and V1 to V3 make the video outline from the transcript', async () => {
    const lessonId = (await api(teacher, 'POST', '/api/lessons', { title: '分数的初步认识', subject: '数学', grade: 3 })).body.id;
    // A run needs a text material besides the video.
    const textbook = path.join(dataDir, '教材第90页.md');
    fs.writeFileSync(
      textbook,
      '# 分数的初步认识\n\n把一个物体平均分成两份，每份是它的二分之一，写作 1/2。\n\n## 做一做\n\n用一张长方形纸折出它的二分之一，涂上颜色。\n',
    );
    expect((await upload(teacher, lessonId, textbook, { kind: 'textbook' })).status).toBe(201);
    const uploaded = await upload(teacher, lessonId, video, { videoTitle: '分数的初步认识（课堂实录）' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.material).toMatchObject({ kind: 'transcript', videoTitle: '分数的初步认识（课堂实录）' });
    expect(uploaded.body.material.videoDurationSec).toBeGreaterThan(10);
    expect(uploaded.body.report).toMatchObject({ format: 'asr', processing: { status: 'recognising' } });

    const run = await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' });
    expect(run.status).toBe(202);
    const finished = await waitForRun(teacher, run.body.id, 240_000);
    expect(finished.error).toBeNull();
    expect(finished.status).toBe('succeeded');

    const material = (await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body.find(
      (m: { kind: string }) => m.kind === 'transcript',
    );
    expect(material.processing).toMatchObject({ status: 'ready', error: null });
    expect(material.processing.pagesDone).toBe(material.processing.pagesTotal);
    expect(material.processing.pagesTotal).toBeGreaterThan(1);

    const artifacts = (await api(teacher, 'GET', `/api/lessons/${lessonId}/artifacts`)).body as { id: string; stepId: string }[];
    const json = async (stepId: string) =>
      (await api(teacher, 'GET', `/api/artifacts/${artifacts.find((a) => a.stepId === stepId)!.id}`)).body.json;
    const v1 = await json('V1');
    expect(v1.videos[0]).toMatchObject({ format: 'asr', file: '分数的初步认识_课堂实录.mp4', title: '分数的初步认识（课堂实录）' });
    expect(v1.videos[0].cues.map((c: { text: string }) => c.text)).toEqual(SCRIPT);
    expect(v1.videos[0].warnings.join('')).toContain('语音识别');
    const v3 = await json('V3');
    expect(JSON.stringify(v3)).toContain('二分之一');

    // The key went to the recognizer, and nowhere into what the service keeps.
    expect(asr.requests.every((r) => r.authorization === 'Bearer sk-asr-secret')).toBe(true);
    for (const file of fs.readdirSync(dataDir).filter((name) => name.startsWith('lessonprep.sqlite'))) {
      expect(fs.readFileSync(path.join(dataDir, file)).includes('sk-asr-secret')).toBe(false);
    }
  });

  it('transcribes a recording once: a second lesson with the same video sends nothing', async () => {
    const before = asr.requests.length;
    const lessonId = (await api(teacher, 'POST', '/api/lessons', { title: '分数', subject: '数学', grade: 3 })).body.id;
    const uploaded = await upload(teacher, lessonId, video);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.report.processing).toMatchObject({ status: 'ready' });
    expect(uploaded.body.report.cues).toBe(SCRIPT.length);
    expect(asr.requests.length).toBe(before);
  });
});
