import { visibleLength } from '../../text/segment.js';

/**
 * What a heading line announces. Chinese textbooks mark their structure with a
 * small, stable vocabulary (第X单元, 第X课, 一、, 例1, 练习, 学习目标, 生字…);
 * this module is that vocabulary.
 */
export type HeadingRole =
  | 'unit' // 第X单元 / 第X章 / Unit 3
  | 'lesson' // 第X课 / 第X节 / 1 草原 / Lesson 5
  | 'section' // 一、 / （一） / 1.2 / 例1 / 活动 / 探究
  | 'reading' // 你知道吗 / 阅读材料 / 拓展阅读 / 资料卡片: text to read, not tasks to do
  | 'objectives' // 学习目标 / 教学目标 / 学习要求
  | 'exercises' // 练习 / 习题 / 做一做 / 想一想 / Exercise
  | 'vocabulary' // 生字 / 词语 / 单词 / Words
  | 'plain'; // any other short line standing alone

export interface Heading {
  role: HeadingRole;
  /** The heading as shown to teachers: markers tidied ("第1节 科学、技术与工程"). */
  text: string;
  /** The heading's own words without its marker ("科学、技术与工程"); '' for bare labels. */
  title: string;
  /** What follows a label's colon on the same line: 「学习目标：了解……」. */
  inline: string | null;
  /** A generic label (练习, 活动) rather than a title of this lesson's content. */
  label: boolean;
  /**
   * Recognised by shape more than by marker (「1 草原」, 「探究影响摩擦力的因素」): page
   * footers and wrapped prose can look the same, so the caller only trusts it where
   * a heading can stand — after a finished sentence and not as the page's last line.
   */
  weak: boolean;
}

/** Marked headings may run a little longer than plain ones: the marker carries no content. */
const PLAIN_HEADING_MAX = 24;
const MARKED_HEADING_MAX = 32;

const NUM = '[0-9一二三四五六七八九十百零〇两]+';
const CN_NUM = '[一二三四五六七八九十]+';
/** Sentence punctuation: a line containing it is prose, not a heading. */
const SENTENCE_PUNCT = /[，。；！？!?;]|,\s/;

const UNIT = new RegExp(`^第\\s*(${NUM})\\s*(单元|章|部分|篇)[\\s:：.．]*(.*)$`, 'u');
const UNIT_EN = /^(Unit|Module)\s+(\d+|[A-Z]|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b[\s:.]*(.*)$/i;
const LESSON = new RegExp(`^第\\s*(${NUM})\\s*(课时|课|节|讲)[\\s:：.．]*(.*)$`, 'u');
const LESSON_EN = /^Lesson\s+(\d+|[A-Z])\b[\s:.]*(.*)$/i;
/** 语文 books number their texts: 「1 草原」, 「*7 呼风唤雨的世纪」, 「识字 2 金木水火土」. */
const NUMBERED_TITLE = /^(识字|课文)?\s*(\*?\d{1,2}\*?)\s+([\p{Script=Han}·《》“”]{2,14})$/u;
const CN_SECTION = new RegExp(`^(${CN_NUM})、\\s*(.+)$`, 'u');
const PAREN_SECTION = new RegExp(`^[（(](${CN_NUM})[）)]\\s*(.+)$`, 'u');
const DECIMAL_SECTION = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+(.+)$/;
const EXAMPLE = /^例\s*(\d{1,2})(?!\d)[\s:：.．]*(.*)$/u;
/** Numbered features of a unit or a curriculum standard: 「活动1 测量课桌」, 「学习任务群 5 文学阅读与写作」. */
const NUMBERED_FEATURE = new RegExp(
  `^(学习任务群|任务|专题|主题|项目|活动|实验|探究|思考|Part|Section)\\s*(\\d{1,2}|${CN_NUM}|[A-D])(?![0-9A-Za-z])\\s*[:：.]?\\s*(.*)$`,
  'u',
);

const OBJECTIVE_LABELS = [
  '学习目标',
  '教学目标',
  '学习要求',
  '本课学习目标',
  '本节学习目标',
  '本章学习目标',
  '本单元学习目标',
  '课时目标',
  '学习目的',
  'learning objectives',
  'learning goals',
  'learning aims',
  'objectives',
];
const EXERCISE_LABELS = [
  '练习',
  '习题',
  '做一做',
  '想一想',
  '议一议',
  '说一说',
  '试一试',
  '算一算',
  '填一填',
  '练一练',
  '思考与练习',
  '练习与思考',
  '课后练习',
  '巩固练习',
  '随堂练习',
  '课堂练习',
  '思考题',
  '练习题',
  '复习题',
  '思考与讨论',
  '思考探究',
  '积累拓展',
  '学习任务',
  '思考练习',
  '读读想想',
  '课后习题',
  '达标检测',
  '当堂检测',
  '自我评价',
  'exercise',
  'exercises',
  'practice',
  "let's practise",
  "let's practice",
  "let's check",
  'try it',
];
const VOCABULARY_LABELS = [
  '生字',
  '生字表',
  '认读生字',
  '会认',
  '会写',
  '识字表',
  '写字表',
  '我会认',
  '我会写',
  '会认的字',
  '会写的字',
  '词语',
  '词语表',
  '生词',
  '读读写写',
  '读读记记',
  '词语盘点',
  '字词',
  '单词',
  '单词表',
  '词汇',
  '词汇表',
  'words',
  'new words',
  'vocabulary',
  'word list',
  'words and expressions',
  'key words',
];
const FEATURE_LABELS = [
  '活动',
  '探究',
  '实验',
  '观察',
  '调查',
  '讨论',
  '交流',
  '拓展',
  '交流与讨论',
  '讨论与交流',
  '设计与操作',
  '小结',
  '本章小结',
  '本节小结',
  '本课小结',
  '课堂小结',
  '单元小结',
  '整理和复习',
  '整理与复习',
  '语文园地',
  '口语交际',
  '习作',
  '快乐读书吧',
  '日积月累',
  '综合性学习',
  '学习提示',
  '阅读提示',
  '预习提示',
  '预习',
  '案例分析',
  '技术体验',
  "let's learn",
  "let's talk",
  "let's read",
  "let's play",
  "let's sing",
  'read and write',
  'listen and say',
  'look and say',
  'story time',
  'reading',
  'grammar',
];
/** Boxes of background reading: a 「你知道吗？」 is the book telling, and its text is not a question put to the student. */
const READING_LABELS = [
  '你知道吗',
  '阅读材料',
  '拓展阅读',
  '资料卡片',
  '资料袋',
  '知识窗',
  '知识链接',
  '小资料',
  '阅读链接',
  '相关链接',
  '科学家的故事',
];
const LABEL_ROLE = new Map<string, HeadingRole>([
  ...OBJECTIVE_LABELS.map((l) => [l, 'objectives'] as const),
  ...EXERCISE_LABELS.map((l) => [l, 'exercises'] as const),
  ...VOCABULARY_LABELS.map((l) => [l, 'vocabulary'] as const),
  ...FEATURE_LABELS.map((l) => [l, 'section'] as const),
  ...READING_LABELS.map((l) => [l, 'reading'] as const),
]);
/** Feature labels that books follow with a title: 「探究 影响摩擦力大小的因素」. */
const TITLED_FEATURE = /^(活动|探究|实验|阅读材料|拓展阅读|资料卡片|知识窗)\s*(\p{Script=Han}.*)$/u;
/** 「Words and expressions　词汇」: an English book's label with its Chinese twin. */
const BILINGUAL_LABEL = /^([A-Za-z][A-Za-z' ]*?)\s*(\p{Script=Han}{2,6})$/u;
/** 「3a　Look at the picture in 1a and fill in the blanks.」: an English book's numbered activity that sets written work. */
const ACTIVITY_TASK = /^\d{1,2}[a-f]\s+.*\b(fill in|complete|answer the questions|write|choose the|correct form)\b/iu;
/** 「练习一」「练习 3」「习题1.2」: numbered exercise sets. */
const NUMBERED_EXERCISES = new RegExp(`^(练习|习题|复习题|练习题)\\s*(${CN_NUM}|\\d{1,2}(?:\\.\\d{1,2})?)$`, 'u');

/**
 * A label as books decorate it, reduced to the bare word: 「【做一做】」「1. 学习目标：」
 * 「思考 & 练习」 → 做一做, 学习目标, 思考与练习. Latin labels are lower-cased.
 */
function canonicalLabel(text: string): string {
  return (
    text
      .replace(/[【】[\]「」『』★☆●○■□◆◇▲△▶►•·]/g, '')
      .replace(new RegExp(`^(${CN_NUM}、|[（(]${CN_NUM}[）)]|\\d{1,2}\\s*[.．、]|[（(]\\d{1,2}[）)])\\s*`, 'u'), '')
      .replace(/\s*[&＆]\s*/g, '与')
      // 「你知道吗？」: a box title may end in its own question or exclamation mark.
      .replace(/[:：？?！!]\s*$/, '')
      .replace(/(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/gu, '')
      .replace(/[‘’]/g, "'")
      .trim()
      .toLowerCase()
  );
}

/** A short run of words without sentence punctuation: the shape of any title. */
function isTitleShaped(text: string, max: number): boolean {
  if (visibleLength(text) > max || SENTENCE_PUNCT.test(text)) return false;
  return !/^[）)」』”’、，。：:—-]/.test(text) && /\p{Script=Han}|[A-Za-z]{3,}/u.test(text);
}

/**
 * A short line that could stand alone as a heading. Without a marker to vouch
 * for it, a line ending in 的/和/与/、 is more likely a wrapped line of prose.
 */
export function isHeadingShaped(text: string, max = PLAIN_HEADING_MAX): boolean {
  return isTitleShaped(text, max) && !/[的和与及或、—-]$/.test(text);
}

function heading(role: HeadingRole, text: string, title: string, extra: Partial<Heading> = {}): Heading {
  return { role, text, title, inline: null, label: false, weak: false, ...extra };
}

/** 「学习目标：了解……」: a label, a colon, then content on the same line. */
function labelWithInline(text: string): Heading | null {
  const colon = text.search(/[:：]/);
  if (colon <= 0) return null;
  const role = LABEL_ROLE.get(canonicalLabel(text.slice(0, colon)));
  const inline = text.slice(colon + 1).trim();
  if (!role || !inline) return null;
  // 「活动：测量课桌的长度」 is a titled section; 「学习目标：了解……」 carries content.
  if (role === 'section' || role === 'reading') return isTitleShaped(text, MARKED_HEADING_MAX) ? heading(role, text, inline) : null;
  return heading(role, text.slice(0, colon).trim(), '', { inline, label: true });
}

function markedTitle(title: string): boolean {
  return title === '' || isTitleShaped(title, MARKED_HEADING_MAX);
}

/**
 * What a line announces, if it is a marked heading or a known label; null for
 * ordinary lines (whether a short unmarked line is a heading depends on its
 * neighbours, which the caller knows).
 *
 * @example
 * classifyHeading('第 1 节科学、技术与工程') // { role: 'lesson', text: '第1节 科学、技术与工程', title: '科学、技术与工程', … }
 * classifyHeading('思考 & 练习')             // { role: 'exercises', text: '思考 & 练习', label: true, … }
 * classifyHeading('它是智慧的，一根圆木即可成桥；') // null
 */
export function classifyHeading(line: string): Heading | null {
  // 「第一章 走进技术世界 3」: a footer or contents line with its page number.
  const text = line.replace(/(?<=\p{Script=Han})\s+\d{1,4}$/u, '');
  const label = LABEL_ROLE.get(canonicalLabel(text));
  if (label && visibleLength(text) <= PLAIN_HEADING_MAX) return heading(label, text, '', { label: true });
  if (NUMBERED_EXERCISES.test(text.replace(/[【】]/g, ''))) return heading('exercises', text, '', { label: true });
  const bilingual = BILINGUAL_LABEL.exec(text);
  const roles = bilingual ? [bilingual[1]!, bilingual[2]!].map((part) => LABEL_ROLE.get(canonicalLabel(part))) : [];
  if (roles[0] && roles[0] === roles[1]) return heading(roles[0], text, '', { label: true });
  if (ACTIVITY_TASK.test(text)) return heading('exercises', text, '', { label: true });
  const inline = labelWithInline(text);
  if (inline) return inline;

  let m = UNIT.exec(text);
  if (m && markedTitle(m[3]!)) return heading('unit', `第${m[1]}${m[2]}${m[3] ? ` ${m[3]}` : ''}`, m[3]!);
  m = UNIT_EN.exec(text);
  if (m && markedTitle(m[3]!)) return heading('unit', `${m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}`, m[3]!);
  m = LESSON.exec(text);
  if (m && markedTitle(m[3]!)) return heading('lesson', `第${m[1]}${m[2]}${m[3] ? ` ${m[3]}` : ''}`, m[3]!);
  m = LESSON_EN.exec(text);
  if (m && markedTitle(m[2]!)) return heading('lesson', `Lesson ${m[1]}${m[2] ? ` ${m[2]}` : ''}`, m[2]!);
  m = NUMBERED_TITLE.exec(text);
  if (m) return heading('lesson', `${m[1] ? `${m[1]} ` : ''}${m[2]} ${m[3]}`, m[3]!, { weak: true });

  m = EXAMPLE.exec(text);
  if (m) {
    // 「例1 小明家到学校有多远？」: the label is the section; a problem statement is not its title.
    const rest = m[2]!;
    return heading('section', rest !== '' && isHeadingShaped(rest) ? `例${m[1]} ${rest}` : `例${m[1]}`, '', { label: true });
  }
  for (const pattern of [CN_SECTION, PAREN_SECTION, DECIMAL_SECTION]) {
    m = pattern.exec(text);
    if (m && isTitleShaped(m[2]!, MARKED_HEADING_MAX)) return heading('section', text, m[2]!);
  }
  m = NUMBERED_FEATURE.exec(text);
  if (m && markedTitle(m[3]!) && isTitleShaped(text, MARKED_HEADING_MAX)) return heading('section', text, m[3]!);
  m = TITLED_FEATURE.exec(text);
  if (m && isHeadingShaped(text)) return heading(LABEL_ROLE.get(m[1]!)!, `${m[1]} ${m[2]}`, m[2]!, { weak: true });
  return null;
}

/** 知识与技能 / 过程与方法 / 情感态度与价值观: dimension labels inside a 教学目标 list, not headings that end it. */
export const OBJECTIVE_DIMENSION = /^(知识与技能|过程与方法|情感、?态度与价值观|情感态度价值观|核心素养)[:：]?/u;
