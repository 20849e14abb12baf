import { imageSize } from 'image-size';
import { InputError } from '../../errors.js';
import type { IngestedDocument, IngestLimits, InputFile } from '../types.js';

/** Photo and scan formats a teacher's phone or scanner writes. */
export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const READABLE_TYPES = new Set(['jpg', 'png', 'webp']);

/**
 * A photo or scanned page (.jpg, .png, .webp) as a one-page document whose
 * text is still to be recognised. Only the header is read here: an image
 * that would decode to more than the pixel limit is refused before a single
 * pixel is decoded (a 100-megapixel PNG of a few hundred KB would take
 * 400 MB to hold).
 *
 * @throws InputError `corrupt` when the header is not an image, `limit-exceeded` over the pixel limit.
 * @example
 * const doc = readPhoto({ name: '课本第5页.jpg', bytes }, sha256, limits);
 * doc.ocrPages; // [1]
 */
export function readPhoto(file: InputFile, sha256: string, limits: Pick<IngestLimits, 'maxPixels'>): IngestedDocument {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(file.bytes);
  } catch (error) {
    throw new InputError(file.name, 'corrupt', '图片文件已损坏或格式不对，无法读取；请重新拍照或另存为 JPG/PNG 后上传', { cause: error });
  }
  if (!READABLE_TYPES.has(size.type ?? '')) {
    throw new InputError(file.name, 'unsupported-type', `图片格式 ${size.type ?? '未知'} 不支持；请另存为 JPG、PNG 或 WebP 后上传`);
  }
  const pixels = size.width * size.height;
  if (pixels > limits.maxPixels) {
    throw new InputError(
      file.name,
      'limit-exceeded',
      `图片有 ${size.width}×${size.height} = ${megapixels(pixels)} 像素，超过上限 ${megapixels(limits.maxPixels)} 像素；请缩小图片（手机拍照选标准画质）后上传`,
    );
  }
  return {
    name: file.name,
    sha256,
    format: 'image',
    encoding: null,
    pageUnit: 'page',
    pages: [{ page: 1, text: '', quality: 'empty', chars: 0, note: '图片，等待文字识别' }],
    ocrPages: [1],
    warnings: [],
  };
}

/** 100_000_000 → '1 亿'; 12_000_000 → '1200 万'. */
export function megapixels(pixels: number): string {
  return pixels >= 100_000_000 ? `${Number((pixels / 100_000_000).toFixed(1))} 亿` : `${Math.round(pixels / 10_000)} 万`;
}
