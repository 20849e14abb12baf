import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../eval/run-case.js';
import { LOCAL_USER_ID } from '../../src/db/schema.js';
import type { LessonDesign, LessonRequest } from '../../src/domain/index.js';
import { loadRunInputs, type MaterialRecord, upsertLesson } from '../../src/lessons/lessons.js';
import { createRun } from '../../src/lessons/runs.js';
import type { ModelConfig, StructuredMethod } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { packagePath } from '../../src/paths.js';
import { type Engine, engineModel } from '../../src/pipeline/engine.js';
import { hashOf } from '../../src/pipeline/hash.js';
import { STEPS } from '../../src/pipeline/registry.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { subjectProfile } from '../../src/steps/shared/subjects.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { type ChatRequest, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';

/**
 * The model path end to end through the real ChatOpenAI client: what each
 * step's prompt carries (C2 the objectives, homework and studied text; T3 the
 * video chapters with times), what the answer may not carry (a link the model
 * made up, a file name as 课题), and the cross-field rules sent back once for
 * repair. The "model" answers like the offline engine, edited per test.
 */

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
let server: OpenAIServer;
let respond: (req: ChatRequest) => Reply = () => ({ status: 500 });

beforeAll(async () => {
  server = await startOpenAIServer({ respond: (req) => respond(req) });
});
afterAll(async () => {
  await server.close();
});

/** What the tests change in the demo lesson: its request (no 课题) or its video (no address). */
interface Lesson {
  request: LessonRequest;
  videoUrl: string | null;
}

/** Runs the demo lesson's files through the nine steps as the CLI would (stored files, lesson and run rows), with `lesson` as its request. */
async function runLesson(lesson: Lesson, engine: Engine, data: ReturnType<typeof tempDataDir>) {
  const demo = loadCase(DEMO);
  const put = (file: string) => data.store.put(fs.readFileSync(path.join(DEMO, file)), 'application/octet-stream');
  const files: MaterialRecord[] = [];
  for (const m of demo.materials) files.push({ name: path.basename(m.file), sha256: await put(m.file), kind: m.kind });
  for (const t of demo.transcripts) {
    const video = { url: lesson.videoUrl, title: t.title, durationSec: t.durationSec };
    files.push({ name: path.basename(t.file), sha256: await put(t.file), kind: 'transcript', video });
  }
  const lessonId = upsertLesson(data.db, lesson.request, hashOf({ lesson, files }), files, LOCAL_USER_ID);
  const runId = createRun(data.db, lessonId, { engine: engine.kind, model: engineModel(engine), theme: 'qingsong' });
  return runPipeline({ db: data.db, store: data.store, engine, runId, steps: STEPS, inputs: loadRunInputs(data.db, lessonId, 'qingsong') });
}

const demoLesson = (): Lesson => {
  const demo = loadCase(DEMO);
  return { request: demo.request, videoUrl: demo.transcripts[0]!.url };
};

function engineFor(method: StructuredMethod, data: ReturnType<typeof tempDataDir>): Engine {
  const config: ModelConfig = {
    provider: null,
    baseURL: server.url,
    model: 'local-test-model',
    apiKey: 'sk-model-path-test',
    method,
    temperature: 0,
    timeoutMs: 10_000,
    maxRetries: 0,
    retryBaseMs: 10,
    concurrency: 4,
  };
  return { kind: 'openai-compatible', config, cache: new ResponseCache(data.db) };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests edit answers of six different schemas in place.
type Edit = (schema: string, answer: any, attempt: number) => unknown;

/**
 * Runs `dir` offline, then through the model path with a "model" that answers
 * like the offline run, edited by `edit` (attempt 0 is the first answer for a
 * schema, 1 the answer after the product's repair message).
 */
async function runModelPath(lesson: Lesson, method: StructuredMethod, edit: Edit) {
  const data = tempDataDir();
  try {
    const offline = (await runLesson(lesson, { kind: 'offline' }, data)).results;
    const base = answerLikeOffline(offline);
    const attempts = new Map<string, number>();
    respond = (req) => {
      const reply = base(req);
      const schema = requestedSchema(req) ?? '';
      const attempt = attempts.get(schema) ?? 0;
      attempts.set(schema, attempt + 1);
      return 'json' in reply ? { ...reply, json: edit(schema, structuredClone(reply.json), attempt) ?? reply.json } : reply;
    };
    const before = server.requests.length;
    const outcome = await runLesson(lesson, engineFor(method, data), data);
    const requests = server.requests.slice(before);
    const of = (schema: string) => requests.filter((r) => requestedSchema(r) === schema);
    return { offline, outcome, requests, of };
  } finally {
    data.cleanup();
  }
}

/** The prompt as the model reads it, without the fenced material (markers and labels included). */
function outsideFences(req: ChatRequest): string {
  return req.messages
    .slice(0, 2)
    .map((m) => m.content)
    .join('\n')
    .replace(/<<<MATERIAL (\w+) [^\n]*>>>[\s\S]*?<<<END \1>>>/g, '');
}

const userOf = (req: ChatRequest) => req.messages.find((m) => m.role === 'user')?.content ?? '';
const systemOf = (req: ChatRequest) => req.messages.find((m) => m.role === 'system')?.content ?? '';
const lastOf = (req: ChatRequest) => req.messages.at(-1)?.content ?? '';

describe('the model path: what each prompt carries', () => {
  const POEM = '一个长方形花坛，长 8 米，宽 5 米，四周围上栅栏。';
  let run: Awaited<ReturnType<typeof runModelPath>>;
  let clip: { videoId: string; start: number; end: number };

  beforeAll(async () => {
    run = await runModelPath(demoLesson(), 'jsonSchema', (schema, answer: LessonDesign, attempt) => {
      if (schema !== 'lesson_design' || attempt > 0) return answer;
      // The clip the model picks for the first new-content step: the video's second chapter, as V2 timed it.
      const chapter = run?.offline.V2?.videos[0]?.chapters[1] ?? { start: 60, end: 120 };
      clip = { videoId: 'V1', start: chapter.start, end: chapter.end };
      const step = answer.process.find((s) => s.role === 'new-content') ?? answer.process[1]!;
      for (const s of answer.process) s.clip = null;
      step.clip = clip;
      answer.sheets.exploration.items[0]!.passage = { text: POEM, origin: 'model', sources: [] };
      return answer;
    });
  });

  it('runs every step to the end', () => {
    expect(run.outcome.error).toBeNull();
    expect(run.outcome.status).toBe('succeeded');
  });

  it('T3 sees each video with its duration and its chapters with times, and the subject pattern as guidance', () => {
    const [t3] = run.of('lesson_design');
    const chapters = run.offline.V2!.videos[0]!.chapters;
    expect(userOf(t3!)).toContain('V1《');
    expect(userOf(t3!)).toContain('时长 736 秒');
    for (const c of chapters) expect(userOf(t3!)).toContain(`${c.start}–${c.end} 秒`);
    expect(systemOf(t3!)).toContain(subjectProfile('数学').processPattern);
    expect(systemOf(t3!)).toContain('不是必须照搬');
    expect(systemOf(t3!)).toContain('reading（诵读感知）');
  });

  it('the clip T3 assigns stays on its step, and V3 is told about it', () => {
    const plan = run.outcome.results.T3!;
    expect(plan.process.filter((s) => s.clip !== null).map((s) => s.clip)).toEqual([clip]);
    const [v3] = run.of('video_outline');
    expect(userOf(v3!)).toContain(`"clip":${JSON.stringify(clip)}`);
  });

  it('C2 gets the objectives, key points, homework and the studied text its slides show', () => {
    const plan = run.outcome.results.T3!;
    const [c2] = run.of('deck_spec');
    const user = userOf(c2!);
    for (const o of plan.objectives) expect(user).toContain(o.text);
    expect(user).toContain(plan.keyPoints[0]!.text);
    for (const b of [...plan.homework.basic, ...plan.homework.advanced, ...plan.homework.challenge]) expect(user).toContain(b.text);
    expect(user).toContain(POEM);
  });

  it("C2's schema has no link for the model to write, and the deck links only the teacher's video address", () => {
    const [c2] = run.of('deck_spec');
    const schema = JSON.stringify(c2!.body.response_format.json_schema.schema);
    expect(schema).not.toContain('"url"');
    const clips = run.outcome.results.C2!.slides.filter((s) => s.layout === 'clip');
    expect(clips.length).toBeGreaterThan(0);
    for (const slide of clips) expect(slide.media?.url).toMatch(/^https:\/\/basic\.smartedu\.cn\//);
  });

  it('every schema that cites defines the source once ($defs), not at every use', () => {
    for (const schema of ['teaching_analysis', 'lesson_design', 'video_outline']) {
      const sent = JSON.stringify(run.of(schema)[0]!.body.response_format.json_schema.schema);
      expect(sent.split('"quote":').length - 1, schema).toBe(1);
      expect(sent).toContain('"$defs"');
    }
  });
});

describe('the model path without a 课题 or a video address', () => {
  let run: Awaited<ReturnType<typeof runModelPath>>;

  beforeAll(async () => {
    run = await runModelPath(
      { request: { ...demoLesson().request, title: null }, videoUrl: null },
      'functionCalling',
      (schema, answer, attempt) => {
        // First the file name as 课题 (what the product used to print on every page), then a real one.
        if (schema === 'lesson_design')
          answer.title = { text: attempt === 0 ? 'textbook-p82-84' : '长方形和正方形的周长', origin: 'model', sources: [] };
        return answer;
      },
    );
  });

  it('runs every step to the end', () => {
    expect(run.outcome.error).toBeNull();
  });

  it('sends a file name as 课题 back once, and the plan keeps the real one', () => {
    const design = run.of('lesson_design');
    expect(design).toHaveLength(2);
    expect(lastOf(design[1]!)).toContain('是文件名，不是课题');
    expect(run.outcome.results.T3!.title.text).toBe('长方形和正方形的周长');
    // The deck carries the plan's 课题, whatever the brief's model wrote.
    expect(run.outcome.results.C1!.title).toBe('长方形和正方形的周长');
    expect(run.outcome.results.C2!.title).toBe('长方形和正方形的周长');
  });

  it("never shows the material's title outside the untrusted-material fence", () => {
    const found = run.offline.T1!.title.text;
    expect(run.offline.T1!.title.origin).not.toBe('teacher');
    for (const req of run.requests) expect(outsideFences(req), requestedSchema(req) ?? '').not.toContain(found);
  });

  it('links nothing when the video has no address, and tells the teacher where to play the clip from', () => {
    const slides = run.outcome.results.C2!.slides;
    expect(slides.every((s) => s.media === null)).toBe(true);
    const clips = slides.filter((s) => s.layout === 'clip');
    expect(clips.length).toBeGreaterThan(0);
    for (const slide of clips) expect(slide.notes).toContain('本片段没有在线地址');
    expect(run.outcome.results.C3!.warnings.some((w) => w.includes('没有在线地址'))).toBe(true);
  });
});

describe('cross-field rules: the validation message goes back to the model once', () => {
  let run: Awaited<ReturnType<typeof runModelPath>>;

  beforeAll(async () => {
    const POEM = '长方形对边相等，\n周长等于长加宽的和乘二。';
    let readingStep = '';
    run = await runModelPath(demoLesson(), 'jsonMode', (schema, answer, attempt) => {
      if (schema === 'lesson_design' && attempt > 0) {
        // The repaired design reads a text in its first step and prints it on the 探究单.
        readingStep = answer.process[0].id;
        answer.process[0].role = 'reading';
        answer.sheets.exploration.items[0].passage = { text: POEM, origin: 'model', sources: [] };
      }
      // The repaired deck shows the studied text, line by line, on the reading step's slide.
      if (schema === 'deck_spec' && attempt > 0)
        answer.slides.find((s: { stepId: string }) => s.stepId === readingStep).body = POEM.split('\n');
      if (attempt > 0) return answer;
      if (schema === 'lesson_design') {
        answer.process[1].clip = { videoId: 'V1', start: 700, end: 900 };
        // Paper shows no picture and no table it does not print; a reading step needs its text on the 探究单.
        answer.process[0].role = 'reading';
        for (const item of answer.sheets.exploration.items) item.passage = null;
        answer.sheets.exploration.items[0].prompt.text = '如图，量出长方形花坛四条边的长度。';
        answer.sheets.preStudy.items[0].prompt.text = '把你量得的结果填写在表格里。';
        answer.sheets.preStudy.items[0].table = null;
      }
      if (schema === 'video_outline') {
        const c = answer.clips[0];
        c.pauseQuestions = [{ at: c.end + 30, question: '长方形的周长怎样计算？' }];
      }
      if (schema === 'deck_brief') answer.totalSlides += 3;
      if (schema === 'deck_spec') answer.slides.push(...answer.slides.slice(2, 6));
      return answer;
    });
  });

  it('repairs each step with the message that names the problem', () => {
    expect(run.outcome.error).toBeNull();
    const repaired = (schema: string) => {
      const requests = run.of(schema);
      expect(requests, schema).toHaveLength(2);
      return lastOf(requests[1]!);
    };
    const design = repaired('lesson_design');
    expect(design).toContain('超出视频 V1 的时长 736 秒');
    expect(design).toContain('sheets.exploration.items.0.prompt: 学习单上不印图');
    expect(design).toContain('sheets.preStudy.items.0.table: 题目提到表格却没有给出');
    expect(design).toContain('探究单须在 passage 中印出所学的文本');
    expect(repaired('video_outline')).toMatch(/暂停时间 at=\d+(\.\d+)? 不在片段/);
    expect(repaired('deck_brief')).toMatch(/totalSlides 须等于.*即 \d+/);
    const deck = repaired('deck_spec');
    expect(deck).toMatch(/超出课件规划的 \d+ 页/);
    expect(deck).toContain('的幻灯片须在正文中原样展示所学文本（一行一句），例如“长方形对边相等”');
  });

  it('renders no more slides than C1 planned', () => {
    const planned = run.outcome.results.C1!.totalSlides;
    expect(run.outcome.results.C2!.slides.length).toBeLessThanOrEqual(planned);
    expect(run.outcome.results.C3!.slides).toBe(run.outcome.results.C2!.slides.length);
  });
});
