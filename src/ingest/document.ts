import { InputError } from '../errors.js';
import { looksLikeChinese } from './encoding.js';
import { extensionOf, sha256Hex, sniffBinaryKind } from './file-type.js';
import { IMAGE_EXTENSIONS, readPhoto, unsupportedImage } from './image/photo.js';
import { formatBytes } from './messages.js';
import { ingestDocx } from './office/docx.js';
import { convertLegacy, LEGACY_TARGET } from './office/legacy.js';
import { ingestPptx } from './office/pptx.js';
import { hasPdfMagic, ingestPdf, judgePages } from './pdf.js';
import { ingestTextDocument } from './text.js';
import { DEFAULT_LIMITS, type IngestedDocument, type IngestLimits, type InputFile } from './types.js';
import { asInputError } from './unexpected.js';

const TEXT_EXTENSIONS: Readonly<Record<string, 'text' | 'markdown'>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};
const SUBTITLE_EXTENSIONS = new Set(['.srt', '.vtt']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
export const SUPPORTED_MATERIALS =
  'PDF、Word（.docx/.doc/.wps）、PowerPoint（.pptx/.ppt）、图片（.jpg/.png/.webp）、纯文本（.txt）和 Markdown（.md）';

export interface IngestOptions {
  /**
   * Leave pages that need OCR (scans, photos, garbled text layers) in the
   * document, listed in `ocrPages`, instead of judging the file by its
   * readable pages now. The material library sets this: it recognises those
   * pages in the background and judges the file afterwards.
   */
  deferOcr?: boolean;
}

/**
 * Turns a teaching material (教材、教参、课标 …) into clean text by page,
 * section or slide. The format is decided by content first (a PDF renamed
 * .txt is still read as PDF), then by extension; legacy .doc/.wps/.ppt files
 * are converted with LibreOffice first.
 *
 * @throws InputError for every input the teacher has to fix: `empty`,
 *   `too-large`, `unsupported-type`, `not-pdf`, `encrypted`, `corrupt`,
 *   `scanned`, `garbled`, `encoding`, `limit-exceeded`.
 * @example
 * const doc = await ingestDocument({ name: '教材.pdf', bytes: await fs.readFile(p) });
 * const usable = doc.pages.filter((page) => page.quality === 'good');
 * doc.warnings; // ['第 3、4 页没有文字层（可能是扫描件或整页插图），已跳过']
 */
export async function ingestDocument(
  file: InputFile,
  limits?: Partial<IngestLimits>,
  options: IngestOptions = {},
): Promise<IngestedDocument> {
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
  let document: IngestedDocument;
  try {
    document = await parse(file, sha256Hex(bytes), effective);
  } catch (error) {
    throw asInputError(name, error);
  }
  if (options.deferOcr || document.ocrPages.length === 0) return document;
  return { ...document, ocrPages: [], warnings: judgePages(name, document.pages) };
}

/**
 * A password-protected .docx/.pptx is not a zip: Office stores it as an OLE
 * compound file (the legacy container) holding `EncryptionInfo` and
 * `EncryptedPackage` streams (MS-OFFCRYPTO). Their names are in the
 * directory as UTF-16LE.
 */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!OLE_MAGIC.every((b, i) => bytes[i] === b)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
}

async function parse(file: InputFile, sha256: string, limits: IngestLimits): Promise<IngestedDocument> {
  const { name, bytes } = file;
  const ext = extensionOf(name);
  if (ext === '.pdf' || hasPdfMagic(bytes)) return ingestPdf(file, sha256, limits);
  if (IMAGE_EXTENSIONS.has(ext)) return readPhoto(file, sha256, limits);
  const imageAdvice = unsupportedImage(ext);
  if (imageAdvice) throw new InputError(name, 'unsupported-type', imageAdvice);

  const legacy = LEGACY_TARGET[ext];
  if (legacy) {
    const converted = { name, bytes: await convertLegacy(file, legacy) };
    const document = legacy === 'docx' ? await ingestDocx(converted, sha256, limits) : await ingestPptx(converted, sha256, limits);
    // LibreOffice opens what it cannot recognise as plain text: a broken .doc comes back as pages of 「䅁䅁䅁」.
    if (!looksLikeChinese(document.pages.map((page) => page.text).join('\n'))) {
      throw new InputError(
        name,
        'corrupt',
        `这个 ${ext} 文件转换后是乱码（文件已损坏，或不是真正的 Word/WPS/PowerPoint 文件）；请用 Word/WPS 打开它，另存为 .${legacy} 后上传`,
      );
    }
    return { ...document, warnings: [`已用 LibreOffice 把 ${ext} 转换为 .${legacy} 后读取，请核对版式复杂处的文字`, ...document.warnings] };
  }
  if (ext === '.docx' || ext === '.pptx') {
    if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
      if (isEncryptedOoxml(bytes)) {
        throw new InputError(
          name,
          'encrypted',
          '文件设置了打开密码（已加密），无法读取；请在 Word/WPS/PowerPoint 里打开它，去除密码（“文件 → 信息 → 保护文档 → 用密码进行加密”清空密码）后另存，再上传',
        );
      }
      const kind = sniffBinaryKind(bytes);
      throw new InputError(
        name,
        'unsupported-type',
        `扩展名是 ${ext}，但内容${kind ? `是${kind}` : '不是 Office 文档'}；请用 Word/WPS/PowerPoint 重新另存为 ${ext} 后上传`,
      );
    }
    return ext === '.docx' ? ingestDocx(file, sha256, limits) : ingestPptx(file, sha256, limits);
  }

  const textFormat = TEXT_EXTENSIONS[ext];
  if (textFormat) {
    const binaryKind = sniffBinaryKind(bytes);
    if (binaryKind) {
      throw new InputError(name, 'unsupported-type', `扩展名是 ${ext}，但内容是${binaryKind}；目前支持 ${SUPPORTED_MATERIALS}`);
    }
    return ingestTextDocument(file, sha256, textFormat, limits);
  }
  if (SUBTITLE_EXTENSIONS.has(ext)) {
    throw new InputError(name, 'unsupported-type', `这是字幕文件，请作为视频字幕上传；教学资料支持 ${SUPPORTED_MATERIALS}`);
  }
  throw new InputError(name, 'unsupported-type', `不支持${ext ? ` ${ext} ` : '没有扩展名的'}文件；目前支持 ${SUPPORTED_MATERIALS}`);
}
