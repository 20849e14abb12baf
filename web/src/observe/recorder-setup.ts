import { api, ask } from '../api/client.js';
import { ApiProblem } from '../api/problem.js';
import type { Observation } from './events.js';
import type { RecorderStep } from './recording.js';

/** What the recorder needs before the first tap: the taught lesson, its steps (环节) and the sampling interval. */
export interface RecorderSetup {
  observation: Observation;
  title: string;
  periodMinutes: number;
  steps: RecorderStep[];
  intervalSec: number;
}

const setupKey = (userId: string, observationId: string) => `lessonprep.observe.v1.${userId}.${observationId}.setup`;

/**
 * Reads the taught lesson, the steps of the version taught and the service's
 * S-T interval, and keeps a copy on the tablet: when the Wi-Fi drops and the
 * page is reloaded offline (the app's service worker serves it, see
 * web/src/offline), she goes on recording from the copy. Anything but a
 * dropped connection (the observation gone, her access taken away) is not
 * papered over.
 *
 * @example
 * const { setup, fromCopy } = await loadRecorderSetup(observationId, session.user.id, localStorage);
 */
export async function loadRecorderSetup(
  observationId: string,
  userId: string,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): Promise<{ setup: RecorderSetup; fromCopy: boolean }> {
  const key = setupKey(userId, observationId);
  try {
    const observation = await ask(api.GET('/api/observations/{id}', { params: { path: { id: observationId } } }));
    const [version, report] = await Promise.all([
      ask(
        api.GET('/api/lessons/{id}/plan/versions/{versionId}', {
          params: { path: { id: observation.lessonId, versionId: observation.versionId } },
        }),
      ),
      // The report carries the service's S-T settings (ST_INTERVAL_SEC): the prompts follow them.
      ask(api.GET('/api/observations/{id}/report', { params: { path: { id: observationId } } })),
    ]);
    const setup: RecorderSetup = {
      observation,
      title: report.lesson.title,
      periodMinutes: version.plan.periodMinutes,
      steps: version.plan.process.map((s) => ({ id: s.id, name: s.name, minutes: s.minutes })),
      intervalSec: report.settings.intervalSec,
    };
    try {
      storage.setItem(key, JSON.stringify(setup));
    } catch {
      // No room for the copy: the recording itself still works while online.
    }
    return { setup, fromCopy: false };
  } catch (error) {
    const copy = error instanceof ApiProblem && error.status === 0 ? readCopy(storage, key) : null;
    if (copy) return { setup: copy, fromCopy: true };
    throw error;
  }
}

function readCopy(storage: Pick<Storage, 'getItem'>, key: string): RecorderSetup | null {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as RecorderSetup) : null;
  } catch {
    return null;
  }
}
