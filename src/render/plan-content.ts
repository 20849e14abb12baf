import { formatSource, type Grounded, gradeLabel, type LessonPlan, type Provenance, type SourceRef, TIER_LABEL } from '../domain/index.js';

/**
 * The 教学设计 as neutral blocks. plan.md and plan.docx both print this, so
 * the two files cannot drift apart in content or order; each renderer only
 * decides how a block looks.
 */
export interface Cited {
  text: string;
  /** 〔教材.pdf 第 3 页〕, or '' when the claim cites nothing. */
  tag: string;
}

export type PlanBlock =
  | { kind: 'prose'; text: string; tag: string }
  | { kind: 'numbered'; items: Cited[] }
  | { kind: 'tier'; label: string; items: string[] }
  | { kind: 'process'; columns: readonly string[]; rows: { cells: string[]; tag: string }[]; total: [string, string] }
  | { kind: 'board'; text: string }
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
 * Short source tag, deduplicated, pages of one file merged so a tag stays one
 * line: 〔数学三上.pdf 第 90、91 页；微课.srt 02:15〕.
 */
export function citeTag(sources: readonly SourceRef[]): string {
  const pages = new Map<string, Set<number>>();
  const labels = new Set<string>();
  for (const ref of sources) {
    if (ref.at === null && ref.page !== null) {
      const set = pages.get(ref.file) ?? new Set();
      pages.set(ref.file, set.add(ref.page));
      labels.add(ref.file); // holds the file's place in first-cited order
    } else labels.add(formatSource(ref));
  }
  const text = [...labels].map((label) => {
    const set = pages.get(label);
    return set ? `${label} 第 ${[...set].sort((a, b) => a - b).join('、')} 页` : label;
  });
  return text.length > 0 ? `〔${text.join('；')}〕` : '';
}

const minutes = (n: number) => `${n} 分钟`;
const grounded = (g: Grounded): Cited => ({ text: g.text, tag: citeTag(g.sources) });

/** One item reads as a paragraph; several as a numbered list; none as `empty`. */
function claims(items: Cited[], empty: string): PlanBlock {
  const [only] = items;
  if (!only) return { kind: 'prose', text: empty, tag: '' };
  return items.length === 1 ? { kind: 'prose', text: only.text, tag: only.tag } : { kind: 'numbered', items };
}

/** Short items (教学方法 names) run on in one line; longer ones (preparation steps) are numbered. */
function terms(items: readonly string[]): PlanBlock {
  const bare = items.map((s) => s.replace(/[。；;，,\s]+$/u, ''));
  // "圆形、正方形纸片" already uses 、 inside an item, so such lists are separated by ；.
  const separator = bare.some((s) => s.includes('、')) ? '；' : '、';
  if (bare.every((s) => [...s].length <= 12)) return { kind: 'prose', text: `${bare.join(separator)}。`, tag: '' };
  return { kind: 'numbered', items: items.map((text) => ({ text, tag: '' })) };
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

function processBlock(plan: LessonPlan): PlanBlock {
  const objectiveNo = new Map(plan.objectives.map((o, i) => [o.id, i + 1]));
  const rows = plan.process.map((step) => {
    const targets = step.objectiveIds.map((id) => objectiveNo.get(id)).filter((n) => n !== undefined);
    // Naming the objectives a step serves lets the prep group check 目标—过程 alignment at a glance.
    const intent = targets.length > 0 ? `${step.intent}（指向目标 ${targets.join('、')}）` : step.intent;
    return { cells: [step.name, minutes(step.minutes), step.teacherActivity, step.studentActivity, intent], tag: citeTag(step.sources) };
  });
  const total = plan.process.reduce((sum, s) => sum + s.minutes, 0);
  return { kind: 'process', columns: PROCESS_COLUMNS, rows, total: ['合计', minutes(total)] };
}

/**
 * The plan's content in the order a Chinese 教学设计 is read.
 *
 * @example
 * planContent(plan).sections.map((s) => s.heading); // ['一、课标要求', …, '十二、教学反思', '参考资料']
 */
export function planContent(plan: LessonPlan, status: string | null = null): PlanContent {
  const meta = [
    `学科：${plan.subject}`,
    `年级：${gradeLabel(plan.grade)}`,
    ...(plan.edition ? [`版本：${plan.edition}`] : []),
    `课时：${minutes(plan.periodMinutes)}`,
  ].join('　');
  const sources = [...new Set(plan.sources.map(formatSource))];
  const sections: PlanSection[] = [
    { heading: '一、课标要求', blocks: [claims(plan.standards.map(grounded), '（材料中未找到课标要求，请对照课程标准补充。）')] },
    { heading: '二、教材分析', blocks: [{ kind: 'prose', ...grounded(plan.textbookAnalysis) }] },
    { heading: '三、学情分析', blocks: [{ kind: 'prose', ...grounded(plan.learnerAnalysis) }] },
    {
      heading: '四、教学目标',
      blocks: [{ kind: 'numbered', items: plan.objectives.map((o) => ({ text: `【${o.dimension}】${o.text}`, tag: citeTag(o.sources) })) }],
    },
    { heading: '五、教学重点', blocks: [claims(plan.keyPoints.map(grounded), '')] },
    { heading: '六、教学难点', blocks: [claims(plan.difficultPoints.map(grounded), '')] },
    { heading: '七、教学方法', blocks: [terms(plan.methods)] },
    { heading: '八、教学准备', blocks: [terms(plan.preparation)] },
    { heading: '九、教学过程', blocks: [processBlock(plan)] },
    { heading: '十、板书设计', blocks: [{ kind: 'board', text: plan.boardDesign }] },
    {
      heading: '十一、作业设计',
      blocks: (['basic', 'advanced', 'challenge'] as const).map((tier) => ({
        kind: 'tier',
        label: TIER_LABEL[tier],
        items: plan.homework[tier],
      })),
    },
    {
      heading: '十二、教学反思',
      blocks: [
        plan.reflection
          ? { kind: 'prose', text: plan.reflection, tag: '' }
          : { kind: 'blank', hint: '（课后填写：目标达成情况、学生表现、时间把控、改进设想）', lines: 5 },
      ],
    },
    {
      heading: '参考资料',
      blocks: [
        sources.length > 0
          ? { kind: 'numbered', items: sources.map((text) => ({ text, tag: '' })) }
          : { kind: 'prose', text: '（无）', tag: '' },
      ],
    },
  ];
  return { title: plan.title, meta, status, sections, provenance: provenanceLine(plan.provenance) };
}
