/** Several observers' values of one figure: how many, their mean and spread. */
export interface Stat {
  n: number;
  mean: number;
  min: number;
  max: number;
  /** Population standard deviation over the observers who have the figure (for two, half their difference). */
  sd: number;
}

/**
 * Mean and spread of the values present (null: the observer did not record it);
 * null when none is.
 *
 * @example
 * stat([0.6, 0.7, null]); // { n: 2, mean: 0.65, min: 0.6, max: 0.7, sd: 0.05 }
 */
export function stat(values: readonly (number | null | undefined)[]): Stat | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return null;
  const n = present.length;
  const mean = present.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(present.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
  return { n, mean, min: Math.min(...present), max: Math.max(...present), sd };
}
