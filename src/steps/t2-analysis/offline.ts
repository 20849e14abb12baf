import {
  block,
  type DigestFile,
  type LessonRequest,
  type MaterialDigest,
  type Misconception,
  type Objective,
  type StandardRequirement,
  type TeachingAnalysis,
  type TextBlock,
} from '../../domain/index.js';
import { lessonRequirements } from '../../standards/objective-links.js';
import { termOverlap } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { subjectProfile } from '../shared/subjects.js';
import { toMeasurable } from '../shared/verbs.js';
import { digestContent, type LessonContent, lessonFocus, lessonName, titleInSentence } from '../t1-digest/content.js';
import { allSentences, bestSentences, cite, termBlock } from './evidence.js';
import { guideLabelled, guideParagraph } from './guide.js';

const REQUIREMENT = /(能|会|理解|掌握|认识|了解|体会|运用|探索|经历|感受|知道|说出|结合)/;
/** A 学习目标 list rarely has more; a plan with more cannot check them all in one period. */
const MAX_OBJECTIVES = 4;
/** A book task that starts with an observable behaviour, short enough to be an objective. */
const BOOK_TASK = /^(朗读|背诵|默写|复述|认读|讲述|演唱|计算|测量|画出|写出|说出)(?=.{2,24}$)/u;

function located<T extends { page: number }>(file: DigestFile, items: T[]) {
  return items.map((item) => ({ ...item, file }));
}

/** 《观沧海》《次北固山下》 */
function textTitles(content: LessonContent): string {
  return [...new Set(content.texts.map((t) => `《${t.title}》`))].join('');
}

/**
 * 教材分析 when no 教参 writes one: what the lesson's pages hold, listed — its
 * texts with their authors, worked examples, defined terms and exercise sets —
 * as rule wording around the book's own names, citing the pages.
 */
function contentsOf(title: string, digest: MaterialDigest, content: LessonContent, files: DigestFile[]): TextBlock {
  const definitions = files.flatMap((f) => located(f, f.structure.definitions));
  const exercises = files.flatMap((f) => located(f, f.structure.exercises));
  const parts = [
    content.texts.length > 0 ? `课文${content.texts.map((t) => `《${t.title}》${t.author ? `（${t.author}）` : ''}`).join('、')}` : '',
    content.examples.length > 0 ? `${content.examples.map((e) => e.label).join('、')}（${clip(content.examples[0]!.problem, 30)}）` : '',
    definitions.length > 0 ? `概念${[...new Set(definitions.map((d) => d.term))].slice(0, 6).join('、')}` : '',
    exercises.length > 0 ? `练习与思考题 ${exercises.length} 道` : '',
  ].filter(Boolean);
  const sources = [
    ...content.texts.map((t) => ({ file: t.file, page: t.page, at: null, quote: clip(t.lines[0] ?? t.title, 30) })),
    ...content.examples.map((e) => ({ file: e.file, page: e.page, at: null, quote: e.label })),
    ...definitions.slice(0, 2).map((d) => cite(d)),
  ];
  if (parts.length === 0 || sources.length === 0) return block.blank(`${titleInSentence(digest.title)}的教材分析`);
  const named = digest.title.origin === 'blank' ? '本课' : `《${title}》${digest.title.origin === 'teacher' ? '' : '一课'}`;
  return block.template(`${named}的内容：${parts.join('；')}。`, sources);
}

/**
 * Objectives when the book states none: one per thing the lesson's pages give
 * the class to do — read the texts, use the defined terms, solve the worked
 * examples — in rule wording that names them. Nothing is said about what the
 * pages do not hold.
 */
function contentObjectives(request: LessonRequest, content: LessonContent, files: DigestFile[]) {
  const found: { text: string; verb: string; sources: Objective['sources'] }[] = [];
  const texts = textTitles(content);
  const at = (t: { file: string; page: number }) => ({ file: t.file, page: t.page, at: null, quote: null });
  const vocabulary = files.flatMap((f) => located(f, f.structure.vocabulary)).filter((v) => /\p{Script=Han}/u.test(v.text));
  if (vocabulary.length > 0) {
    const listed = vocabulary.slice(0, 8).map((v) => v.text);
    found.push({ text: `能认读本课生字词：${listed.join('、')}`, verb: '认读', sources: [cite(vocabulary[0]!)] });
  }
  // The book's own tasks that already name a behaviour (「朗读儿歌，背一背。」) are objectives as it words them.
  const tasks = files
    .filter((f) => f.kind !== 'teacherGuide')
    .flatMap((f) => located(f, f.structure.exercises))
    .filter((e) => BOOK_TASK.test(e.text));
  for (const task of tasks.slice(0, 2)) {
    // 「朗读课文。背诵课文。」 reads as one objective: 「能朗读课文，背诵课文」.
    const text = task.text.replace(/[。；！]+$/u, '').replace(/[。；！]/gu, '，');
    found.push({ text: `能${text}`, verb: BOOK_TASK.exec(task.text)![1]!, sources: [cite(task)] });
  }
  if (content.texts.length > 0) {
    const manner = request.grade <= 2 ? '正确、流利地' : '正确、流利、有感情地';
    found.push({ text: `能${manner}朗读${texts}`, verb: '朗读', sources: content.texts.map(at) });
  }
  const recite = files.flatMap((f) => located(f, f.structure.exercises)).find((e) => /背诵|默写/u.test(e.text));
  if (recite && content.texts.some((t) => t.kind === 'poem')) {
    found.push({ text: `能背诵并默写${texts}`, verb: '背诵', sources: [cite(recite)] });
  }
  const definitions = files.flatMap((f) => located(f, f.structure.definitions));
  const terms = [...new Set(definitions.map((d) => d.term))].slice(0, 4);
  if (terms.length > 0) found.push({ text: `能说出${terms.join('、')}的含义`, verb: '说出', sources: [cite(definitions[0]!)] });
  for (const example of content.examples.slice(0, 2)) {
    found.push({ text: `能解答${example.label}这样的问题：${clip(example.problem, 40)}`, verb: '解答', sources: [at(example)] });
  }
  return found;
}

/**
 * T2's offline engine: a teaching analysis made only of what the materials
 * say, and visible blanks where they say nothing. Objectives, 重点 and 难点
 * are the book's or the 教参's own lines (rewritten only to a measurable
 * verb, and then marked rule wording); 教材分析 lists what the lesson's pages
 * hold; 学情 is the teacher's note or the 教参's paragraph; what needs the
 * teacher's judgment — 学情 of her class, a 难点 nobody states, the 对策 for
 * an error — is a 【待教师补充：…】 blank, never prose the rules made up.
 *
 * @example
 * const analysis = analyseOffline(request, digest);
 * analysis.objectives[0] // { id: 'O1', text: '能说出工程的定义、简史与分类', origin: 'template', sources: [{ file, page: 1, … }] }
 * analysis.learnerAnalysis // { text: '【待教师补充：本班学生学习《工程》前……】', origin: 'blank', sources: [] }
 */
export function analyseOffline(request: LessonRequest, digest: MaterialDigest): TeachingAnalysis {
  const profile = subjectProfile(request.subject);
  const teaching = digest.files.filter((f) => f.kind !== 'curriculumStandard');
  const source = teaching.length > 0 ? teaching : digest.files;
  const title = lessonName(digest);
  const content = digestContent(digest, request.subject);
  const topic = [title, ...digest.keyTerms.slice(0, 8)].join(' ');
  const definitions = source.flatMap((f) => located(f, f.structure.definitions));
  const focus = lessonFocus(
    content,
    definitions.map((d) => d.term),
    title,
  );
  const stated = [
    ...source.filter((f) => f.kind === 'textbook').flatMap((f) => located(f, f.structure.statedObjectives)),
    ...source.filter((f) => f.kind !== 'textbook').flatMap((f) => located(f, f.structure.statedObjectives)),
  ];

  // 1. 课标要求: the standard's items for this lesson (its content and achievement requirements, for
  // this grade), else its sentences about the topic when it has no recognisable structure; without a 课标, a blank.
  const requirements = lessonRequirements(request, digest);
  const standardSentences =
    requirements.length > 0 ? [] : bestSentences(allSentences(digest, ['curriculumStandard']), topic, 3, REQUIREMENT);
  const standards: StandardRequirement[] =
    requirements.length > 0
      ? requirements
      : standardSentences.length > 0
        ? standardSentences.map((e, i) => ({ id: `K${i + 1}`, ...block.material(clip(e.text, 160), [cite(e)]) }))
        : [block.blank(`对照课程标准，写出与${focus}相关的课标要求（材料中没有课标原文）`)];

  // 2. 教材分析: the 教参's own paragraph, else what the lesson's pages hold.
  const guideOnBook = guideParagraph(digest, /教材分析|教材简析|教材内容/);
  const textbookAnalysis = guideOnBook
    ? block.material(clip(guideOnBook.text, 240), [cite(guideOnBook)])
    : contentsOf(title, digest, content, source);

  // 3. 学情分析: the teacher knows her class; a 教参 knows classes like it; the rules know neither.
  const guideOnLearners = guideParagraph(digest, /学情分析|学情/);
  const note = request.classProfile?.trim();
  const learnerAnalysis = note
    ? block.teacher(note)
    : guideOnLearners
      ? block.material(clip(guideOnLearners.text, 200), [cite(guideOnLearners)])
      : block.blank(`本班学生学习${focus}前已经会什么、可能卡在哪里（可据预学单反馈填写）`);

  // 4. 教学目标: the book's (or 教参's) own, made measurable; else one per thing the pages give the class to do.
  const objectives: Objective[] = [];
  const push = (text: string, verb: string, sources: Objective['sources'], origin: Objective['origin']) => {
    // A 教参 often restates the book's 学习目标 in other words: keep the first wording of each.
    const repeats = objectives.some((o) => termOverlap(o.text, text) >= 0.6 || termOverlap(text, o.text) >= 0.6);
    if (repeats || objectives.length >= MAX_OBJECTIVES) return;
    const dimension = profile.competencies[Math.min(objectives.length, profile.competencies.length - 1)]!;
    objectives.push({ id: `O${objectives.length + 1}`, text, origin, verb, dimension, sources });
  };
  for (const line of stated) {
    const measurable = toMeasurable(line.text);
    // The book's own line is the material's; once a rule has rewritten its verb, the wording is the rule's.
    const unchanged = measurable.text === line.text.replace(/[。；;]$/, '').trim();
    push(measurable.text, measurable.verb, [cite(line)], unchanged ? 'material' : 'template');
  }
  if (objectives.length === 0) {
    for (const o of contentObjectives(request, content, source)) push(o.text, o.verb, o.sources, 'template');
  }
  if (objectives.length === 0) {
    objectives.push({
      id: 'O1',
      ...block.blank(`${focus}的教学目标（材料中没有学习目标）`),
      verb: '待定',
      dimension: profile.competencies[0],
    });
  }

  // 5. 重点 / 难点: as a 教参 or the book states them; else the book's definitions; else blanks.
  const statedKey = digest.files.flatMap((f) => located(f, f.structure.statedKeyPoints));
  const statedHard = digest.files.flatMap((f) => located(f, f.structure.statedDifficultPoints));
  const keyPoints: TextBlock[] =
    statedKey.length > 0
      ? statedKey.slice(0, 2).map((e) => block.material(clip(e.text, 80), [cite(e)]))
      : definitions.length > 0
        ? definitions.slice(0, 2).map((d) => block.material(d.text, [cite(d)]))
        : [block.blank(`${focus}的教学重点`)];
  const difficultPoints: TextBlock[] =
    statedHard.length > 0
      ? statedHard.slice(0, 2).map((e) => block.material(clip(e.text, 80), [cite(e)]))
      : [block.blank(`${focus}的教学难点`)];

  // 6. 易错点: the errors the 教参 lists, each with a blank for the teacher's 对策.
  const listed = guideLabelled(digest, /(?:容易|常见|易)(?:出现)?的?(?:错误|问题)(?:有|是)?[:：](.+)$/)
    .flatMap((e) => e.text.split(/[；;]/).map((part) => ({ ...e, text: part.replace(/[。.]$/, '').trim() })))
    .filter((part) => part.text.length >= 4);
  // Without a 教参's list the rules cannot know where these children slip: the teacher says, in a blank.
  const misconceptions: Misconception[] =
    listed.length > 0
      ? listed.slice(0, 4).map((e, i) => ({
          id: `X${i + 1}`,
          text: block.material(e.text, [cite(e)]),
          remedy: block.blank(`针对“${clip(e.text, 24)}”的对策`),
        }))
      : [{ id: 'X1', text: block.blank(`学生学习${focus}时容易出错的地方`), remedy: block.blank(`纠正${focus}易错点的对策`) }];

  return {
    standards,
    textbookAnalysis,
    learnerAnalysis,
    objectives,
    keyPoints,
    difficultPoints,
    misconceptions,
    keyTerms: digest.keyTerms.map((term) => termBlock(digest, term)),
  };
}
