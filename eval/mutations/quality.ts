import { block, type LessonPlan, type SourceRef, textBlocksOf } from '../../src/domain/index.js';
import type { Results } from '../../src/pipeline/step.js';
import { loadTheme, renderDeck } from '../../src/render/pptx/index.js';
import { hasDeck, withDeck } from './deck-files.js';
import { defineMutation } from './define.js';

/**
 * Degradations the quality checks must see: a plan padded with another
 * lesson's sentences, rule wording passed off as the teacher's book, a draft
 * that talks about the material without showing it, answer keys that refer
 * to the 教参, and check items that ask the objective back or ask nothing.
 */

type WithPlan = Results & { T3: LessonPlan };
const hasPlan = (results: Results): results is WithPlan => results.T3 !== undefined;
const plan = (results: Results): LessonPlan => (results as WithPlan).T3;

export const borrowPeerSentences = defineMutation({
  id: 'borrow-peer-sentences',
  title: '套用别课句子',
  description: '教学过程每个环节的教师活动、学生活动和设计意图换成同一次评测中其他课教学设计里的句子',
  artifact: 'plan',
  appliesTo: hasPlan,
  apply: (r, tools) => {
    const borrowed = [...(tools.peers?.sentencesOf.entries() ?? [])]
      .filter(([id]) => id !== tools.caseId)
      .flatMap(([, list]) => list.filter((s) => s.field.includes('.process[')).map((s) => s.text));
    if (borrowed.length === 0) return r;
    let next = 0;
    const take = () => borrowed[next++ % borrowed.length]!;
    for (const step of plan(r).process) {
      step.teacherActivity = block.template(`${take()}${take()}`);
      step.studentActivity = block.template(take());
      step.intent = block.template(take());
    }
    return r;
  },
});

/** The first page of the first material: where a careless engine points every "material" claim. */
function firstPage(r: Results): SourceRef | null {
  const file = r.T1?.files[0];
  const page = file?.pages[0];
  return file && page ? { file: file.name, page: page.page, at: null, quote: null } : null;
}

export const mislabelOrigin = defineMutation({
  id: 'mislabel-origin',
  title: '模板冒充材料',
  description: '把规则模板和模型写的文字都标成“材料”，出处写成第一份材料的第 1 页',
  artifact: 'plan',
  appliesTo: (r) =>
    hasPlan(r) && firstPage(r) !== null && textBlocksOf(r.T3).some(({ block: b }) => b.origin === 'template' || b.origin === 'model'),
  apply: (r) => {
    const source = firstPage(r)!;
    for (const { block: b } of textBlocksOf(plan(r))) {
      if (b.origin !== 'template' && b.origin !== 'model') continue;
      b.origin = 'material';
      b.sources = [source];
    }
    return r;
  },
});

/** Runs of this many characters found in the material count as copied from it. */
const COPIED_RUN = 3;

/** Every run of COPIED_RUN characters of the materials, compared without spaces and punctuation. */
function materialGrams(r: Results): Set<string> {
  const text = (r.T1?.files ?? []).flatMap((f) => f.pages.map((p) => p.text)).join('\n');
  const bare = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  const grams = new Set<string>();
  for (let i = 0; i + COPIED_RUN <= bare.length; i++) grams.add(bare.slice(i, i + COPIED_RUN));
  return grams;
}

/** `text` without any character that belongs to a run copied from the material; "（见教材）" when nothing is left. */
function withoutCopied(text: string, grams: Set<string>): string {
  const chars = [...text.normalize('NFKC')];
  const kept = chars.map((c, i) => ({ c, i })).filter(({ c }) => !/[\s\p{P}\p{S}]/u.test(c));
  const copied = new Set<number>();
  for (let k = 0; k + COPIED_RUN <= kept.length; k++) {
    const run = kept.slice(k, k + COPIED_RUN);
    if (grams.has(run.map((x) => x.c.toLowerCase()).join(''))) for (const x of run) copied.add(x.i);
  }
  const left = chars
    .filter((_, i) => !copied.has(i))
    .join('')
    .replace(/[\s\p{P}]{2,}/gu, '，')
    .trim();
  return /[\p{L}\p{N}]/u.test(left) ? left : '（见教材）';
}

export const stripMaterialText = defineMutation({
  id: 'strip-material-text',
  title: '不见原文',
  description: '删去教学设计、三单和课件中一切与材料相同的文字（连续三字以上），诗文、例题、对话只剩转述',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && hasDeck(r) && r.T1 !== undefined,
  apply: async (r, tools) => {
    const grams = materialGrams(r);
    const p = plan(r);
    for (const { block: b } of textBlocksOf(p)) {
      b.text = withoutCopied(b.text, grams);
      if (b.origin === 'material' || b.origin === 'blank') b.origin = 'template';
    }
    for (const sheet of [p.sheets.preStudy, p.sheets.exploration, p.sheets.masteryCheck]) {
      for (const item of sheet.items) {
        item.passage = null;
        item.options = item.options?.map((o) => withoutCopied(o, grams)) ?? null;
        if (item.table)
          item.table = { ...item.table, rows: item.table.rows.map((row) => row.map((cell) => (cell ? withoutCopied(cell, grams) : cell))) };
      }
    }
    const spec = {
      ...r.C2!,
      slides: r.C2!.slides.map((slide) => ({
        ...slide,
        title: withoutCopied(slide.title, grams),
        body: slide.body.map((line) => withoutCopied(line, grams)),
        origin: 'template' as const,
      })),
    };
    const rendered = await renderDeck(spec, { theme: await loadTheme(spec.theme), edition: p.edition });
    return withDeck(r, rendered, tools, spec);
  },
});

export const referralKeys = defineMutation({
  id: 'referral-keys',
  title: '答案推给教参',
  description: '达标检测单每道题的答案都换成“答案略，请教师依据教参核对”',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && r.T3.sheets.masteryCheck.items.length > 0,
  apply: (r) => {
    for (const item of plan(r).sheets.masteryCheck.items) item.answer = block.template('答案略，请教师依据教参核对。');
    return r;
  },
});

export const blankKeys = defineMutation({
  id: 'blank-keys',
  title: '答案留空',
  description: '达标检测单每道题的答案都换成“【待教师补充：本题参考答案】”的空位',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && r.T3.sheets.masteryCheck.items.length > 0,
  apply: (r) => {
    for (const item of plan(r).sheets.masteryCheck.items) item.answer = block.blank('本题参考答案');
    return r;
  },
});

export const restateObjectives = defineMutation({
  id: 'restate-objectives',
  title: '目标改成问句',
  description: '达标检测单每道题都换成它所检测目标的问句（“你能……吗？请举例说明。”），不再考内容',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && r.T3.sheets.masteryCheck.items.some((item) => item.objectiveIds.length > 0),
  apply: (r) => {
    const p = plan(r);
    for (const item of p.sheets.masteryCheck.items) {
      const objective = p.objectives.find((o) => item.objectiveIds.includes(o.id));
      if (!objective) continue;
      item.prompt = block.template(`你能${objective.text.replace(/^(学生)?(能够|能|会)/u, '').replace(/[。；;]$/u, '')}吗？请举例说明。`);
      item.passage = null;
      item.options = null;
      item.table = null;
      item.type = 'short';
    }
    return r;
  },
});

const GENERIC_PROMPTS = ['说说这节课你学会了什么。', '谈谈你对本节课最深的感受。', '把你觉得最难的地方写下来，并和同桌交流。'];

export const genericCheckItems = defineMutation({
  id: 'generic-check-items',
  title: '检测题空泛',
  description: '达标检测单每道题都换成不涉及本课内容的空泛问题（“说说这节课你学会了什么”之类），答案为“言之有理即可”',
  artifact: 'plan',
  appliesTo: (r) => hasPlan(r) && r.T3.sheets.masteryCheck.items.length > 0,
  apply: (r) => {
    plan(r).sheets.masteryCheck.items.forEach((item, i) => {
      item.prompt = block.template(GENERIC_PROMPTS[i % GENERIC_PROMPTS.length]!);
      item.answer = block.template('答案不唯一，言之有理即可。');
      item.passage = null;
      item.options = null;
      item.table = null;
      item.type = 'short';
    });
    return r;
  },
});
