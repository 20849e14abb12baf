import {
  formatSource,
  gradeLabel,
  type LessonPlan,
  type Objective,
  ORIGIN_LABEL,
  type Origin,
  type Provenance,
  pageUnitWord,
  type SourceRef,
  type StandardRequirement,
  type TextBlock,
  TIER_LABEL,
} from '../domain/index.js';

/**
 * The 教学设计 as neutral blocks. plan.md and plan.docx both print this, so
 * the two files cannot drift apart in content or order; each renderer only
 * decides how a block looks. Every piece of text carries a tag that says
 * where it comes from (来源): the book's page, 〔模型生成〕, 〔规则模板〕 or
 * 〔教师〕; a gap left for the teacher reads 【待教师补充：…】 by itself.
 */
export interface Tagged {
  text: string;
  /** 〔教材.pdf 第 3 页〕, 〔规则模板〕…, or '' for text that needs none (a blank, a label). */
  tag: string;
}

/** One paragraph or list item: pieces, each followed by its own tag (易错点 and its 对策 may differ). */
export type Line = Tagged[];

export type PlanBlock =
  | { kind: 'prose'; line: Line }
  | { kind: 'numbered'; items: Line[] }
  /** A small heading over a numbered list: 基础 / 提高 / 拓展, 教学重点 / 教学难点. */
  | { kind: 'labelled'; label: string; items: Line[] }
  | { kind: 'process'; columns: readonly string[]; rows: { cells: string[]; tag: string }[]; total: [string, string] }
  | { kind: 'board'; text: string; tag: string }
  /** A small grey line, e.g. the 教学过程 table's 来源 legend. */
  | { kind: 'note'; text: string }
  /** Lines left empty for the teacher to write on after class. */
  | { kind: 'blank'; hint: string; lines: number };

export interface PlanSection {
  heading: string;
  blocks: PlanBlock[];
}

export interface PlanContent {
  title: string;
  meta: string;
  /** Which version this is, e.g. 终案 · 城关小学 三年级数学教研组 · 定稿：王丽 2025-06-01; null for a file made outside the loop (the CLI). */
  status: string | null;
  sections: PlanSection[];
  provenance: string;
}

const PROCESS_COLUMNS = ['环节', '时间', '教师活动', '学生活动', '设计意图'] as const;

/**
 * Sources as a teacher reads them, deduplicated, pages of one file merged so a
 * tag stays one line: "数学三上.pdf 第 90、91 页；微课.srt 02:15".
 */
function sourceList(sources: readonly SourceRef[]): string {
  const pages = new Map<string, Set<number>>();
  const labels = new Set<string>();
  for (const ref of sources) {
    if (ref.at === null && ref.page !== null) {
      const set = pages.get(ref.file) ?? new Set();
      pages.set(ref.file, set.add(ref.page));
      labels.add(ref.file); // holds the file's place in first-cited order
    } else labels.add(formatSource(ref));
  }
  return [...labels]
    .map((label) => {
      const set = pages.get(label);
      return set ? `${label} 第 ${[...set].sort((a, b) => a - b).join('、')} ${pageUnitWord(label)}` : label;
    })
    .join('；');
}

/** 〔数学三上.pdf 第 90、91 页；微课.srt 02:15〕, or '' when nothing is cited. */
export function citeTag(sources: readonly SourceRef[]): string {
  const list = sourceList(sources);
  return list ? `〔${list}〕` : '';
}

/**
 * Where a block comes from, as a tag: the material's page for the book's own
 * words; 〔模型生成〕 or 〔规则模板〕 (with what it rests on, 依据 …); 〔教师〕; and
 * nothing for a blank, whose 【待教师补充：…】 says it already.
 *
 * @example
 * originTag({ text: '周长是…', origin: 'material', sources: [book(84)] }) // '〔数学三上.pdf 第 84 页〕'
 * originTag({ text: '…', origin: 'template', sources: [book(84)] }) // '〔规则模板；依据 数学三上.pdf 第 84 页〕'
 */
export function originTag(block: Pick<TextBlock, 'origin' | 'sources'>): string {
  const list = sourceList(block.sources);
  switch (block.origin) {
    case 'material':
      return `〔${list || ORIGIN_LABEL.material}〕`;
    case 'model':
    case 'template':
      return `〔${ORIGIN_LABEL[block.origin]}${list ? `；依据 ${list}` : ''}〕`;
    case 'teacher':
      return `〔${ORIGIN_LABEL.teacher}〕`;
    case 'blank':
      return '';
  }
}

const minutes = (n: number) => `${n} 分钟`;
const line = (block: TextBlock, text = block.text): Line => [{ text, tag: originTag(block) }];

/** One tag for blocks printed as one run of text: theirs when they agree, else each origin once. */
function sharedTag(blocks: readonly TextBlock[]): string {
  const origins = [...new Set(blocks.map((b) => b.origin))];
  const sources = blocks.flatMap((b) => b.sources);
  if (origins.length === 1) return originTag({ origin: origins[0]!, sources });
  return `〔${origins.map((o) => ORIGIN_LABEL[o]).join('、')}${sources.length > 0 ? `；依据 ${sourceList(sources)}` : ''}〕`;
}

/** K1 → ①: how a 课标要求 item is marked where it is quoted and where an objective points at it. */
function standardMark(id: string): string {
  const n = Number(id.slice(1));
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `〔${id}〕`;
}

/** 「（对应课标 ①②）」 after an objective that serves items of the 课标要求; nothing when it serves none. */
function standardLinks(objective: Objective, standards: readonly StandardRequirement[]): string {
  const quoted = new Set(standards.map((s) => s.id));
  const ids = (objective.standardIds ?? []).filter((id) => quoted.has(id));
  return ids.length > 0 ? `（对应课标 ${ids.map(standardMark).join('')}）` : '';
}

/** One item reads as a paragraph; several as a numbered list; none as `empty`. */
function claims(items: Line[], empty: string): PlanBlock {
  const [only] = items;
  if (!only) return { kind: 'prose', line: [{ text: empty, tag: '' }] };
  return items.length === 1 ? { kind: 'prose', line: only } : { kind: 'numbered', items };
}

/** Short items (教学方法 names) run on in one line with one tag; longer ones (preparation steps) are numbered. */
function terms(items: readonly TextBlock[]): PlanBlock {
  const bare = items.map((s) => s.text.replace(/[。；;，,\s]+$/u, ''));
  // "圆形、正方形纸片" already uses 、 inside an item, so such lists are separated by ；.
  const separator = bare.some((s) => s.includes('、')) ? '；' : '、';
  if (bare.every((s) => [...s].length <= 12))
    return { kind: 'prose', line: [{ text: `${bare.join(separator)}。`, tag: sharedTag(items) }] };
  return { kind: 'numbered', items: items.map((b) => line(b)) };
}

/** `createdAt` is UTC; printed as is, a plan made at 07:00 in Beijing would carry yesterday's date. */
function chinaDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "本教学设计由 离线规则引擎 生成，未使用 AI 模型" or "由 AI 模型 … 生成（提示词版本 …）", with the date. */
export function provenanceLine(p: Provenance): string {
  const versions = Object.entries(p.promptVersions)
    .map(([step, hash]) => `${step} ${hash.slice(0, 8)}`)
    .join('，');
  const who = p.aiUsed
    ? `本教学设计由 AI 模型 ${p.model ?? '（未记录）'} 生成${versions ? `（提示词版本 ${versions}）` : ''}，请教师审阅后使用`
    : `本教学设计由 离线规则引擎 生成，未使用 AI 模型`;
  const note = p.note.trim() ? `；${p.note.trim()}` : '';
  return `${who}${note}。生成日期：${chinaDate(p.createdAt)}。`;
}

/** The origin most of the table's cells have: the legend names it once, and only the other cells carry a tag. */
function commonOrigin(blocks: readonly TextBlock[]): Origin {
  const counts = new Map<Origin, number>();
  for (const b of blocks) counts.set(b.origin, (counts.get(b.origin) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'template';
}

/**
 * 教学过程 with its 来源 kept out of the way: the legend under the table names
 * the origin most cells share, and a step's row says only what differs (〔教师活动：教师〕)
 * and what it cites, under its 设计意图.
 */
function processBlocks(plan: LessonPlan): PlanBlock[] {
  const objectiveNo = new Map(plan.objectives.map((o, i) => [o.id, i + 1]));
  const cellsOf = (step: LessonPlan['process'][number]) =>
    [
      ['教师活动', step.teacherActivity],
      ['学生活动', step.studentActivity],
      ['设计意图', step.intent],
    ] as const;
  const usual = commonOrigin(plan.process.flatMap((step) => cellsOf(step).map(([, b]) => b)));
  const rows = plan.process.map((step) => {
    const targets = step.objectiveIds.map((id) => objectiveNo.get(id)).filter((n) => n !== undefined);
    // Naming the objectives a step serves lets the prep group check 目标—过程 alignment at a glance.
    const intent = targets.length > 0 ? `${step.intent.text}（指向目标 ${targets.join('、')}）` : step.intent.text;
    const different = cellsOf(step)
      .filter(([, b]) => b.origin !== usual)
      .map(
        ([column, b]) =>
          `〔${column}：${b.origin === 'material' ? sourceList(b.sources) || ORIGIN_LABEL.material : ORIGIN_LABEL[b.origin]}〕`,
      );
    const cited = citeTag(
      cellsOf(step)
        .filter(([, b]) => b.origin === usual)
        .flatMap(([, b]) => b.sources),
    );
    return {
      cells: [step.name, minutes(step.minutes), step.teacherActivity.text, step.studentActivity.text, intent],
      tag: [...different, cited].join(''),
    };
  });
  const total = plan.process.reduce((sum, s) => sum + s.minutes, 0);
  const legend = usual === 'material' ? '材料原文（页码见各行）' : ORIGIN_LABEL[usual];
  return [
    { kind: 'process', columns: PROCESS_COLUMNS, rows, total: ['合计', minutes(total)] },
    { kind: 'note', text: `来源：表中文字除另有标注外为〔${legend}〕；各行末的〔…〕为该环节所依据的材料。` },
  ];
}

/**
 * The plan's content in the order a Chinese 教学设计 is read.
 *
 * @example
 * planContent(plan).sections.map((s) => s.heading); // ['一、课标要求', …, '十二、教学反思', '参考资料']
 */
export function planContent(plan: LessonPlan, status: string | null = null): PlanContent {
  const titleTag = originTag(plan.title);
  const meta = [
    `学科：${plan.subject}`,
    `年级：${gradeLabel(plan.grade)}`,
    ...(plan.edition ? [`版本：${plan.edition}`] : []),
    `课时：${minutes(plan.periodMinutes)}`,
    ...(titleTag ? [`课题来源：${titleTag}`] : []),
  ].join('　');
  const sources = [...new Set(plan.sources.map(formatSource))];
  const keyTerms: PlanBlock[] =
    plan.keyTerms.length > 0
      ? [{ kind: 'prose', line: [{ text: `关键术语：${plan.keyTerms.map((t) => t.text).join('、')}`, tag: sharedTag(plan.keyTerms) }] }]
      : [];
  const sections: PlanSection[] = [
    {
      heading: '一、课标要求',
      blocks: [
        plan.standards.some((b) => b.id)
          ? // Marked ①②③ by their ids, one per line (a renderer's list numbers would not match the marks objectives cite).
            {
              kind: 'prose',
              line: plan.standards.map((b, i) => ({
                text: `${i > 0 ? '\n' : ''}${b.id ? `${standardMark(b.id)} ` : ''}${b.text}`,
                tag: originTag(b),
              })),
            }
          : claims(
              plan.standards.map((b) => line(b)),
              '（材料中未找到课标要求，请对照课程标准补充。）',
            ),
      ],
    },
    { heading: '二、教材分析', blocks: [{ kind: 'prose', line: line(plan.textbookAnalysis) }] },
    { heading: '三、学情分析', blocks: [{ kind: 'prose', line: line(plan.learnerAnalysis) }] },
    {
      heading: '四、教学目标',
      blocks: [
        { kind: 'numbered', items: plan.objectives.map((o) => line(o, `【${o.dimension}】${o.text}${standardLinks(o, plan.standards)}`)) },
      ],
    },
    {
      heading: '五、教学重点与难点',
      blocks: [
        { kind: 'labelled', label: '教学重点', items: plan.keyPoints.map((b) => line(b)) },
        { kind: 'labelled', label: '教学难点', items: plan.difficultPoints.map((b) => line(b)) },
        ...keyTerms,
      ],
    },
    {
      heading: '六、易错点与对策',
      blocks: [
        plan.misconceptions.length > 0
          ? {
              kind: 'numbered',
              items: plan.misconceptions.map((m) => [
                { text: m.text.text, tag: originTag(m.text) },
                { text: `\n对策：${m.remedy.text}`, tag: originTag(m.remedy) },
              ]),
            }
          : { kind: 'prose', line: [{ text: '（未列出易错点，请结合本班学生情况补充。）', tag: '' }] },
      ],
    },
    { heading: '七、教学方法', blocks: [terms(plan.methods)] },
    { heading: '八、教学准备', blocks: [terms(plan.preparation)] },
    { heading: '九、教学过程', blocks: processBlocks(plan) },
    { heading: '十、板书设计', blocks: [{ kind: 'board', text: plan.boardDesign.text, tag: originTag(plan.boardDesign) }] },
    {
      heading: '十一、作业设计',
      blocks: (['basic', 'advanced', 'challenge'] as const).map((tier) => ({
        kind: 'labelled',
        label: TIER_LABEL[tier],
        items: plan.homework[tier].map((b) => line(b)),
      })),
    },
    {
      heading: '十二、教学反思',
      blocks: [
        plan.reflection
          ? { kind: 'prose', line: line(plan.reflection) }
          : { kind: 'blank', hint: '（课后填写：目标达成情况、学生表现、时间把控、改进设想）', lines: 5 },
      ],
    },
    {
      heading: '参考资料',
      blocks: [
        sources.length > 0
          ? { kind: 'numbered', items: sources.map((text) => [{ text, tag: '' }]) }
          : { kind: 'prose', line: [{ text: '（无）', tag: '' }] },
      ],
    },
  ];
  return { title: plan.title.text, meta, status, sections, provenance: provenanceLine(plan.provenance) };
}
