import type { LessonPlan, SourceRef, TextBlock } from '../../src/domain/index.js';
import type { Results } from '../../src/pipeline/step.js';
import { collectSources } from '../../src/steps/shared/citations.js';
import { defineMutation } from './define.js';
import { foreignLessonFor } from './foreign-lessons.js';

/**
 * Degradations of the 教学设计 (T3). Each one is a mistake a model or a
 * careless edit really makes; each leaves the rest of the results alone, so
 * the scorers that react to it are the ones that look at what it broke.
 */

type WithPlan = Results & { T3: LessonPlan };
const hasPlan = (results: Results): results is WithPlan => results.T3 !== undefined;
const plan = (results: Results): LessonPlan => (results as WithPlan).T3;

/** The objective the drop removes: the last one any 达标检测 item checks. */
function lastChecked(p: LessonPlan): string | undefined {
  const checked = new Set(p.sheets.masteryCheck.items.flatMap((item) => item.objectiveIds));
  return p.objectives
    .map((o) => o.id)
    .filter((id) => checked.has(id))
    .pop();
}

export const dropObjectiveCheck = defineMutation({
  id: 'drop-objective-check',
  title: '删去某目标的检测',
  description: '从达标检测单中删去检测最后一条教学目标的题目（多目标题只去掉该目标）',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && lastChecked(r.T3) !== undefined,
  apply: (r) => {
    const p = plan(r);
    const id = lastChecked(p) as string;
    p.sheets.masteryCheck.items = p.sheets.masteryCheck.items
      .map((item) => ({ ...item, objectiveIds: item.objectiveIds.filter((o) => o !== id) }))
      .filter((item) => item.objectiveIds.length > 0);
    return r;
  },
});

export const breakMinutes = defineMutation({
  id: 'break-minutes',
  title: '用时不合',
  description: '第一个环节多加 5 分钟，各环节合计不再等于课时',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    const first = plan(r).process[0];
    if (first) first.minutes += 5;
    return r;
  },
});

/** Pages (or sections) of each material file, from the digest. */
function pageCounts(r: Results): Map<string, number> {
  return new Map((r.T1?.files ?? []).map((file) => [file.name, file.pages.length]));
}

export const citeMissingPage = defineMutation({
  id: 'cite-missing-page',
  title: '引用不存在的页',
  description: '把教学设计中每条页码引用改到该文件最后一页之后',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && collectSources(r.T3).some((ref) => ref.page !== null && pageCounts(r).has(ref.file)),
  apply: (r) => {
    const counts = pageCounts(r);
    const shift = (ref: SourceRef): SourceRef => {
      const pages = counts.get(ref.file);
      return ref.page === null || pages === undefined ? ref : { ...ref, page: pages + 1 };
    };
    return {
      ...r,
      T3: JSON.parse(
        JSON.stringify(plan(r), (key, value: unknown) => (key === 'sources' && Array.isArray(value) ? value.map(shift) : value)),
      ),
    };
  },
});

/** The block with other words, keeping where it claims they come from: the mutation is a plausible-looking swap. */
const reword = (b: TextBlock, text: string): TextBlock => ({ ...b, text });

/** Item `i` of a list, cycling: the foreign lesson is shorter than some plans. */
const cycle = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

export const swapSubject = defineMutation({
  id: 'swap-subject',
  title: '混入别科内容',
  description: '把分析、目标、重难点、过程、三单、板书和作业换成另一学科（体育或劳动）的内容，出处保持原样',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    const p = plan(r);
    const other = foreignLessonFor(p.subject);
    p.standards = p.standards.map((g, i) => reword(g, cycle(other.analysis, i)));
    p.textbookAnalysis.text = cycle(other.analysis, 0);
    p.learnerAnalysis.text = cycle(other.analysis, 1);
    p.objectives = p.objectives.map((o, i) => ({ ...o, ...cycle(other.objectives, i) }));
    p.keyPoints = p.keyPoints.map((g, i) => reword(g, cycle(other.keyPoints, i)));
    p.difficultPoints = p.difficultPoints.map((g, i) => reword(g, cycle(other.keyPoints, i + 1)));
    p.keyTerms = [];
    p.misconceptions = [];
    p.process = p.process.map((step, i) => {
      const { name, teacher, student, intent } = cycle(other.steps, i);
      return {
        ...step,
        name,
        teacherActivity: reword(step.teacherActivity, teacher),
        studentActivity: reword(step.studentActivity, student),
        intent: reword(step.intent, intent),
      };
    });
    for (const sheet of [p.sheets.preStudy, p.sheets.exploration, p.sheets.masteryCheck]) {
      sheet.items = sheet.items.map((item, i) => {
        const { prompt, answer } = cycle(other.items, i);
        return {
          ...item,
          type: 'short' as const,
          options: null,
          passage: null,
          table: null,
          prompt: reword(item.prompt, prompt),
          answer: item.answer === null ? null : reword(item.answer, answer),
        };
      });
    }
    p.boardDesign = reword(p.boardDesign, other.board);
    const homework = (i: number) => [{ text: cycle(other.homework, i), origin: 'template' as const, sources: [] }];
    p.homework = { basic: homework(0), advanced: homework(1), challenge: homework(2) };
    return r;
  },
});

export const removeSheets = defineMutation({
  id: 'remove-sheets',
  title: '删去三单',
  description: '清空预学单、探究单和达标检测单的全部题目',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    const { sheets } = plan(r);
    for (const sheet of [sheets.preStudy, sheets.exploration, sheets.masteryCheck]) sheet.items = [];
    return r;
  },
});

export const shuffleProcess = defineMutation({
  id: 'shuffle-process',
  title: '打乱环节顺序',
  description: '把教学过程的环节倒过来排（导入放到最后、小结放到最前），视频提纲和课件仍按原顺序引用环节',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && new Set(r.T3.process.map((s) => s.name)).size >= 2,
  apply: (r) => {
    plan(r).process.reverse();
    return r;
  },
});

export const deleteKeyPoints = defineMutation({
  id: 'delete-key-points',
  title: '删去教学重难点',
  description: '清空教学重点和教学难点',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    const p = plan(r);
    p.keyPoints = [];
    p.difficultPoints = [];
    return r;
  },
});

export const vagueObjectives = defineMutation({
  id: 'vague-objectives',
  title: '目标不可测',
  description: '把每条教学目标改写成“了解……”，行为动词标为“了解”',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    const p = plan(r);
    p.objectives = p.objectives.map((o) => ({ ...o, text: `了解${o.text.replace(/^(学生)?(能够|能|会)?/u, '')}`, verb: '了解' }));
    return r;
  },
});

export const orphanSteps = defineMutation({
  id: 'orphan-steps',
  title: '环节脱离目标',
  description: '去掉每个教学环节所对应的教学目标',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r) => {
    for (const step of plan(r).process) step.objectiveIds = [];
    return r;
  },
});
