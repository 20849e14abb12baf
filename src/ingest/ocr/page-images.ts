import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { megapixels } from '../messages.js';

/**
 * The long side of a page image given to OCR, in pixels: about 200 dpi on an
 * A4 page. Larger photos are scaled down to it (recognition gets no better and
 * slower), smaller ones are left alone.
 */
export const OCR_LONG_SIDE = 2400;
const RENDER_TIMEOUT_MS = 60_000;

/**
 * A page of a PDF as a greyscale PNG, rendered by poppler's `pdftoppm` in a
 * child process (so a page full of hostile vector art costs that process, not
 * the service) scaled to OCR_LONG_SIDE whatever the page size, with a time limit.
 *
 * @throws InputError `ocr-failed` when pdftoppm is not installed (saying which package
 *   gives it) or cannot render the page.
 * @example
 * const png = await renderPdfPage('/tmp/x/input.pdf', '教材.pdf', 3);
 */
export function renderPdfPage(
  pdfPath: string,
  fileName: string,
  page: number,
  pdftoppm = process.env.PDFTOPPM_PATH ?? 'pdftoppm',
): Promise<Uint8Array> {
  const args = ['-f', String(page), '-l', String(page), '-r', '300', '-scale-to', String(OCR_LONG_SIDE), '-gray', '-png', pdfPath];
  return new Promise((resolve, reject) => {
    execFile(
      pdftoppm,
      args,
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, timeout: RENDER_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout) => {
        if (!error && stdout.length > 0) return resolve(new Uint8Array(stdout));
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          return reject(
            new InputError(
              fileName,
              'ocr-failed',
              '扫描件需要把页面转成图片再识别，但服务器上没有安装 pdftoppm（管理员请安装 poppler-utils）',
            ),
          );
        }
        const why = (error as { killed?: boolean } | null)?.killed ? `超过 ${RENDER_TIMEOUT_MS / 1000} 秒` : '出错';
        reject(new InputError(fileName, 'ocr-failed', `第 ${page} 页转成图片时${why}，无法识别；请重新导出 PDF 后上传`, { cause: error }));
      },
    );
  });
}

/** Writes the PDF to a temporary folder for pdftoppm; `dispose` removes it. */
export async function pdfOnDisk(bytes: Uint8Array): Promise<{ path: string; dispose: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lessonprep-ocr-'));
  const file = path.join(dir, 'input.pdf');
  await fs.writeFile(file, bytes);
  return { path: file, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}

/**
 * A photo made ready for OCR with sharp (libvips): turned upright by its EXIF
 * orientation (phones store portrait photos sideways with a flag), scaled
 * down to OCR_LONG_SIDE, greyscale, PNG. sharp refuses to decode anything
 * over `maxPixels` (its `limitInputPixels`), a second line behind the header
 * check at upload. The work runs on libuv's thread pool, off the event loop.
 *
 * @throws InputError `limit-exceeded` over the pixel limit, `corrupt` when it cannot be decoded.
 * @example
 * const png = await preparePhoto(bytes, '课本第5页.jpg', 60_000_000);
 */
export async function preparePhoto(bytes: Uint8Array, fileName: string, maxPixels: number): Promise<Uint8Array> {
  // Loaded on first use: libvips is a native library that a CLI printing --help should not load.
  const { default: sharp } = await import('sharp');
  try {
    const out = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .rotate()
      .resize({ width: OCR_LONG_SIDE, height: OCR_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .png()
      .toBuffer();
    return new Uint8Array(out);
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/pixel limit/i.test(message)) {
      throw new InputError(fileName, 'limit-exceeded', `图片超过 ${megapixels(maxPixels)} 像素的上限；请缩小后上传`, { cause: error });
    }
    const truncated = /truncated|premature|unexpected end|incomplete/i.test(message);
    throw new InputError(
      fileName,
      'corrupt',
      truncated
        ? '图片文件不完整（只传了一部分，可能下载或拷贝时中断了）；请重新拍照或从原处重新保存后上传'
        : '图片无法解码（文件可能已损坏）；请重新拍照或另存为 JPG/PNG 后上传',
      { cause: error },
    );
  }
}
