import { createInflate } from 'node:zlib';
import { InputError } from '../../errors.js';
import { formatBytes } from '../messages.js';

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
/** How far back from `stream` the stream's dictionary can start; real dictionaries are a few hundred bytes. */
const DICT_WINDOW = 4096;

/**
 * Refuses a PDF whose compressed streams inflate to more than `limit` bytes
 * before pdf.js sees it. pdf.js keeps a whole decoded stream in one growing
 * buffer (outside the JavaScript heap, so a worker's heap limit does not stop
 * it): a 1.5 MB file whose content stream inflates to 1.5 GB took 3 GB of
 * memory. Here every FlateDecode stream that text extraction would decode
 * (content, fonts, object and cross-reference streams — not images, which text
 * extraction never decodes) is inflated chunk by chunk on the thread pool, the
 * output counted and dropped, so the check itself never holds more than a chunk.
 *
 * @throws InputError `limit-exceeded` naming the file and the limit.
 * @example
 * await checkInflatedSize({ name: '炸弹.pdf', bytes }, 256 * 1024 * 1024);
 */
export async function checkInflatedSize(file: { name: string; bytes: Uint8Array }, limit: number): Promise<number> {
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  let total = 0;
  for (const stream of flateStreams(bytes)) {
    total += await inflatedLength(stream.data, stream.passes, limit - total);
    if (total > limit) {
      throw new InputError(
        file.name,
        'limit-exceeded',
        `PDF 里的压缩数据解压后超过 ${formatBytes(limit)}（文件只有 ${formatBytes(bytes.length)}，可能是恶意构造的“压缩炸弹”或已损坏）；请重新导出 PDF 后上传`,
      );
    }
  }
  return total;
}

interface FlateStream {
  data: Buffer;
  /** How many FlateDecode filters are chained: each one inflates the previous output again. */
  passes: number;
}

/** The FlateDecode streams of a PDF that are not images, found by their `stream` … `endstream` keywords. */
function* flateStreams(bytes: Buffer): Generator<FlateStream> {
  for (let at = bytes.indexOf(STREAM); at >= 0; at = bytes.indexOf(STREAM, at + STREAM.length)) {
    // `endstream` contains `stream`: skip it.
    if (at >= 3 && bytes.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] !== 0x0a) continue;
    start++;
    const dict = bytes.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    const dictStart = dict.lastIndexOf('obj');
    const header = dictStart >= 0 ? dict.slice(dictStart) : dict;
    if (!header.trimEnd().endsWith('>>')) continue;
    const end = bytes.indexOf(END_STREAM, start);
    if (end < 0) return;
    const passes = (header.match(/\/(?:FlateDecode|Fl)\b/g) ?? []).length;
    if (passes > 0 && !/\/Subtype\s*\/Image\b/.test(header)) yield { data: bytes.subarray(start, end), passes };
    at = end;
  }
}

/**
 * Bytes the stream inflates to, stopping as soon as `budget` is passed.
 * A stream zlib cannot read counts as what it gave before the error: pdf.js
 * is just as tolerant of broken streams.
 */
async function inflatedLength(data: Buffer, passes: number, budget: number): Promise<number> {
  let input = data;
  let length = 0;
  for (let pass = 0; pass < passes; pass++) {
    // Only the last pass's output can be thrown away; an earlier pass feeds the next one, and is
    // itself held to the budget, so what is kept is bounded too.
    const keep = pass < passes - 1;
    const result = await inflateCounting(input, budget, keep);
    length = result.length;
    if (length > budget || !result.kept) return length;
    input = result.kept;
  }
  return length;
}

function inflateCounting(data: Buffer, budget: number, keep: boolean): Promise<{ length: number; kept: Buffer | null }> {
  return new Promise((resolve) => {
    const inflate = createInflate();
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ length, kept: keep && length <= budget ? Buffer.concat(chunks) : null });
    };
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (keep) chunks.push(chunk);
      if (length > budget) {
        finish();
        inflate.destroy();
      }
    });
    inflate.on('error', finish);
    inflate.on('end', finish);
    inflate.on('close', finish);
    inflate.end(data);
  });
}
