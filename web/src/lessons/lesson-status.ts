import { api, ask, askOptional, type PlanVersionSummary, type Run } from '../api/client.js';

/** Where a lesson stands: its newest run (any status) and its current plan version. */
export interface LessonStatus {
  run: Run | null;
  version: PlanVersionSummary | null;
}

/**
 * Reads a lesson's status from the API: the newest run and the newest plan
 * version (versions come newest first).
 *
 * @example
 * const { run, version } = await loadLessonStatus(lesson.id);
 */
export async function loadLessonStatus(lessonId: string): Promise<LessonStatus> {
  const params = { params: { path: { id: lessonId } } };
  const [run, versions] = await Promise.all([
    askOptional(api.GET('/api/lessons/{id}/runs/latest', params), 'no-run'),
    ask(api.GET('/api/lessons/{id}/plan/versions', params)),
  ]);
  return { run, version: versions[0] ?? null };
}
