import type { Stat } from './report-types.js';

/**
 * Numbers as the report prints them, in the page and its text alternatives
 * alike (the same rounding as the service's sentences and the .docx).
 *
 * @example
 * fixed(0.46875); // '0.47'
 * percent(0.8);   // '80%'
 * spread({ n: 2, mean: 0.47, min: 0.44, max: 0.5, sd: 0.03 }, fixed); // '0.47（0.44–0.5，标准差 0.03）'
 */
export const fixed = (x: number, digits = 2) => String(Math.round(x * 10 ** digits) / 10 ** digits);
export const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
export const minutes = (x: number) => fixed(x, 1);

/** A figure over several observers: the mean, and with more than one its range and standard deviation. */
export function spread(stat: Stat, format: (x: number) => string = fixed): string {
  if (!stat) return '—';
  if (stat.n < 2) return format(stat.mean);
  if (stat.min === stat.max) return `${format(stat.mean)}（${stat.n} 人相同）`;
  return `${format(stat.mean)}（${format(stat.min)}–${format(stat.max)}，标准差 ${format(stat.sd)}）`;
}
