import { InputError } from '../errors.js';
import { extensionOf, sha256Hex, sniffBinaryKind } from './file-type.js';
import { formatBytes } from './messages.js';
import { hasPdfMagic, ingestPdf } from './pdf.js';
import { ingestTextDocument } from './text.js';
import { DEFAULT_LIMITS, type IngestedDocument, type IngestLimits, type InputFile } from './types.js';

const TEXT_EXTENSIONS: Readonly<Record<string, 'text' | 'markdown'>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};
const SUBTITLE_EXTENSIONS = new Set(['.srt', '.vtt']);
const SUPPORTED = 'PDF（.pdf）、纯文本（.txt）和 Markdown（.md/.markdown）';

/**
 * Turns a teaching material (教材、教参、课标 …) into clean text by page, or by
 * section for text files. The format is decided by content first (a PDF
 * renamed .txt is still read as PDF), then by extension.
 *
 * @throws InputError for every input the teacher has to fix: `empty`,
 *   `too-large`, `unsupported-type`, `not-pdf`, `encrypted`, `corrupt`,
 *   `scanned`, `garbled`, `encoding`.
 * @example
 * const doc = await ingestDocument({ name: '教材.pdf', bytes: await fs.readFile(p) });
 * const usable = doc.pages.filter((page) => page.quality === 'good');
 * doc.warnings; // ['第 3、4 页没有文字层（可能是扫描件或整页插图），已跳过']
 */
export async function ingestDocument(file: InputFile, limits?: Partial<IngestLimits>): Promise<IngestedDocument> {
  const effective: IngestLimits = { ...DEFAULT_LIMITS, ...limits };
  const { name, bytes } = file;
  if (bytes.length === 0) throw new InputError(name, 'empty', '文件是空的（0 字节）；请检查是否上传了正确的文件');
  if (bytes.length > effective.maxBytes) {
    throw new InputError(
      name,
      'too-large',
      `文件大小 ${formatBytes(bytes.length)}，超过上限 ${formatBytes(effective.maxBytes)}；请只上传本课需要的部分`,
    );
  }
  const sha256 = sha256Hex(bytes);
  const ext = extensionOf(name);

  if (ext === '.pdf' || hasPdfMagic(bytes)) return ingestPdf(file, sha256, effective);

  const textFormat = TEXT_EXTENSIONS[ext];
  if (textFormat) {
    const binaryKind = sniffBinaryKind(bytes);
    if (binaryKind) {
      throw new InputError(name, 'unsupported-type', `扩展名是 ${ext}，但内容是${binaryKind}；目前支持 ${SUPPORTED}`);
    }
    return ingestTextDocument(file, sha256, textFormat);
  }
  if (SUBTITLE_EXTENSIONS.has(ext)) {
    throw new InputError(name, 'unsupported-type', `这是字幕文件，请作为视频字幕上传；教学资料支持 ${SUPPORTED}`);
  }
  throw new InputError(
    name,
    'unsupported-type',
    `不支持${ext ? ` ${ext} ` : '没有扩展名的'}文件；目前支持 ${SUPPORTED}。Word、PPT 请先另存为 PDF`,
  );
}
