import type { Lesson } from '../api/client.js';

/** The tabs a lesson can open on. */
export type LandingTab = 'materials' | 'observe';

/**
 * The tab a lesson opens on when its address names none. An observer
 * (观课员) only observes, so she lands on 观课. A colleague of the group
 * (teacher or lead) who opens the lesson on a day it is being taught — a
 * taught lesson (观课) is recorded for today — lands there too: she is most
 * likely in the classroom. The owner (主备) starts from her 材料, as everyone
 * did before.
 *
 * @example
 * landingTab('teacher', [{ taughtOn: '2026-03-12' }], '2026-03-12'); // 'observe'
 */
export function landingTab(role: Lesson['role'], observations: readonly { taughtOn: string }[], today: string): LandingTab {
  if (role === 'observer') return 'observe';
  if (role !== 'owner' && observations.some((o) => o.taughtOn === today)) return 'observe';
  return 'materials';
}
