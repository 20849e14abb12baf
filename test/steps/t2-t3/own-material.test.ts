import { describe, expect, it } from 'vitest';
import { DeckBrief, DeckSpec } from '../../../src/domain/deck.js';
import { isBlankText, LessonPlan, type LessonRequest, textBlocksOf } from '../../../src/domain/index.js';
import { buildDeckBrief } from '../../../src/steps/c1-brief/offline.js';
import { writeDeckSpec } from '../../../src/steps/c2-spec/offline.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { analyseOffline } from '../../../src/steps/t2-analysis/offline.js';
import { assemblePlan, designOffline } from '../../../src/steps/t3-plan/offline.js';
import { document } from '../t1/pages.js';

/** T1 → T2 → T3 → C1 → C2 offline, as the runner chains them, on one lesson's pages. */
function draft(request: LessonRequest, doc: ReturnType<typeof document>) {
  const digest = buildDigest(request, [{ document: doc, kind: 'textbook' }]);
  const analysis = analyseOffline(request, digest);
  const design = designOffline(request, digest, analysis, []);
  const provenance = {
    engine: 'offline' as const,
    model: null,
    promptVersions: {},
    aiUsed: false,
    createdAt: '2026-01-01T00:00:00Z',
    note: '',
  };
  const plan = LessonPlan.parse(assemblePlan(request, digest, analysis, design, provenance));
  const spec = DeckSpec.parse(writeDeckSpec(DeckBrief.parse(buildDeckBrief(plan, null, 'qingsong')), plan, null));
  return { plan, spec };
}

const poems = document(
  '七上语文.md',
  [
    '## 第12课　古代诗歌二首\n### 观沧海\n曹操\n东临碣石，以观沧海。\n水何澹澹，山岛竦峙。\n树木丛生，百草丰茂。\n秋风萧瑟，洪波涌起。',
    '### 次北固山下\n王湾\n客路青山外，行舟绿水前。\n潮平两岸阔，风正一帆悬。\n海日生残夜，江春入旧年。\n乡书何处达？归雁洛阳边。',
    '### 思考探究\n一、朗读《观沧海》，说说诗人眼中的大海是怎样的景象。\n二、两首诗都写到了水，比较两首诗抒发的情感有什么不同。\n### 积累拓展\n三、背诵并默写这两首诗。',
  ],
  { format: 'markdown', pageUnit: 'section' },
);

const fractions = document('三上数学.pdf', [
  [
    '第1课时　几分之一',
    '学习目标',
    '1. 结合具体情境，认识几分之一，会读、写几分之一。',
    '2. 会比较两个几分之一的大小。',
    '例1　把一个月饼平均分给2个同学，每人分得多少？',
    '把一个月饼平均分成2份，每份是它的二分之一，写作1/2。',
    '像1/2、1/3、1/4……这样的数叫做分数。',
  ].join('\n'),
  [
    '例2　1/2和1/4哪个大？',
    '同一个物体，平均分的份数越多，每份越小。所以1/2＞1/4。',
    '练习十九',
    '1. 在○里填上“＞”“＜”或“＝”。 1/3○1/5　　1/8○1/6',
    '2. 一块蛋糕，小明吃了它的1/4，小红吃了它的1/3，谁吃得多？',
  ].join('\n'),
]);

const yuwen: LessonRequest = {
  title: null,
  subject: '语文',
  grade: 7,
  periodMinutes: null,
  edition: '部编版',
  unit: null,
  classProfile: null,
};
const shuxue: LessonRequest = { ...yuwen, subject: '数学', grade: 3 };

describe('an offline draft organises the teacher’s own material', () => {
  it('a poem lesson carries both poems into the plan, the sheets and the deck, word for word with their section', () => {
    const { plan, spec } = draft(yuwen, poems);
    const reading = plan.process.filter((step) => step.role === 'reading');
    expect(reading.map((step) => step.name)).toEqual(['诵读《观沧海》', '诵读《次北固山下》']);
    expect(reading[1]!.studentActivity).toEqual({
      text: '次北固山下　王湾\n客路青山外，行舟绿水前。\n潮平两岸阔，风正一帆悬。\n海日生残夜，江春入旧年。\n乡书何处达？归雁洛阳边。',
      origin: 'material',
      sources: [{ file: '七上语文.md', page: 2, at: null, quote: '客路青山外，行舟绿水前。' }],
    });
    const first = plan.sheets.exploration.items[0]!;
    expect(first.prompt).toMatchObject({ text: '朗读《观沧海》，说说诗人眼中的大海是怎样的景象。', origin: 'material' });
    expect(first.passage?.text).toContain('东临碣石，以观沧海。');
    const recite = plan.sheets.masteryCheck.items.find((item) => item.prompt.text.includes('潮平两岸阔'))!;
    expect(recite.answer).toMatchObject({ text: '风正一帆悬', origin: 'material' });
    const shown = spec.slides.filter((slide) => slide.body.includes('潮平两岸阔，风正一帆悬。'));
    expect(shown.map((slide) => [slide.layout, slide.origin])).toEqual([['content', 'material']]);
    expect(shown[0]!.notes).toContain('范读');
  });

  it('a maths lesson shows each example with the book’s working and keys the exercises it can compute', () => {
    const { plan } = draft(shuxue, fractions);
    const example = plan.process.find((step) => step.name.startsWith('例1'))!;
    expect(example.teacherActivity).toMatchObject({ text: '例1　把一个月饼平均分给2个同学，每人分得多少？', origin: 'material' });
    expect(example.studentActivity.text).toContain('写作1/2');
    const comparison = plan.sheets.masteryCheck.items.find((item) => item.prompt.text.includes('1/3○1/5'))!;
    expect(comparison.answer).toMatchObject({
      text: '1/3＞1/5；1/8＜1/6',
      origin: 'template',
      sources: [{ file: '三上数学.pdf', page: 2 }],
    });
    expect(plan.objectives.map((o) => o.sources[0]!.page)).toEqual([1, 1]);
  });

  it.each([
    ['poems', yuwen, poems],
    ['fractions', shuxue, fractions],
  ] as const)('%s: every check item has a key or an explicit blank; blanks are only blank markers; no 教参 referral', (_, request, doc) => {
    const { plan } = draft(request, doc);
    for (const item of plan.sheets.masteryCheck.items) {
      expect(item.answer).not.toBeNull();
      expect(item.answer!.origin === 'blank' ? isBlankText(item.answer!.text) : item.answer!.text.length > 0).toBe(true);
    }
    for (const { block } of textBlocksOf(plan)) {
      expect(block.text).not.toMatch(/见教参|依据教参核对/);
      if (block.origin === 'blank') expect(isBlankText(block.text)).toBe(true);
      if (block.origin === 'material') expect(block.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('a lesson whose 课题 is still a blank', () => {
  it('never wraps the blank in book-title marks (「《【待教师补充：…】》」) in the plan or the slide script', () => {
    const untitled = document('notes.pdf', ['长方形长的边叫做长，短的边叫做宽。\n1. 在○里填上“＞”“＜”或“＝”。 1/3○1/5']);
    const { plan, spec } = draft(shuxue, untitled);
    expect(plan.title.origin).toBe('blank');
    expect(JSON.stringify(plan)).not.toContain('《【');
    expect(JSON.stringify(spec)).not.toContain('《【');
    expect(spec.slides.flatMap((s) => s.notes).join('')).toContain('学习本课');
  });
});
