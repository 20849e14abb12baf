import { deflateRawSync, constants as zlib } from 'node:zlib';

/**
 * Hostile files made in milliseconds. A deflate stream of one repeated byte
 * is built from a single compressed block, flushed so it stands alone, then
 * repeated: N copies inflate to N × the block's input, whatever N is. So a
 * 1 MB file can inflate to 1 GB without the test ever holding a gigabyte.
 */
function repeatedZlibStream(byte: number, blockBytes: number, copies: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(blockBytes, byte), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const header = Buffer.from([0x78, 0xda]);
  return Buffer.concat([
    header,
    ...Array.from({ length: copies }, () => block),
    last,
    adler32OfRepeated(byte, BigInt(blockBytes) * BigInt(copies)),
  ]);
}

/** Adler-32 of `n` copies of one byte, computed in closed form rather than over n bytes. */
function adler32OfRepeated(byte: number, n: bigint): Buffer {
  const mod = 65521n;
  const c = BigInt(byte);
  const a = (1n + n * c) % mod;
  const b = (n + (c * n * (n + 1n)) / 2n) % mod;
  const out = Buffer.alloc(4);
  out.writeUInt32BE(Number((b << 16n) | a));
  return out;
}

/**
 * A one-page PDF whose content stream inflates to `inflatedBytes` of spaces
 * (valid page content: nothing to draw). pdf.js would hold all of it at once.
 *
 * @example
 * const bomb = pdfBomb(1.1 * 1024 ** 3); // about 1 MB on disk
 */
export function pdfBomb(inflatedBytes: number): Buffer {
  const blockBytes = 1024 * 1024;
  const stream = repeatedZlibStream(0x20, blockBytes, Math.ceil(inflatedBytes / blockBytes));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (chunk: Buffer) => {
    parts.push(chunk);
    length += chunk.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length);
  push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`));
  push(stream);
  push(Buffer.from('\nendstream\nendobj\n'));
  const xref = length;
  push(
    Buffer.from(
      `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}` +
        `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

/**
 * A valid greyscale PNG of width × height white pixels, a few hundred KB on
 * disk however large (100 megapixels decode to 100 MB, 400 MB as RGBA).
 */
export function hugePng(width: number, height: number): Buffer {
  const rowBytes = width + 1; // filter byte + one byte per pixel
  const rowsPerBlock = Math.max(1, Math.floor((1024 * 1024) / rowBytes));
  // Every row is the same (filter 0, all white), so a block of whole rows repeats exactly.
  const rows = Buffer.alloc(rowBytes * rowsPerBlock, 0xff);
  for (let r = 0; r < rowsPerBlock; r++) rows[r * rowBytes] = 0;
  const blockDeflated = deflateRawSync(rows, { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const copies = Math.floor(height / rowsPerBlock);
  const rest = height - copies * rowsPerBlock;
  const tail = deflateRawSync(rows.subarray(0, rest * rowBytes), { level: 9 });
  const raw = Buffer.concat([...Array.from({ length: copies }, () => blockDeflated), tail]);
  const idat = Buffer.concat([Buffer.from([0x78, 0xda]), raw, adler32OfRows(rows, copies, rest * rowBytes)]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Adler-32 of `copies` blocks then the first `tailBytes` of one: each block summed once, the copies combined as zlib's adler32_combine does. */
function adler32OfRows(block: Buffer, copies: number, tailBytes: number): Buffer {
  const one = adler32(block);
  let sum = 1;
  for (let i = 0; i < copies; i++) sum = adler32Combine(sum, one, block.length);
  sum = adler32Combine(sum, adler32(block.subarray(0, tailBytes)), tailBytes);
  const out = Buffer.alloc(4);
  out.writeUInt32BE(sum);
  return out;
}

const BASE = 65521;

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % BASE;
    b = (b + a) % BASE;
  }
  return ((b << 16) | a) >>> 0;
}

function adler32Combine(first: number, second: number, secondLength: number): number {
  const rem = secondLength % BASE;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (second & 0xffff) + BASE - 1;
  sum2 += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= BASE * 2) sum2 -= BASE * 2;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * A .docx made by hand around `body` (WordprocessingML inside `<w:body>`),
 * optionally with a prolog before `<w:document>` (a DTD, for the XXE case).
 */
export async function handmadeDocx(body: string, prolog = ''): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?>${prolog}<w:document ${WORD_NS}><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export const wordParagraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

/** Tables nested `depth` deep, the innermost holding `text`. */
export function nestedTables(depth: number, text: string): string {
  return `${'<w:tbl><w:tr><w:tc>'.repeat(depth)}${wordParagraph(text)}${'</w:tc></w:tr></w:tbl>'.repeat(depth)}`;
}

/**
 * What Word saves for a .docx with an open password: not a zip but an OLE
 * compound file whose directory holds EncryptionInfo and EncryptedPackage
 * (MS-OFFCRYPTO). Only the parts a reader looks at are real.
 */
export function passwordProtectedOoxml(): Buffer {
  const file = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.write('Root Entry', 512, 'utf16le');
  file.write('EncryptionInfo', 640, 'utf16le');
  file.write('EncryptedPackage', 768, 'utf16le');
  return file;
}

/** The start of an iPhone photo: an ISO-BMFF `ftyp` box with the HEIC brand, then a `meta` box. */
export function heicPhoto(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic')]);
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 0x10]), Buffer.from('meta'), Buffer.alloc(2008, 7)]);
}

/** `cues` one-second WebVTT cues of one character each: many cues in few bytes. */
export function manyCuesVtt(cues: number): string {
  const at = (s: number) =>
    `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < cues; i++) lines.push(`${at(i)} --> ${at(i + 1)}`, String(i % 10), '');
  return lines.join('\n');
}

/** A PNG of width × height whose image data stops after `keep` of its bytes (a copy cut short). */
export function truncatedPng(width: number, height: number, keep: number): Buffer {
  return hugePng(width, height).subarray(0, keep);
}

/**
 * A one-page PDF holding a side × side greyscale image (400 KB for 20,000 px:
 * one compressed block of white rows, repeated) and, when given, a line of
 * text in Helvetica drawn over it.
 */
export function pdfWithImage(side: number, text?: string): Buffer {
  const rowsPerBlock = Math.max(1, Math.floor((1024 * 1024) / side));
  const block = deflateRawSync(Buffer.alloc(side * rowsPerBlock, 0xff), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const copies = Math.ceil(side / rowsPerBlock);
  const data = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: copies }, () => block), deflateRawSync(Buffer.alloc(0))]);
  const content = Buffer.from(`q 595 0 0 842 0 0 cm /Im Do Q${text ? ` BT /F1 14 Tf 40 780 Td (${text}) Tj ET` : ''}`);
  const stream = (dict: string, body: Buffer) =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${body.length} >>\nstream\n`), body, Buffer.from('\nendstream')]);
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> /Font << /F1 6 0 R >> >> >>',
    stream('', content),
    stream(
      `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
      data,
    ),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  }
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
