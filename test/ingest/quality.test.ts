import { describe, expect, it } from 'vitest';
import { assessPageText, profileText } from '../../src/ingest/quality.js';

/** Page 1 of a real exam paper whose CJK fonts have no ToUnicode map: only digits and letters survive. */
const NO_TOUNICODE =
  '2018\n150 100\n6 4 24\n1 4\nA 4 B 3 C 2 D\n2 4 x2\n+x 3=0\nA B\nC D\n3 4 y=x2\nx\nA B y\nC D\n4 4 30\n27 30 29 25 26 28 29\n' +
  'A 25 30 B 25 29 C 28 30 D 28 29\n5 4 ABCD\nA A= B B A= C C AC=BD D AB BC\n6 4 POQ=30 A B OQ A O B';

/** CJK extracts, but 「，。、1 2 3」 come out as ASCII symbols (as from a font with a broken encoding). */
const SYMBOL_PUNCTUATION =
  '第!节 分数的初步认识\n把一个蛋糕平均分成#份$每份是它的二分之一$写作!&#%把一张长方形纸平均分成(份$每份是它的四分之一%' +
  '分数各部分的名称是分子&分母和分数线%同学们在生活中还见过哪些平均分的例子@请和同桌说一说$再把你的例子写下来%';

const GOOD_CHINESE =
  '第1节 科学、技术与工程\n学习目标\n观察上图中的桥，你还知道哪些桥？思考一下，它们应用了哪些科学原理和技术？实现了哪些价值？\n' +
  '古今中外，桥都是一个典型工程。进入21世纪，我国的工程技术也取得长足进步。';

describe('assessPageText', () => {
  it('calls a page with real Chinese text good', () => {
    expect(assessPageText(GOOD_CHINESE)).toEqual({ quality: 'good', chars: expect.any(Number), note: null });
  });

  it('calls an empty or nearly empty page empty (a scanned image)', () => {
    expect(assessPageText('').quality).toBe('empty');
    expect(assessPageText('   \n\t ').quality).toBe('empty');
    const figure = assessPageText('图 1-3\n12');
    expect(figure.quality).toBe('empty');
    expect(figure.note).toContain('扫描');
  });

  it('calls CJK fonts without a Unicode map garbled: digits and letters in short scattered tokens', () => {
    const result = assessPageText(NO_TOUNICODE);
    expect(result.quality).toBe('garbled');
    expect(result.note).toContain('ToUnicode');
  });

  it('calls ASCII symbols in place of punctuation and digits garbled', () => {
    const result = assessPageText(SYMBOL_PUNCTUATION);
    expect(result.quality).toBe('garbled');
    expect(result.note).toMatch(/ASCII 符号.*紧挨着汉字/);
  });

  it('calls a page of unmappable glyphs garbled', () => {
    expect(assessPageText('\ue001\ue002\ue003 \ue004\ue005 \ufffd\ufffd 第一课 \ue006\ue007\ue008\ue009').quality).toBe('garbled');
  });

  it('keeps pages that only look odd', () => {
    const cases = {
      english:
        'Fractions describe equal parts of a whole. When we divide a cake into four equal parts, each part is one quarter of the cake.',
      formulas: '解：由 x2+3x=0 得 x(x+3)=0，所以 x=0 或 x=-3。答：方程的解是 x=0 或 x=-3。',
      percentages: '调查显示，45%的学生每天阅读半小时以上，30%的学生偶尔阅读，其余25%的学生几乎不读课外书。',
      tableOfContents:
        '目录\n一、课程性质与基本理念.......................................... 1\n二、学科核心素养与课程目标.................................. 4\n三、课程结构............................................................. 8',
      codeWithComments: '# 计算两个数的和\ndef add(a, b):\n    return a + b\nprint(add(3, 5))  # 输出 8\n# 注意缩进',
      sloppyExclamations: '太好了!我们出发吧。今天的任务是认识分数，大家准备好了吗?',
      fillInBlanks:
        '1. 把一个蛋糕平均分成 4 份，每份是它的______。\n2. 比较大小：1/5 ____ 1/8。\n3. 分数线上面的数叫______，下面的数叫______。',
    };
    for (const [name, text] of Object.entries(cases)) {
      expect({ name, ...assessPageText(text) }).toMatchObject({ name, quality: 'good' });
    }
  });

  it('counts visible characters', () => {
    expect(assessPageText('第1节 科学 ab\n').chars).toBe(7);
  });
});

describe('profileText', () => {
  it('counts a symbol between two 汉字 once', () => {
    expect(profileText('分成#份').symbolsNextToHan).toBe(1);
    expect(profileText('写作!&#%').symbolsNextToHan).toBe(1);
    expect(profileText('a#b 50%的').symbolsNextToHan).toBe(0);
  });

  it('measures the scattered tokens of a page without 汉字', () => {
    const p = profileText('A 4 B 3 C 2 D');
    expect(p.nonHanTokens).toBe(7);
    expect(p.meanNonHanTokenLength).toBe(1);
    expect(p.wordTokenShare).toBe(0);
  });
});
