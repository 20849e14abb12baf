import { api } from '../api/client.js';
import { problemFromBody, problemFromNetwork } from '../api/problem.js';
import type { EventBatchResult, ObservationEvent } from './events.js';

type Issue = { path?: unknown[]; message?: unknown };

/**
 * Posts one batch of the observer's events. A batch the server refuses as a
 * whole because some events are malformed comes back as those events
 * rejected (with the reason), so the rest go on and one bad event never
 * blocks the queue; any other failure throws an `ApiProblem`.
 *
 * @example
 * const { results } = await sendEvents(observationId, [event]);
 */
export async function sendEvents(observationId: string, events: ObservationEvent[]): Promise<Pick<EventBatchResult, 'results'>> {
  let answer: Awaited<ReturnType<typeof post>>;
  try {
    answer = await post(observationId, events);
  } catch (error) {
    throw problemFromNetwork(error);
  }
  if (answer.response.ok && answer.data) return answer.data;
  const body = answer.error as { error?: { code?: string; details?: unknown } } | undefined;
  if (answer.response.status === 400 && body?.error?.code === 'invalid-request' && Array.isArray(body.error.details)) {
    const bad = new Map<number, string>();
    for (const issue of body.error.details as Issue[]) {
      const [field, index] = issue.path ?? [];
      if (field === 'events' && typeof index === 'number' && events[index]) {
        bad.set(index, typeof issue.message === 'string' ? `格式不符：${issue.message}` : '格式不符');
      }
    }
    if (bad.size > 0) {
      return { results: [...bad].map(([index, reason]) => ({ id: events[index]!.id, status: 'rejected' as const, reason })) };
    }
  }
  throw problemFromBody(answer.response.status, answer.error);
}

const post = (id: string, events: ObservationEvent[]) =>
  api.POST('/api/observations/{id}/events', { params: { path: { id } }, body: { events } });
