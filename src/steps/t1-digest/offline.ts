import { block, type DigestFile, type LessonRequest, type MaterialDigest, type MaterialKind, type TextBlock } from '../../domain/index.js';
import { InputError } from '../../errors.js';
import type { IngestedDocument } from '../../ingest/types.js';
import { classifyHeading } from './headings.js';
import { digestKeyTerms } from './key-terms.js';
import { classifyKind } from './kind.js';
import { detectStructure } from './structure.js';
import { digestWarnings, fileWarnings } from './warnings.js';

function digestFile(document: IngestedDocument, given: MaterialKind | null): DigestFile {
  const kind = given ?? classifyKind(document.name, document.pages);
  const file: DigestFile = {
    name: document.name,
    sha256: document.sha256,
    kind,
    format: document.format,
    encoding: document.encoding,
    pageUnit: document.pageUnit,
    pages: document.pages.map(({ page, text, quality, chars, note, ocrConfidence }) => ({
      page,
      text,
      quality,
      chars,
      note,
      ...(ocrConfidence === undefined ? {} : { ocrConfidence }),
    })),
    structure: detectStructure(document.pages, kind),
    warnings: [],
  };
  return { ...file, warnings: fileWarnings(file, document.warnings) };
}

/**
 * The first lesson heading, textbooks first, as a 课题: 「第1节 科学、技术与工程」 →
 * 「科学、技术与工程」 (the marker numbers the book, not the lesson). A Markdown
 * file without one is titled by its opening 「# …」 line.
 */
function lessonTitle(files: DigestFile[]): TextBlock | null {
  const ordered = [...files.filter((f) => f.kind === 'textbook'), ...files.filter((f) => f.kind !== 'textbook')];
  const at = (file: DigestFile, page: number, quote: string): TextBlock['sources'] => [{ file: file.name, page, at: null, quote }];
  for (const file of ordered) {
    const lesson = file.structure.lessons[0];
    if (lesson) return block.material(classifyHeading(lesson.text)?.title || lesson.text, at(file, lesson.page, lesson.text));
  }
  for (const file of ordered) {
    const first = file.pages[0];
    const opening = file.format === 'markdown' && first ? /^#\s+(.+)$/.exec(first.text.trimStart().split('\n')[0] ?? '') : null;
    if (first && opening) return block.material(opening[1]!.trim(), at(file, first.page, opening[0]));
  }
  return null;
}

/**
 * T1's offline engine: one `DigestFile` per document (its kind as given, else
 * classified), the lesson title (the teacher's, else the first lesson heading,
 * else a visible blank for the teacher), the key terms across all files, and the
 * warnings a teacher should read before trusting the draft.
 *
 * @example
 * const digest = buildDigest(request, [{ document: await ingestDocument(file), kind: null }]);
 * digest.title    // { text: '科学、技术与工程', origin: 'material', sources: [{ file: '教材.pdf', page: 1, … }] }
 * digest.keyTerms // ['工程', '科学', '技术', …]
 */
export function buildDigest(
  request: LessonRequest,
  documents: { document: IngestedDocument; kind: MaterialKind | null }[],
): MaterialDigest {
  if (documents.length === 0) throw new InputError('材料', 'empty', '没有提供任何材料：请至少上传一份教材、教参或课标。');
  const files = documents.map(({ document, kind }) => digestFile(document, kind));
  const found = lessonTitle(files);
  // Without the teacher's 课题 or a heading, the 课题 is a visible blank: a file name is never a 课题
  // (it is named in the blank as a hint for the teacher, nothing more).
  const fileName = files[0]!.name.replace(/\.[^.]+$/, '');
  const title = request.title
    ? block.teacher(request.title)
    : (found ?? block.blank(`本课课题（材料中没有课题；文件名为「${fileName}」）`));
  return {
    title,
    files,
    keyTerms: digestKeyTerms({ requestTitle: request.title, lessonTitle: found?.text ?? null, subject: request.subject }, files),
    warnings: digestWarnings(files, { titleFromFileName: request.title === null && found === null }),
  };
}
