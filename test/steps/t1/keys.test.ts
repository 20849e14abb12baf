import { describe, expect, it } from 'vitest';
import type { LessonRequest } from '../../../src/domain/index.js';
import { digestContent } from '../../../src/steps/t1-digest/content.js';
import { findDefinitions } from '../../../src/steps/t1-digest/definitions.js';
import { guideKeyFor, guideKeys } from '../../../src/steps/t1-digest/guide-keys.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { detectStructure } from '../../../src/steps/t1-digest/structure.js';
import { analyseOffline } from '../../../src/steps/t2-analysis/offline.js';
import { planMaterial } from '../../../src/steps/t3-plan/offline.js';
import { buildSheets } from '../../../src/steps/t3-plan/sheets.js';
import { document } from './pages.js';

const yuwen: LessonRequest = {
  title: '陋室铭',
  subject: '语文',
  grade: 7,
  periodMinutes: null,
  edition: null,
  unit: null,
  classProfile: null,
};

const book = document('课本.pdf', [
  ['陋室铭', '刘禹锡', '山不在高，有仙则名。水不在深，有龙则灵。斯是陋室，惟吾德馨。苔痕上阶绿，草色入帘青。谈笑有鸿儒，往来无白丁。'].join(
    '\n',
  ),
  ['思考探究', '一、朗读课文，背诵全文。', '二、作者为什么说陋室“不陋”？', '积累拓展', '三、仿照本文写法，写一则短铭。'].join('\n'),
]);
const guide = document(
  '教参.md',
  [
    '# 《陋室铭》教学参考\n\n参考答案：\n思考探究二：因为住在这里的人品德高尚（惟吾德馨）。\n积累拓展九：不是本课的题。\n\n易错提示：“馨”不要写成“磬”。',
  ],
  {
    format: 'markdown',
    pageUnit: 'section',
  },
);

describe('keys the 教参 prints for the book’s questions (参考答案)', () => {
  const digest = buildDigest(yuwen, [
    { document: book, kind: 'textbook' },
    { document: guide, kind: 'teacherGuide' },
  ]);
  const keys = guideKeys(digest.files);
  const textbook = digest.files[0]!;

  it('reads each entry under 参考答案 with its box and number, not the notes after it', () => {
    expect(keys.map((k) => [k.section, k.number, k.text, k.page])).toEqual([
      ['思考探究', 2, '因为住在这里的人品德高尚（惟吾德馨）。', 1],
      ['积累拓展', 9, '不是本课的题。', 1],
    ]);
  });

  it('finds the key of a question by the number printed before it and the box it stands in', () => {
    expect(guideKeyFor({ text: '作者为什么说陋室“不陋”？', page: 2, file: textbook }, keys)?.text).toBe(
      '因为住在这里的人品德高尚（惟吾德馨）。',
    );
    // 三 stands under 积累拓展, whose only key is 九: no key, whatever its wording.
    expect(guideKeyFor({ text: '仿照本文写法，写一则短铭。', page: 2, file: textbook }, keys)).toBeNull();
    expect(guideKeyFor({ text: '一道书上没有的题。', page: 2, file: textbook }, keys)).toBeNull();
  });

  it('makes the keyed question the 提高 item of the 达标检测单, its key the 教参’s words with their page', () => {
    const sheets = buildSheets(analyseOffline(yuwen, digest), planMaterial(yuwen, digest));
    const advanced = sheets.masteryCheck.items.find((item) => item.tier === 'advanced')!;
    expect(advanced.prompt).toMatchObject({ text: '作者为什么说陋室“不陋”？', origin: 'material' });
    expect(advanced.answer).toMatchObject({
      text: '因为住在这里的人品德高尚（惟吾德馨）。',
      origin: 'material',
      sources: [{ file: '教参.md', page: 1 }],
    });
    expect(sheets.masteryCheck.items.filter((item) => item.answer?.origin === 'blank')).toEqual([]);
  });
});

describe('a definition that gives the term’s other name', () => {
  it('reads 「……叫做分支结构，也叫选择结构。」 as defining 分支结构', () => {
    expect(findDefinitions('根据条件是否成立选择不同的执行路径，这种结构叫做分支结构，也叫选择结构。', true)).toEqual([
      { term: '分支结构', text: '根据条件是否成立选择不同的执行路径，这种结构叫做分支结构，也叫选择结构。' },
    ]);
  });
});

describe('a worked example whose working is a program', () => {
  const page = [
    '### 例2　阶梯水价计算',
    '',
    '用水量不超过15吨的部分每吨3元，超过的部分每吨4元。输入用水量，计算应交水费。',
    '',
    '```python',
    'w = float(input())',
    'if w <= 15:',
    '    cost = w * 3',
    'else:',
    '    cost = 15 * 3 + (w - 15) * 4',
    '```',
    '',
    '想一想：为什么要选15这个分界点？',
  ].join('\n');
  const digest = buildDigest({ ...yuwen, title: '程序的分支结构', subject: '信息技术', grade: 10 }, [
    { document: document('教材.md', [page], { format: 'markdown', pageUnit: 'section' }), kind: 'textbook' },
  ]);

  it('keeps the program’s lines, indentation and all, as the example’s working; its task is the sentence under its name', () => {
    const [example] = digestContent(digest, '信息技术').examples;
    expect(example).toMatchObject({
      label: '例2',
      problem: '阶梯水价计算　用水量不超过15吨的部分每吨3元，超过的部分每吨4元。输入用水量，计算应交水费。',
      steps: ['w = float(input())', 'if w <= 15:', '    cost = w * 3', 'else:', '    cost = 15 * 3 + (w - 15) * 4'],
    });
  });

  it('never reads a line of code as a heading', () => {
    expect(digest.files[0]!.structure.lessons.map((l) => l.text)).not.toContain('else:');
    expect(digest.files[0]!.structure.sections.map((l) => l.text)).not.toContain('cost = w * 3');
  });
});

describe('an English word table', () => {
  it('keeps a cell of several words whole (in front of, between ... and ...) and splits 「turn left / turn right」', () => {
    const table = [
      '### Words and expressions　词汇',
      '',
      '| 单词 | 中文 |',
      '|---|---|',
      '| post office | 邮局 |',
      '| between ... and ... | 在……和……之间 |',
      '| in front of | 在……前面 |',
      '| turn left / turn right | 向左转 / 向右转 |',
    ].join('\n');
    const structure = detectStructure([{ page: 1, text: table, quality: 'good', chars: 80, note: null }], 'textbook');
    expect(structure.vocabulary.map((v) => v.text)).toEqual([
      'post office',
      'between ... and ...',
      'in front of',
      'turn left',
      'turn right',
    ]);
  });
});

describe('a 文言 text whose title and author stand on the lesson’s first page', () => {
  it('keeps the title over its author (not a running header) and gives the text its author', () => {
    const pdf = document('课本.pdf', [
      ['第17课　短文两篇', '陋室铭', '刘禹锡', '预习', '铭，古代刻在器物上用来警戒自己或者称述功德的文字，后来成为一种文体。'].join('\n'),
      ['陋室铭', '山不在高，有仙则名。水不在深，有龙则灵。斯是陋室，惟吾德馨。苔痕上阶绿，草色入帘青。谈笑有鸿儒，往来无白丁。'].join('\n'),
    ]);
    const [text] = digestContent(buildDigest(yuwen, [{ document: pdf, kind: 'textbook' }]), '语文').texts;
    expect(text).toMatchObject({ kind: 'passage', title: '陋室铭', author: '刘禹锡', page: 2 });
  });
});
