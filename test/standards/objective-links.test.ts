import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../src/db/schema.js';
import type { LessonRequest, TeachingAnalysis } from '../../src/domain/index.js';
import { loadRunInputs, type MaterialRecord, upsertLesson } from '../../src/lessons/lessons.js';
import { createRun } from '../../src/lessons/runs.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { type Engine, engineModel } from '../../src/pipeline/engine.js';
import { hashOf } from '../../src/pipeline/hash.js';
import { STEPS } from '../../src/pipeline/registry.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { renderPlanDocx } from '../../src/render/plan-docx.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { type ChatRequest, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';
import { STANDARD, TEXTBOOK } from './made-standard.js';

const REQUEST: LessonRequest = {
  title: '分数的初步认识',
  subject: '数学',
  grade: 3,
  periodMinutes: 40,
  edition: null,
  unit: null,
  classProfile: null,
};

let server: OpenAIServer;
let respond: (request: ChatRequest) => Reply = () => ({ status: 500 });
const data = tempDataDir();
beforeAll(async () => {
  server = await startOpenAIServer({ respond: (request) => respond(request) });
});
afterAll(async () => {
  await server.close();
  data.cleanup();
});

async function runLesson(engine: Engine) {
  const put = (text: string) => data.store.put(new TextEncoder().encode(text), 'text/plain');
  const files: MaterialRecord[] = [
    { name: '分数教材.txt', sha256: await put(TEXTBOOK), kind: 'textbook' },
    { name: '数学课程标准.txt', sha256: await put(STANDARD), kind: 'curriculumStandard' },
  ];
  const lessonId = upsertLesson(data.db, REQUEST, hashOf({ REQUEST, files }), files, LOCAL_USER_ID);
  const runId = createRun(data.db, lessonId, { engine: engine.kind, model: engineModel(engine), theme: 'qingsong' });
  const outcome = await runPipeline({
    db: data.db,
    store: data.store,
    engine,
    runId,
    steps: STEPS,
    inputs: loadRunInputs(data.db, lessonId, 'qingsong'),
  });
  expect(outcome.status, outcome.error?.message).toBe('succeeded');
  return outcome.results;
}

const linksOf = (analysis: TeachingAnalysis) => analysis.objectives.map((o) => [o.text, o.standardIds]);

describe('objectives linked to the 课标 items they serve', () => {
  let offline: Awaited<ReturnType<typeof runLesson>>;

  it('offline: each objective links by shared words to the retrieved items, and one with none links to none', async () => {
    offline = await runLesson({ kind: 'offline' });
    const analysis = offline.T2!;
    expect(analysis.standards.map((s) => s.id)).toEqual(['K1', 'K2', 'K3']);
    expect(analysis.standards.every((s) => s.origin === 'material' && s.sources[0]?.file === '数学课程标准.txt')).toBe(true);
    const byId = Object.fromEntries(analysis.standards.map((s) => [s.id, s.text]));
    const links = Object.fromEntries(analysis.objectives.map((o) => [o.text, (o.standardIds ?? []).map((id) => byId[id])]));
    const compare = Object.entries(links).find(([text]) => text.includes('比较同分母'))!;
    expect(compare[1].join('')).toContain('比较同分母分数的大小');
    const poem = Object.entries(links).find(([text]) => text.includes('朗读'))!;
    expect(poem[1]).toEqual([]);
    // The plan carries the links to T3 and shows them: items marked ①②③, objectives 「对应课标 ②」.
    const plan = offline.T3!;
    expect(linksOf(plan as TeachingAnalysis)).toEqual(linksOf(analysis));
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toMatch(/① .*第 ?\d/u);
    const compareMark = String.fromCodePoint(
      0x2460 + Number(analysis.objectives.find((o) => o.text.includes('比较同分母'))!.standardIds![0]!.slice(1)) - 1,
    );
    expect(markdown).toContain(`（对应课标 ${compareMark}`);
    const docx = await JSZip.loadAsync(await renderPlanDocx(plan));
    expect(await docx.file('word/document.xml')!.async('string')).toContain('对应课标');
  });

  it('model: the model is given the items with ids; ids it returns that name no item are dropped, and 课标要求 are the items as quoted', async () => {
    const requests: ChatRequest[] = [];
    const offlineAnswers = answerLikeOffline(offline);
    respond = (request) => {
      requests.push(request);
      if (requestedSchema(request) !== 'teaching_analysis') return offlineAnswers(request);
      const analysis = offline.T2!;
      return {
        json: {
          ...analysis,
          standards: [{ text: '模型转述的课标要求', origin: 'model', sources: [] }],
          objectives: analysis.objectives.map((o, i) => ({ ...o, standardIds: i === 0 ? ['K2', 'K9'] : [] })),
        },
      };
    };
    const engine: Engine = {
      kind: 'openai-compatible',
      config: {
        provider: null,
        baseURL: server.url,
        model: 'local-test-model',
        apiKey: 'sk-links-test',
        method: 'jsonSchema',
        temperature: 0,
        timeoutMs: 10_000,
        maxRetries: 0,
        retryBaseMs: 10,
        concurrency: 2,
      },
      cache: new ResponseCache(data.db),
    };
    const results = await runLesson(engine);
    const prompt = requests
      .find((r) => requestedSchema(r) === 'teaching_analysis')!
      .messages.map((m) => m.content)
      .join('\n');
    expect(prompt).toMatch(/<<<MATERIAL \w+ K1 数学课程标准\.txt 第 \d 页>>>/u);
    expect(prompt).toContain('standardIds');
    const analysis = results.T2!;
    expect(analysis.standards).toEqual(offline.T2!.standards);
    expect(analysis.objectives[0]!.standardIds).toEqual(['K2']);
    expect(analysis.objectives.slice(1).every((o) => o.standardIds?.length === 0)).toBe(true);
  });
});
