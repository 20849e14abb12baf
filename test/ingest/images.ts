import sharp from 'sharp';

/**
 * A picture of known Chinese text, drawn by sharp (librsvg with the system's
 * Noto CJK fonts), so OCR can be measured against the words it should read.
 */
export async function textImage(lines: readonly string[], options: { fontSize?: number; width?: number } = {}): Promise<Buffer> {
  const fontSize = options.fontSize ?? 40;
  const width = options.width ?? Math.max(...lines.map((l) => [...l].length)) * fontSize + 80;
  const height = lines.length * fontSize * 1.6 + 80;
  const text = lines
    .map(
      (line, i) =>
        `<text x="40" y="${60 + fontSize + i * fontSize * 1.6}" font-family="Noto Sans CJK SC" font-size="${fontSize}" fill="#111">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Share of the expected characters (spaces ignored) that come out right: 1 − edit distance / length. */
export function charAccuracy(expected: string, actual: string): number {
  const a = [...expected.replace(/\s+/g, '')];
  const b = [...actual.replace(/\s+/g, '')];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return a.length === 0 ? 1 : Math.max(0, 1 - previous[b.length]! / a.length);
}
