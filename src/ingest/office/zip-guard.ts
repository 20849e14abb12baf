import type JSZip from 'jszip';
import { InputError } from '../../errors.js';
import { formatBytes } from '../messages.js';

/**
 * Refuses a .docx/.pptx whose parts inflate to more than `limit` bytes, before
 * any parser holds a part in memory. The sizes a zip declares can lie, so each
 * part is inflated chunk by chunk, counted and dropped, and the count stops
 * at the limit: a 50 KB "document" that inflates to gigabytes costs a few
 * hundred milliseconds, not the service's memory.
 *
 * @throws InputError `limit-exceeded` naming the file.
 * @example
 * await checkZipInflatedSize('教参.docx', await JSZip.loadAsync(bytes), 256 * 1024 * 1024);
 */
export async function checkZipInflatedSize(fileName: string, zip: JSZip, limit: number): Promise<number> {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // Pictures and media are never decoded: only the XML parts are read.
    if (!/\.(xml|rels)$/i.test(entry.name)) continue;
    total += await countEntry(entry, limit - total);
    if (total > limit) {
      throw new InputError(
        fileName,
        'limit-exceeded',
        `文件里的内容解压后超过 ${formatBytes(limit)}（可能是恶意构造的“压缩炸弹”或已损坏）；请重新保存后上传`,
      );
    }
  }
  return total;
}

function countEntry(entry: JSZip.JSZipObject, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let length = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > budget) {
          stream.pause();
          resolve(length);
        }
      })
      .on('error', reject)
      .on('end', () => resolve(length));
  });
}
