import type { MaterialDigest } from '../../domain/index.js';
import type { Evidence } from './evidence.js';

/** A heading line in a 教参: "## 一、教材分析", "（二）学情分析", "学情分析：". */
const HEADING = /^(#{1,6}\s*)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s*)?[^\s，。；]{2,12}[:：]?$/;

/** 「教学重点：长方形周长的计算方法。」: a short label and a colon open a statement of its own. */
const LABELLED = /^[\p{Script=Han}]{2,8}[:：]/u;

/**
 * The paragraph a teacher guide (教参) writes under a heading such as 教材分析
 * or 学情分析. Guides are written by experienced teachers for exactly these
 * sections, so when one is given, its words beat anything rules could compose.
 *
 * @example
 * guideParagraph(digest, /学情分析/) // { text: '学生已经认识了长方形和正方形的边的特点……', file, page: 4 }
 */
export function guideParagraph(digest: MaterialDigest, heading: RegExp): Evidence | null {
  for (const file of digest.files.filter((f) => f.kind === 'teacherGuide')) {
    for (const page of file.pages.filter((p) => p.quality === 'good')) {
      const lines = page.text.split('\n').map((line) => line.trim());
      const start = lines.findIndex((line) => heading.test(line) && line.length <= 20);
      if (start < 0) continue;
      const body: string[] = [];
      for (const line of lines.slice(start + 1)) {
        // The next heading, or the next labelled line (「教学重点：……」), ends the paragraph.
        if (body.length > 0 && (HEADING.test(line) || LABELLED.test(line))) break;
        if (line) body.push(line);
      }
      const text = body.join('');
      if (text.length >= 10) return { text, file, page: page.page };
    }
  }
  return null;
}

/** Labelled lines anywhere in the guides: "教学重点：…", "学生容易出现的错误有：…". */
export function guideLabelled(digest: MaterialDigest, label: RegExp): Evidence[] {
  const found: Evidence[] = [];
  for (const file of digest.files.filter((f) => f.kind === 'teacherGuide')) {
    for (const page of file.pages.filter((p) => p.quality === 'good')) {
      for (const line of page.text.split('\n')) {
        const match = label.exec(line);
        if (match?.[1] && match[1].trim().length >= 4) found.push({ text: match[1].trim(), file, page: page.page });
      }
    }
  }
  return found;
}
