import { mdRow } from '../../src/render/plan-markdown.js';
import type { Baseline } from '../gate/baseline.js';
import { delta, engineLabel, lessonLabel, points, seconds, timeLabel } from './format.js';
import type { CaseJson, ReportJson } from './schema.js';

/** Findings shown per case: enough to act on, short enough to read in a meeting. */
const FINDINGS_PER_CASE = 6;

function table(header: string[], rows: string[][]): string {
  return [mdRow(header), mdRow(header.map(() => '---')), ...rows.map(mdRow)].join('\n');
}

function conclusion(report: ReportJson): string {
  const { gate } = report;
  const lines: string[] = [];
  if (gate.passed) lines.push('✅ **通过**：各项指标都没有低于门槛，与基线相比也没有退步。');
  else {
    lines.push(`❌ **未通过**（${gate.breaches.length} 项问题）：`, '', ...gate.breaches.map((b) => `- ${b.message}`));
  }
  const known = report.columns.filter((c) => {
    const mean = report.means[c.id];
    return (
      c.threshold !== null &&
      typeof mean === 'number' &&
      mean < c.threshold - 1e-6 &&
      !gate.breaches.some((b) => b.kind === 'threshold' && b.column === c.id)
    );
  });
  if (known.length > 0) {
    lines.push(
      '',
      `另有 ${known.length} 项指标低于门槛，但建立基线时就已如此（已知不足，暂不阻断，不许再变差）：`,
      '',
      ...known.map((c) => `- 「${c.title}」平均 ${points(report.means[c.id])} 分，门槛 ${points(c.threshold)} 分`),
    );
  }
  if (gate.baseline?.note) lines.push('', `注：${gate.baseline.note}。`);
  return lines.join('\n');
}

function columnTable(report: ReportJson, baseline: Baseline | null): string {
  const compared = report.gate.baseline?.compared === true && baseline !== null;
  const rows = report.columns
    .filter((c) => c.kind !== 'judge-dimension')
    .map((c) => {
      const before = compared ? baseline.means[c.id] : null;
      return [
        c.title,
        c.definition,
        points(report.means[c.id]),
        points(c.threshold),
        compared ? points(before) : '—',
        compared ? delta(report.means[c.id], before) : '—',
      ];
    });
  return table(['指标', '检查什么', '平均', '门槛', '基线', '变化'], rows);
}

/** One line of plain findings per case, in the order of the scorers. */
function caseFindings(report: ReportJson, c: CaseJson): string {
  const lead = `**${c.id}**　${lessonLabel(c)}`;
  if (c.status !== 'succeeded') return `- ${lead}：❌ 没有跑完——${c.error ?? c.status}`;
  const messages = report.columns
    .filter((column) => column.kind === 'deterministic')
    .flatMap((column) => {
      const s = c.scores[column.id];
      return s && typeof s.score === 'number' && s.score < 1 ? s.findings.map((f) => f.message) : [];
    });
  if (messages.length === 0) return `- ${lead}：未发现问题。`;
  const shown = messages.slice(0, FINDINGS_PER_CASE).join('；');
  return `- ${lead}：${shown}${messages.length > FINDINGS_PER_CASE ? `；等共 ${messages.length} 处` : ''}。`;
}

function judgeOpinions(report: ReportJson): string | null {
  const dimensions = report.columns.filter((c) => c.kind === 'judge-dimension');
  if (dimensions.length === 0) return null;
  const parts = report.cases.map((c) => {
    const lines = dimensions.flatMap((d) => c.scores[d.id]?.findings.map((f) => `  - ${f.message}`) ?? []);
    return lines.length > 0 ? `- **${c.id}**\n${lines.join('\n')}` : `- **${c.id}**：评审未给出意见`;
  });
  return ['## 模型评审意见', '', ...parts].join('\n');
}

function scoreTable(report: ReportJson): string {
  const columns = report.columns.filter((c) => c.kind !== 'judge-dimension');
  const rows = report.cases.map((c) => [
    c.id,
    ...columns.map((column) => {
      const score = c.scores[column.id]?.score;
      const low = typeof score === 'number' && column.threshold !== null && score < column.threshold - 1e-6;
      return `${points(score)}${low ? ' ⚠' : ''}`;
    }),
  ]);
  rows.push(['**平均**', ...columns.map((column) => `**${points(report.means[column.id])}**`)]);
  return table(['课例', ...columns.map((c) => c.title)], rows);
}

function usageTable(report: ReportJson): string {
  const total = { pipeline: 0, judge: 0, input: 0, output: 0, calls: 0 };
  const rows = report.cases.map((c) => {
    total.pipeline += c.ms.pipeline;
    total.judge += c.ms.judge;
    total.input += c.usage.inputTokens + c.judgeUsage.inputTokens;
    total.output += c.usage.outputTokens + c.judgeUsage.outputTokens;
    total.calls += c.usage.calls + c.judgeUsage.calls;
    return [
      c.id,
      seconds(c.ms.pipeline),
      seconds(c.ms.scoring),
      c.ms.judge ? seconds(c.ms.judge) : '—',
      String(c.usage.calls + c.judgeUsage.calls),
      String(c.usage.inputTokens + c.judgeUsage.inputTokens),
      String(c.usage.outputTokens + c.judgeUsage.outputTokens),
      String(c.usage.cachedSteps),
    ];
  });
  rows.push([
    '**合计**',
    seconds(total.pipeline),
    '',
    total.judge ? seconds(total.judge) : '—',
    String(total.calls),
    String(total.input),
    String(total.output),
    '',
  ]);
  return table(['课例', '生成用时', '评分用时', '评审用时', '模型调用', '输入 tokens', '输出 tokens', '复用的步骤'], rows);
}

function matrixSection(report: ReportJson): string | null {
  const matrix = report.mutations;
  if (!matrix) return null;
  const title = (id: string) => report.columns.find((c) => c.id === id)?.title ?? id;
  const mutationTitle = (id: string) => matrix.mutations.find((m) => m.id === id)?.title ?? id;
  const deterministic = report.columns.filter((c) => c.kind === 'deterministic');
  const scorerRows = deterministic.map((column) => {
    const own = matrix.cells.filter((cell) => cell.scorer === column.id);
    const targeted = own.filter((cell) => cell.targeted);
    const caught = targeted.reduce((sum, cell) => sum + cell.lowered, 0);
    const judged = targeted.reduce((sum, cell) => sum + cell.pairs - cell.atFloor, 0);
    const others = own.filter((cell) => !cell.targeted);
    const rate = matrix.catchRate[column.id];
    return [
      column.title,
      targeted.map((cell) => mutationTitle(cell.mutation)).join('、') || '—',
      judged === 0 ? '—' : `${caught}/${judged}（${points(rate)}%）${rate === 1 ? '' : ' ❌'}`,
      `${others.reduce((sum, cell) => sum + cell.lowered, 0)}/${others.reduce((sum, cell) => sum + cell.pairs, 0)}`,
    ];
  });
  const parts = [
    '## 元评测：故意改坏的草稿能否被识别',
    '',
    '把每个课例生成的结果按下面的方式故意改坏，再打一次分。一项指标“识别”了一种改坏方式，是指改坏后的得分比原来低。每项规则指标都必须识别它负责的全部改坏方式。',
    '',
    table(
      ['改坏方式', '做了什么', '改动对象', '适用课例'],
      matrix.mutations.map((m) => [
        m.title,
        m.description,
        { plan: '教学设计', outline: '视频提纲', deck: '课件' }[m.artifact] ?? m.artifact,
        String(m.appliedTo),
      ]),
    ),
    '',
    table(['指标', '负责识别', '识别率', '对其他改坏方式也降分'], scorerRows),
  ];
  const judges = Object.entries(matrix.judgeAgreement);
  if (judges.length > 0) {
    parts.push(
      '',
      '模型评审对同一批改坏前后的草稿也打了分；“一致率”是它给改坏后的草稿打分更低的比例（只算它所评审对象的改坏方式）。',
      '',
      table(
        ['评审', '一致率'],
        judges.map(([id, rate]) => [title(id), rate === null ? '—' : `${points(rate)}%`]),
      ),
    );
  }
  return parts.join('\n');
}

/**
 * The report a prep lead reads (评测报告): the verdict first, then each
 * measure with what it checks, a line of plain findings per lesson, the
 * full table, time and tokens, and the meta-evaluation when it ran.
 *
 * @example
 * fs.writeFileSync('eval/reports/2025-03-01T10-00-00Z.md', renderMarkdown(report, baseline));
 */
export function renderMarkdown(report: ReportJson, baseline: Baseline | null): string {
  const judge = report.judge ? `模型 ${report.judge.model}` : '未启用（只做规则检查）';
  const sections = [
    '# 备课草稿评测报告',
    [
      `- 时间：${timeLabel(report.createdAt)}`,
      `- 草稿生成方式：${engineLabel(report.engine)}`,
      `- 模型评审：${judge}`,
      `- 课例：${report.cases.length} 个，共用时 ${seconds(report.totalMs)}`,
    ].join('\n'),
    '## 结论',
    conclusion(report),
    '## 各项指标',
    '分数为百分制：100 表示该项在所有课例中全部达标；“—”表示该项不适用（例如没有提供视频的课例不检查视频片段）。',
    columnTable(report, baseline),
    '## 逐课发现',
    report.cases.map((c) => caseFindings(report, c)).join('\n'),
    judgeOpinions(report),
    '## 分数明细（课例 × 指标）',
    '⚠ 表示该课例在这一项低于门槛。',
    scoreTable(report),
    '## 用时与用量',
    usageTable(report),
    matrixSection(report),
    '---',
    '*完整数据（每一处问题所在的字段、各项得分）见同名 .json 文件。*',
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}
