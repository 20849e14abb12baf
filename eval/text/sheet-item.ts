import type { SheetItem } from '../../src/domain/index.js';

/**
 * Everything a sheet item puts in front of a student, one text per part: the
 * passage printed with it, the prompt, the options, the table's cells and the
 * key (「……叫做（ ）」 tests 周长 through its key).
 *
 * @example
 * const text = sheetItemTexts(item).join('\n');
 */
export const sheetItemTexts = (item: SheetItem): string[] =>
  [
    item.passage?.text,
    item.prompt.text,
    ...(item.options ?? []),
    ...(item.table ? [item.table.columns, ...item.table.rows].flat() : []),
    item.answer?.text,
  ].filter((text): text is string => Boolean(text));
