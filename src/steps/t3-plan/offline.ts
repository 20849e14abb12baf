import {
  block,
  defaultPeriodMinutes,
  formatPlace,
  type LessonDesign,
  type LessonPlan,
  type LessonRequest,
  type MaterialDigest,
  type Objective,
  PLAN_SCHEMA_VERSION,
  type ProcessStep,
  type Provenance,
  type Sheets,
  type StepRole,
  type TeachingAnalysis,
  type TextBlock,
} from '../../domain/index.js';
import { termOverlap } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { collectSources } from '../shared/citations.js';
import { digestContent, lessonFocus, lessonName } from '../t1-digest/content.js';
import { guideKeys } from '../t1-digest/guide-keys.js';
import { cite } from '../t2-analysis/evidence.js';
import { boardLines } from './board.js';
import { splitMinutes } from './minutes.js';
import {
  buildSheets,
  FURTHER,
  type PlanMaterial,
  promptOf,
  solutionBlock,
  sortExercises,
  sourceOf,
  textSource,
  textsBlock,
} from './sheets.js';

/** The material the design draws on, gathered once: teaching files only (not the 课标). */
export function planMaterial(request: LessonRequest, digest: MaterialDigest): PlanMaterial {
  const files = digest.files.filter((f) => f.kind !== 'curriculumStandard');
  const pick = <K extends 'definitions' | 'exercises' | 'vocabulary'>(key: K) =>
    files.flatMap((file) => file.structure[key].map((item) => ({ ...item, file })));
  const definitions = pick('definitions') as PlanMaterial['definitions'];
  const content = digestContent(digest, request.subject);
  return {
    title: lessonName(digest),
    focus: lessonFocus(
      content,
      definitions.map((d) => d.term),
      lessonName(digest),
    ),
    definitions,
    // The 教参's suggestions are for the teacher, not tasks for the class.
    exercises: pick('exercises').filter((e) => e.file.kind !== 'teacherGuide'),
    vocabulary: pick('vocabulary'),
    content,
    guideKeys: guideKeys(digest.files),
  };
}

/** A step before its minutes are known: a weight says how much of the period it deserves. */
interface Draft {
  role: StepRole;
  name: string;
  weight: number;
  teacher: TextBlock;
  student: TextBlock;
  intent: TextBlock;
  objectiveIds: string[];
}

/** The objective a step serves, by the words they share; its wording is the step's 设计意图. */
function served(text: string, objectives: Objective[]): Objective | null {
  const best = objectives
    .map((o) => ({ o, score: termOverlap(text, o.text) + termOverlap(o.text, text) }))
    .sort((a, b) => b.score - a.score)[0];
  return best && best.score > 0 ? best.o : null;
}

function intentFor(text: string, objectives: Objective[], what: string): { intent: TextBlock; objectiveIds: string[] } {
  const objective = served(text, objectives);
  if (!objective) return { intent: block.blank(`${what}的设计意图`), objectiveIds: [objectives[0]!.id] };
  return { intent: { text: objective.text, origin: objective.origin, sources: objective.sources }, objectiveIds: [objective.id] };
}

/**
 * The lesson's 环节, built from what its pages hold, in class order: 导入 (the
 * book's opening question, else a blank), 预学反馈, 诵读 of each studied
 * text, one step per worked example (the problem, the book's working), the
 * book's questions to think through, 当堂检测 on the 达标检测单, 小结 from the
 * board. Cells are the material's words where the book has them, a visible
 * blank where only the teacher can say (how the class answers an open
 * question), and rule wording only for the frame (「出示……」), naming what it shows.
 */
function drafts(material: PlanMaterial, analysis: TeachingAnalysis, sheets: Sheets, board: string[]): Draft[] {
  const { title, focus, content } = material;
  const { objectives } = analysis;
  const exercises = sortExercises(material);
  const steps: Draft[] = [];
  const firstPage = Math.min(...material.exercises.map((e) => e.page), Number.POSITIVE_INFINITY);
  const question = exercises.open.find((e) => e.page === firstPage && /[？?]$/u.test(e.text) && content.examples.length > 0);
  // The book's own way in: its 阅读提示 / Starting out box, else the question on its first page.
  const opener = content.opening ?? (question ? { text: question.text, file: question.file.name, page: question.page } : null);

  const lead = intentFor(title, objectives, `${focus}导入`);
  steps.push({
    role: 'lead-in',
    name: '导入新课',
    weight: 3,
    teacher: opener ? block.material(opener.text, [sourceOf(opener)]) : block.blank(`用什么情境或问题引出${focus}`),
    student: opener ? block.blank(`学生对“${clip(opener.text, 20)}”的回答`) : block.blank(`学生在${focus}导入时的活动`),
    intent: block.blank(`由导入引出${focus}的意图`),
    objectiveIds: lead.objectiveIds,
  });

  const pre = sheets.preStudy.items.filter((item) => item.type !== 'reflection');
  if (pre.length > 0) {
    steps.push({
      role: 'pre-study-feedback',
      name: '预学反馈',
      weight: 3,
      teacher: block.template(
        `检查预学单：${pre.map((item) => `${item.id} ${clip(item.prompt.text.split('\n')[0]!, 24)}`).join('；')}。`,
        pre.flatMap((item) => item.prompt.sources).slice(0, 3),
      ),
      student: block.blank(`学生预习${focus}时提出的疑问（课前收齐预学单后填写）`),
      intent: block.blank(`据预学单调整${focus}的讲授重点`),
      objectiveIds: [...new Set(pre.flatMap((item) => item.objectiveIds))].slice(0, 2),
    });
  }

  for (const text of content.texts) {
    const served = intentFor(`朗读 ${text.title}`, objectives, `诵读《${text.title}》`);
    steps.push({
      role: 'reading',
      name: `诵读《${clip(text.title, 12)}》`,
      weight: text.kind === 'poem' ? 4 : 6,
      teacher: block.template(
        `出示${text.kind === 'dialogue' ? '对话' : ''}《${text.title}》${text.author ? `（${text.author}）` : ''}全文，范读后指导学生朗读。`,
        [textSource(text)],
      ),
      student: textsBlock([text])!,
      intent: served.intent,
      objectiveIds: served.objectiveIds,
    });
  }

  // What the book states before its examples: its definitions and formulas, word for word.
  // One sentence can define two terms (长 and 宽): it is stated once.
  const stated = [
    ...material.definitions.slice(0, 3).map((d) => ({ text: d.text, source: cite(d) })),
    ...content.formulas.slice(0, 4).map((f) => ({ text: f.text, source: sourceOf(f, f.text) })),
  ].filter((x, i, all) => all.findIndex((y) => y.text === x.text) === i);
  if (content.examples.length > 0 && stated.length > 0) {
    const named = [...material.definitions.slice(0, 3).map((d) => d.term), ...(content.formulas.length > 0 ? ['公式'] : [])];
    const served = intentFor(stated.map((x) => x.text).join(' '), objectives, `${named.join('、')}的讲解`);
    steps.push({
      role: 'new-content',
      name: `认识${named.join('、')}`,
      weight: 6,
      teacher: block.material(
        stated.map((x) => x.text).join('\n'),
        stated.map((x) => x.source),
      ),
      student: block.blank(`学生说出${named.join('、')}的过程与疑问`),
      intent: served.intent,
      objectiveIds: served.objectiveIds,
    });
  }

  content.examples.slice(0, 3).forEach((example, i) => {
    const served = intentFor(example.problem, objectives, `${example.label}`);
    steps.push({
      role: i === 0 ? 'new-content' : 'guided-practice',
      name: `${example.label}${i === 0 ? ' 探究新知' : ' 巩固方法'}`,
      weight: 8,
      teacher: block.material(`${example.label}　${example.problem}`, [sourceOf(example, example.label)]),
      student: solutionBlock(example) ?? block.blank(`学生解答${example.label}的过程`),
      intent: served.intent,
      objectiveIds: served.objectiveIds,
    });
  });

  if (content.examples.length === 0 && material.definitions.length > 0) {
    const definitions = material.definitions.slice(0, 3);
    const served = intentFor(definitions.map((d) => d.term).join(' '), objectives, `${definitions[0]!.term}的讲解`);
    steps.push({
      role: 'new-content',
      name: `认识${definitions.map((d) => d.term).join('、')}`,
      weight: 8,
      teacher: block.material(
        definitions.map((d) => d.text).join('\n'),
        definitions.map((d) => cite(d)),
      ),
      student: block.blank(`学生用自己的话说出${definitions.map((d) => d.term).join('、')}并举例`),
      intent: served.intent,
      objectiveIds: served.objectiveIds,
    });
  }

  // The book's open questions: the first ones are worked through with the class, the last one in groups.
  const explored = sheets.exploration.items.filter((item) => item.prompt.origin === 'material' && item.answer === null);
  explored.forEach((item, i) => {
    const last = i === explored.length - 1 && explored.length > 1;
    const served = intentFor(item.prompt.text, objectives, `探究单 ${item.id}`);
    steps.push({
      role: last ? 'group-inquiry' : 'new-content',
      name: last ? `合作探究（${item.id}）` : `${content.texts.length > 0 ? '品读' : '思考'}（${item.id}）`,
      weight: 6,
      teacher: item.prompt,
      student: block.blank(`学生回答“${clip(item.prompt.text, 24)}”的要点`),
      intent: served.intent.origin === 'blank' ? block.blank(`提问“${clip(item.prompt.text, 16)}”的设计意图`) : served.intent,
      objectiveIds: served.objectiveIds,
    });
  });
  if (!steps.some((s) => s.role === 'new-content' || s.role === 'reading' || s.role === 'guided-practice')) {
    steps.push({
      role: 'new-content',
      name: '探究新知',
      weight: 12,
      teacher: block.blank(`${focus}的新授内容（材料中没有课文、例题、定义或思考题）`),
      student: block.blank(`学生在${focus}新授中的活动`),
      intent: block.blank(`${focus}新授的设计意图`),
      objectiveIds: [objectives[0]!.id],
    });
  }

  const checks = sheets.masteryCheck.items;
  const short = (text: string, max: number) => clip(text.replace(/\s+/gu, ' '), max).replace(/[。；，、？]+(…?)$/u, '$1');
  const checked = objectives.filter((o) => checks.some((item) => item.objectiveIds.includes(o.id)));
  steps.push({
    role: 'check',
    name: '当堂检测',
    weight: 7,
    teacher: block.template(
      `完成达标检测单：${checks.map((item) => `${item.id} ${short(item.prompt.text, 20)}`).join('；')}。`,
      checks.flatMap((item) => item.prompt.sources).slice(0, 3),
    ),
    student: block.template(
      `独立完成 ${checks.map((item) => item.id).join('、')}，对照答案订正：${checks
        .filter((item) => item.answer && item.answer.origin !== 'blank')
        .map((item) => `${item.id} ${short(item.answer!.text, 16)}`)
        .join('；')}`.replace(/，对照答案订正：$/u, ''),
    ),
    intent: block.template(`检测目标达成：${checked.map((o) => short(o.text, 14)).join('；')}`),
    objectiveIds: checked.map((o) => o.id),
  });

  steps.push({
    role: 'summary',
    name: '课堂小结',
    weight: 4,
    teacher: block.template(`对照板书回顾：${board.slice(1).join('；')}`, analysis.keyPoints.flatMap((k) => k.sources).slice(0, 2)),
    student: block.blank(`学生说出的${focus}收获与疑问`),
    intent: analysis.keyPoints[0]!.origin === 'blank' ? block.blank(`${focus}小结的设计意图`) : analysis.keyPoints[0]!,
    objectiveIds: objectives.map((o) => o.id),
  });
  return steps;
}

/** 分层作业: the book's exercises not used in class, else visible blanks. */
function homework(material: PlanMaterial, sheets: Sheets): LessonDesign['homework'] {
  const used = new Set(Object.values(sheets).flatMap((sheet) => sheet.items.map((item) => item.prompt.text)));
  const { keyed, open, home, rest } = sortExercises(material);
  const unused = (list: typeof keyed) => list.filter((e) => !used.has(e.text) && ![...used].some((u) => u.includes(e.text)));
  const further = home.filter((e) => FURTHER.test(e.text));
  const basic = [...home.filter((e) => !further.includes(e)), ...unused(keyed), ...unused(rest)].slice(0, 2);
  const advanced = unused(open).slice(0, 1);
  const { focus } = material;
  return {
    basic: basic.length > 0 ? basic.map(promptOf) : [block.blank(`巩固${focus}的基础作业`)],
    advanced: advanced.length > 0 ? advanced.map(promptOf) : [block.blank(`运用${focus}的提高作业`)],
    challenge: further.length > 0 ? further.slice(0, 1).map(promptOf) : [block.blank(`围绕${focus}的拓展作业`)],
  };
}

/**
 * T3's offline engine: the lesson the teacher's own material makes. Its texts,
 * worked examples, definitions and questions become the 环节 and the three
 * sheets word for word, each with its page; a rule adds only the frame and
 * the arithmetic it can check; what needs the teacher's judgment is left as a
 * visible 【待教师补充：…】. Minutes are split to the period exactly.
 *
 * @example
 * const design = designOffline(request, digest, analysis, []);
 * design.process.find((s) => s.role === 'reading')?.studentActivity.text // '观沧海　曹操\n东临碣石，以观沧海。…'
 * design.process.reduce((s, p) => s + p.minutes, 0) === 45
 */
export function designOffline(
  request: LessonRequest,
  digest: MaterialDigest,
  analysis: TeachingAnalysis,
  videoTitles: string[],
): LessonDesign {
  const period = request.periodMinutes ?? defaultPeriodMinutes(request.grade);
  const material = planMaterial(request, digest);
  const sheets = buildSheets(analysis, material);
  const board = boardLines(material, analysis);
  const steps = drafts(material, analysis, sheets, board);
  const minutes = splitMinutes(
    period,
    steps.map((s) => s.weight),
  );
  const process: ProcessStep[] = steps.map((s, i) => ({
    id: `S${i + 1}`,
    role: s.role,
    name: s.name,
    minutes: minutes[i]!,
    teacherActivity: s.teacher,
    studentActivity: s.student,
    intent: s.intent,
    objectiveIds: s.objectiveIds.length > 0 ? s.objectiveIds : [analysis.objectives[0]!.id],
    clip: null,
  }));
  const { content } = material;
  const textbook = digest.files.find((f) => f.kind === 'textbook');
  const good = textbook?.pages.filter((p) => p.quality === 'good') ?? [];
  const count = (key: keyof Sheets) => sheets[key].items.length;
  return {
    title: digest.title,
    methods: [
      ...content.texts.map((t) => `诵读《${t.title}》`),
      ...content.examples.map((e) => `${e.label}讲解（${clip(e.problem, 12)}）`),
      ...sheets.exploration.items
        .filter((item) => item.prompt.origin === 'material')
        .slice(0, 2)
        .map((item) => `问题探究（${clip(item.prompt.text, 14)}）`),
      `一案三单：预学单 ${count('preStudy')} 题、探究单 ${count('exploration')} 题、达标检测单 ${count('masteryCheck')} 题`,
    ].map((text) => block.template(text)),
    preparation: [
      ...(textbook && good.length > 0
        ? [
            block.template(`教材 ${textbook.name} ${formatPlace(textbook.pageUnit, [good[0]!.page, good.at(-1)!.page])}`, [
              { file: textbook.name, page: good[0]!.page, at: null, quote: null },
            ]),
          ]
        : []),
      ...videoTitles.map((video) => block.template(`平台课程视频《${video}》，按视频提纲分段播放`)),
      block.blank(`${material.focus}需要的课件、教具和学具`),
    ],
    process,
    boardDesign:
      board.length <= 1
        ? block.blank(`${material.focus}的板书设计`)
        : block.template(board.join('\n'), [
            ...material.definitions.slice(0, 3).map((d) => cite(d)),
            ...content.texts.map(textSource),
            ...content.examples.slice(0, 2).map((e) => sourceOf(e, e.label)),
          ]),
    homework: homework(material, sheets),
    sheets,
  };
}

/**
 * The full plan: the request's facts, T2's analysis, a design (the model's or
 * the rules'), sources and provenance. The 课题 the teacher typed always wins;
 * else the design's (a model may name the lesson better than a file name).
 */
export function assemblePlan(
  request: LessonRequest,
  digest: MaterialDigest,
  analysis: TeachingAnalysis,
  design: LessonDesign,
  provenance: Provenance,
): LessonPlan {
  const body = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    subject: request.subject,
    grade: request.grade,
    edition: request.edition,
    periodMinutes: request.periodMinutes ?? defaultPeriodMinutes(request.grade),
    standards: analysis.standards,
    textbookAnalysis: analysis.textbookAnalysis,
    learnerAnalysis: analysis.learnerAnalysis,
    objectives: analysis.objectives,
    keyPoints: analysis.keyPoints,
    difficultPoints: analysis.difficultPoints,
    misconceptions: analysis.misconceptions,
    keyTerms: analysis.keyTerms,
    ...design,
    title: digest.title.origin === 'teacher' ? digest.title : design.title,
    reflection: null,
  };
  return { ...body, sources: collectSources(body), provenance };
}
