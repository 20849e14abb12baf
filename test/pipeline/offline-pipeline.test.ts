import { afterAll, describe, expect, it } from 'vitest';
import { runCase } from '../../eval/run-case.js';
import { LessonPlan, type SourceRef, textBlocksOf } from '../../src/domain/index.js';
import { packagePath } from '../../src/paths.js';
import { citationChecker, collectSources } from '../../src/steps/shared/citations.js';
import { isMeasurable } from '../../src/steps/shared/verbs.js';
import { isVerbatim } from '../../src/text/verbatim.js';
import { tempDataDir } from '../support/temp-db.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const data = tempDataDir();
afterAll(() => data.cleanup());

describe('the offline engine on the shipped demo lesson', () => {
  it('runs all nine steps and produces a plan a teacher could start from', async () => {
    const { outcome, events } = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('succeeded');
    const finished = events.flatMap((e) => (e.type === 'step' && e.status === 'finished' ? [e.stepId] : []));
    expect(finished.sort()).toEqual(['C1', 'C2', 'C3', 'T1', 'T2', 'T3', 'V1', 'V2', 'V3']);

    const plan = LessonPlan.parse(outcome.results.T3);
    expect(plan.provenance).toMatchObject({ engine: 'offline', aiUsed: false, model: null });
    expect(plan.process.reduce((sum, step) => sum + step.minutes, 0)).toBe(40);
    for (const objective of plan.objectives) {
      expect(isMeasurable(objective.text)).toBe(true);
      expect(plan.sheets.masteryCheck.items.some((item) => item.objectiveIds.includes(objective.id))).toBe(true);
    }
    for (const item of plan.sheets.masteryCheck.items) expect(item.answer).toBeTruthy();
    expect(plan.keyPoints.map((k) => k.text).join()).toContain('周长');
    expect(plan.boardDesign.text).toContain('周长');

    // Every citation points at a readable page or a moment inside the video.
    const exists = citationChecker(outcome.results.T1!, outcome.results.V1!);
    const cited = [...collectSources(plan), ...collectSources(outcome.results.V3)];
    expect(cited.length).toBeGreaterThan(3);
    for (const ref of cited) expect(exists(ref), JSON.stringify(ref)).toBe(true);

    const outline = outcome.results.V3!;
    expect(outline.clips.length).toBeGreaterThan(0);
    for (const clip of outline.clips) {
      expect(clip.end).toBeLessThanOrEqual(outline.videos[0]!.durationSec);
      expect(plan.process.find((step) => step.id === clip.stepId)!.name).toBe(clip.stepName);
    }
    const deck = outcome.results.C3!;
    expect(deck.slides).toBeGreaterThanOrEqual(plan.process.length);
    expect((await data.store.get(deck.sha256)).byteLength).toBe(deck.bytes);
  });

  it('says honestly where every block comes from: the material’s own words on the page cited, else rule wording', async () => {
    const { outcome } = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    const plan = outcome.results.T3!;
    const digest = outcome.results.T1!;
    const page = (ref: SourceRef) => digest.files.find((f) => f.name === ref.file)?.pages.find((p) => p.page === ref.page)?.text ?? '';
    const blocks = textBlocksOf(plan);
    const origins = new Set(blocks.map(({ block }) => block.origin));
    // No model ran: nothing may say it did, and the teacher typed only the 课题 and what she knows of her class.
    expect(origins.has('model')).toBe(false);
    expect(blocks.filter(({ block }) => block.origin === 'teacher').map(({ path }) => path.join('.'))).toEqual([
      'learnerAnalysis',
      'title',
    ]);
    const material = blocks.filter(({ block }) => block.origin === 'material');
    expect(material.length).toBeGreaterThan(5);
    // A block may list several of the book's sentences (its definitions, then its formulas), one per line: each is the book's own.
    for (const { path, block } of material) {
      for (const line of block.text.split('\n'))
        expect(isVerbatim(line, block.sources.map(page).join('\n')), `${path.join('.')}: ${line}`).toBe(true);
    }
    expect(plan.process.map((step) => step.id)).toEqual(plan.process.map((_, i) => `S${i + 1}`));
    // The book's worked examples are in the plan with its own working.
    expect(plan.process.filter((step) => step.teacherActivity.text.startsWith('例')).map((step) => step.teacherActivity.origin)).toEqual([
      'material',
      'material',
    ]);
  });

  it('re-runs nothing when nothing changed', async () => {
    const { outcome, events } = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    expect(outcome.status).toBe('succeeded');
    const statuses = events.flatMap((e) => (e.type === 'step' ? [e.status] : []));
    expect(new Set(statuses)).toEqual(new Set(['cached']));
  });

  it('is deterministic: a fresh database gives the same plan', async () => {
    const other = tempDataDir();
    try {
      const first = await runCase(DEMO, { db: other.db, store: other.store, engine: { kind: 'offline' } });
      const again = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
      const strip = (plan: unknown) => JSON.stringify({ ...(plan as object), provenance: null });
      expect(strip(first.outcome.results.T3)).toBe(strip(again.outcome.results.T3));
      expect(first.outcome.results.C3!.sha256).toBe(again.outcome.results.C3!.sha256);
    } finally {
      other.cleanup();
    }
  });
});
