/**
 * Measurable behaviour verbs (行为动词) for objectives, and how the vague verbs
 * books use (了解, 理解, 掌握) become observable ones. An objective a teacher
 * cannot check at the end of the lesson is not an objective.
 */
export const MEASURABLE_VERBS = [
  '说出',
  '写出',
  '读出',
  '背诵',
  '默写',
  '认读',
  '列举',
  '复述',
  '辨认',
  '识别',
  '指出',
  '找出',
  '描述',
  '概括',
  '解释',
  '说明',
  '区分',
  '比较',
  '归纳',
  '分类',
  '计算',
  '测量',
  '画出',
  '运用',
  '应用',
  '解决',
  '设计',
  '完成',
  '制作',
  '演示',
  '表演',
  '演唱',
  '朗读',
  '讲述',
  '表达',
  '分析',
  '判断',
  '评价',
  '论证',
  '推导',
  '证明',
  '验证',
  '绘制',
  '操作',
  '编写',
  '改写',
  '提出',
  '选择',
  '辨认',
  '表现',
] as const;

/** Book verb → [what replaces it, the measurable verb that then names the behaviour]. */
const VAGUE_TO_MEASURABLE: [RegExp, string, string][] = [
  [/^(初步)?了解/, '说出', '说出'],
  [/^(初步)?知道/, '说出', '说出'],
  [/^(初步)?认识/, '辨认并说出', '辨认'],
  [/^(初步)?理解/, '用自己的话解释', '解释'],
  [/^(熟练)?掌握/, '运用', '运用'],
  [/^学会/, '独立完成', '完成'],
  [/^(初步)?体会/, '结合实例说出', '说出'],
  [/^(初步)?感受/, '描述', '描述'],
  [/^(初步)?感悟/, '描述', '描述'],
  [/^培养(学生的?)?/, '在活动中表现出', '表现'],
  [/^激发(学生)?/, '在学习中表现出', '表现'],
];

/** Vague verbs inside later clauses ("……的过程，理解……的道理") get the same treatment. */
const INNER_VAGUE: [RegExp, string][] = [
  [/([，；])(初步)?理解/g, '$1能说明'],
  [/([，；])(初步)?了解/g, '$1能说出'],
  [/([，；])(熟练)?掌握/g, '$1能运用'],
  [/([，；])(初步)?体会/g, '$1能说出'],
  [/([，；])(初步)?感受/g, '$1能描述'],
  [/([，；])(初步)?知道/g, '$1能说出'],
  [/([，；])(初步)?认识/g, '$1能辨认'],
  [/并(熟练)?掌握/g, '并运用'],
  [/并(初步)?理解/g, '并说明'],
];

function sharpenClauses(text: string): string {
  return INNER_VAGUE.reduce((out, [vague, measurable]) => out.replace(vague, measurable), text);
}

/** The measurable verb `text` starts with (after 能/会/学生), or null. */
export function leadingVerb(text: string): string | null {
  const body = text.replace(/^(学生)?(能够|能|会)?/, '');
  return MEASURABLE_VERBS.find((verb) => body.startsWith(verb)) ?? null;
}

/** True when the objective names a behaviour someone could observe. */
export function isMeasurable(text: string): boolean {
  return leadingVerb(text) !== null || MEASURABLE_VERBS.some((verb) => text.includes(verb));
}

/**
 * Rewrites a book's objective line with a measurable verb, keeping its content:
 * "了解工程的定义" → "能说出工程的定义".
 *
 * @example
 * toMeasurable('理解周长的含义') // '能用自己的话解释周长的含义'
 */
export function toMeasurable(text: string): { text: string; verb: string } {
  const clean = sharpenClauses(text)
    .replace(/^[\d一二三四五六七八九十]+[、.．)）]\s*/, '')
    .replace(/[。；;]$/, '')
    .trim();
  const body = clean.replace(/^(学生)?(能够|能|会)/, '');
  for (const [vague, replacement, verb] of VAGUE_TO_MEASURABLE) {
    if (!vague.test(body)) continue;
    // "掌握…的方法" names a tool, not a behaviour: say what the tool is used for.
    const tail = verb === '运用' && /(方法|公式|法则|规律|步骤)$/.test(body) ? '解决问题' : '';
    return { text: `能${body.replace(vague, replacement)}${tail}`, verb };
  }
  const verb = leadingVerb(clean) ?? MEASURABLE_VERBS.find((v) => body.includes(v));
  // "通过实验，能说出……" already says who does what; only a bare "计算……" needs its 能.
  if (verb) return { text: body === clean && !/[，；]能/.test(clean) ? `能${clean}` : clean, verb };
  return { text: `能说出${body}`, verb: '说出' };
}
