import { stepById } from '../../src/pipeline/registry.js';
import type { StepId } from '../../src/pipeline/step.js';
import { defineScorer, shareWithoutProblems } from './define.js';

const TEXT_AND_DECK: readonly StepId[] = ['T1', 'T2', 'T3', 'C1', 'C2', 'C3'];
const VIDEO: readonly StepId[] = ['V1', 'V2', 'V3'];

/**
 * 结构合法: each artifact parses against its step's own output schema (the
 * registry's, so the eval and the runner can never disagree). The schemas
 * hold the rules a prep lead checks by eye — minutes add up, every 达标检测
 * item names an objective — so an artifact that slips past them is broken.
 */
export const schemaValid = defineScorer({
  id: 'schema-valid',
  title: '结构合法',
  definition: '每一步的产出都符合它的数据格式（含“用时合计等于课时”“检测题注明目标”等硬规则）',
  needs: [],
  targets: ['break-minutes', 'remove-sheets', 'delete-key-points'],
  threshold: 1,
  tolerance: 0,
  score: ({ results, hasVideo }) => {
    const expected = hasVideo ? [...TEXT_AND_DECK, ...VIDEO] : TEXT_AND_DECK;
    return shareWithoutProblems(
      expected,
      (id) => {
        const artifact = results[id];
        if (artifact === undefined) return [{ field: id, message: `${stepById(id).title}（${id}）没有产出` }];
        const parsed = stepById(id).output.safeParse(artifact);
        if (parsed.success) return [];
        return parsed.error.issues.slice(0, 3).map((issue) => ({
          field: [id, ...issue.path].join('.'),
          message: `${stepById(id).title}不合格式：${issue.message}`,
        }));
      },
      { score: null, findings: [] },
    );
  },
});
