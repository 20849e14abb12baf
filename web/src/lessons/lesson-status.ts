import { api, ask, askOptional, type PlanVersionSummary, type Run } from '../api/client.js';

/** Where a lesson stands: its newest run (any status), its current plan version and its open comments. */
export interface LessonStatus {
  run: Run | null;
  version: PlanVersionSummary | null;
  /** Open comment threads (the group's review still to be worked through). */
  openComments: number;
}

/**
 * Reads a lesson's status from the API: the newest run, the newest plan
 * version (versions come newest first) and how many threads are open.
 *
 * @example
 * const { run, version } = await loadLessonStatus(lesson.id);
 */
export async function loadLessonStatus(lessonId: string): Promise<LessonStatus> {
  const params = { params: { path: { id: lessonId } } };
  const [run, versions, open] = await Promise.all([
    askOptional(api.GET('/api/lessons/{id}/runs/latest', params), 'no-run'),
    ask(api.GET('/api/lessons/{id}/plan/versions', params)),
    ask(api.GET('/api/lessons/{id}/comments', { params: { path: { id: lessonId }, query: { status: 'open' } } })),
  ]);
  return { run, version: versions[0] ?? null, openComments: open.length };
}
