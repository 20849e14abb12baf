/**
 * Splits a period into whole minutes by weight so the parts add up exactly:
 * largest-remainder rounding, every part at least one minute.
 *
 * @example
 * splitMinutes(40, [5, 3, 15, 10, 5, 2]) // [5, 3, 15, 10, 5, 2]
 * splitMinutes(45, [5, 3, 15, 10, 5, 2]) // adds the 5 extra minutes where the weights are largest
 */
export function splitMinutes(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x), w: weights[i]! }))
    .sort((a, b) => b.rest - a.rest || b.w - a.w || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  // A period too short for the one-minute floors: take back from the largest parts.
  while (left < 0) {
    const largest = parts.indexOf(Math.max(...parts));
    parts[largest]! -= 1;
    left++;
  }
  return parts;
}
