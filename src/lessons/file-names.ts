/** The most bytes a file name may take on common filesystems (ext4, NTFS, APFS). */
const MAX_NAME_BYTES = 255;
/** The original name is kept for display, but not without bound. */
const MAX_ORIGINAL_CHARS = 1024;
/**
 * Control characters (C0, DEL, C1) and the invisible marks that reorder or
 * hide text (bidi overrides, isolates, zero-width marks): 「教案\u202Efdp.exe」
 * must not show as 「教案exe.pdf」.
 */
const UNSAFE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, cut between code points. */
function fitBytes(text: string, bytes: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Length(out + char) > bytes) break;
    out += char;
  }
  return out;
}

/**
 * A file name that is safe to store, show and write: the last part of any
 * path (「C:\\Users\\王老师\\教案.pdf」 → 「教案.pdf」, as old browsers send it),
 * without control or invisible characters, without leading or trailing dots and
 * spaces, and at most 255 bytes with its extension kept. `original` is the name
 * as it came (capped at 1024 characters), or null when it was already safe.
 *
 * @example
 * safeFileName('..\\..\\etc\\教案\u0007.md') // { name: '教案.md', original: '..\\..\\etc\\教案\u0007.md' }
 * safeFileName('教材.pdf')                  // { name: '教材.pdf', original: null }
 */
export function safeFileName(raw: string, fallback = '未命名文件'): { name: string; original: string | null } {
  const last = raw.split(/[\\/]/).at(-1) ?? '';
  const cleaned = last
    .replace(UNSAFE, '')
    .replace(/^[\s.]+|[\s.]+$/gu, '')
    .replace(/\s+/gu, ' ');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && utf8Length(cleaned.slice(dot)) <= 16 ? cleaned.slice(dot) : '';
  const stem = extension ? cleaned.slice(0, dot) : cleaned;
  const fitted =
    utf8Length(cleaned) <= MAX_NAME_BYTES ? cleaned : `${fitBytes(stem, MAX_NAME_BYTES - utf8Length(extension)).trimEnd()}${extension}`;
  const name = fitted.replace(/^[\s.]+/u, '') || fallback;
  return { name, original: name === raw ? null : raw.slice(0, MAX_ORIGINAL_CHARS) };
}
