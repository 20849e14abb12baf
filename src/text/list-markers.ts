/**
 * "1. " "1、" "（1）" "(1)" "①" "一、" at the start of a line: a number the writer typed.
 * "1.5 米" is a number, not a marker, so a dot must not be followed by a digit.
 */
const TYPED_NUMBER = /^\s*(?:\d{1,2}\s*(?:[.．](?!\d)|[、)）])|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]、)\s*/u;

/**
 * A list item without the number its writer typed, for renderers that number
 * items themselves: a model's "1. 能说出…" would otherwise print as "1. 1. 能说出…".
 *
 * @example
 * withoutTypedNumber('1. 能说出周长的含义') // '能说出周长的含义'
 * withoutTypedNumber('1.5 米有多长？') // '1.5 米有多长？'
 */
export function withoutTypedNumber(text: string): string {
  return text.replace(TYPED_NUMBER, '');
}
