import { imageSize } from 'image-size';
import { InputError } from '../../errors.js';
import { megapixels } from '../messages.js';
import type { IngestedDocument, IngestLimits, InputFile } from '../types.js';

/** Photo and scan formats a teacher's phone or scanner writes. */
export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const READABLE_TYPES = new Set(['jpg', 'png', 'webp']);
/** Below this many pixels on a side an image cannot hold a readable line of text (a 1×1 「照片」 is a placeholder). */
const MIN_SIDE = 16;

const SAVE_AS_JPG = '请在手机或电脑上把它另存为（或截图为）JPG 或 PNG 后上传';
const HEIC = `这是 HEIC/HEIF 格式的照片（苹果手机默认的拍照格式），目前不支持；${SAVE_AS_JPG}（iPhone 可在“设置 → 相机 → 格式”里选“兼容性最佳”，以后拍的就是 JPG）`;

/**
 * Image files teachers have that are not read, each with what to do instead;
 * undefined for an extension that is not an image.
 *
 * @example
 * unsupportedImage('.heic'); // '这是 HEIC/HEIF 格式的照片（苹果手机默认的拍照格式），目前不支持；…'
 */
export function unsupportedImage(ext: string): string | undefined {
  if (ext === '.heic' || ext === '.heif' || ext === '.avif') return HEIC;
  if (ext === '.gif') return `GIF 图片（包括动图）目前不支持；${SAVE_AS_JPG}`;
  if (ext === '.bmp' || ext === '.tif' || ext === '.tiff') {
    return `${ext.slice(1).toUpperCase()} 图片目前不支持；${SAVE_AS_JPG}；扫描仪请选择输出 PDF 或 JPG`;
  }
  return undefined;
}

/** HEIC/HEIF/AVIF by content: an ISO-BMFF `ftyp` box with an image brand, whatever the extension says. */
function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || Buffer.from(bytes.subarray(4, 8)).toString('latin1') !== 'ftyp') return false;
  return /^(?:heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif|avis)$/.test(Buffer.from(bytes.subarray(8, 12)).toString('latin1'));
}

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
  // An iPhone photo renamed .jpg (or sent through a chat app that kept the name) is still HEIC.
  if (isHeif(file.bytes)) throw new InputError(file.name, 'unsupported-type', HEIC);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(file.bytes);
  } catch (error) {
    throw new InputError(file.name, 'corrupt', '图片文件已损坏或格式不对，无法读取；请重新拍照或另存为 JPG/PNG 后上传', { cause: error });
  }
  if (!READABLE_TYPES.has(size.type ?? '')) {
    throw new InputError(file.name, 'unsupported-type', `图片格式 ${size.type ?? '未知'} 不支持；请另存为 JPG、PNG 或 WebP 后上传`);
  }
  if (size.width < MIN_SIDE || size.height < MIN_SIDE) {
    throw new InputError(
      file.name,
      'no-text',
      `图片只有 ${size.width}×${size.height} 像素，太小，不可能认出文字；请上传课本页面的原图（不要上传缩略图）`,
    );
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
