import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../eval/cli/main.js';
import { ReportJson } from '../../eval/report/schema.js';
import { SCORERS } from '../../eval/scorers/registry.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { readRecordedAnswers } from '../support/recorded-answers.js';
import { recordedCaseIds, recordedCasesResponder } from './recorded.js';
import { caseDir, evaluateOffline } from './support.js';

/** The quality checks issue 7 asks the eval to tell a good draft from today's offline one by. */
const QUALITY = ['boilerplate', 'must-see', 'answer-keys', 'objective-fit'] as const;

const ids = recordedCaseIds();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-recorded-'));
let server: OpenAIServer;
let model: ReportJson;
let offline: Awaited<ReturnType<typeof evaluateOffline>>;

beforeAll(async () => {
  server = await startOpenAIServer({ respond: recordedCasesResponder(ids) });
  const env = {
    LLM_BASE_URL: server.url,
    LLM_MODEL: 'recorded',
    LLM_API_KEY: 'sk-local',
    LLM_STRUCTURED_METHOD: 'jsonSchema',
    LLM_MAX_RETRIES: '0',
  };
  const out = path.join(work, 'reports');
  const args = ['--engine', 'openai', '--cases', ids.join(','), '--data', path.join(work, 'data'), '--out', out];
  await main([...args, '--baseline', path.join(work, 'baseline.json')], { out: () => {}, err: () => {}, env });
  const json = fs.readdirSync(out).find((f) => f.endsWith('.json'))!;
  model = ReportJson.parse(JSON.parse(fs.readFileSync(path.join(out, json), 'utf8')));
  offline = await evaluateOffline(ids);
}, 300_000);
afterAll(async () => {
  await server.close();
  offline.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

const mean = (scores: (number | null | undefined)[]) => {
  const present = scores.filter((s): s is number => typeof s === 'number');
  return present.reduce((a, b) => a + b, 0) / present.length;
};

describe('recorded model answers (eval/cases/<case>/recorded/)', () => {
  it('covers at least three lessons, each answer saying who wrote it, when, for which prompt and how', () => {
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      const answers = readRecordedAnswers(caseDir(id));
      expect([...answers.keys()].sort(), id).toEqual(['deck_brief', 'deck_spec', 'lesson_design', 'teaching_analysis']);
      for (const { provenance } of answers.values()) {
        expect(provenance.writtenBy).toBe('helper agent acting as the model');
        expect(provenance.promptVersion).toMatch(/^[0-9a-f]{12}$/);
        expect(provenance.method).toContain('model-relay');
      }
    }
  });

  it('runs the model path on every recorded lesson through the real client, four model calls each', () => {
    for (const c of model.cases) {
      expect(c.status, `${c.id}: ${c.error}`).toBe('succeeded');
      expect(c.usage.calls, c.id).toBe(4);
    }
  });

  it.each(QUALITY)('holds the recorded (good) drafts to the %s threshold, as the gate holds the offline ones', (column) => {
    const threshold = SCORERS.find((s) => s.id === column)!.threshold;
    const good = mean(model.cases.map((c) => c.scores[column]?.score));
    const offlineMean = mean(offline.cases.map((c) => c.row.scores[column]?.score));
    expect(good, `${column}: recorded ${good.toFixed(2)}, offline ${offlineMean.toFixed(2)}`).toBeGreaterThanOrEqual(threshold);
  });

  it('finds every must-see text of the recorded lessons in the model’s plan, sheets and deck', () => {
    for (const c of model.cases) expect(c.scores['must-see']?.findings, c.id).toEqual([]);
  });
});
