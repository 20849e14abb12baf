const STREAM = Buffer.from('stream');
/** How far back from `stream` an image's dictionary can start; real dictionaries are a few hundred bytes. */
const DICT_WINDOW = 4096;

export interface LargestImage {
  width: number;
  height: number;
}

/**
 * The largest image a PDF declares (`/Subtype /Image` with direct `/Width`
 * and `/Height`), read from the raw file without decoding anything; null when
 * there is none. Text extraction never decodes images, but a page that needs
 * OCR is rendered by pdftoppm, which must decode every image on it: one
 * 20,000×20,000 image (400 KB compressed) kept it busy for 20–45 s per page,
 * and the OCR queue behind it waited.
 *
 * @example
 * largestImage(bytes); // { width: 20000, height: 20000 }
 */
export function largestImage(bytes: Uint8Array): LargestImage | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let largest: LargestImage | null = null;
  for (let at = buffer.indexOf(STREAM); at >= 0; at = buffer.indexOf(STREAM, at + STREAM.length)) {
    if (at >= 3 && buffer.toString('latin1', at - 3, at) === 'end') continue;
    const window = buffer.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    const dict = window.slice(Math.max(0, window.lastIndexOf('obj')));
    if (!/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const width = Number(/\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  }
  return largest;
}
