/**
 * Answers worked out from a law the lesson's own book states: a rule applies
 * only when the book prints the law (「反射角等于入射角」), and the key shows
 * the working with the law's page beside it. Like the arithmetic of
 * answers.ts, nothing is guessed: an exercise a law does not settle exactly
 * gets no key.
 */
import { evaluate, formatRational } from './answers.js';

/** A page of the book, as the digest holds it. */
interface Page {
  page: number;
  text: string;
}

/** An answer with its working, and where the book states the law it rests on. */
export interface LawAnswer {
  answer: string;
  page: number;
  /** The law as printed (or its defining words), for the citation. */
  law: string;
}

function stated(pages: Page[], law: RegExp): { page: number; law: string } | null {
  for (const page of pages) {
    const match = law.exec(page.text.replace(/\s+/gu, ''));
    if (match) return { page: page.page, law: match[0] };
  }
  return null;
}

/** 「一束光与镜面成30°角射到平面镜上，反射角是多大？」: the angle of reflection equals the angle of incidence, measured from the normal. */
function reflection(exercise: string, pages: Page[]): LawAnswer | null {
  if (!/反射角/u.test(exercise) || !/(多大|多少|是几|为多少)/u.test(exercise)) return null;
  const toMirror = /与(?:平面)?镜面成\s*(\d{1,2})\s*°\s*角?/u.exec(exercise);
  const incidence = /入射角(?:是|为|等于)\s*(\d{1,2})\s*°/u.exec(exercise);
  if (!toMirror && !incidence) return null;
  const law = stated(pages, /反射角等于入射角/u);
  if (!law) return null;
  if (incidence) return { answer: `反射角＝入射角＝${incidence[1]}°`, ...law };
  const angle = 90 - Number(toMirror![1]);
  return { answer: `入射角＝90°－${toMirror![1]}°＝${angle}°，反射角＝入射角＝${angle}°`, ...law };
}

/** 「20 g A与一定量的B恰好完全反应，生成11 g C和15 g D，则参加反应的B的质量是多少？」: what reacts weighs what forms. */
function massBalance(exercise: string, pages: Page[]): LawAnswer | null {
  const asked = /([A-Z])的质量(?:是|为)?多少/u.exec(exercise)?.[1];
  const [before, after, ...rest] = exercise.split('生成');
  if (!asked || after === undefined || rest.length > 0 || !/恰好完全反应/u.test(before!)) return null;
  const masses = (side: string) => [...side.matchAll(/(\d+(?:\.\d+)?)\s*g\s*([A-Z])/gu)].map((m) => ({ mass: m[1]!, name: m[2]! }));
  const reactants = masses(before!);
  const products = masses(after.split(/[，,]\s*则/u)[0]!);
  const named = (side: string) => new Set([...side.matchAll(/(?<![A-Za-z])([A-Z])(?![A-Za-z])/gu)].map((m) => m[1]!));
  const inReactants = named(before!.replace(/.*?中[，,]?/u, ''));
  // Exactly one substance without its mass, and it is the one asked.
  const known = new Set([...reactants, ...products].map((m) => m.name));
  const unknown = [...inReactants, ...named(after.split(/[，,]\s*则/u)[0]!)].filter((n) => !known.has(n));
  if (unknown.length !== 1 || unknown[0] !== asked || products.length === 0) return null;
  const law = stated(pages, /参加化学反应的各物质的质量总和，?等于反应后生成的各物质的质量总和/u);
  if (!law) return null;
  const sum = (side: { mass: string }[]) => side.map((m) => m.mass).join('+') || '0';
  const isReactant = inReactants.has(asked);
  const expression = isReactant ? `${sum(products)}-(${sum(reactants)})` : `${sum(reactants)}-(${sum(products)})`;
  const value = evaluate(expression);
  if (!value || value.n <= 0) return null;
  const shown = (side: { mass: string }[]) => side.map((m) => `${m.mass} g`).join('＋');
  const working = isReactant
    ? `${shown(products)}－${reactants.map((m) => `${m.mass} g`).join('－')}`
    : `${shown(reactants)}－${products.map((m) => `${m.mass} g`).join('－')}`;
  return { answer: `${asked}的质量＝${working}＝${formatRational(value)} g`, ...law };
}

/**
 * The answer a law of the book gives an exercise, with its working, or null.
 *
 * @example
 * lawAnswer('一束光与镜面成30°角射到平面镜上，反射角是多大？', [{ page: 3, text: '……反射角等于入射角。' }])
 * // { answer: '入射角＝90°－30°＝60°，反射角＝入射角＝60°', page: 3, law: '反射角等于入射角' }
 */
export function lawAnswer(exercise: string, pages: Page[]): LawAnswer | null {
  return reflection(exercise, pages) ?? massBalance(exercise, pages);
}

/** 「A. 太阳辐射　B. 地面辐射」: a choice's options, by letter. */
const OPTION = /(?:^|\s)([A-D])[.．、]\s*(.+?)(?=\s+[A-D][.．、]|$)/gu;

/**
 * A choice whose stem the book states as a sentence: 「近地面大气主要的直接热源是（　）」
 * and the book's 「地面是近地面大气主要的直接热源。」 key the one option that
 * names what the book says (B. 地面辐射). Null unless exactly one option does.
 *
 * @example
 * statedChoice('近地面大气主要的直接热源是（　　） A. 太阳辐射　B. 地面辐射', [{ page: 2, text: '因此，地面是近地面大气主要的直接热源。' }])
 * // { answer: 'B（地面辐射）', page: 2, law: '因此，地面是近地面大气主要的直接热源。' }
 */
export function statedChoice(exercise: string, pages: Page[]): LawAnswer | null {
  const blank = /[（(]\s*[）)]/u.exec(exercise);
  if (!blank) return null;
  const options = [...exercise.slice(blank.index).matchAll(OPTION)].map((m) => ({ letter: m[1]!, text: m[2]!.trim() }));
  if (options.length < 2) return null;
  const stem = exercise
    .slice(0, blank.index)
    .replace(/^\s*(?:\d{1,2}[.．、])?\s*/u, '')
    .replace(/[是为]\s*$/u, '')
    .replace(/\s+/gu, '');
  if (stem.length < 6) return null;
  for (const page of pages) {
    for (const sentence of page.text.replace(/\s+/gu, '').split(/(?<=[。！？；])/u)) {
      // The exercise itself (its blank, its options) states nothing.
      if (!sentence.includes(stem) || /[（(][）)]|[A-D][.．、]/u.test(sentence)) continue;
      const said = sentence
        .replace(stem, '')
        .replace(/^(因此|所以|可见|总之)[，,]?/u, '')
        .replace(/[是为，,。；！？]/gu, '');
      if (said.length < 1) continue;
      const named = options.filter((o) => o.text.includes(said) || said.includes(o.text));
      if (named.length === 1) return { answer: `${named[0]!.letter}（${named[0]!.text}）`, page: page.page, law: sentence };
    }
  }
  return null;
}
