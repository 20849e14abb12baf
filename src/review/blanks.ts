/**
 * The visible gap a teacher fills in, 【待教师补充：…】, the same marker the
 * plan uses for what needs her judgment. A reflection that still has one is
 * not saved.
 *
 * @example
 * blankMarker('改进做法'); // '【待教师补充：改进做法】'
 */
export function blankMarker(what: string): string {
  return `【待教师补充：${what}】`;
}

/** How many blanks are left in a text. */
export function blanksIn(text: string): number {
  return text.match(/【待教师补充：[^】]*】/gu)?.length ?? 0;
}
