import { lazily } from '../lazy.js';

/**
 * The Word renderers for callers that start without the docx library (the
 * service): it is loaded at the first .docx download, not at every start.
 * Same signatures as in plan-docx.ts and sheets-docx.ts.
 *
 * @example
 * const bytes = await renderPlanDocx(plan, '终案（第 3 版，第 1 轮）');
 */
export const renderPlanDocx = lazily(() => import('./plan-docx.js'), 'renderPlanDocx');
export const renderSheetsDocx = lazily(() => import('./sheets-docx.js'), 'renderSheetsDocx');
