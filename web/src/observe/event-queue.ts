import { reactive } from 'vue';
import { ApiProblem } from '../api/problem.js';
import type { EventBatchResult, ObservationEvent } from './events.js';

/** One recorded event and what became of it on the server. */
export interface QueuedEvent {
  event: ObservationEvent;
  /** pending: not yet accepted by the server; sent: stored (or already there); rejected: refused, with the reason. */
  state: 'pending' | 'sent' | 'rejected';
  reason?: string;
}

/** Sends one batch; answers per event (events it does not mention stay pending), or throws an `ApiProblem`. */
export type SendBatch = (events: ObservationEvent[]) => Promise<Pick<EventBatchResult, 'results'>>;

export interface QueueOptions {
  /** Where the queue lives across reloads (the browser's localStorage). */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** One key per observer and observation: another colleague signing in on the tablet never sends her events. */
  key: string;
  send: SendBatch;
  /** Timers for the retry backoff; the tests give fake ones. */
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };
  /** Tells the queue the network is back (the window's `online` event). */
  onOnline?: (handler: () => void) => () => void;
  /** First retry after this many ms, doubling up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/** Events in one request: the server takes up to 2000. */
const BATCH = 500;
const VERSION = 1;

/**
 * The observer's durable outbox. Every event is written to local storage
 * first and sent after; a failed send is tried again with backoff (2 s, 4 s …
 * up to a minute) and at once when the network comes back. The server stores
 * each event id once, so an event sent twice (a reply lost on the way back)
 * is counted once. The queue keeps sent events too: the screen's counts and
 * the current step are computed from them after a reload.
 *
 * @example
 * const queue = createEventQueue({ storage: localStorage, key, send: (events) => sendEvents(observationId, events) });
 * queue.add(stamp({ kind: 'sample', code: 'T' }, Date.now()));
 * queue.state.pending; // 1 until the server has it
 */
export function createEventQueue(options: QueueOptions) {
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const firstRetryMs = options.firstRetryMs ?? 2000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const loaded = load(options.storage, options.key);
  const state = reactive({
    entries: loaded.entries,
    /** Events not yet accepted by the server. */
    pending: 0,
    sending: false,
    /** Why the last send failed (network, session ended…); null after a send that worked. */
    problem: null as ApiProblem | null,
    /** The local store could not be read or written: what to tell the observer. */
    storageProblem: loaded.problem,
    /** How long until the next try (ms), or null when none is waiting. */
    retryInMs: null as number | null,
  });
  const byId = new Map(state.entries.map((entry, i) => [entry.event.id, i]));
  let failures = 0;
  let retry: unknown = null;
  let flushing: Promise<void> | null = null;
  let stopped = false;

  const count = () => {
    state.pending = state.entries.filter((e) => e.state === 'pending').length;
  };
  const persist = () => {
    try {
      options.storage.setItem(options.key, JSON.stringify({ version: VERSION, entries: state.entries }));
      state.storageProblem = null;
    } catch {
      state.storageProblem = '本机存储已满或不可用：新记录只保存在这个页面里，刷新或关闭前请保持联网，让它们先上传。';
    }
  };
  count();

  const cancelRetry = () => {
    if (retry !== null) timers.clearTimeout(retry);
    retry = null;
    state.retryInMs = null;
  };

  const scheduleRetry = () => {
    cancelRetry();
    if (stopped) return;
    const delay = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.min(failures - 1, 16));
    state.retryInMs = delay;
    retry = timers.setTimeout(() => {
      retry = null;
      state.retryInMs = null;
      void flush();
    }, delay);
  };

  async function sendPending(): Promise<void> {
    while (!stopped) {
      const batch = state.entries.filter((e) => e.state === 'pending').slice(0, BATCH);
      if (batch.length === 0) return;
      state.sending = true;
      try {
        const answer = await options.send(batch.map((e) => e.event));
        let settled = 0;
        for (const result of answer.results) {
          const index = byId.get(result.id);
          const entry = index === undefined ? undefined : state.entries[index];
          if (entry?.state !== 'pending') continue;
          settled += 1;
          if (result.status === 'rejected') Object.assign(entry, { state: 'rejected', reason: result.reason ?? '服务拒收了这条记录' });
          else entry.state = 'sent';
        }
        failures = 0;
        state.problem = null;
        count();
        persist();
        // An answer that settles nothing would loop for ever: wait and try again instead.
        if (settled === 0) throw new ApiProblem(0, 'nothing-settled', '服务没有确认任何一条记录，稍后再试。', null);
      } catch (error) {
        failures += 1;
        state.problem = error instanceof ApiProblem ? error : new ApiProblem(0, 'network', '上传失败，稍后自动重试。', null);
        // A session that ended waits for her to sign in again: the page mounts anew and sends then.
        if (state.problem.status !== 401) scheduleRetry();
        return;
      } finally {
        state.sending = false;
      }
    }
  }

  /** Sends what is pending now (one send at a time; a call during a send waits for it). */
  function flush(): Promise<void> {
    if (flushing) return flushing;
    cancelRetry();
    flushing = sendPending().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  const stopOnline = options.onOnline?.(() => {
    failures = 0;
    void flush();
  });

  return {
    state,
    /** Saves the event locally, then tries to send it. An id already queued is ignored (a double tap on the same prompt). */
    add(event: ObservationEvent): boolean {
      if (byId.has(event.id)) return false;
      byId.set(event.id, state.entries.length);
      state.entries.push({ event, state: 'pending' });
      count();
      persist();
      void flush();
      return true;
    },
    flush,
    /** Every event recorded on this tablet, in the order she made them (sent or not). */
    events(): ObservationEvent[] {
      return state.entries.filter((e) => e.state !== 'rejected').map((e) => e.event);
    },
    rejected(): QueuedEvent[] {
      return state.entries.filter((e) => e.state === 'rejected');
    },
    /** Stops retrying (the page is left); what is pending stays stored and goes out next time. */
    stop() {
      stopped = true;
      cancelRetry();
      stopOnline?.();
    },
  };
}

export type EventQueue = ReturnType<typeof createEventQueue>;

/** What the store holds under the key; an unreadable store starts empty and says so, and keeps the old text under a backup key. */
function load(storage: QueueOptions['storage'], key: string): { entries: QueuedEvent[]; problem: string | null } {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return { entries: [], problem: '读不到本机存储（浏览器可能禁用了网站数据）：记录只保存在这个页面里，请保持联网。' };
  }
  if (!text) return { entries: [], problem: null };
  try {
    const stored = JSON.parse(text) as { version?: number; entries?: QueuedEvent[] };
    if (stored.version === VERSION && Array.isArray(stored.entries)) return { entries: stored.entries, problem: null };
  } catch {
    // Not JSON: kept below under a backup key, never overwritten silently.
  }
  try {
    storage.setItem(`${key}.unreadable`, text);
  } catch {
    // The backup could not be written either; the notice below still tells her.
  }
  return { entries: [], problem: '本机保存的观课记录无法读取，已另存备份；新的记录照常保存。' };
}

/** The key of one observer's queue for one observation. */
export const queueKey = (userId: string, observationId: string) => `lessonprep.observe.v1.${userId}.${observationId}`;
