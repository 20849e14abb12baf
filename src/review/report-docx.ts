import { AlignmentType, type FileChild, ImageRun, Paragraph, TextRun } from 'docx';
import type { Stat } from '../observe/stats.js';
import { packA4 } from '../render/docx/page.js';
import { STYLE } from '../render/docx/styles.js';
import { type CellSpec, gridTable } from '../render/docx/table.js';
import { heading1, heading2, lineRuns, note, proseLine } from '../render/docx/text.js';
import { type ChartImage, reportCharts } from './charts.js';
import { fixed, percent, type Report } from './report.js';

/** What the report's heading needs to know about the taught lesson. */
export interface ReportObservation {
  className: string;
  taughtOn: string;
  teacherName: string | null;
  versionNumber: number;
  versionLabel: string;
}

/** Charts are 15 cm wide on the page (the text block is about 17 cm). */
const CHART_WIDTH_PX = 567;

/** The report's sentences are computed from the figures, so they carry no 来源 tag of their own: the closing note says where they come from. */
const prose = (text: string) => proseLine([{ text, tag: '' }]);

function chartParagraphs(chart: ChartImage | undefined): FileChild[] {
  if (!chart) return [];
  const height = Math.round((CHART_WIDTH_PX * chart.height) / chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: CHART_WIDTH_PX, height },
          altText: { name: chart.name, title: chart.title, description: chart.title },
        }),
      ],
    }),
    new Paragraph({ style: STYLE.note, alignment: AlignmentType.CENTER, children: [new TextRun(chart.title)] }),
  ];
}

const mean = (s: Stat | null, format: (x: number) => string = (x) => fixed(x, 1)) => (s ? format(s.mean) : '—');
const range = (s: Stat | null, format: (x: number) => string = (x) => fixed(x, 1)) =>
  s && s.n > 1 ? `${format(s.min)}–${format(s.max)}` : '—';

/**
 * The review report 评课报告 as a Word document: the taught lesson, the S-T
 * analysis with its two charts, planned against taught minutes, attainment per
 * objective, interactions, the observers' notes by step and the figures as
 * sentences. Everything in it is computed from what was recorded; no model is
 * used.
 *
 * @example
 * await writeFile('评课报告.docx', await renderReportDocx(report));
 */
export async function renderReportDocx(report: Report<ReportObservation>): Promise<Uint8Array> {
  const charts = new Map((await reportCharts(report)).map((c) => [c.name, c]));
  const { observation: o, aggregate: group, settings } = report;
  const observers = report.observers.map((x) => x.name).join('、') || '（无）';
  const children: FileChild[] = [
    new Paragraph({ style: 'Title', children: [new TextRun(`${report.lesson.title} 评课报告`)] }),
    new Paragraph({
      style: STYLE.meta,
      children: lineRuns(
        `${o.className} · ${o.taughtOn} · 执教：${o.teacherName ?? '—'}\n所授版本：第 ${o.versionNumber} 版（${o.versionLabel}） · 观课员：${observers}`,
      ),
    }),
    heading1('一、数据摘要'),
    ...report.summary.map((sentence) => prose(sentence)),
    heading1('二、S-T 分析'),
    prose(
      `每 ${settings.intervalSec} 秒记录一次课堂行为：T 为教师行为，S 为学生行为，D 为师生对话（计入 Rt 时按 ${settings.dialogueTeacherShare} 个教师行为计）。Rt = (Nt + ${settings.dialogueTeacherShare}·Nd) / N，Ch = (g − 1) / N；Rt ≤ ${settings.practiceRt} 为练习型，Rt ≥ ${settings.lectureRt} 为讲授型，其余 Ch ≥ ${settings.dialogueCh} 为对话型，否则为混合型。`,
    ),
    gridTable(
      [
        { header: '观课员', weight: 18 },
        { header: '采样数 N', weight: 12 },
        { header: 'T / S / D', weight: 16 },
        { header: 'Rt', weight: 12 },
        { header: 'Ch', weight: 12 },
        { header: '教学模式', weight: 14 },
      ],
      [
        ...report.observers.map((x): CellSpec[] =>
          x.st
            ? [x.name, String(x.st.n), `${x.st.nt} / ${x.st.ns} / ${x.st.nd}`, fixed(x.st.rt), fixed(x.st.ch), x.st.mode]
            : [x.name, '0', '—', '—', '—', '—'],
        ),
        [{ text: '平均', bold: true }, '', '', mean(group.rt, fixed), mean(group.ch, fixed), group.mode ?? '—'],
      ],
    ),
    ...chartParagraphs(charts.get('st-curve')),
    ...chartParagraphs(charts.get('rt-ch')),
    heading1('三、环节用时'),
    gridTable(
      [
        { header: '环节', weight: 30 },
        { header: '计划（分钟）', weight: 14 },
        { header: '实际（平均）', weight: 14 },
        { header: '观课员间范围', weight: 16 },
        { header: '差', weight: 10 },
        { header: 'Rt', weight: 10 },
      ],
      report.steps.map((s): CellSpec[] => [
        `${s.stepId} ${s.name}`,
        String(s.plannedMinutes),
        mean(s.taughtMinutes),
        range(s.taughtMinutes),
        s.deltaMinutes === null ? '—' : `${s.deltaMinutes > 0 ? '+' : ''}${fixed(s.deltaMinutes, 1)}`,
        mean(s.rt, fixed),
      ]),
    ),
    ...chartParagraphs(charts.get('minutes')),
    heading1('四、目标达成'),
    ...(report.attainment
      ? [
          prose(
            `参测 ${report.attainment.classSize} 人。每道题的达成度为答对人数 ÷ 参测人数；每个目标的达成度为检测它的各题达成度的平均。`,
          ),
          gridTable(
            [
              { header: '目标', weight: 44 },
              { header: '检测题', weight: 16 },
              { header: '达成度', weight: 14 },
              { header: '全部答对的学生', weight: 16 },
            ],
            report.attainment.objectives.map((x): CellSpec[] => [
              `${x.objectiveId} ${x.text}`,
              x.itemIds.join('、') || '（无）',
              x.rate === null ? '未检测' : percent(x.rate),
              x.masteredRate === null ? '—' : percent(x.masteredRate),
            ]),
          ),
          ...chartParagraphs(charts.get('attainment')),
        ]
      : [prose('还没有录入达标检测结果。')]),
    heading1('五、课堂互动'),
    gridTable(
      [
        { header: '项目', weight: 30 },
        { header: '平均', weight: 15 },
        { header: '观课员间范围', weight: 20 },
      ],
      (
        [
          ['教师提问（次）', group.teacherQuestions],
          ['学生回答（次）', group.studentAnswers],
          ['学生主动提问（次）', group.studentQuestions],
          ['发言学生（人）', group.studentsSpoke],
        ] as const
      )
        .map(([label, s]): CellSpec[] => [label, mean(s), range(s)])
        .concat([['小组投入度', mean(group.groupEngagement, percent), range(group.groupEngagement, percent)]]),
    ),
    heading1('六、观课记录（按环节）'),
  ];
  const noted = report.steps.filter((s) => s.notes.length > 0);
  if (noted.length === 0) children.push(prose('观课员没有留下文字记录。'));
  for (const step of noted) {
    children.push(heading2(`${step.stepId} ${step.name}`), ...step.notes.map((n) => prose(`${n.name}：${n.text}`)));
  }
  children.push(
    note(
      `本报告由 lessonprep 根据 ${report.observers.length} 位观课员的记录和达标检测结果按规则计算生成，没有使用 AI 模型。S-T 分析法据傅德荣、章慧敏《教育信息处理》；模式阈值 Rt ≤ ${settings.practiceRt}、Rt ≥ ${settings.lectureRt}、Ch ≥ ${settings.dialogueCh} 为该方法文献中常用的取值，管理员可调整。`,
      { spacing: { before: 480 } },
    ),
  );
  return packA4(
    { title: `${report.lesson.title} 评课报告`, description: '评课报告：S-T 分析、环节用时、目标达成、课堂互动、观课记录' },
    children,
  );
}
