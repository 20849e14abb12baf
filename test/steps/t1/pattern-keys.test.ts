import { describe, expect, it } from 'vitest';
import { followExample, matchingRows, matchPairs, statedKey } from '../../../src/steps/t1-digest/pattern-keys.js';

describe('keys a rule reads off the book (pattern-keys)', () => {
  it('does each part of a 照例子写 item the way the example is done', () => {
    expect(
      followExample(
        "看天气，写句子。 例：Harbin / cold → It's cold in Harbin. （1）Kunming / cool → ______ （2）Guangzhou / warm → ______",
      ),
    ).toEqual(["（1）It's cool in Kunming.", "（2）It's warm in Guangzhou."]);
    // A cue the example's sentence does not hold, or a part with fewer cues: no key at all.
    expect(followExample("例：Harbin / snowy → It's cold in Harbin. （1）Kunming / cool → ______")).toBeNull();
    expect(followExample("例：Harbin / cold → It's cold in Harbin. （1）Kunming → ______")).toBeNull();
    expect(followExample('看天气，写句子。')).toBeNull();
  });

  it('fills an English gap with the words the book states in that sentence, reading a Grammar Focus row as a statement', () => {
    const pages = [
      { page: 4, text: 'Lin Tao: The bank is on the left. It is across from the post office.' },
      {
        page: 5,
        text: "| 问 | 答 |\n|---|---|\n| Where's the post office? | It's across from the bank. |\n| Where's the bank? | It's between the library and the supermarket. |",
      },
    ];
    expect(statedKey('The post office is ___ the bank.', pages)).toEqual({
      answer: 'across from',
      page: 5,
      printed: "It's across from the bank.",
    });
    expect(statedKey('The bank is ___ the library and the supermarket.', pages)?.answer).toBe('between');
    // Nothing states it, or two blanks: no key.
    expect(statedKey('The library is ___ the bank.', pages)).toBeNull();
    expect(statedKey('A: ___ there a bank? B: Yes, there ___.', pages)).toBeNull();
    expect(statedKey('邮局在银行的＿＿＿。', pages)).toBeNull();
  });

  it('keys a 连一连 by the clause of the text each pair stands in', () => {
    const page = '练习\n2. 连一连。\n黄牛　　　　漂\n白鹅　　　　走\n青蛙　　　　唱\n3. 说一说：你还见过什么？';
    const rows = matchingRows('连一连。', page);
    expect(rows).toEqual(['黄牛　　　　漂', '白鹅　　　　走', '青蛙　　　　唱']);
    expect(matchPairs(rows, ['黄牛慢慢走，', '白鹅水上漂。', '青蛙呱呱唱，'])).toBe('黄牛—走；白鹅—漂；青蛙—唱');
    // Two words the text pairs with the same one, or a word with none: no key.
    expect(matchPairs(rows, ['黄牛白鹅慢慢走，水上漂。', '青蛙呱呱唱，'])).toBeNull();
    expect(matchPairs(rows, ['黄牛慢慢走，', '青蛙呱呱唱，'])).toBeNull();
    expect(matchingRows('说一说。', page)).toEqual([]);
  });
});
