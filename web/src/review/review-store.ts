import { type InjectionKey, reactive } from 'vue';
import type { DeckSpec } from '../../../src/domain/deck.js';
import { api, ask, askOptional, type PlanVersion, type PlanVersionSummary, type Run } from '../api/client.js';
import { followRun } from '../api/run-stream.js';
import type { components } from '../api/schema.js';
import { latestArtifact } from '../outputs/artifact.js';
import { type Comment, type Thread, type Viewer, withChange, withEdit, without, withReply, withThread } from './thread-state.js';
import type { SettableLabel } from './versions.js';

export type Anchor = components['schemas']['Anchor'];
export type Revision = components['schemas']['PlanRevision'];

/** Everything the review screen shows of one lesson; `createReviewStore` owns it and only its actions change it. */
export interface ReviewState {
  loaded: boolean;
  /** Why the screen could not load (shown with a retry). */
  problem: unknown;
  /** Newest first. */
  versions: PlanVersionSummary[];
  /** The newest version with its plan: what the group reads and comments on. */
  newest: PlanVersion | null;
  /** The deck script (C2) for commenting on slides, or null before a run made one. */
  deck: DeckSpec | null;
  threads: Thread[];
  revisions: Revision[];
  /** The run that re-makes the outline and deck after a new version, while it is under way. */
  run: Run | null;
}

/**
 * The review screen's state and the calls that change it. Each action sends
 * one request, puts the answer into the state (or reads again what a new
 * version changes) and throws the `ApiProblem` of a refusal for the caller to
 * show next to the button that was pressed.
 *
 * @example
 * const review = createReviewStore(lessonId, () => ctx.refresh());
 * await review.load();
 * await review.comment({ part: 'step', id: 'S2', field: 'intent' }, '设计意图要写出学生能做到什么');
 */
export function createReviewStore(lessonId: string, lessonChanged: () => Promise<void>) {
  const state = reactive<ReviewState>({
    loaded: false,
    problem: null,
    versions: [],
    newest: null,
    deck: null,
    threads: [],
    revisions: [],
    run: null,
  });
  const path = { params: { path: { id: lessonId } } };
  let stopFollowing: (() => void) | null = null;

  async function load() {
    try {
      const [versions, newest, threads, revisions, deck, run] = await Promise.all([
        ask(api.GET('/api/lessons/{id}/plan/versions', path)),
        askOptional(api.GET('/api/lessons/{id}/plan', path), 'no-plan'),
        ask(api.GET('/api/lessons/{id}/comments', path)),
        ask(api.GET('/api/lessons/{id}/plan/revisions', path)),
        latestArtifact(lessonId, 'C2'),
        askOptional(api.GET('/api/lessons/{id}/runs/latest', path), 'no-run'),
      ]);
      Object.assign(state, { versions, newest, threads, revisions, deck, problem: null });
      follow(run);
    } catch (error) {
      state.problem = error;
    } finally {
      state.loaded = true;
    }
  }

  /** Follows a run that is under way; when it ends the deck is read again (slides follow the plan) and the lesson's badge too. */
  function follow(run: Run | null) {
    stopFollowing?.();
    stopFollowing = null;
    if (!run || (run.status !== 'queued' && run.status !== 'running')) {
      state.run = null;
      return;
    }
    state.run = run;
    stopFollowing = followRun(run.id, {
      event(event) {
        if (event.type !== 'run' || event.status === 'running') return;
        state.run = null;
        stopFollowing = null;
        void Promise.all([latestArtifact(lessonId, 'C2').then((deck) => (state.deck = deck)), lessonChanged()]).catch(() => {});
      },
      // The browser reconnects by itself and the server replays the run; nothing to do meanwhile.
      interrupted() {},
    });
  }

  /** After a new version: the versions, the newest plan and the threads (an acceptance resolved some) read again. */
  async function versionMade(run: Run | null) {
    const [versions, newest, threads, revisions] = await Promise.all([
      ask(api.GET('/api/lessons/{id}/plan/versions', path)),
      ask(api.GET('/api/lessons/{id}/plan', path)),
      ask(api.GET('/api/lessons/{id}/comments', path)),
      ask(api.GET('/api/lessons/{id}/plan/revisions', path)),
    ]);
    Object.assign(state, { versions, newest, threads, revisions });
    if (run) follow(run);
    await lessonChanged();
  }

  const byId = (id: string) => ({ params: { path: { id } } });
  const changed = (comment: Comment) => {
    state.threads = withChange(state.threads, comment);
    void lessonChanged();
  };

  return {
    state,
    load,
    async comment(anchor: Anchor, body: string, suggestion: string | null) {
      const thread = await ask(
        api.POST('/api/lessons/{id}/comments', {
          ...path,
          body: { anchor, body, ...(suggestion ? { suggestion } : {}), ...(state.newest ? { versionId: state.newest.id } : {}) },
        }),
      );
      state.threads = withThread(state.threads, thread);
      void lessonChanged();
    },
    async reply(threadId: string, body: string) {
      state.threads = withReply(state.threads, await ask(api.POST('/api/comments/{id}/replies', { ...byId(threadId), body: { body } })));
    },
    /** Her own comment or reply with new words (and a new suggestion while it is pending). */
    async edit(id: string, body: string, suggestion?: string) {
      const edited = await ask(api.PATCH('/api/comments/{id}', { ...byId(id), body: { body, ...(suggestion ? { suggestion } : {}) } }));
      state.threads = withEdit(state.threads, edited);
    },
    /** Deletes a reply, or a thread with its replies. */
    async remove(id: string) {
      await ask(api.DELETE('/api/comments/{id}', byId(id)));
      state.threads = without(state.threads, id);
      void lessonChanged();
    },
    async resolve(threadId: string) {
      changed(await ask(api.POST('/api/comments/{id}/resolve', byId(threadId))));
    },
    async reopen(threadId: string) {
      changed(await ask(api.POST('/api/comments/{id}/reopen', byId(threadId))));
    },
    async reject(threadId: string) {
      changed(await ask(api.POST('/api/comments/{id}/reject', byId(threadId))));
    },
    /** Applies the suggestion to the newest version: a new 修订 (or 共案), the deck re-made from it. */
    async accept(threadId: string, label: 'revision' | 'shared' = 'revision') {
      const basedOn = state.newest?.id ?? '';
      const made = await ask(api.POST('/api/comments/{id}/accept', { ...byId(threadId), body: { basedOn, label } }));
      await versionMade(made.run);
    },
    async setLabel(label: SettableLabel) {
      await ask(api.POST('/api/lessons/{id}/plan/label', { ...path, body: { basedOn: state.newest?.id ?? '', label } }));
      await versionMade(null);
    },
    async newCycle() {
      await ask(api.POST('/api/lessons/{id}/plan/cycles', { ...path, body: { basedOn: state.newest?.id ?? '' } }));
      await versionMade(null);
    },
    /** The AI revision from the open threads and the cycle's observations; returns the revision with its notes and to-do list. */
    async revise(engine: 'offline' | 'openai', label: 'revision' | 'shared'): Promise<Revision> {
      const made = await ask(
        api.POST('/api/lessons/{id}/plan/revise', { ...path, body: { basedOn: state.newest?.id ?? '', engine, label } }),
      );
      await versionMade(made.run);
      return made.revision;
    },
    stop() {
      stopFollowing?.();
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;

/** What the review's components share: the store and who is looking. */
export interface ReviewContext {
  store: ReviewStore;
  viewer: Viewer;
  /** Why no new version can be made now (a locked 终案, a run under way), or null. */
  locked: () => string | null;
}
export const REVIEW: InjectionKey<ReviewContext> = Symbol('review');
