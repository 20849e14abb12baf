import {
  block,
  defaultPeriodMinutes,
  type LessonDesign,
  type LessonPlan,
  type LessonRequest,
  type MaterialDigest,
  PLAN_SCHEMA_VERSION,
  type ProcessStep,
  type Provenance,
  type SourceRef,
  type StepRole,
  type TeachingAnalysis,
} from '../../domain/index.js';
import { clip } from '../../text/segment.js';
import { collectSources } from '../shared/citations.js';
import { subjectProfile } from '../shared/subjects.js';
import { cite } from '../t2-analysis/evidence.js';
import { boardLines } from './board.js';
import { splitMinutes } from './minutes.js';
import { buildSheets, checkableExercises, type PlanMaterial } from './sheets.js';

/** The material the design draws on, gathered once: teaching files only (not the 课标). */
export function planMaterial(digest: MaterialDigest): PlanMaterial {
  const files = digest.files.filter((f) => f.kind !== 'curriculumStandard');
  const pick = <K extends 'definitions' | 'exercises' | 'vocabulary'>(key: K) =>
    files.flatMap((file) => file.structure[key].map((item) => ({ ...item, file })));
  const textbook = files.find((f) => f.kind === 'textbook') ?? files[0];
  const good = textbook?.pages.filter((p) => p.quality === 'good') ?? [];
  return {
    definitions: pick('definitions') as PlanMaterial['definitions'],
    exercises: pick('exercises'),
    vocabulary: pick('vocabulary'),
    pages: textbook && good.length > 0 ? { file: textbook, from: good[0]!.page, to: good.at(-1)!.page } : null,
  };
}

/** One 环节 of the rules' lesson: its wording is the rules' (template), citing the material it quotes. */
function ruleStep(
  id: number,
  role: StepRole,
  name: string,
  minutes: number,
  words: { teacher: string; student: string; intent: string },
  objectiveIds: string[],
  sources: SourceRef[],
): ProcessStep {
  return {
    id: `S${id}`,
    role,
    name,
    minutes,
    teacherActivity: block.template(words.teacher, sources),
    studentActivity: block.template(words.student),
    intent: block.template(words.intent),
    objectiveIds,
    clip: null,
  };
}

/**
 * T3's offline engine: a 两单三学 lesson (预学反馈 → 探究 → 合作 → 检测 →
 * 小结) filled with the material's own situations, definitions and
 * exercises, minutes split to the period exactly. The wording is the rules'
 * and says so (`template`); what is copied from the material says so too.
 *
 * @example
 * const design = designOffline(request, digest, analysis, []);
 * design.process.reduce((s, p) => s + p.minutes, 0) === 40
 */
export function designOffline(
  request: LessonRequest,
  digest: MaterialDigest,
  analysis: TeachingAnalysis,
  videoTitles: string[],
): LessonDesign {
  const period = request.periodMinutes ?? defaultPeriodMinutes(request.grade);
  const profile = subjectProfile(request.subject);
  const material = planMaterial(digest);
  const ids = analysis.objectives.map((o) => o.id);
  const [o1, o2 = o1!] = ids as [string, string?];
  const title = digest.title.text;
  const keyTerm = material.definitions[0]?.term ?? analysis.keyTerms[0]?.text ?? title;
  const definition = material.definitions[0];
  const opener =
    material.exercises.find((e) => /[？?]$/.test(e.text) && e.page === material.pages?.from) ??
    material.exercises.find((e) => /[？?]$/.test(e.text));
  const groupTask = material.exercises.find((e) => e !== opener && /[？?]$/.test(e.text)) ?? material.exercises[0];
  const misconception = analysis.misconceptions[0];
  const minutes = splitMinutes(period, [4, 3, 12, 8, 8, 5]);
  const at = (i: number) => minutes[i]!;

  const process: ProcessStep[] = [
    ruleStep(
      1,
      'lead-in',
      '情境导入',
      at(0),
      {
        teacher: opener
          ? `出示教材中的情境，提问：“${clip(opener.text, 60)}”引导学生联系生活思考，揭示课题《${title}》。`
          : `创设与${keyTerm}有关的生活情境，提问：“生活中你在哪里见过${keyTerm}？”揭示课题《${title}》。`,
        student: '观察情境，联系生活经验自由发言，明确本课学习任务。',
        intent: '从学生熟悉的情境入手，激发学习兴趣，自然引出课题。',
      },
      [o1!],
      opener ? [cite(opener)] : [],
    ),
    ruleStep(
      2,
      'pre-study-feedback',
      '预学反馈',
      at(1),
      {
        teacher: `展示预学单中的典型答案和学生提出的疑问，针对共性问题${misconception ? `（如“${clip(misconception.text.text, 30)}”）` : ''}作简要点拨。`,
        student: '对照预学单交流预习收获，提出仍有疑问的地方。',
        intent: '以学定教，暴露学生的前概念，让课堂讲在学生需要处。',
      },
      [o1!],
      [],
    ),
    ruleStep(
      3,
      'new-content',
      '探究新知',
      at(2),
      {
        teacher: definition
          ? `引导学生阅读教材第 ${definition.page} 页，结合实例讲解：${clip(definition.text, 70)}再请学生用自己的话说一说。`
          : `引导学生阅读教材，围绕“${analysis.keyPoints[0]!.text}”组织观察、比较和归纳。`,
        student: '阅读教材，圈画关键词，完成探究单任务一，用自己的话复述并举例。',
        intent: `在具体实例中理解${keyTerm}，突出教学重点。`,
      },
      [...new Set([o1!, o2])],
      definition ? [cite(definition)] : analysis.keyPoints[0]!.sources,
    ),
    ruleStep(
      4,
      'group-inquiry',
      '合作探究',
      at(3),
      {
        teacher: `出示探究单任务二${groupTask ? `：“${clip(groupTask.text, 60)}”` : ''}，组织四人小组讨论，巡视指导，请小组代表汇报，师生共同评议。`,
        student: '先独立思考，再小组交流，形成共识后派代表汇报，其他小组补充或质疑。',
        intent: `突破难点：${clip(analysis.difficultPoints[0]!.text, 40)}；在合作中发展表达与思维能力。`,
      },
      [...new Set([o2, ids.at(-1)!])],
      groupTask ? [cite(groupTask)] : analysis.difficultPoints[0]!.sources,
    ),
    ruleStep(
      5,
      'check',
      '当堂检测',
      at(4),
      {
        teacher: '发放达标检测单，学生独立完成基础题和提高题；教师巡视，收集典型错误，组织同桌互批并集中讲评。',
        student: '独立完成达标检测单，同桌互批，订正错题，有余力的同学完成拓展题。',
        intent: '检测每个教学目标的达成情况，及时发现问题、当堂补救。',
      },
      ids,
      [],
    ),
    ruleStep(
      6,
      'summary',
      '课堂小结与作业',
      at(5),
      {
        teacher: `引导学生对照板书说说本节课的收获，强调${clip(analysis.keyPoints[0]!.text, 30)}；布置分层作业。`,
        student: '回顾本课所学，交流收获与疑问，记录分层作业。',
        intent: '梳理知识结构，形成整体认识；分层作业让不同学生各有所得。',
      },
      [o1!],
      [],
    ),
  ];

  // The checks use the best two exercises; homework takes the next ones, so a child does not do one twice.
  const exerciseHomework = checkableExercises(material)
    .slice(2, 4)
    .map((e) => block.template(`完成教材 ${e.file.name} 第 ${e.page} 页：${clip(e.text, 50)}`, [cite(e)]));
  const board = boardLines(
    title,
    material.definitions,
    analysis.keyPoints.map((k) => k.text),
    [...material.definitions.map((d) => d.term), ...material.vocabulary.map((v) => v.text), ...digest.keyTerms.slice(0, 4)],
  );
  const template = (text: string) => block.template(text);
  return {
    title: digest.title,
    methods: [...profile.methods, '两单三学（预学—共学—测学）'].map(template),
    preparation: [
      '多媒体课件（deck.pptx）',
      '预学单、探究单、达标检测单（sheets.docx），课前一天发放预学单',
      material.pages ? `教材 ${material.pages.file.name} 第 ${material.pages.from}–${material.pages.to} 页` : '教材',
      ...videoTitles.map((video) => `平台课程视频《${video}》（按视频提纲分段播放）`),
    ].map(template),
    process,
    boardDesign: block.template(
      board.join('\n'),
      material.definitions.slice(0, 3).map((d) => cite(d)),
    ),
    homework: {
      basic: exerciseHomework.length > 0 ? exerciseHomework : [template(`复习板书，用自己的话说出${keyTerm}的含义，并写在作业本上。`)],
      advanced: [template('整理达标检测单中的错题，写出错误原因，并仿照错题各编一道同类题。')],
      challenge: [template(`${profile.extension}。`)],
    },
    sheets: buildSheets(analysis, material, profile),
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
