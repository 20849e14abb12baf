import {
  block,
  type DigestFile,
  type LessonRequest,
  type MaterialDigest,
  type Misconception,
  type Objective,
  type TeachingAnalysis,
  type TextBlock,
} from '../../domain/index.js';
import { termOverlap } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { definitionBody, isInformative } from '../shared/definitions.js';
import { subjectProfile } from '../shared/subjects.js';
import { toMeasurable } from '../shared/verbs.js';
import { allSentences, bestSentences, cite, termBlock } from './evidence.js';
import { subjectFocus } from './focus.js';
import { guideLabelled, guideParagraph } from './guide.js';
import { learnerProfile } from './learners.js';

const REQUIREMENT = /(能|会|理解|掌握|认识|了解|体会|运用|探索|经历|感受|知道|说出|结合)/;

function located<T extends { page: number }>(file: DigestFile, items: T[]) {
  return items.map((item) => ({ ...item, file }));
}

/**
 * T2's offline engine: a teaching analysis built only from what the materials
 * say. Objectives come from the book's own 学习目标 (rewritten with measurable
 * verbs) or, when it has none, from its definitions and exercises; every
 * claim cites the page it rests on. Each block says what it is: the
 * material's own words (`material`), or rule wording around them (`template`).
 *
 * @example
 * const analysis = analyseOffline(request, digest);
 * analysis.objectives[0] // { id: 'O1', text: '能说出工程的定义、简史与分类', sources: [{ file, page: 1, … }] }
 */
export function analyseOffline(request: LessonRequest, digest: MaterialDigest): TeachingAnalysis {
  const profile = subjectProfile(request.subject);
  const teaching = digest.files.filter(
    (f) => f.kind === 'textbook' || f.kind === 'teacherGuide' || f.kind === 'reference' || f.kind === 'other',
  );
  const source = teaching.length > 0 ? teaching : digest.files;
  const title = digest.title.text;
  const topic = [title, ...digest.keyTerms.slice(0, 8)].join(' ');
  const definitions = source.flatMap((f) => located(f, f.structure.definitions));
  const stated = source.flatMap((f) => located(f, f.structure.statedObjectives));
  const exercises = source.flatMap((f) => located(f, f.structure.exercises));
  const sections = source.flatMap((f) => located(f, f.structure.sections));
  const vocabulary = source.flatMap((f) => f.structure.vocabulary.map((v) => v.text));
  const firstPage = source.flatMap((f) =>
    f.pages
      .filter((p) => p.quality === 'good')
      .slice(0, 1)
      .map((p) => ({ file: f, page: p.page })),
  )[0];

  // 1. 课标要求: the standard's own sentences about this topic, else what the book asks for.
  const standardSentences = bestSentences(allSentences(digest, ['curriculumStandard']), topic, 3, REQUIREMENT);
  const standards: TextBlock[] =
    standardSentences.length > 0
      ? standardSentences.map((e) => block.material(clip(e.text, 120), [cite(e)]))
      : [
          block.template(
            `材料中未提供课程标准原文，请教师对照课标补充。依据教材，本课要求学生${stated.length > 0 ? stated.map((s) => s.text.replace(/[。；]$/, '')).join('；') : `认识并运用${digest.keyTerms.slice(0, 3).join('、')}`}。`,
            stated.slice(0, 3).map((s) => cite(s)),
          ),
        ];

  // 2. 教材分析: where the lesson sits and what the book puts in it, page by page.
  const lessonHeading = source.flatMap((f) => located(f, f.structure.lessons))[0];
  const sectionNames = [...new Set(sections.map((s) => s.text))].slice(0, 6);
  const guideOnBook = guideParagraph(digest, /教材分析|教材简析|教材内容/);
  const textbookAnalysis: TextBlock = guideOnBook
    ? block.material(clip(guideOnBook.text, 240), [cite(guideOnBook)])
    : block.template(
        [
          `本课《${title}》选自${request.edition ?? ''}${request.subject}${request.unit ? `「${request.unit}」` : ''}。`,
          sectionNames.length > 0 ? `教材依次安排了：${sectionNames.join('、')}。` : '',
          definitions.length > 0
            ? `核心概念有${[...new Set(definitions.map((d) => d.term))].slice(0, 5).join('、')}，教材通过实例引出并给出表述。`
            : '',
          exercises.length > 0
            ? `教材配有 ${exercises.length} 道练习或思考题，可用于课中探究和当堂检测。`
            : '教材没有配套练习，需教师自编检测题。',
        ].join(''),
        [lessonHeading ?? firstPage, ...sections.slice(0, 2), ...definitions.slice(0, 2)]
          .filter((x): x is NonNullable<typeof x> => Boolean(x))
          .map((x) => cite(x)),
      );

  // 3. 学情分析: what children of this grade bring, plus what the teacher told us about her class.
  const guideOnLearners = guideParagraph(digest, /学情分析|学情/);
  // The age band's profile is rule wording even when a guide's sentence is set inside it.
  const learnerAnalysis = block.template(
    learnerProfile(request, digest.keyTerms.slice(0, 3), guideOnLearners ? clip(guideOnLearners.text, 200) : null),
    guideOnLearners ? [cite(guideOnLearners)] : [],
  );

  // 4. 教学目标: the book's own objectives made measurable, or built from definitions and exercises.
  const objectives: Objective[] = [];
  const push = (text: string, verb: string, sources: Objective['sources'], origin: Objective['origin'] = 'template') => {
    // A 教参 often restates the book's 学习目标 in other words: keep the first wording of each.
    const repeats = objectives.some((o) => termOverlap(o.text, text) >= 0.6 || termOverlap(text, o.text) >= 0.6);
    if (repeats || objectives.length >= 4) return;
    const dimension = profile.competencies[Math.min(objectives.length, profile.competencies.length - 1)]!;
    objectives.push({ id: `O${objectives.length + 1}`, text, origin, verb, dimension, sources });
  };
  for (const line of stated) {
    const measurable = toMeasurable(line.text);
    // The book's own line is the material's; once a rule has rewritten its verb, the wording is the rule's.
    const unchanged = measurable.text === line.text.replace(/[。；;]$/, '').trim();
    push(measurable.text, measurable.verb, [cite(line)], unchanged ? 'material' : 'template');
  }
  const terms = [...new Set(definitions.map((d) => d.term))];
  if (objectives.length < 2) {
    for (const definition of definitions.slice(0, 2)) {
      push(`能用自己的话说出${definition.term}的含义`, '说出', [cite(definition)]);
    }
    const main = terms[0] ?? digest.keyTerms[0] ?? title;
    const exercise = exercises[0];
    push(
      `能运用${main}的知识解决教材中的${exercise ? '练习' : '实际'}问题`,
      '运用',
      exercise ? [cite(exercise)] : definitions.slice(0, 1).map((d) => cite(d)),
    );
  }
  if (objectives.length < 3) {
    const anchor = sections[0] ?? firstPage;
    push(
      `在观察、交流和合作探究中，能清楚地表达自己对${terms[0] ?? digest.keyTerms[0] ?? title}的理解`,
      '表达',
      anchor ? [cite(anchor)] : [],
    );
  }

  // 5. 重点 / 难点: the guide's own words when it states them; else the central concept, and using it.
  const keyTerm = terms[0] ?? digest.keyTerms[0] ?? title;
  const statedKey = digest.files.flatMap((f) => located(f, f.structure.statedKeyPoints));
  const statedHard = digest.files.flatMap((f) => located(f, f.structure.statedDifficultPoints));
  const informative = definitions.filter(isInformative);
  const keyPoints: TextBlock[] =
    statedKey.length > 0
      ? statedKey.slice(0, 2).map((e) => block.material(clip(e.text, 80), [cite(e)]))
      : informative.length > 0
        ? // "周长：封闭图形一周的长度" is the book's definition set out by a rule, not its sentence: template, citing it.
          informative.slice(0, 2).map((d) => block.template(`${d.term}：${clip(definitionBody(d.text, d.term), 50)}`, [cite(d)]))
        : [
            subjectFocus(
              request,
              digest,
              sections.map((s) => s.text),
              vocabulary,
              firstPage ? [cite(firstPage)] : [],
            ),
          ];
  const hardExercise = exercises.find((e) => /为什么|怎样想|如何|比较|说明|设计|靠墙|拼/.test(e.text)) ?? exercises.at(-1);
  const difficultPoints: TextBlock[] =
    statedHard.length > 0
      ? statedHard.slice(0, 2).map((e) => block.material(clip(e.text, 80), [cite(e)]))
      : [
          block.template(
            hardExercise
              ? `运用${keyTerm}解决变式问题，如：${clip(hardExercise.text, 50)}`
              : `从具体实例中概括出${keyTerm}，并迁移到新情境`,
            hardExercise ? [cite(hardExercise)] : definitions.slice(0, 1).map((d) => cite(d)),
          ),
        ];

  // 6. 易错点: the errors the guide lists, else where children typically slip on these concepts.
  const listed = guideLabelled(digest, /(?:容易|常见|易)(?:出现)?的?(?:错误|问题)(?:有|是)?[:：](.+)$/)
    .flatMap((e) => e.text.split(/[；;]/).map((part) => ({ ...e, text: part.replace(/[。.]$/, '').trim() })))
    .filter((part) => part.text.length >= 4);
  const misconception = (i: number, text: TextBlock, remedy: string): Misconception => ({
    id: `X${i + 1}`,
    text,
    remedy: block.template(remedy),
  });
  const misconceptions: Misconception[] =
    listed.length > 0
      ? listed
          .slice(0, 4)
          .map((e, i) =>
            misconception(i, block.material(e.text, [cite(e)]), '课前从预学单中找出有此错误的学生，课上用对比辨析和即时练习纠正'),
          )
      : [
          misconception(
            0,
            block.template(`只记住${keyTerm}的说法，不理解其含义，换一种情境就不会用`),
            '让学生举出自己的例子并说明理由，教师追问“为什么”',
          ),
          ...(terms.length >= 2
            ? [misconception(1, block.template(`把${terms[0]}与${terms[1]}混为一谈`), '用对比表格列出两者的异同，配一道辨析题')]
            : []),
        ];

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
