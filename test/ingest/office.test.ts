import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlace } from '../../src/domain/index.js';
import { ingestDocument } from '../../src/ingest/index.js';
import { convertLegacy } from '../../src/ingest/office/legacy.js';
import { materialsView } from '../../src/steps/shared/prompt-views.js';
import { buildDigest } from '../../src/steps/t1-digest/offline.js';
import { expectInputError } from './fixtures.js';
import { lessonPptx, teacherGuideDocx } from './office-files.js';

describe('Word (.docx)', () => {
  it('keeps headings, lists and tables as structure, cut into sections at the headings', async () => {
    const doc = await ingestDocument({ name: '教参.docx', bytes: await teacherGuideDocx() });
    expect(doc).toMatchObject({ format: 'docx', pageUnit: 'section', ocrPages: [], warnings: [] });
    const text = doc.pages.map((p) => p.text).join('\n\n');
    expect(text).toContain('# 第三单元 分数的初步认识');
    expect(text).toContain('## 二、教学重点和难点');
    expect(text).toContain('教学重点：理解几分之一的含义，会读写几分之一。');
    expect(text).toContain('1. 能用折纸表示一张纸的二分之一');
    expect(text).toContain('2. 会比较两个几分之一的大小');
    expect(doc.pages.every((p) => p.quality === 'good')).toBe(true);
  });

  it('is read by T1 like any 教参: its stated 教学重点 and 难点 are found, cited by section', async () => {
    const document = await ingestDocument({ name: '教参.docx', bytes: await teacherGuideDocx() });
    const digest = buildDigest(REQUEST, [{ document, kind: 'teacherGuide' }]);
    const [file] = digest.files;
    expect(file?.pageUnit).toBe('section');
    expect(file?.structure.statedKeyPoints.map((p) => p.text)).toContain('理解几分之一的含义，会读写几分之一');
    expect(file?.structure.statedDifficultPoints.map((p) => p.text)).toContain('理解“平均分”是分数产生的前提');
  });

  it('refuses a broken .docx naming the file', async () => {
    const error = await expectInputError(
      () => ingestDocument({ name: '坏.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) }),
      'corrupt',
    );
    expect(error.message).toContain('坏.docx');
  });
});

describe('PowerPoint (.pptx)', () => {
  it('gives one page per slide with its notes; a picture-only slide is named, not passed on', async () => {
    const doc = await ingestDocument({ name: '课件.pptx', bytes: await lessonPptx() });
    expect(doc).toMatchObject({ format: 'pptx', pageUnit: 'slide' });
    expect(doc.pages).toHaveLength(3);
    expect(doc.pages[0]?.text).toBe('分数的初步认识\n三年级上册 第八单元\n\n备注：先请学生说说生活中的“一半”');
    expect(doc.pages[1]?.text).toContain('把一个月饼平均分成2份，每份是它的二分之一。');
    expect(doc.pages[1]?.text).toContain('备注：强调“平均分”');
    expect(doc.pages[2]).toMatchObject({ page: 3, quality: 'empty' });
    expect(doc.warnings).toEqual(['第 3 张幻灯片没有文字，已跳过']);
  });
});

const REQUEST = { title: null, subject: '数学', grade: 3, edition: null, unit: null, periodMinutes: 40, classProfile: null };

describe('citations name the unit the file is counted in', () => {
  it('formats pages, sections and slides', () => {
    expect(formatPlace('page', [3])).toBe('第 3 页');
    expect(formatPlace('section', [2, 3])).toBe('第 2、3 节');
    expect(formatPlace('slide', [4, 5, 6])).toBe('第 4–6 张幻灯片');
  });

  it('labels material passages for the model by slide and by section', async () => {
    const deck = await ingestDocument({ name: '课件.pptx', bytes: await lessonPptx() });
    const guide = await ingestDocument({ name: '教参.docx', bytes: await teacherGuideDocx() });
    const view = materialsView(
      buildDigest(REQUEST, [
        { document: deck, kind: 'reference' },
        { document: guide, kind: 'teacherGuide' },
      ]),
    );
    expect(view).toContain('课件.pptx 第 2 张幻灯片');
    expect(view).toContain('教参.docx 第 2 节');
    expect(view).not.toMatch(/教参\.docx 第 \d+ 页/);
  });
});

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

describe('legacy .doc / .ppt through LibreOffice', () => {
  it.skipIf(!hasSoffice)('converts a .doc made by LibreOffice from our .docx and reads it the same', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-doc-'));
    try {
      fs.writeFileSync(path.join(dir, 'guide.docx'), await teacherGuideDocx());
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'doc', '--outdir', dir, path.join(dir, 'guide.docx')],
        {
          stdio: 'ignore',
          timeout: 120_000,
        },
      );
      const doc = await ingestDocument({ name: '旧教案.doc', bytes: new Uint8Array(fs.readFileSync(path.join(dir, 'guide.doc'))) });
      expect(doc.format).toBe('docx');
      expect(doc.warnings[0]).toContain('LibreOffice');
      const text = doc.pages.map((p) => p.text).join('\n');
      expect(text).toContain('分数的初步认识');
      expect(text).toContain('教学重点：理解几分之一的含义，会读写几分之一');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to do when LibreOffice is not installed', async () => {
    const error = await expectInputError(
      () =>
        convertLegacy({ name: '旧课件.ppt', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }, 'pptx', { soffice: '/nonexistent/soffice' }),
      'unsupported-type',
    );
    expect(error.message).toContain('旧课件.ppt');
    expect(error.message).toContain('LibreOffice');
    expect(error.message).toContain('另存为 .docx/.pptx');
  });
});
