import { createHash } from 'node:crypto';
import path from 'node:path';

/** Facts about an uploaded file that do not depend on its format. */

/** Lower-case extension with the dot ('.pdf'), or '' when there is none. */
export function extensionOf(fileName: string): string {
  return path.extname(fileName).toLowerCase();
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Signatures of files teachers upload by mistake, with what to call them. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; offset?: number; kind: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'Office 文档（.docx/.pptx/.xlsx）或压缩包' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: '旧版 Office 文档（.doc/.ppt/.xls）' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: '图片（PNG）' },
  { bytes: [0xff, 0xd8, 0xff], kind: '图片（JPEG）' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: '图片（GIF）' },
  { bytes: [0x52, 0x49, 0x46, 0x46], kind: '音视频或图片（RIFF）' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, kind: '视频（MP4/MOV）' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], kind: '视频（MKV/WebM）' },
  { bytes: [0x49, 0x44, 0x33], kind: '音频（MP3）' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: '压缩包（RAR）' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: '压缩包（7z）' },
];

/**
 * Names the kind of a binary file from its first bytes, or returns null for
 * anything else (text, or a format we do not know). Used to tell a teacher
 * that her 「教案.txt」 is really a Word file.
 */
export function sniffBinaryKind(bytes: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    const offset = sig.offset ?? 0;
    if (sig.bytes.every((b, i) => bytes[offset + i] === b)) return sig.kind;
  }
  return null;
}
