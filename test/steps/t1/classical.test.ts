import { describe, expect, it } from 'vitest';
import type { LessonRequest } from '../../../src/domain/index.js';
import { digestContent } from '../../../src/steps/t1-digest/content.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { analyseOffline } from '../../../src/steps/t2-analysis/offline.js';
import { planMaterial } from '../../../src/steps/t3-plan/offline.js';
import { buildSheets } from '../../../src/steps/t3-plan/sheets.js';
import { document } from './pages.js';

const request: LessonRequest = {
  title: '陋室铭',
  subject: '语文',
  grade: 7,
  periodMinutes: null,
  edition: '部编版',
  unit: null,
  classProfile: null,
};

const book = document('七下语文.pdf', [
  [
    '第17课　短文两篇',
    '学习目标',
    '1. 反复朗读，读准字音，背诵全文。',
    '2. 借助注释疏通文意，积累“馨”“鸿儒”“白丁”等文言词语。',
    '预习',
    '铭，古代刻在器物上用来警戒自己或者称述功德的文字，后来成为一种文体。',
    '借助对某一事物的描写来表达作者的志趣、抱负或品格的写法，叫作托物言志。',
  ].join('\n'),
  [
    '山不在高，有仙则名。水不在深，有龙则灵。斯是陋室，惟吾德馨。苔痕上阶绿，草色入帘青。谈笑有鸿儒，往来无白丁。孔子云：何陋之有？',
    '注释',
    '〔名〕出名，著名。',
    '〔斯是陋室，惟吾德馨〕这是简陋的屋子，只是我品德高尚。斯，这。惟，只。馨，能远闻的香气，这里指品德高尚。',
    '〔鸿儒〕大儒，这里指博学的人。鸿，大。',
    '〔白丁〕平民，这里指没有什么学问的人。',
    '〔何陋之有〕有什么简陋的呢？之，宾语前置的标志。',
  ].join('\n'),
  ['思考探究', '一、作者为什么说陋室“不陋”？', '积累拓展', '二、解释下列句子中加点的词。', '1. 有仙则名（名）', '2. 惟吾德馨（馨）'].join(
    '\n',
  ),
]);

describe('T1/T3: a 文言 text, its 注释, and check items keyed by the notes', () => {
  const digest = buildDigest(request, [{ document: book, kind: 'textbook' }]);
  const content = digestContent(digest, '语文');

  it('reads the one-paragraph classical text as the text studied, not the 预习 box before it', () => {
    expect(content.texts.map((t) => [t.kind, t.lines[0]!.slice(0, 10)])).toEqual([['passage', '山不在高，有仙则名。']]);
  });

  it('reads the 注释 entries, and the single characters a line’s note explains', () => {
    const glosses = Object.fromEntries(content.glosses.map((g) => [g.term, g.text]));
    expect(glosses).toMatchObject({ 名: '出名，著名。', 鸿儒: '大儒，这里指博学的人。鸿，大。', 馨: '能远闻的香气，这里指品德高尚。' });
  });

  it('prints the notes under the text on the 预学单, and keys the book’s 解释加点的词 from them', () => {
    const analysis = analyseOffline(request, digest);
    const sheets = buildSheets(analysis, planMaterial(request, digest));
    expect(sheets.preStudy.items[0]!.passage?.text).toContain('〔何陋之有〕有什么简陋的呢？');
    const keyed = sheets.masteryCheck.items.find((item) => item.prompt.text.includes('有仙则名（名）'));
    expect(keyed?.answer).toMatchObject({ text: '名：出名，著名。\n馨：能远闻的香气，这里指品德高尚。', origin: 'material' });
    // Every item has a key: with no worked example and no 教参 key, the book's last exercise a rule keys is the 提高 item.
    expect(sheets.masteryCheck.items.filter((item) => item.answer?.origin === 'blank')).toEqual([]);
    expect(keyed?.tier).toBe('advanced');
  });

  it('reads a 小令 printed on one line under its title and author as a poem', () => {
    const xiaoling = document(
      '七上语文.md',
      ['### 天净沙·秋思\n马致远\n枯藤老树昏鸦，小桥流水人家，古道西风瘦马。夕阳西下，断肠人在天涯。'],
      {
        format: 'markdown',
        pageUnit: 'section',
      },
    );
    const poem = digestContent(buildDigest(request, [{ document: xiaoling, kind: 'textbook' }]), '语文').texts[0];
    expect(poem).toMatchObject({ kind: 'poem', title: '天净沙·秋思', author: '马致远' });
  });
});
