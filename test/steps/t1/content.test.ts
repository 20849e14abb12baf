import { describe, expect, it } from 'vitest';
import type { LessonRequest } from '../../../src/domain/index.js';
import { digestContent, lessonFocus } from '../../../src/steps/t1-digest/content.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { document } from './pages.js';

const yuwen: LessonRequest = {
  title: null,
  subject: '语文',
  grade: 7,
  periodMinutes: null,
  edition: '部编版',
  unit: null,
  classProfile: null,
};

const poems = document(
  '七上语文.md',
  [
    [
      '# 第三单元',
      '## 第12课　古代诗歌二首',
      '### 观沧海',
      '曹操',
      '东临碣石，以观沧海。',
      '水何澹澹，山岛竦峙。',
      '树木丛生，百草丰茂。',
      '秋风萧瑟，洪波涌起。',
      '### 次北固山下',
      '王湾',
      '客路青山外，行舟绿水前。',
      '潮平两岸阔，风正一帆悬。',
      '海日生残夜，江春入旧年。',
      '乡书何处达？归雁洛阳边。',
      '### 思考探究',
      '一、朗读《观沧海》，说说诗人眼中的大海是怎样的景象。',
      '二、“海日生残夜，江春入旧年”一联历来为人称道，说说它好在哪里。',
      '### 积累拓展',
      '三、背诵并默写这两首诗。',
    ].join('\n'),
  ],
  { format: 'markdown', pageUnit: 'section' },
);

describe('T1: the lesson’s own content', () => {
  it('finds each poem with its title and author, and the lesson title from its heading', () => {
    const digest = buildDigest(yuwen, [{ document: poems, kind: 'textbook' }]);
    expect(digest.title).toMatchObject({ text: '古代诗歌二首', origin: 'material' });
    const { texts } = digestContent(digest, '语文');
    expect(texts.map((t) => [t.kind, t.title, t.author, t.lines.length])).toEqual([
      ['poem', '观沧海', '曹操', 4],
      ['poem', '次北固山下', '王湾', 4],
    ]);
    expect(texts[1]!.lines[1]).toBe('潮平两岸阔，风正一帆悬。');
    expect(lessonFocus(digestContent(digest, '语文'), [], '古代诗歌二首')).toBe('《观沧海》《次北固山下》');
  });

  it('reads 思考探究 and 积累拓展 items numbered 一、二、 as exercises', () => {
    const digest = buildDigest(yuwen, [{ document: poems, kind: 'textbook' }]);
    expect(digest.files[0]!.structure.exercises.map((e) => e.text)).toEqual([
      '朗读《观沧海》，说说诗人眼中的大海是怎样的景象。',
      '“海日生残夜，江春入旧年”一联历来为人称道，说说它好在哪里。',
      '背诵并默写这两首诗。',
    ]);
  });

  it('finds worked examples with the book’s working, and no poem in a maths book', () => {
    const maths = document('三上数学.pdf', [
      [
        '第1课时　几分之一',
        '例1　把一个月饼平均分给2个同学，',
        '每人分得多少？',
        '把一个月饼平均分成2份，每份是它的二分之一，写作1/2。',
        '答：每人分得1/2个。',
        '做一做　用一张纸折一折，表示出它的1/2。',
        '想一想',
        '封闭图形一周的长度，叫做它的周长。',
        '长方形有什么特点？正方形呢？',
      ].join('\n'),
    ]);
    const digest = buildDigest({ ...yuwen, subject: '数学', grade: 3 }, [{ document: maths, kind: 'textbook' }]);
    const content = digestContent(digest, '数学');
    expect(content.texts).toEqual([]);
    expect(content.examples).toEqual([
      {
        label: '例1',
        problem: '把一个月饼平均分给2个同学，每人分得多少？',
        steps: ['把一个月饼平均分成2份，每份是它的二分之一，写作1/2。', '答：每人分得1/2个。'],
        file: '三上数学.pdf',
        page: 1,
      },
    ]);
  });

  it('finds an English dialogue by its speakers’ turns, with its scene note', () => {
    const english = document(
      'unit3.md',
      [
        [
          "### Let's talk　听录音，读对话。",
          '(Mike is at home with his grandpa.)',
          'Mike: Grandpa, can I go outside now?',
          "Grandpa: Let me see. What's the weather like?",
          "Mike: It's sunny, but it's cold.",
        ].join('\n'),
      ],
      { format: 'markdown', pageUnit: 'section' },
    );
    const digest = buildDigest({ ...yuwen, subject: '英语', grade: 4 }, [{ document: english, kind: 'textbook' }]);
    expect(digestContent(digest, '英语').texts).toEqual([
      {
        kind: 'dialogue',
        title: "Let's talk",
        author: null,
        lines: [
          '(Mike is at home with his grandpa.)',
          'Mike: Grandpa, can I go outside now?',
          "Grandpa: Let me see. What's the weather like?",
          "Mike: It's sunny, but it's cold.",
        ],
        file: 'unit3.md',
        page: 1,
        pages: [1],
      },
    ]);
  });

  it('keeps the segmenter’s cuts out of the key terms: 数线 of 分数线, 之一 of 几分之一, 静夜 of 静夜思', () => {
    const maths = document('三上数学.pdf', [
      '第1课时　几分之一\n像1/2、1/3、1/4……这样的数叫做分数。\n分数中间的横线叫做分数线，分数线下面的数叫做分母，分数线上面的数叫做分子。\n把一个月饼平均分成2份，每份是它的二分之一。',
    ]);
    const fractions = buildDigest({ ...yuwen, subject: '数学', grade: 3 }, [{ document: maths, kind: 'textbook' }]);
    expect(fractions.keyTerms).toEqual(expect.arrayContaining(['分数', '分数线', '分母', '分子']));
    expect(fractions.keyTerms).not.toContain('数线');
    expect(fractions.keyTerms).not.toContain('之一');
    expect(fractions.files[0]!.structure.definitions[0]).toEqual({ term: '分数', text: '像1/2、1/3、1/4……这样的数叫做分数。', page: 1 });
    const poem = document(
      '二上语文.txt',
      ['课文 8　古诗二首\n\n静夜思\n［唐］李白\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。'],
      {
        format: 'text',
        pageUnit: 'section',
      },
    );
    const digest = buildDigest({ ...yuwen, grade: 2 }, [{ document: poem, kind: null }]);
    expect(digestContent(digest, '语文').texts.map((t) => [t.title, t.author])).toEqual([['静夜思', '［唐］李白']]);
    expect(digest.keyTerms).not.toContain('静夜');
  });
});
