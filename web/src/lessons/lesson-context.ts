import { type InjectionKey, inject, reactive } from 'vue';
import { api, ask, type Health, type Lesson } from '../api/client.js';
import { type LessonStatus, loadLessonStatus } from './lesson-status.js';

/** What every page of one lesson shares: the lesson, its status and the service's engine. */
export interface LessonContext {
  /** From the address: pages start their own requests with it, without waiting for the lesson. */
  lessonId: string;
  lesson: Lesson | null;
  status: LessonStatus;
  health: Health | null;
  problem: unknown;
  /** Reads the lesson's status again (after a run ends, a material changes…). */
  refresh(): Promise<void>;
  /** Settles when the first read is done (the run page needs the status before it can follow a run). */
  ready: Promise<void>;
}

/** The key the lesson layout provides its context under. */
export const LESSON: InjectionKey<LessonContext> = Symbol('lesson');

/**
 * Creates the lesson's shared state; the lesson layout owns it and its pages
 * read it with `useLesson()`.
 *
 * @example
 * const ctx = createLessonContext(props.id); provide(LESSON, ctx); await ctx.ready;
 */
export function createLessonContext(lessonId: string): LessonContext {
  const ctx: LessonContext = reactive({
    lessonId,
    lesson: null,
    status: { run: null, version: null, openComments: 0 },
    health: null,
    problem: null,
    async refresh() {
      try {
        const [lesson, status, health] = await Promise.all([
          ask(api.GET('/api/lessons/{id}', { params: { path: { id: lessonId } } })),
          loadLessonStatus(lessonId),
          ctx.health ? Promise.resolve(ctx.health) : ask(api.GET('/api/health')),
        ]);
        Object.assign(ctx, { lesson, status, health, problem: null });
      } catch (error) {
        ctx.problem = error;
      }
    },
    ready: Promise.resolve(),
  });
  ctx.ready = ctx.refresh();
  return ctx;
}

export function useLesson(): LessonContext {
  const ctx = inject(LESSON);
  if (!ctx) throw new Error('useLesson() outside a lesson page');
  return ctx;
}
