import { describe, expect, it } from 'vitest';
import type { LessonRequest } from '../../../src/domain/index.js';
import { digestContent, formulaOf } from '../../../src/steps/t1-digest/content.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { analyseOffline } from '../../../src/steps/t2-analysis/offline.js';
import { designOffline } from '../../../src/steps/t3-plan/offline.js';
import { document } from './pages.js';

describe('T1/T3: formulas the book states reach the plan, the board and the sheets intact', () => {
  it('tells a stated formula from working, labels, sentences and code', () => {
    expect(formulaOf('（1）log_a(MN)＝log_aM＋log_aN；')).toBe('log_a(MN)＝log_aM＋log_aN');
    expect(formulaOf('log_ab＝log_cb/log_ca（a＞0，且 a≠1）。')).toBe('log_ab＝log_cb/log_ca（a＞0，且 a≠1）');
    expect(formulaOf('长方形的周长＝（长＋宽）×2')).toBe('长方形的周长＝（长＋宽）×2');
    expect(formulaOf('Sn＝n（a1＋an）/2。①')).toBe('Sn＝n（a1＋an）/2');
    for (const line of [
      '小丽：8＋5＋8＋5＝26（米）',
      '(1/5)×2＝2/5',
      '设 M＝aᵐ，N＝aⁿ',
      'c²＝4×½ab＋（b－a）²＝a²＋b²',
      'days = int(input("天数："))',
    ])
      expect(formulaOf(line), line).toBeNull();
  });

  it('names each formula by the heading it stands under and keys a cloze with the book’s right side', () => {
    const request: LessonRequest = {
      title: '对数的运算',
      subject: '数学',
      grade: 10,
      periodMinutes: null,
      edition: null,
      unit: null,
      classProfile: null,
    };
    const book = document(
      '必修一.md',
      [
        [
          '## 4.3.2　对数的运算',
          '### 学习目标',
          '1. 能说出换底公式，并用它把不同底的对数化为同底的对数进行计算。',
          '### 对数的运算性质',
          '（1）log_a(MN)＝log_aM＋log_aN；',
          '### 换底公式',
          'log_ab＝log_cb/log_ca（a＞0，且 a≠1）。',
          '例1　计算 log_24＋log_28。',
          '解：log_24＋log_28＝2＋3＝5。',
        ].join('\n'),
      ],
      { format: 'markdown', pageUnit: 'section' },
    );
    const digest = buildDigest(request, [{ document: book, kind: 'textbook' }]);
    expect(digestContent(digest, '数学').formulas.map((f) => [f.name, f.text])).toEqual([
      ['对数的运算性质', 'log_a(MN)＝log_aM＋log_aN'],
      ['换底公式', 'log_ab＝log_cb/log_ca（a＞0，且 a≠1）'],
    ]);
    const design = designOffline(request, digest, analyseOffline(request, digest), []);
    expect(design.boardDesign.text).toContain('log_ab＝log_cb/log_ca');
    expect(design.process.some((step) => step.teacherActivity.text.includes('log_a(MN)＝log_aM＋log_aN'))).toBe(true);
    const cloze = design.sheets.masteryCheck.items.find((item) => item.prompt.text.startsWith('填空（换底公式）：log_ab＝'));
    expect(cloze?.answer).toMatchObject({ text: 'log_cb/log_ca', origin: 'material' });
  });

  it('leaves the 课题 a visible blank, never the file name, when the material names no lesson', () => {
    const request: LessonRequest = {
      title: null,
      subject: '数学',
      grade: 10,
      periodMinutes: null,
      edition: null,
      unit: null,
      classProfile: null,
    };
    const notes = document('lesson-notes.txt', ['长方形的周长＝（长＋宽）×2']);
    const digest = buildDigest(request, [{ document: notes, kind: 'textbook' }]);
    expect(digest.title.origin).toBe('blank');
    const design = designOffline(request, digest, analyseOffline(request, digest), []);
    expect(design.title.origin).toBe('blank');
    expect(design.boardDesign.text).not.toContain('lesson-notes');
  });
});
