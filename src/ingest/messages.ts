/** Pieces of the Chinese messages shown to teachers about their files. */

/** Groups listed before the rest is summarized, so a 300-page scan does not give a 300-number warning. */
const MAX_GROUPS = 8;

/**
 * Numbered places as a teacher reads them, runs collapsed into ranges.
 *
 * @example
 * formatNumbered([3, 4], '页') // → '第 3、4 页'
 * formatNumbered([1, 2, 3, 4, 5, 8], '页') // → '第 1-5、8 页'
 */
export function formatNumbered(numbers: readonly number[], unit: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const groups: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = sorted[i] ?? 0;
    const last = sorted[j] ?? 0;
    if (j - i >= 2) groups.push(`${first}-${last}`);
    else for (let k = i; k <= j; k++) groups.push(String(sorted[k]));
    i = j + 1;
  }
  if (groups.length <= MAX_GROUPS) return `第 ${groups.join('、')} ${unit}`;
  return `第 ${groups.slice(0, MAX_GROUPS).join('、')} ${unit}等共 ${sorted.length} ${unit}`;
}

/** 52428800 → '50 MB'. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimZero(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimZero(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

function trimZero(x: number): string {
  return x.toFixed(1).replace(/\.0$/, '');
}

/** 75.5 → '01:15'; used to show a cue's time in a warning. */
export function formatTimestamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  const hh = Math.floor(s / 3600);
  const body = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return hh > 0 ? `${two(hh)}:${body}` : body;
}

/** 100_000_000 → '1 亿'; 12_000_000 → '1200 万'. */
export function megapixels(pixels: number): string {
  return pixels >= 100_000_000 ? `${Number((pixels / 100_000_000).toFixed(1))} 亿` : `${Math.round(pixels / 10_000)} 万`;
}
