import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonRequest, MaterialDigest } from '../../../src/domain/index.js';
import type { IngestedDocument, InputFile } from '../../../src/ingest/types.js';
import { PACKAGE_ROOT } from '../../../src/paths.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';

// Real textbook and 课标 PDFs live outside the repository (publishers' copyright): tested where present.
const REALDATA = path.resolve(PACKAGE_ROOT, '../shared/realdata/pdf');
const TECHNOLOGY = path.join(REALDATA, '人教版_通用技术_工程设计基础_第一章第1节_p9-13.pdf');
const STANDARD = path.join(REALDATA, '普通高中语文课程标准_2017版2020修订.pdf');
const INGEST = path.resolve(import.meta.dirname, '../../../src/ingest/index.ts');

const request: LessonRequest = {
  title: null,
  subject: '通用技术',
  grade: 10,
  periodMinutes: null,
  edition: '人教版',
  unit: null,
  classProfile: null,
};

describe.skipIf(!fs.existsSync(REALDATA) || !fs.existsSync(INGEST))('T1 offline on real PDFs', () => {
  let digest: MaterialDigest;

  beforeAll(async () => {
    const { ingestDocument } = (await import(INGEST)) as { ingestDocument: (file: InputFile) => Promise<IngestedDocument> };
    const read = async (file: string) => ingestDocument({ name: path.basename(file), bytes: fs.readFileSync(file) });
    digest = buildDigest(request, [
      { document: await read(TECHNOLOGY), kind: null },
      { document: await read(STANDARD), kind: null },
    ]);
  }, 60_000);

  it('通用技术: the lesson, its stated objective and the three defined concepts', () => {
    const book = digest.files[0]!;
    expect(book.kind).toBe('textbook');
    expect(book.structure.lessons.map((l) => l.text)).toContain('第1节 科学、技术与工程');
    expect(book.structure.statedObjectives.map((o) => o.text)).toContain('了解工程的定义、简史与分类');
    expect(book.structure.definitions.map((d) => d.term)).toEqual(expect.arrayContaining(['科学', '技术', '工程']));
    expect(book.structure.exercises.length).toBeGreaterThanOrEqual(4);
    expect(digest.title.text).toBe('科学、技术与工程');
    expect(digest.keyTerms.slice(0, 5)).toEqual(expect.arrayContaining(['科学', '技术', '工程']));
  });

  it('语文课程标准: classified as a curriculum standard, its size noted', () => {
    const standard = digest.files[1]!;
    expect(standard.kind).toBe('curriculumStandard');
    expect(standard.structure.lessons).toEqual([]);
    expect(standard.structure.sections.map((s) => s.text)).toContain('四、课程内容');
    expect(digest.warnings.some((w) => w.includes('共 66 页'))).toBe(true);
  });
});
