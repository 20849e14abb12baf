import { LessonPlan, type Provenance, type SheetItem, type SourceRef } from '../../../src/domain/index.js';
import { FIXTURE_PROVENANCE, processStep, sheetItem, text as t } from '../../support/fixtures/plan.js';

/**
 * A complete, schema-valid 三年级数学 plan for the document renderer tests. It
 * stays apart from test/support/fixtures/plan.ts on purpose: its answers are
 * unique marker strings (标准答案甲…), so a test can prove that no answer leaks
 * onto the students' pages.
 */
const book = (page: number): SourceRef => ({ file: '数学三上.pdf', page, at: null, quote: null });
const standard: SourceRef = { file: '课程标准2022.pdf', page: 21, at: null, quote: '初步认识分数' };
const video: SourceRef = { file: '微课.srt', page: null, at: 135, quote: null };

export const OFFLINE: Provenance = FIXTURE_PROVENANCE;

export const AI: Provenance = {
  engine: 'openai-compatible',
  model: 'deepseek-chat',
  aiUsed: true,
  promptVersions: { T2: '3f9a1c2d7e6b', T3: 'a1b2c3d4e5f6' },
  createdAt: '2025-03-01T02:00:00.000Z',
  note: '',
};

const item = (id: string, type: SheetItem['type'], prompt: string, rest: Parameters<typeof sheetItem>[3] = {}) =>
  sheetItem(id, type, t(prompt), rest);

/** One 环节: the teacher's words are rule wording citing `sources`; the rest is rule wording. */
const step = (
  n: number,
  role: LessonPlan['process'][number]['role'],
  name: string,
  minutes: number,
  words: [string, string, string],
  objectiveIds: string[],
  sources: SourceRef[],
) => processStep(n, role, name, minutes, [t(words[0], sources, 'template'), t(words[1]), t(words[2])], objectiveIds);

export function makePlan(overrides: Partial<LessonPlan> = {}): LessonPlan {
  return LessonPlan.parse({
    schemaVersion: 2,
    title: t('几分之一', [], 'teacher'),
    subject: '数学',
    grade: 3,
    edition: '人教版',
    periodMinutes: 40,
    standards: [t('在具体情境中初步认识分数，能读、写简单的分数。', [standard])],
    textbookAnalysis: t('本课是第八单元"分数的初步认识"的第一课时，借助分物情境引入几分之一。', [book(90)], 'model'),
    learnerAnalysis: t('【待教师补充：本班学生对平均分的掌握情况】', [], 'blank'),
    objectives: [
      {
        id: 'O1',
        text: '能说出几分之一的含义，会读、写几分之一',
        origin: 'material',
        verb: '说出',
        dimension: '数感',
        sources: [book(90)],
      },
      {
        id: 'O2',
        text: '能比较两个几分之一的大小并说明理由',
        origin: 'model',
        verb: '比较',
        dimension: '推理意识',
        sources: [book(91), video],
      },
    ],
    keyPoints: [t('理解几分之一的含义', [book(90)])],
    difficultPoints: [t('比较几分之一的大小', [book(91)], 'teacher')],
    misconceptions: [{ id: 'X1', text: t('认为 1/4 比 1/2 大', [book(91)]), remedy: t('折纸对比两份的大小', [], 'model') }],
    keyTerms: [t('平均分', [book(90)]), t('几分之一', [book(90)])],
    methods: [t('情境教学法'), t('动手操作法')],
    preparation: [t('课件'), t('圆形、正方形纸片')],
    process: [
      step(
        1,
        'lead-in',
        '情境导入',
        5,
        ['出示分月饼情境：4 块月饼平均分给 2 人。', '说出每人分得几块。', '从平均分引出"一半"。'],
        ['O1'],
        [book(90)],
      ),
      step(
        2,
        'new-content',
        '探究新知',
        20,
        ['引导学生折纸表示二分之一、四分之一。\n组织小组交流。', '动手折一折、涂一涂。', '在操作中理解分数的含义。'],
        ['O1', 'O2'],
        [book(90), book(91), video],
      ),
      step(3, 'check', '巩固练习', 12, ['出示练习题，巡视指导。', '独立完成练习，同桌互查。', '及时反馈，检测目标达成。'], ['O2'], []),
      step(4, 'summary', '课堂小结', 3, ['提问：这节课你有什么收获？', '交流收获。', '梳理知识。'], [], []),
    ],
    boardDesign: t('几分之一\n  把一个物体平均分成 2 份，每份是它的 1/2\n  1/2 > 1/4'),
    homework: {
      basic: [t('完成课本第 93 页练习一第 1 题。')],
      advanced: [t('用一张纸折出 1/8，并涂色表示。')],
      challenge: [t('找一找生活中的几分之一，说给家人听。')],
    },
    sheets: {
      preStudy: {
        title: '预学单',
        phase: 'before',
        instructions: '课前阅读课本第 90 页，完成下面的问题。',
        items: [
          item('P1', 'fill', '把一个月饼平均分成 2 份，每份是它的＿＿＿。', {
            answer: '二分之一',
            passage: t('中秋节，妈妈把一个月饼平均分成两块，\n我和弟弟各吃一块。', [book(90)]),
          }),
          item('P2', 'short', '你在生活中见过"一半"吗？举一个例子。', { writing: { kind: 'grid', count: 24 } }),
        ],
      },
      exploration: {
        title: '探究单',
        phase: 'in',
        instructions: '先独立完成，再在小组内交流。',
        items: [
          item('E1', 'task', '用一张正方形纸折出它的 1/4，并涂色。', { answer: '对折两次，涂其中一份', objectiveIds: ['O1'] }),
          item('E2', 'fill', '1/2 和 1/4 比较大小', { answer: '1/2 > 1/4', objectiveIds: ['O2'] }),
          item('E3', 'task', '把折纸的结果填在表里。', {
            table: {
              columns: ['分数', '怎样折', '涂了几份'],
              rows: [
                ['1/2', '', ''],
                ['1/4', '', ''],
              ],
            },
            objectiveIds: ['O1'],
          }),
        ],
      },
      masteryCheck: {
        title: '达标检测单',
        phase: 'after',
        instructions: '独立完成，限时 8 分钟。',
        items: [
          item('M1', 'choice', '把一根绳子平均分成 3 段，每段是全长的', {
            options: ['1/2', '1/3', '3', '1/4'],
            answer: 'B 标准答案甲',
            objectiveIds: ['O1'],
            tier: 'basic',
          }),
          item('M2', 'fill', '1/3 ＿＿ 1/5（填 > 或 <）', { answer: '标准答案乙', objectiveIds: ['O2'], tier: 'advanced' }),
          item('M3', 'reflection', '说一说你是怎样比较两个几分之一的大小的。', {
            answer: '标准答案丙',
            objectiveIds: ['O2'],
            tier: 'challenge',
          }),
        ],
      },
    },
    reflection: null,
    sources: [book(90), book(91), book(90), standard, video],
    provenance: OFFLINE,
    ...overrides,
  });
}

/** The 教学设计 section headings in the order both plan renderers must print them. */
export const PLAN_HEADINGS = [
  '一、课标要求',
  '二、教材分析',
  '三、学情分析',
  '四、教学目标',
  '五、教学重点与难点',
  '六、易错点与对策',
  '七、教学方法',
  '八、教学准备',
  '九、教学过程',
  '十、板书设计',
  '十一、作业设计',
  '十二、教学反思',
  '参考资料',
];
