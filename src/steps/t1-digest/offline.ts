import type { DigestFile, LessonRequest, MaterialDigest, MaterialKind } from '../../domain/index.js';
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
function lessonTitle(files: DigestFile[]): string | null {
  const ordered = [...files.filter((f) => f.kind === 'textbook'), ...files.filter((f) => f.kind !== 'textbook')];
  for (const file of ordered) {
    const lesson = file.structure.lessons[0];
    if (lesson) return classifyHeading(lesson.text)?.title || lesson.text;
  }
  for (const file of ordered) {
    const opening = file.format === 'markdown' ? /^#\s+(.+)$/.exec(file.pages[0]?.text.trimStart().split('\n')[0] ?? '') : null;
    if (opening) return opening[1]!.trim();
  }
  return null;
}

/**
 * T1's offline engine: one `DigestFile` per document (its kind as given, else
 * classified), the lesson title (the teacher's, else the first lesson heading,
 * else the first file's name), the key terms across all files, and the
 * warnings a teacher should read before trusting the draft.
 *
 * @example
 * const digest = buildDigest(request, [{ document: await ingestDocument(file), kind: null }]);
 * digest.title    // '科学、技术与工程'
 * digest.keyTerms // ['工程', '科学', '技术', …]
 */
export function buildDigest(
  request: LessonRequest,
  documents: { document: IngestedDocument; kind: MaterialKind | null }[],
): MaterialDigest {
  if (documents.length === 0) throw new InputError('材料', 'empty', '没有提供任何材料：请至少上传一份教材、教参或课标。');
  const files = documents.map(({ document, kind }) => digestFile(document, kind));
  const found = lessonTitle(files);
  const title = request.title ?? found ?? files[0]!.name.replace(/\.[^.]+$/, '');
  return {
    title,
    files,
    keyTerms: digestKeyTerms({ requestTitle: request.title, lessonTitle: found, subject: request.subject }, files),
    warnings: digestWarnings(files, { titleFromFileName: request.title === null && found === null }),
  };
}
