import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/lessons/file-names.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('safeFileName', () => {
  it('keeps a safe name as it is, with no original', () => {
    expect(safeFileName('教材 第3单元.pdf')).toEqual({ name: '教材 第3单元.pdf', original: null });
  });

  it('drops path parts from either separator', () => {
    expect(safeFileName('C:\\Users\\王老师\\教案.pdf').name).toBe('教案.pdf');
    expect(safeFileName('../../etc/passwd').name).toBe('passwd');
  });

  it('removes control characters and the marks that reorder text', () => {
    const { name, original } = safeFileName('教案\u0007\u202Efdp.exe');
    expect(name).toBe('教案fdp.exe');
    expect(original).toBe('教案\u0007\u202Efdp.exe');
  });

  it('cuts a long name to 255 bytes between characters, keeping the extension', () => {
    const { name, original } = safeFileName(`${'周长'.repeat(500)}.pdf`);
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('周长周长')).toBe(true);
    expect(original?.length).toBe(1004);
  });

  it('caps the original kept for display', () => {
    expect(safeFileName(`${'a'.repeat(5000)}.md`).original?.length).toBe(1024);
  });

  it('gives a fallback for a name with nothing left', () => {
    expect(safeFileName('..\u0000').name).toBe('未命名文件');
    expect(safeFileName('', 'upload').name).toBe('upload');
  });
});
