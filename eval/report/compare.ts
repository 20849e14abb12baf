import fs from 'node:fs';
import { InputError } from '../../src/errors.js';
import { mdRow } from '../../src/render/plan-markdown.js';
import { delta, engineLabel, points, seconds, timeLabel } from './format.js';
import { ReportJson } from './schema.js';

/** Reads and validates a JSON report written by an earlier run. */
export function readReport(file: string): ReportJson {
  if (!fs.existsSync(file)) throw new InputError(file, 'not-found', `找不到评测报告 ${file}`);
  const parsed = ReportJson.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new InputError(file, 'invalid', `${file} 不是评测报告（.json）：${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

const table = (header: string[], rows: string[][]) => [mdRow(header), mdRow(header.map(() => '---')), ...rows.map(mdRow)].join('\n');

/**
 * Two reports side by side (评测对比): engine against engine, or one prompt
 * version against the next. Columns and cases are matched by id; what only
 * one side has is shown with "—".
 *
 * @example
 * console.log(compareReports(readReport('a.json'), readReport('b.json'), ['a.json', 'b.json']));
 */
export function compareReports(a: ReportJson, b: ReportJson, names: [string, string]): string {
  const columns = [...a.columns, ...b.columns.filter((c) => !a.columns.some((x) => x.id === c.id))];
  const caseIds = [...new Set([...a.cases.map((c) => c.id), ...b.cases.map((c) => c.id)])];
  const caseOf = (r: ReportJson, id: string) => r.cases.find((c) => c.id === id);
  const totalMs = (r: ReportJson) => r.cases.reduce((sum, c) => sum + c.ms.pipeline, 0);
  const tokens = (r: ReportJson) => r.cases.reduce((sum, c) => sum + c.usage.inputTokens + c.usage.outputTokens, 0);

  const changed = caseIds.flatMap((id) =>
    columns.flatMap((column) => {
      const before = caseOf(a, id)?.scores[column.id]?.score;
      const after = caseOf(b, id)?.scores[column.id]?.score;
      if (points(before) === points(after)) return [];
      const why = caseOf(b, id)?.scores[column.id]?.findings[0]?.message ?? '';
      return [[id, column.title, points(before), points(after), delta(after, before), why]];
    }),
  );
  return `${[
    `# 评测对比：A 与 B`,
    table(
      ['', 'A', 'B'],
      [
        ['报告', names[0], names[1]],
        ['时间', timeLabel(a.createdAt), timeLabel(b.createdAt)],
        ['草稿生成方式', engineLabel(a.engine), engineLabel(b.engine)],
        ['模型评审', a.judge?.model ?? '未启用', b.judge?.model ?? '未启用'],
        ['课例数', String(a.cases.length), String(b.cases.length)],
        [
          '门槛',
          a.gate.passed ? '通过' : `未通过（${a.gate.breaches.length} 项）`,
          b.gate.passed ? '通过' : `未通过（${b.gate.breaches.length} 项）`,
        ],
        ['生成总用时', seconds(totalMs(a)), seconds(totalMs(b))],
        ['生成 tokens', String(tokens(a)), String(tokens(b))],
      ],
    ),
    '## 各项指标平均',
    table(
      ['指标', 'A', 'B', '变化'],
      columns.map((c) => [c.title, points(a.means[c.id]), points(b.means[c.id]), delta(b.means[c.id], a.means[c.id])]),
    ),
    '## 逐课变化（只列分数不同的）',
    changed.length > 0 ? table(['课例', '指标', 'A', 'B', '变化', 'B 的问题'], changed) : '没有任何课例的分数发生变化。',
    '## 逐课用时与用量',
    table(
      ['课例', 'A 用时', 'B 用时', 'A tokens', 'B tokens'],
      caseIds.map((id) => {
        const [x, y] = [caseOf(a, id), caseOf(b, id)];
        const t = (c: typeof x) => (c ? String(c.usage.inputTokens + c.usage.outputTokens) : '—');
        return [id, x ? seconds(x.ms.pipeline) : '—', y ? seconds(y.ms.pipeline) : '—', t(x), t(y)];
      }),
    ),
  ].join('\n\n')}\n`;
}
