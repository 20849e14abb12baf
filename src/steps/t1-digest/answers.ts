/**
 * Answers the material implies and a rule can work out exactly: comparisons
 * (「1/3○1/5」), calculations (「8×2＋5×2＝」) and claims about two numbers
 * (「1/7比1/9大」). Nothing else is guessed: an exercise this cannot settle
 * keeps a visible blank for the teacher's key.
 */

/** An exact rational number: fractions stay fractions, so 1/3 + 1/3 is 2/3, not 0.666…. */
interface Rational {
  n: number;
  d: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

function rational(n: number, d = 1): Rational {
  if (d === 0) throw new RangeError('division by zero');
  const g = gcd(n, d) || 1;
  const sign = d < 0 ? -1 : 1;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const OPS: Record<string, { prec: number; apply: (a: Rational, b: Rational) => Rational }> = {
  '+': { prec: 1, apply: (a, b) => rational(a.n * b.d + b.n * a.d, a.d * b.d) },
  '-': { prec: 1, apply: (a, b) => rational(a.n * b.d - b.n * a.d, a.d * b.d) },
  '*': { prec: 2, apply: (a, b) => rational(a.n * b.n, a.d * b.d) },
  '/': { prec: 2, apply: (a, b) => rational(a.n * b.d, a.d * b.n) },
};

/** The book's signs as ASCII: ＋－×÷＝（） and full-width digits. */
function ascii(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[＋]/g, '+')
    .replace(/[－−—]/g, '-')
    .replace(/[×xX＊]/g, '*')
    .replace(/[÷]/g, ':')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/\s+/g, '');
}

/** Numbers (7, 3.5, and a fraction 3/4 as one number), ÷ as ':' so it never reads as a fraction bar. */
const TOKEN = /(\d+\.\d+|\d+\/\d+|\d+|[+\-*:()])/gy;

/** Evaluates an arithmetic expression exactly, or null if it is not one. */
export function evaluate(expression: string): Rational | null {
  const text = ascii(expression);
  if (!/^[\d./+\-*:()]+$/.test(text) || !/\d/.test(text)) return null;
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) tokens.push(match[1]!);
  if (tokens.join('') !== text) return null;
  const values: Rational[] = [];
  const ops: string[] = [];
  const reduce = () => {
    const op = ops.pop()!;
    const b = values.pop();
    const a = values.pop();
    if (!a || !b) throw new SyntaxError('operand missing');
    values.push(OPS[op === ':' ? '/' : op]!.apply(a, b));
  };
  try {
    for (const token of tokens) {
      if (/^\d/.test(token)) {
        const [num, den] = token.split('/');
        const decimals = num!.includes('.') ? num!.split('.')[1]!.length : 0;
        const scaled = rational(Math.round(Number(num) * 10 ** decimals), 10 ** decimals);
        values.push(den ? rational(scaled.n, scaled.d * Number(den)) : scaled);
      } else if (token === '(') ops.push(token);
      else if (token === ')') {
        while (ops.length > 0 && ops.at(-1) !== '(') reduce();
        if (ops.pop() !== '(') return null;
      } else {
        const prec = OPS[token === ':' ? '/' : token]!.prec;
        while (ops.length > 0 && ops.at(-1) !== '(' && OPS[ops.at(-1) === ':' ? '/' : ops.at(-1)!]!.prec >= prec) reduce();
        ops.push(token);
      }
    }
    while (ops.length > 0) {
      if (ops.at(-1) === '(') return null;
      reduce();
    }
  } catch {
    return null;
  }
  return values.length === 1 ? values[0]! : null;
}

/** 26, 2/3, 3.5 — as a teacher writes the result. */
export function formatRational(value: Rational): string {
  // A key keeps the book's fractions as fractions.
  return value.d === 1 ? String(value.n) : `${value.n}/${value.d}`;
}

function compare(a: Rational, b: Rational): '＞' | '＜' | '＝' {
  const diff = a.n * b.d - b.n * a.d;
  return diff > 0 ? '＞' : diff < 0 ? '＜' : '＝';
}

const EXPR = '[0-9０-９./+\\-×÷＋－()（）]+';
/** 「1/3○1/5」「3+4〇8」: a circle (or an empty pair of brackets) between two expressions. */
const COMPARISON = new RegExp(`(${EXPR})\\s*(?:[○◯〇]|[（(]\\s*[）)])\\s*(${EXPR})`, 'gu');
/** 「8×2＋5×2＝」「12+7=（ ）」: a calculation whose result is left blank. */
const CALCULATION = new RegExp(`(${EXPR})\\s*[=＝]\\s*(?:[（(]\\s*[）)]|_{2,}|＿{2,}|(?=\\s|$|[，。；]))`, 'gu');
/** 「1/7比1/9大」: a claim comparing two numbers, to judge √ or ×. */
const CLAIM = new RegExp(`(${EXPR})比(${EXPR})(大|小)`, 'gu');

/** One worked answer: what it answers and the result. */
export interface ComputedAnswer {
  /** The part of the exercise answered, e.g. 「1/3○1/5」. */
  asked: string;
  /** 「1/3＞1/5」, 「26」, 「√」. */
  answer: string;
}

function trimExpression(text: string): string {
  return text.replace(/^[)）]+|[(（]+$/gu, '').trim();
}

/**
 * The answers a rule can compute for one exercise, in the order they are
 * asked; an empty list when nothing in it is a computation.
 *
 * @example
 * computeAnswers('在○里填上“＞”“＜”或“＝”。1/3○1/5　　1/8○1/6') // [{ asked: '1/3○1/5', answer: '1/3＞1/5' }, { asked: '1/8○1/6', answer: '1/8＜1/6' }]
 * computeAnswers('（2）1/7比1/9大。（　　）') // [{ asked: '1/7比1/9大', answer: '√' }]
 */
export function computeAnswers(exercise: string): ComputedAnswer[] {
  const found: ComputedAnswer[] = [];
  // 「（2）1/7比1/9大」: a sub-item's number is not part of the expression after it (「（8＋5）×2」 is).
  const text = exercise.replace(/(?<![+\-×÷＋－*\d])[（(]\d{1,2}[）)](?!\s*[+\-×÷＋－*])/gu, ' ');
  for (const match of text.matchAll(COMPARISON)) {
    const [left, right] = [trimExpression(match[1]!), trimExpression(match[2]!)];
    const a = evaluate(left);
    const b = evaluate(right);
    if (a && b) found.push({ asked: match[0].trim(), answer: `${left}${compare(a, b)}${right}` });
  }
  if (found.length > 0) return found;
  for (const match of text.matchAll(CALCULATION)) {
    const expression = trimExpression(match[1]!);
    // A bare number before ＝ is a result printed, not a calculation to do.
    if (!/[+\-×÷＋－*]/u.test(expression)) continue;
    const value = evaluate(expression);
    if (value) found.push({ asked: `${expression}＝`, answer: formatRational(value) });
  }
  for (const claim of text.matchAll(CLAIM)) {
    const a = evaluate(trimExpression(claim[1]!));
    const b = evaluate(trimExpression(claim[2]!));
    if (a && b) {
      const holds = compare(a, b) === (claim[3] === '大' ? '＞' : '＜');
      found.push({ asked: claim[0], answer: holds ? '√' : '×' });
    }
  }
  return found;
}
