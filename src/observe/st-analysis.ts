/**
 * S-T analysis (S-T 分析法) of a lesson from codes sampled at a fixed interval:
 * T teacher behaviour (lecturing, writing, demonstrating, questioning), S
 * student behaviour (answering, discussing, practising, silent work), and the
 * common extension D, teacher–student dialogue. The method (Rt, Ch, the S-T
 * curve and the Rt–Ch chart) is the one Chinese teaching research attributes
 * to 傅德荣、章慧敏《教育信息处理》; the mode thresholds are the values that
 * literature commonly uses, kept as settings with how D counts (README,
 * "S-T analysis: where the figures come from").
 */
export type StCode = 'T' | 'S' | 'D';

export const TEACHING_MODES = ['练习型', '讲授型', '对话型', '混合型'] as const;
export type TeachingMode = (typeof TEACHING_MODES)[number];

export interface StSettings {
  /** Seconds between samples; the observer's tablet prompts at this interval (ST_INTERVAL_SEC, 30). */
  intervalSec: number;
  /** 练习型 when Rt ≤ this (ST_PRACTICE_RT, 0.3). */
  practiceRt: number;
  /** 讲授型 when Rt ≥ this (ST_LECTURE_RT, 0.7). */
  lectureRt: number;
  /** 对话型 when Ch ≥ this and the lesson is neither of the above (ST_DIALOGUE_CH, 0.4). */
  dialogueCh: number;
  /** How much of a D sample counts as teacher behaviour in Rt and the S-T curve (ST_DIALOGUE_TEACHER_SHARE, 0.5); the rest counts as S. */
  dialogueTeacherShare: number;
}

export const DEFAULT_ST_SETTINGS: StSettings = {
  intervalSec: 30,
  practiceRt: 0.3,
  lectureRt: 0.7,
  dialogueCh: 0.4,
  dialogueTeacherShare: 0.5,
};

/**
 * The settings from the environment; a value that is missing, not a number or
 * out of range keeps its default, and the thresholds must stay in order.
 *
 * @example
 * readStSettings({ ST_DIALOGUE_CH: '0.35' }).dialogueCh; // 0.35
 */
export function readStSettings(env: NodeJS.ProcessEnv = process.env): StSettings {
  const read = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
  };
  const settings: StSettings = {
    intervalSec: read('ST_INTERVAL_SEC', DEFAULT_ST_SETTINGS.intervalSec, 1, 600),
    practiceRt: read('ST_PRACTICE_RT', DEFAULT_ST_SETTINGS.practiceRt, 0, 1),
    lectureRt: read('ST_LECTURE_RT', DEFAULT_ST_SETTINGS.lectureRt, 0, 1),
    dialogueCh: read('ST_DIALOGUE_CH', DEFAULT_ST_SETTINGS.dialogueCh, 0, 1),
    dialogueTeacherShare: read('ST_DIALOGUE_TEACHER_SHARE', DEFAULT_ST_SETTINGS.dialogueTeacherShare, 0, 1),
  };
  if (settings.practiceRt >= settings.lectureRt) {
    return { ...settings, practiceRt: DEFAULT_ST_SETTINGS.practiceRt, lectureRt: DEFAULT_ST_SETTINGS.lectureRt };
  }
  return settings;
}

/**
 * The mode of a lesson on the Rt–Ch chart. Rt decides first (a lesson that is
 * mostly practice or mostly lecture is that, however often it switches), then Ch.
 */
export function teachingMode(rt: number, ch: number, settings: StSettings = DEFAULT_ST_SETTINGS): TeachingMode {
  if (rt <= settings.practiceRt) return '练习型';
  if (rt >= settings.lectureRt) return '讲授型';
  if (ch >= settings.dialogueCh) return '对话型';
  return '混合型';
}

export interface StFigures {
  /** Samples N, and how many were T, S and D. */
  n: number;
  nt: number;
  ns: number;
  nd: number;
  /** Runs of identical codes (连数): T T S S S T has g = 3. */
  g: number;
  /** Teacher share Rt = (Nt + share·Nd) / N. */
  rt: number;
  /** Switching rate Ch = (g − 1) / N. */
  ch: number;
  mode: TeachingMode;
  /** The S-T curve: cumulative T (x) against cumulative S (y), from (0, 0), one point per sample. */
  points: { t: number; s: number }[];
}

/**
 * Rt, Ch, the mode and the S-T curve of a sequence of codes in time order;
 * null when there are no samples.
 *
 * @example
 * stFigures(['T', 'T', 'S', 'S', 'S', 'T']);
 * // n 6, nt 3, ns 3, g 3, rt 0.5, ch (3 − 1) / 6 = 0.333, mode 混合型
 */
export function stFigures(codes: readonly StCode[], settings: StSettings = DEFAULT_ST_SETTINGS): StFigures | null {
  if (codes.length === 0) return null;
  const share = settings.dialogueTeacherShare;
  let nt = 0;
  let ns = 0;
  let nd = 0;
  let g = 0;
  let t = 0;
  let s = 0;
  const points = [{ t: 0, s: 0 }];
  codes.forEach((code, i) => {
    if (i === 0 || codes[i - 1] !== code) g += 1;
    if (code === 'T') {
      nt += 1;
      t += 1;
    } else if (code === 'S') {
      ns += 1;
      s += 1;
    } else {
      nd += 1;
      t += share;
      s += 1 - share;
    }
    points.push({ t, s });
  });
  const n = codes.length;
  const rt = (nt + share * nd) / n;
  const ch = (g - 1) / n;
  return { n, nt, ns, nd, g, rt, ch, mode: teachingMode(rt, ch, settings), points };
}

/**
 * The regions of the Rt–Ch chart for drawing: the area a lesson can fall in
 * (Ch can be at most about 2·min(Rt, 1 − Rt): every switch needs a sample of
 * each kind) and the threshold lines that divide it.
 */
export function modeChart(settings: StSettings = DEFAULT_ST_SETTINGS) {
  return {
    boundary: [
      { rt: 0, ch: 0 },
      { rt: 0.5, ch: 1 },
      { rt: 1, ch: 0 },
    ],
    lines: [
      { axis: 'rt' as const, at: settings.practiceRt, label: `Rt = ${settings.practiceRt}` },
      { axis: 'rt' as const, at: settings.lectureRt, label: `Rt = ${settings.lectureRt}` },
      {
        axis: 'ch' as const,
        at: settings.dialogueCh,
        label: `Ch = ${settings.dialogueCh}`,
        from: settings.practiceRt,
        to: settings.lectureRt,
      },
    ],
    regions: [
      { mode: '练习型' as const, rule: `Rt ≤ ${settings.practiceRt}` },
      { mode: '讲授型' as const, rule: `Rt ≥ ${settings.lectureRt}` },
      { mode: '对话型' as const, rule: `${settings.practiceRt} < Rt < ${settings.lectureRt}，Ch ≥ ${settings.dialogueCh}` },
      { mode: '混合型' as const, rule: `${settings.practiceRt} < Rt < ${settings.lectureRt}，Ch < ${settings.dialogueCh}` },
    ],
  };
}
