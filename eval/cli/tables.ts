import { mdRow } from '../../src/render/plan-markdown.js';
import { JUDGES } from '../judges/registry.js';
import { MUTATIONS } from '../mutations/registry.js';
import { SCORERS } from '../scorers/registry.js';

const table = (header: string[], rows: string[][]) => [mdRow(header), mdRow(header.map(() => '---')), ...rows.map(mdRow)].join('\n');
const pct = (n: number) => String(Math.round(n * 100));
const ARTIFACT = { plan: '教学设计', outline: '视频提纲', deck: '课件' } as const;

/**
 * The deterministic scorers as eval/README.md shows them (`npm run eval -- --list`).
 *
 * @example
 * expect(readme).toContain(scorersTable());
 */
export function scorersTable(): string {
  return table(
    ['id', '指标', 'what a score of 100 means', 'reads', 'must catch', 'threshold', 'tolerance'],
    SCORERS.map((s) => [
      `\`${s.id}\``,
      s.title,
      s.definition,
      s.needs.join(', ') || 'every step',
      s.targets.map((t) => `\`${t}\``).join(', '),
      pct(s.threshold),
      pct(s.tolerance),
    ]),
  );
}

/** The named mutations of the meta-evaluation. */
export function mutationsTable(): string {
  return table(
    ['id', '改坏方式', 'what it does', 'artifact', 'caught by'],
    MUTATIONS.map((m) => [
      `\`${m.id}\``,
      m.title,
      m.description,
      ARTIFACT[m.artifact],
      SCORERS.filter((s) => (s.targets as readonly string[]).includes(m.id))
        .map((s) => `\`${s.id}\``)
        .join(', '),
    ]),
  );
}

/** The model judges and their dimensions. */
export function judgesTable(): string {
  return table(
    ['id', '评审', 'dimensions (weight)', 'reads', 'prompt', 'threshold'],
    JUDGES.map((j) => [
      `\`${j.id}\``,
      j.title,
      j.dimensions.map((d) => `${d.key} ${d.title} ${pct(d.weight)}%`).join('; '),
      ARTIFACT[j.artifact],
      `prompts/${j.prompt.name}/`,
      pct(j.threshold),
    ]),
  );
}
