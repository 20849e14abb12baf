import { describe, expect, it } from 'vitest';
import { statedFocus } from '../../../src/steps/t1-digest/focus.js';
import { pages } from './pages.js';

const texts = (items: { text: string }[]) => items.map((item) => item.text);

describe('statedFocus', () => {
  it('reads labelled 教学重点 / 教学难点 lines under a combined heading (the demo’s 教参)', () => {
    const focus = statedFocus(
      pages(
        [
          '## 三、教学重点和难点',
          '教学重点：长方形和正方形周长的计算方法。',
          '教学难点：理解“（长＋宽）×2”的道理，并能根据实际情境灵活运用周长知识解决问题（如一边靠墙的篱笆长度）。',
          '## 四、学情分析',
          '学生已经认识了长方形和正方形的边的特点，知道了周长的含义。',
        ].join('\n'),
      ),
    );
    expect(focus).toEqual({
      keyPoints: [{ text: '长方形和正方形周长的计算方法', page: 1 }],
      difficultPoints: [{ text: '理解“（长＋宽）×2”的道理，并能根据实际情境灵活运用周长知识解决问题（如一边靠墙的篱笆长度）', page: 1 }],
    });
  });

  it('reads the points listed under separate headings, up to the next heading', () => {
    const focus = statedFocus(
      pages(
        ['## 教学重点', '1. 制作临时装片的方法步骤。', '2. 植物细胞的基本结构和功能。'].join('\n'),
        ['## 教学难点', '盖盖玻片时避免产生气泡；区分气泡与细胞。', '## 教学建议', '1. 先示范，再让学生动手。'].join('\n'),
      ),
    );
    expect(focus.keyPoints).toEqual([
      { text: '制作临时装片的方法步骤', page: 1 },
      { text: '植物细胞的基本结构和功能', page: 1 },
    ]);
    expect(focus.difficultPoints).toEqual([{ text: '盖盖玻片时避免产生气泡；区分气泡与细胞', page: 2 }]);
  });

  it('reads 重点：/难点： bullets under 教学重难点, and stops at the next part of the plan', () => {
    const focus = statedFocus(
      pages(
        ['教学重难点', '- 重点：周长的含义。', '- 难点：用“化曲为直”的方法测量曲线图形的周长。', '教学过程', '一、情境导入'].join('\n'),
      ),
    );
    expect(texts(focus.keyPoints)).toEqual(['周长的含义']);
    expect(texts(focus.difficultPoints)).toEqual(['用“化曲为直”的方法测量曲线图形的周长']);
  });

  it('splits two labels on one line and counts an unlabelled point under a combined heading as a key point', () => {
    const twoOnOne = statedFocus(pages('教学重点：认识周长。教学难点：测量曲线图形的周长。'));
    expect(texts(twoOnOne.keyPoints)).toEqual(['认识周长']);
    expect(texts(twoOnOne.difficultPoints)).toEqual(['测量曲线图形的周长']);
    const unlabelled = statedFocus(pages('二、教学重点与难点\n长方形周长计算方法的推导。\n三、教学准备'));
    expect(texts(unlabelled.keyPoints)).toEqual(['长方形周长计算方法的推导']);
    expect(unlabelled.difficultPoints).toEqual([]);
  });

  it('finds nothing in text that only mentions 重点 or 难点 in passing', () => {
    const focus = statedFocus(
      pages(
        '重点关注学生能否说出周长的含义。\n情境三是难点，要引导学生认识到“诚信不等于对谁都说实话”。\n封闭图形一周的长度，叫做它的周长。',
      ),
    );
    expect(focus).toEqual({ keyPoints: [], difficultPoints: [] });
  });

  it('reads only good pages', () => {
    const focus = statedFocus([{ page: 1, text: '教学重点：!"#$%&', quality: 'garbled', chars: 8, note: '乱码' }]);
    expect(focus).toEqual({ keyPoints: [], difficultPoints: [] });
  });
});
