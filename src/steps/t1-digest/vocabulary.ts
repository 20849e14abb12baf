import type { Located } from '../../domain/index.js';
import type { Block } from './blocks.js';

/** A word list ends where prose starts. */
const PROSE = /[。！？!?]|[，,].{12,}/u;
const MAX_ENTRIES = 80;
/** Chinese list entries: a 生字 is one character, a 词语 rarely more than six. */
const HAN_ENTRY = /^\p{Script=Han}{1,6}$/u;
/** English list entries stop where the pronunciation, part of speech or Chinese gloss begins. */
const ENGLISH_ENTRY =
  /^([A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*){0,3}?)(?=\s*(?:$|[/[(（]|\b(?:n|v|vt|vi|adj|adv|prep|pron|conj|num|art|int|phr)\.|\p{Script=Han}))/u;
const ENGLISH_LABEL = /^(words|new words|vocabulary|word list|words and expressions|key words|单词|单词表|词汇|词汇表)$/i;

/** 「船  帆  桥」, 「qīng tíng 蜻蜓」: the Chinese entries of one list line; pinyin is dropped. */
function hanEntries(raw: string): string[] {
  return raw.split(/[\s、，,;；/|]+/u).filter((token) => HAN_ENTRY.test(token));
}

/** 「apple /ˈæpl/ n. 苹果」 → apple; 「pen  pencil  ruler」 → three entries. */
function englishEntries(raw: string): string[] {
  const glossed = /[/[(（]|\p{Script=Han}|\b(?:n|v|adj|adv|prep)\./u.test(raw);
  if (glossed) {
    const entry = ENGLISH_ENTRY.exec(raw)?.[1];
    return entry ? [entry] : [];
  }
  return raw
    .split(/\s{2,}|[,，、;；]/u)
    .flatMap((piece) => (piece.trim().split(/\s+/).length >= 3 ? piece.trim().split(/\s+/) : [piece.trim()]))
    .filter((entry) => /^[A-Za-z][A-Za-z'’ -]*$/.test(entry));
}

/**
 * A table's word cell is one entry however many words it has (「in front of」, 「between ... and ...」);
 * 「turn left / turn right」 is two.
 */
function englishCell(raw: string): string[] {
  return raw
    .split(/\s*[/／]\s*/u)
    .map((entry) => entry.trim().replace(/\s+/gu, ' '))
    .filter((entry) => /^[A-Za-z][A-Za-z'’ .…-]*$/u.test(entry));
}

/**
 * The entries of the 生字 / 词语 / Words list under the heading at `at`, read
 * line by line from the raw text (so column gaps still separate single
 * characters), until the next marked heading, a line of prose, or the page's end.
 *
 * @example
 * collectVocabulary(blocks, 7).vocabulary // [{ text: '船', page: 2 }, { text: '帆', page: 2 }, …]
 */
export function collectVocabulary(blocks: Block[], at: number): { vocabulary: Located[]; used: number[] } {
  const head = blocks[at]!;
  // 「Words and expressions　词汇」: the English label with its Chinese twin is still an English list.
  const english = ENGLISH_LABEL.test(
    head.text
      .replace(/[:：\s]+$/u, '')
      .replace(/(?<=[A-Za-z])\s*\p{Script=Han}+$/u, '')
      .trim(),
  );
  const read = (raw: string, cell = false) => (english ? (cell ? englishCell(raw) : englishEntries(raw)) : hanEntries(raw));
  // 「认读生字：稻　麦　河」: read the raw line after the colon, where the gaps between characters survive.
  const inlineRaw = head.heading?.inline ? (head.lines[0]?.raw.replace(/^[^:：]*[:：]/u, '') ?? head.heading.inline) : null;
  const vocabulary: Located[] = (inlineRaw ? read(inlineRaw) : []).map((text) => ({ text, page: head.page }));
  const used: number[] = [];
  for (let i = at + 1; i < blocks.length && vocabulary.length < MAX_ENTRIES; i++) {
    const block = blocks[i]!;
    // A short list line looks like a plain heading; only a real heading ends the list.
    if (block.page !== head.page || (block.heading && block.heading.role !== 'plain')) break;
    if (block.lines.some((line) => PROSE.test(line.text))) break;
    // 「| post office | 邮局 |」: a Markdown table's rows, the word in the first cell (its header row is a plain heading).
    const rows = block.lines.flatMap((line) => (line.raw.trim().startsWith('|') ? line.raw.split(/\|\s*\|/u) : [line.raw]));
    for (const row of rows) {
      const cell = row.trim().startsWith('|') || rows.length > block.lines.length;
      const raw = cell ? (row.replace(/^\s*\|/u, '').split('|')[0] ?? '') : row;
      if (/^[\s:-]*$/u.test(raw)) continue;
      vocabulary.push(...read(raw, cell).map((text) => ({ text, page: block.page })));
    }
    used.push(i);
  }
  return { vocabulary: vocabulary.slice(0, MAX_ENTRIES), used };
}
