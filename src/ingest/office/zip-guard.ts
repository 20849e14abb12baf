import type JSZip from 'jszip';
import { InputError } from '../../errors.js';
import { formatBytes } from '../messages.js';

/**
 * How deep elements may nest in one XML part. Word's own documents stay under
 * a few dozen levels even with tables inside tables; mammoth walks the tree
 * recursively and runs out of stack near 1,000 (tables nested 400 deep), so a
 * file past this is refused by name instead.
 */
export const MAX_XML_DEPTH = 256;

const DOCTYPE = Buffer.from('<!DOCTYPE');
const ENTITY = Buffer.from('<!ENTITY');

/**
 * Refuses a .docx/.pptx whose XML parts a parser should not be given, before
 * any parser holds a part in memory:
 * - parts that inflate to more than `limit` bytes in all (a zip bomb). The
 *   sizes a zip declares can lie, so each part is inflated chunk by chunk,
 *   counted and dropped, and the count stops at the limit: a 1 MB "document"
 *   that inflates to a gigabyte costs a few seconds, not the service's memory;
 * - a DTD (`<!DOCTYPE`, `<!ENTITY`): Office never writes one, and it is how
 *   external-entity (XXE) and entity-expansion attacks are carried;
 * - elements nested deeper than MAX_XML_DEPTH.
 *
 * @throws InputError `limit-exceeded` or `corrupt`, naming the file.
 * @example
 * await checkZipInflatedSize('教参.docx', await JSZip.loadAsync(bytes), 256 * 1024 * 1024);
 */
export async function checkZipInflatedSize(fileName: string, zip: JSZip, limit: number): Promise<number> {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // Pictures and media are never decoded: only the XML parts are read.
    if (!/\.(xml|rels)$/i.test(entry.name)) continue;
    const scanned = await scanEntry(entry, limit - total);
    total += scanned.length;
    if (total > limit) {
      throw new InputError(
        fileName,
        'limit-exceeded',
        `文件里的内容解压后超过 ${formatBytes(limit)}（可能是恶意构造的“压缩炸弹”或已损坏）；请重新保存后上传`,
      );
    }
    if (scanned.dtd) {
      throw new InputError(
        fileName,
        'corrupt',
        `文件的 ${entry.name} 里有 DTD 实体声明（Word/WPS/PowerPoint 保存的文件不会有，常见于恶意构造的文件），为安全起见不读取；请用 Word/WPS 重新另存后上传`,
      );
    }
    if (scanned.depth > MAX_XML_DEPTH) {
      throw new InputError(
        fileName,
        'corrupt',
        `文件的 ${entry.name} 嵌套超过 ${MAX_XML_DEPTH} 层（例如表格里套表格成百上千层），无法读取；请简化表格后重新另存再上传`,
      );
    }
  }
  return total;
}

interface Scan {
  length: number;
  dtd: boolean;
  /** The deepest element nesting seen. */
  depth: number;
}

function scanEntry(entry: JSZip.JSZipObject, budget: number): Promise<Scan> {
  return new Promise((resolve, reject) => {
    const scan: Scan = { length: 0, dtd: false, depth: 0 };
    const nesting = new NestingCounter();
    const stream = entry.nodeStream('nodebuffer');
    const stop = () => {
      stream.pause();
      resolve(scan);
    };
    stream
      .on('data', (chunk: Buffer) => {
        scan.length += chunk.length;
        if (scan.length > budget) return stop();
        if (chunk.includes(DOCTYPE) || chunk.includes(ENTITY)) {
          scan.dtd = true;
          return stop();
        }
        scan.depth = Math.max(scan.depth, nesting.feed(chunk));
        if (scan.depth > MAX_XML_DEPTH) stop();
      })
      .on('error', reject)
      .on('end', () => resolve(scan));
  });
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;

/**
 * Element depth of XML read chunk by chunk, without parsing it: `<a` opens,
 * `</a` and a tag ending in `/>` close, `<?…>` and `<!…>` do neither. A `>`
 * inside an attribute value can miscount by one, which does not matter at the
 * depths this guards against.
 */
class NestingCounter {
  private depth = 0;
  private inTag = false;
  /** The byte after `<` of the tag being read, -1 right after `<`. */
  private first = -1;
  private previous = -1;

  /** Reads a chunk; returns the deepest depth reached in it. */
  feed(chunk: Buffer): number {
    let deepest = this.depth;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (!this.inTag) {
        if (b === LT) {
          this.inTag = true;
          this.first = -1;
        }
      } else if (this.first === -1) {
        this.first = b;
        if (b === SLASH) this.depth--;
        else if (b !== QUESTION && b !== BANG) {
          this.depth++;
          if (this.depth > deepest) deepest = this.depth;
        }
      } else if (b === GT) {
        this.inTag = false;
        const opening = this.first !== SLASH && this.first !== QUESTION && this.first !== BANG;
        if (opening && this.previous === SLASH) this.depth--;
      }
      this.previous = b;
    }
    return deepest;
  }
}
