import { type AnchorPart, type PlanPart, planParts, slideParts } from '../../../src/collab/plan-parts.js';

/** A heading of the review screen and the parts under it, in the plan's reading order. */
export interface PartGroup {
  key: string;
  title: string;
  parts: PlanPart[];
}

/**
 * Which group each kind of part is shown under. The parts and their ids come
 * from `planParts` (the one module that walks the plan), so a comment made
 * here anchors exactly where the server and the diff look.
 */
const GROUPS: { key: string; title: string; kinds: AnchorPart[] }[] = [
  { key: 'objectives', title: '教学目标', kinds: ['objective'] },
  { key: 'points', title: '重点、难点与易错点', kinds: ['keyPoint', 'difficultPoint', 'misconception'] },
  { key: 'process', title: '教学过程', kinds: ['step'] },
  { key: 'board', title: '板书与分层作业', kinds: ['board', 'homework'] },
  { key: 'sheets', title: '三单题目', kinds: ['sheetItem'] },
  { key: 'slides', title: '课件', kinds: ['slide'] },
  { key: 'sections', title: '课标、教材与学情等', kinds: ['section'] },
];

/** The heading a kind of part is shown under (教学过程 for a step), for a thread whose part is gone. */
export const partGroupTitle = (part: string): string => GROUPS.find((g) => (g.kinds as string[]).includes(part))?.title ?? part;

/** The key a thread and a part share: the anchor without its field. */
export const partKey = (anchor: { part: string; id: string }) => `${anchor.part}:${anchor.id}`;

/**
 * The plan version's parts (and the deck's slides, when there is a deck)
 * grouped for the review screen; empty groups are left out. The meta section
 * (课题, 版本, 课时) is not a thing the group discusses and is skipped.
 *
 * @example
 * reviewGroups(version.plan, deckSpec).map((g) => g.title); // ['教学目标', '重点、难点与易错点', '教学过程', …]
 */
export function reviewGroups(plan: unknown, deck: unknown): PartGroup[] {
  const parts = [...planParts(plan).filter((p) => !(p.part === 'section' && p.id === 'meta')), ...slideParts(deck)];
  return GROUPS.map(({ key, title, kinds }) => ({ key, title, parts: parts.filter((p) => kinds.includes(p.part)) })).filter(
    (g) => g.parts.length > 0,
  );
}

/** Fields that hold a code (环节类型 intro, 题型 fill, 层次 basic), not words a teacher reads. */
const CODES = new Set(['role', 'type', 'tier']);

/** The fields a reader sees on a part: those with text, in the part's order. */
export function shownFields(part: PlanPart) {
  return part.fields.filter((f) => f.text.trim() !== '' && !CODES.has(f.name));
}

/**
 * What a comment on this part may point at: the part as a whole, or one of
 * its fields; and which of those can take replacement text (a suggestion).
 * A part whose `mainField` is set takes a suggestion on the whole part too
 * (the server replaces that field).
 */
export function anchorChoices(part: PlanPart): { field: string | null; label: string; replaceable: boolean; text: string }[] {
  const main = part.mainField ? part.fields.find((f) => f.name === part.mainField) : null;
  const whole = {
    field: null,
    label: '整个部分',
    replaceable: part.part !== 'slide' && Boolean(main?.replaceable),
    text: main?.text ?? '',
  };
  const fields = part.fields
    .filter((f) => !CODES.has(f.name))
    .map((f) => ({ field: f.name, label: f.label, replaceable: part.part !== 'slide' && f.replaceable, text: f.text }));
  return [whole, ...fields];
}
