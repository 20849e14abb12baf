import type { Located } from '../../domain/index.js';
import { type Block, stripItemMarker } from './blocks.js';
import { OBJECTIVE_DIMENSION } from './headings.js';

/** How an objective sentence starts in Chinese books: a learning verb, maybe after 能/会. */
const OBJECTIVE_START = new RegExp(
  '^(学生)?(能够|能|会)?(初步|进一步|熟练|正确|准确|有感情地|流利地)?' +
    '(了解|理解|掌握|知道|认识|学会|体会|体验|感受|感悟|经历|通过|说出|写出|读出|说明|运用|应用|比较|概括|描述|分析|设计|' +
    '培养|提高|发展|养成|增强|树立|借助|背诵|默写|认读|会认|会写|朗读|默读|复述|尝试|探究|领会|区分|辨别|辨认|解释|' +
    '列举|归纳|判断|计算|使用|结合|激发|感知|欣赏|形成|建立|识别|画出|测量|制作|表达)',
  'u',
);
const ENGLISH_OBJECTIVE = /^(I can|I will|Students will|To |Be able to|Understand|Learn|Use|Talk|Read|Write|Say|Know)\b/i;
/** A 学习目标 list rarely runs past this; beyond it the heading was probably not a list's. */
const MAX_OBJECTIVES = 12;
/** How far back to look for objectives printed above their heading (see `collectObjectives`). */
const LOOK_BACK_BLOCKS = 4;

function clean(text: string): string {
  return stripItemMarker(text)
    .replace(OBJECTIVE_DIMENSION, '')
    .replace(/[。；;.]+$/u, '')
    .trim();
}

function isObjectiveLike(text: string): boolean {
  const body = clean(text);
  return body.length > 0 && (OBJECTIVE_START.test(body) || ENGLISH_OBJECTIVE.test(body));
}

/** 「了解A。理解B。」 on one line holds two objectives; split only when every part is one. */
function split(block: { page: number; text: string }): Located[] {
  const parts = block.text
    .split(/(?<=[。；;])/u)
    .map(clean)
    .filter(Boolean);
  const whole = clean(block.text);
  if (parts.length > 1 && parts.every((part) => isObjectiveLike(part))) return parts.map((text) => ({ text, page: block.page }));
  return whole ? [{ text: whole, page: block.page }] : [];
}

/**
 * The objectives under the 学习目标 heading at `at`: the numbered or
 * verb-initial lines that follow it, up to the next heading or the first line
 * of ordinary prose. When nothing follows, looks just above it on the same
 * page, because PDF text often comes out of a side box before the box's title
 * (the 通用技术 book prints 「了解工程的定义……」 above its 学习目标 label).
 *
 * @example
 * collectObjectives(blocks, 3) // { objectives: [{ text: '了解工程的定义、简史与分类', page: 1 }], used: [4] }
 */
export function collectObjectives(blocks: Block[], at: number): { objectives: Located[]; used: number[] } {
  const head = blocks[at]!;
  const objectives: Located[] = head.heading?.inline ? split({ page: head.page, text: head.heading.inline }) : [];
  const used: number[] = [];
  for (let i = at + 1; i < blocks.length && objectives.length < MAX_OBJECTIVES; i++) {
    const block = blocks[i]!;
    if (block.heading) {
      if (OBJECTIVE_DIMENSION.test(block.text)) continue;
      break;
    }
    if (!block.item && !isObjectiveLike(block.text)) break;
    objectives.push(...split(block));
    used.push(i);
  }
  if (objectives.length > 0) return { objectives, used };

  for (let i = at - 1; i >= Math.max(0, at - LOOK_BACK_BLOCKS); i--) {
    const block = blocks[i]!;
    if (block.page !== head.page) break;
    if (block.heading) continue;
    if (!isObjectiveLike(block.text)) break;
    objectives.unshift(...split(block));
    used.push(i);
  }
  return { objectives, used };
}
