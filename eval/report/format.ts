import { gradeLabel } from '../../src/domain/index.js';
import type { CaseJson, ReportJson } from './schema.js';

/** Scores as a prep lead reads them: 0–100, no decimals; "—" where the check does not apply. */
export function points(score: number | null | undefined): string {
  return typeof score === 'number' ? String(Math.round(score * 100)) : '—';
}

/** A change in points with its sign: "+5", "−12", "±0". */
export function delta(now: number | null | undefined, before: number | null | undefined): string {
  if (typeof now !== 'number' || typeof before !== 'number') return '—';
  const d = Math.round(now * 100) - Math.round(before * 100);
  return d === 0 ? '±0' : d > 0 ? `+${d}` : `−${-d}`;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`;
}

/** 三年级数学《长方形和正方形的周长》 */
export function lessonLabel(c: Pick<CaseJson, 'grade' | 'subject' | 'title'>): string {
  return `${gradeLabel(c.grade)}${c.subject}《${c.title}》`;
}

/** Who made the drafts, in words: 离线规则引擎（未使用 AI 模型） or 模型 deepseek-chat. */
export function engineLabel(engine: ReportJson['engine']): string {
  return engine.kind === 'offline' ? '离线规则引擎（未使用 AI 模型）' : `模型 ${engine.model ?? '（未知）'}`;
}

/** "2025-03-01 10:00 UTC" from an ISO time. */
export function timeLabel(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
