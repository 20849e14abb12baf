/**
 * Fonts and type sizes for Chinese school documents. Word picks a run's font
 * per character class, so each font names both halves: 宋体/黑体 for Chinese,
 * Times New Roman/Arial for digits and Latin — the pairing teachers' templates
 * use. The `eastAsia` hint makes ambiguous punctuation (“”‘’…) take the Chinese
 * font, so quotes print full-width as in a hand-typed plan.
 */
export const FONT = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体', hint: 'eastAsia' },
  heading: { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: '黑体', hint: 'eastAsia' },
} as const;

/** Chinese 字号 in half-points, the unit docx sizes are given in. */
export const SIZE = { 小二: 36, 三号: 32, 四号: 28, 小四: 24, 五号: 21, 小五: 18 } as const;

/** Marks all text Chinese, so spell-check and line breaking (禁则) follow Chinese rules. */
export const LANG = { value: 'zh-CN', eastAsia: 'zh-CN' } as const;

/** Grey for notes (citations, provenance) so they recede when printed. */
export const NOTE_COLOR = '595959';
