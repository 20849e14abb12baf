import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonRequest, MaterialDigest } from '../../../src/domain/index.js';
import { ingestDocument } from '../../../src/ingest/index.js';
import type { IngestedDocument } from '../../../src/ingest/types.js';
import { packagePath } from '../../../src/paths.js';
import { statedFocus } from '../../../src/steps/t1-digest/focus.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');

/** T1 on the shipped demo lesson: the PDF as extracted (例1 and its problem on one line, 你知道吗？ at the foot). */
describe('T1 offline on the demo lesson', () => {
  let digest: MaterialDigest;
  let guide: IngestedDocument;

  beforeAll(async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(DEMO, 'case.json'), 'utf8')) as {
      request: LessonRequest;
      materials: { file: string; kind: 'textbook' | 'teacherGuide' }[];
    };
    const documents = await Promise.all(
      demo.materials.map(async ({ file, kind }) => ({
        document: await ingestDocument({ name: path.basename(file), bytes: fs.readFileSync(path.join(DEMO, file)) }),
        kind,
      })),
    );
    guide = documents[1]!.document;
    digest = buildDigest(demo.request, documents);
  }, 30_000);

  it('files the 学习目标 as objectives, not exercises, and no 你知道吗 reading as an exercise', () => {
    const book = digest.files[0]!.structure;
    expect(book.statedObjectives).toHaveLength(3);
    const exercises = book.exercises.map((e) => e.text);
    expect(exercises.some((e) => book.statedObjectives.some((o) => e.includes(o.text)))).toBe(false);
    expect(exercises.some((e) => e.includes('你知道吗') || e.includes('古时候'))).toBe(false);
    expect(exercises).toContain('一个长方形的周长是30厘米，长是9厘米，宽是多少厘米？说说你是怎样想的。');
  });

  it('defines the lesson’s terms, not the children who solve 例1', () => {
    expect(digest.files[0]!.structure.definitions.map((d) => d.term)).toEqual(['周长', '长', '宽', '边长']);
  });

  it('leads its key terms with the lesson’s concepts', () => {
    expect(digest.keyTerms.slice(0, 6)).toEqual(['周长', '长方形', '正方形', '长', '宽', '边长']);
    for (const word of ['小丽', '小亮', '小军', '计算', '解决', '叫做', '厘米', '一条', '数学'])
      expect(digest.keyTerms).not.toContain(word);
  });

  it('finds the 教参’s stated 教学重点 and 教学难点', () => {
    const focus = statedFocus(guide.pages);
    expect(focus.keyPoints.map((p) => p.text)).toEqual(['长方形和正方形周长的计算方法']);
    expect(focus.difficultPoints.map((p) => p.text)).toEqual([
      '理解“（长＋宽）×2”的道理，并能根据实际情境灵活运用周长知识解决问题（如一边靠墙的篱笆长度）',
    ]);
  });
});
