import type { PasswordException } from 'pdf-parse';
import { InputError } from '../errors.js';
import { formatNumbered, megapixels } from './messages.js';
import { largestImage } from './pdf/image-guard.js';
import { checkInflatedSize } from './pdf/inflate-guard.js';
import { pdfjsAssets } from './pdf/pdfjs-assets.js';
import { normalizePdfPageText, reflowLines, stripRunningLines } from './pdf-text.js';
import { assessPageText } from './quality.js';
import type { IngestedDocument, IngestedPage, IngestLimits, InputFile } from './types.js';

/** `%PDF-`: PDF files start with it, possibly after some junk bytes that readers tolerate. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
const MAGIC_WINDOW = 1024;

/** True when `%PDF-` appears within the first kilobyte. */
export function hasPdfMagic(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, MAGIC_WINDOW) - PDF_MAGIC.length;
  for (let i = 0; i <= end; i++) {
    if (PDF_MAGIC.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

/**
 * Extracts a PDF's text page by page, cleans it and rates each page. Pages
 * that are scanned or garbled are kept but marked, and listed in `ocrPages`;
 * `ingestDocument` judges the file by them, or leaves them to OCR.
 *
 * @throws InputError `not-pdf`, `encrypted`, `corrupt`, `too-large` (pages),
 *   `limit-exceeded` (its streams inflate past the limit).
 */
export async function ingestPdf(file: InputFile, sha256: string, limits: IngestLimits): Promise<IngestedDocument> {
  if (!hasPdfMagic(file.bytes)) {
    throw new InputError(file.name, 'not-pdf', '文件扩展名是 .pdf，但内容不是 PDF（可能是改了扩展名的其他文件）；请上传原始的 PDF 文件');
  }
  await checkInflatedSize(file, limits.maxInflatedBytes);
  const rawPages = await extractPages(file, limits);
  const cleaned = stripRunningLines(rawPages.map(normalizePdfPageText)).map(reflowLines);
  const pages: IngestedPage[] = cleaned.map((text, i) => ({ page: i + 1, text, ...assessPageText(text) }));
  const ocrPages = pages.filter((p) => p.quality !== 'good').map((p) => p.page);
  if (ocrPages.length > 0) checkImagePixels(file, limits.maxPixels);
  return {
    name: file.name,
    sha256,
    format: 'pdf',
    encoding: null,
    pageUnit: 'page',
    pages,
    ocrPages,
    warnings: [],
  };
}

/**
 * pdf-parse with pdf.js (~35 MB) is loaded by the first PDF parsed: hasPdfMagic and judgePages
 * also serve the service's main thread, which parses nothing itself.
 */
const loadPdfParse = () => import('pdf-parse');

/** Pages that need OCR are rendered with every image on them decoded: an image over the pixel limit is refused first. */
function checkImagePixels(file: InputFile, maxPixels: number): void {
  const image = largestImage(file.bytes);
  if (!image || image.width * image.height <= maxPixels) return;
  throw new InputError(
    file.name,
    'limit-exceeded',
    `PDF 里有一张 ${image.width}×${image.height} = ${megapixels(image.width * image.height)} 像素的图片，超过上限 ${megapixels(maxPixels)} 像素，需要文字识别的页面无法转成图片；请用较低的分辨率（如 300 dpi）重新扫描或导出后上传`,
  );
}

async function extractPages(file: InputFile, limits: IngestLimits): Promise<string[]> {
  const { PDFParse, PasswordException } = await loadPdfParse();
  const { cMapUrl, standardFontDataUrl } = pdfjsAssets();
  const parser = new PDFParse({
    // pdf.js takes ownership of the buffer it is given and detaches it; the caller keeps its bytes.
    data: new Uint8Array(file.bytes),
    // Predefined CJK CMaps and the base-14 fonts: without them CJK text in such PDFs comes out empty or as digits.
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    // Only text is read here, and text extraction never needs an image decoded; should any path try,
    // an image over the pixel limit is skipped rather than decoded into memory.
    maxImageSize: limits.maxPixels,
    isEvalSupported: false,
  });
  try {
    const { total } = await parser.getInfo();
    if (total === 0) throw new InputError(file.name, 'corrupt', 'PDF 里没有任何页面，文件可能已损坏');
    if (total > limits.maxPages) {
      throw new InputError(
        file.name,
        'too-large',
        `PDF 有 ${total} 页，超过上限 ${limits.maxPages} 页；请只上传本课需要的章节（可用 PDF 工具拆分）`,
      );
    }
    const result = await parser.getText();
    return result.pages.map((p) => p.text);
  } catch (error) {
    throw toInputError(file.name, error, PasswordException);
  } finally {
    await parser.destroy();
  }
}

function toInputError(fileName: string, error: unknown, passwordError: typeof PasswordException): InputError {
  if (error instanceof InputError) return error;
  if (error instanceof passwordError || (error instanceof Error && error.name === 'PasswordException')) {
    return new InputError(fileName, 'encrypted', '文件已加密，请先去除密码再上传', { cause: error });
  }
  // InvalidPDFException, FormatError, truncated files and whatever else pdf.js throws:
  // the teacher's remedy is the same.
  return new InputError(fileName, 'corrupt', 'PDF 文件已损坏或不完整，无法读取；请重新导出或重新下载后上传', {
    cause: error,
  });
}

/**
 * Decides whether a document is usable at all, and words a warning for each
 * kind of unusable page. Unusable pages stay in the document, marked. After
 * OCR (`recognised`), a file with nothing readable is an empty recognition,
 * not a request for OCR.
 *
 * @throws InputError `scanned` when no page has text, `garbled` when no page has readable text,
 *   `no-text` when OCR ran and found none.
 */
export function judgePages(fileName: string, pages: readonly IngestedPage[], recognised = false): string[] {
  const empty = pages.filter((p) => p.quality === 'empty').map((p) => p.page);
  const garbled = pages.filter((p) => p.quality === 'garbled').map((p) => p.page);
  const good = pages.length - empty.length - garbled.length;

  if (good === 0 && recognised) {
    throw new InputError(
      fileName,
      'no-text',
      `文字识别（OCR）没有在全部 ${pages.length} 页里认出可用的文字；请上传更清晰的扫描件或照片（正对纸面、光线均匀）`,
    );
  }
  if (good === 0 && garbled.length === 0) {
    throw new InputError(
      fileName,
      'scanned',
      `全部 ${pages.length} 页都没有可提取的文字（可能是扫描件或图片），需要先做文字识别（OCR）；请通过服务上传，或提供带文字层的 PDF`,
    );
  }
  if (good === 0) {
    const scannedToo = empty.length > 0 ? `，另有${formatNumbered(empty, '页')}没有文字` : '';
    throw new InputError(
      fileName,
      'garbled',
      `${formatNumbered(garbled, '页')}的文字层是乱码（PDF 字体缺少编码映射，复制出来的文字不对）${scannedToo}；请换一个来源的 PDF，或打印成图片后做 OCR`,
    );
  }
  const warnings: string[] = [];
  if (empty.length > 0) {
    warnings.push(
      recognised
        ? `${formatNumbered(empty, '页')}文字识别后仍没有文字（可能是整页插图或空白页），已跳过`
        : `${formatNumbered(empty, '页')}没有文字层（可能是扫描件或整页插图），已跳过`,
    );
  }
  if (garbled.length > 0) warnings.push(`${formatNumbered(garbled, '页')}的文字层是乱码（字体缺少编码映射），已跳过`);
  return warnings;
}
