import {
  block,
  type DigestFile,
  type Located,
  type SheetItem,
  type Sheets,
  type SourceRef,
  type TeachingAnalysis,
} from '../../domain/index.js';
import { clip } from '../../text/segment.js';
import type { SubjectProfile } from '../shared/subjects.js';
import { cite } from '../t2-analysis/evidence.js';

type At<T> = T & { file: DigestFile };
export interface PlanMaterial {
  definitions: At<Located & { term: string }>[];
  exercises: At<Located>[];
  vocabulary: At<Located>[];
  /** Pages of the lesson in the textbook, for "read pages x–y". */
  pages: { file: DigestFile; from: number; to: number } | null;
}

const BLANK = '＿＿＿＿';

/**
 * Blanks the term where the definition names it ("……叫做周长" → "……叫做＿＿＿＿",
 * "周长是指……" → "＿＿＿＿是指……"), not wherever its characters first occur:
 * the term 长 must not blank the 长 of 长方形.
 */
function cloze(definition: At<Located & { term: string }>): string | null {
  const term = definition.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = new RegExp(`(叫做|叫作|称为|称作)(它们的|它的)?${term}`);
  if (named.test(definition.text)) return clip(definition.text.replace(named, `$1$2${BLANK}`), 80);
  const leading = new RegExp(`^${term}(?=是指|是|指|[:：])`);
  return leading.test(definition.text) ? clip(definition.text.replace(leading, BLANK), 80) : null;
}

/**
 * Exercises that make good checks: ones with numbers to work out, then the
 * book's later pages (练习 follows the teaching), never the opening question.
 */
export function checkableExercises(material: PlanMaterial): PlanMaterial['exercises'] {
  return material.exercises
    .map((exercise, index) => ({ exercise, index, score: (/\d/.test(exercise.text) ? 2 : 0) + exercise.page / 100 }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ exercise }) => exercise);
}

function pagesLabel(material: PlanMaterial): string {
  if (!material.pages) return '教材';
  const { file, from, to } = material.pages;
  return `${file.name}第 ${from === to ? from : `${from}–${to}`} ${file.pageUnit === 'page' ? '页' : '段'}`;
}

/** The parts every rules-made item leaves empty: no passage, table or writing space of its own. */
const PLAIN = { passage: null, table: null, writing: null } as const;

/**
 * The three sheets (三单) from the material. Mastery-check items are ones
 * whose answers the material itself gives (cloze and true/false built from
 * its definitions), so the answer key is real; textbook exercises are used as
 * tasks, with the page to check against. Every objective gets at least one item.
 * Prompts are rule wording around the material (`template`, citing it); an
 * exercise printed as the book words it, and an answer that is the book's
 * term or definition, are the material's.
 */
export function buildSheets(analysis: TeachingAnalysis, material: PlanMaterial, profile: SubjectProfile): Sheets {
  const [o1, o2] = [analysis.objectives[0]!.id, (analysis.objectives[1] ?? analysis.objectives[0]!).id];
  const lastObjective = analysis.objectives.at(-1)!.id;
  const keyTerm = material.definitions[0]?.term ?? analysis.keyTerms[0]?.text ?? analysis.keyPoints[0]!.text;
  const readSources: SourceRef[] = material.pages
    ? [{ file: material.pages.file.name, page: material.pages.from, at: null, quote: null }]
    : [];

  const preStudy: SheetItem[] = [
    {
      id: 'P1',
      type: 'task',
      prompt: block.template(`阅读${pagesLabel(material)}，用横线画出你认为最重要的句子。`, readSources),
      ...PLAIN,
      options: null,
      answer: null,
      objectiveIds: [o1],
      tier: null,
    },
    ...material.definitions.slice(0, 2).flatMap((d, i): SheetItem[] => {
      const text = cloze(d);
      return text
        ? [
            {
              // Numbered below, once every item is in: a definition without a cloze leaves no gap.
              id: `P${i + 2}`,
              type: 'fill',
              prompt: block.template(`读教材，填一填：${text}`, [cite(d)]),
              ...PLAIN,
              options: null,
              answer: block.material(d.term, [cite(d)]),
              objectiveIds: [o1],
              tier: null,
            },
          ]
        : [];
    }),
  ];
  if (material.vocabulary.length > 0) {
    const words = material.vocabulary.slice(0, 10);
    preStudy.push({
      id: `P${preStudy.length + 1}`,
      type: 'task',
      prompt: block.template(`读一读，写一写：${words.map((v) => v.text).join('  ')}`, [cite(words[0]!)]),
      ...PLAIN,
      options: null,
      answer: null,
      objectiveIds: [o1],
      tier: null,
    });
  }
  preStudy.push({
    id: `P${preStudy.length + 1}`,
    type: 'reflection',
    prompt: block.template('预习后，我还有这些疑问：'),
    ...PLAIN,
    options: null,
    answer: null,
    objectiveIds: [],
    tier: null,
  });

  const question = material.exercises.find((e) => /[？?]$/.test(e.text)) ?? material.exercises[0];
  const exploration: SheetItem[] = [
    {
      id: 'E1',
      type: 'task',
      prompt: block.template(
        `任务一（独立完成）：结合${material.definitions[0] ? `教材第 ${material.definitions[0].page} 页的内容` : '教材中的实例'}，说一说什么是${keyTerm}，再举一个生活中的例子。`,
        material.definitions.slice(0, 1).map((d) => cite(d)),
      ),
      ...PLAIN,
      options: null,
      answer: material.definitions[0] ? block.material(clip(material.definitions[0].text, 80), [cite(material.definitions[0])]) : null,
      objectiveIds: [o1],
      tier: null,
    },
    {
      id: 'E2',
      type: 'task',
      prompt: block.template(
        `任务二（小组合作）：${question ? clip(question.text, 90) : `${analysis.difficultPoints[0]!.text}。先独立思考，再在小组内交流你的想法。`}`,
        question ? [cite(question)] : analysis.difficultPoints[0]!.sources,
      ),
      ...PLAIN,
      options: null,
      answer: null,
      objectiveIds: [o2],
      tier: null,
    },
    {
      id: 'E3',
      type: 'short',
      prompt: block.template('小组讨论后，用一句话概括你们的发现：'),
      ...PLAIN,
      options: null,
      answer: null,
      objectiveIds: [lastObjective],
      tier: null,
    },
  ];

  const mastery: SheetItem[] = [];
  const add = (item: Omit<SheetItem, 'id' | keyof typeof PLAIN>) => mastery.push({ ...item, ...PLAIN, id: `M${mastery.length + 1}` });
  for (const d of material.definitions.slice(0, 2)) {
    const text = cloze(d);
    if (text)
      add({
        type: 'fill',
        prompt: block.template(`填空：${text}`, [cite(d)]),
        options: null,
        answer: block.material(d.term, [cite(d)]),
        objectiveIds: [o1],
        tier: 'basic',
      });
  }
  const [first, second] = material.definitions;
  if (first && second && first.term !== second.term && first.text.includes(first.term)) {
    add({
      type: 'short',
      prompt: block.template(`判断对错，并说明理由：${clip(first.text.replace(first.term, second.term), 80)}（　）`, [cite(first)]),
      options: null,
      answer: block.template(`×。应为：${clip(first.text, 80)}`, [cite(first)]),
      objectiveIds: [o1],
      tier: 'advanced',
    });
  }
  for (const exercise of checkableExercises(material).slice(0, 2)) {
    add({
      type: 'short',
      prompt: block.material(clip(exercise.text, 120), [cite(exercise)]),
      options: null,
      answer: block.template(`参考教材 ${exercise.file.name} 第 ${exercise.page} 页；请教师依据教参核对答案`, [cite(exercise)]),
      objectiveIds: [o2],
      tier: mastery.length < 2 ? 'basic' : 'advanced',
    });
  }
  // Every objective is checked by at least one item: for those still unchecked, ask for the objective itself.
  for (const objective of analysis.objectives) {
    if (mastery.some((item) => item.objectiveIds.includes(objective.id))) continue;
    const evidence = objective.sources[0]?.quote;
    add({
      type: 'short',
      prompt: block.template(`请用两三句话回答：${objective.text.replace(/^能够?/, '你能')}吗？举例说明。`, objective.sources),
      options: null,
      answer: block.template(
        `评分要点：${evidence ? `与教材表述一致（${evidence}）` : `能${objective.verb}并举出恰当例子`}；表述清楚。`,
        objective.sources,
      ),
      objectiveIds: [objective.id],
      tier: 'advanced',
    });
  }
  add({
    type: 'task',
    prompt: block.template(`拓展：${profile.extension}。`),
    options: null,
    answer: block.template(`评分要点：能正确运用${keyTerm}；过程完整、表述清楚。`),
    objectiveIds: [lastObjective],
    tier: 'challenge',
  });

  return {
    preStudy: {
      title: '预学单',
      phase: 'before',
      instructions: '课前独立完成，遇到不懂的地方做好记号，带着问题来上课。',
      items: preStudy.map((item, i) => ({ ...item, id: `P${i + 1}` })),
    },
    exploration: {
      title: '探究单',
      phase: 'in',
      instructions: '课中先独立思考，再小组合作交流，把你们的想法记录下来。',
      items: exploration,
    },
    masteryCheck: { title: '达标检测单', phase: 'after', instructions: '独立完成，完成后同桌互批，订正错题。', items: mastery },
  };
}
