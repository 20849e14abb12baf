import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../src/api/problem.js';
import { createEventQueue, queueKey, type SendBatch } from '../src/observe/event-queue.js';
import { type ObservationEvent, stamp, tabletTime } from '../src/observe/events.js';
import { sendEvents } from '../src/observe/send-events.js';

/** A Storage in memory that can be made to fail like a full one. */
function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    full: false,
    getItem: (key: string) => data.get(key) ?? null,
    setItem(key: string, value: string) {
      if (this.full) throw new DOMException('quota', 'QuotaExceededError');
      data.set(key, value);
    },
  };
}

/** The server's rule in small: each id stored once; a re-sent id is a duplicate. */
function fakeServer() {
  const stored = new Map<string, ObservationEvent>();
  const state = { down: false, calls: 0 };
  const send: SendBatch = async (events) => {
    state.calls += 1;
    if (state.down) throw new ApiProblem(0, 'network', '连不上备课服务。');
    return {
      results: events.map((e) => {
        if (stored.has(e.id)) return { id: e.id, status: 'duplicate' as const };
        stored.set(e.id, e);
        return { id: e.id, status: 'stored' as const };
      }),
    };
  };
  return { stored, state, send };
}

/** Timers the test runs by hand: nothing waits for real time to pass. */
function manualTimers() {
  const due: { fn: () => void; ms: number; id: number }[] = [];
  let next = 0;
  return {
    due,
    setTimeout: (fn: () => void, ms: number) => {
      due.push({ fn, ms, id: ++next });
      return next;
    },
    clearTimeout: (id: unknown) => {
      const i = due.findIndex((d) => d.id === id);
      if (i >= 0) due.splice(i, 1);
    },
    fire() {
      const first = due.shift();
      first?.fn();
      return first?.ms;
    },
  };
}

const T0 = Date.parse('2025-03-12T09:00:00+08:00');
const event = (n: number, draft: Parameters<typeof stamp>[0] = { kind: 'sample', code: 'T' }) => stamp(draft, T0 + n * 30_000, `ev-${n}`);
const KEY = queueKey('u1', 'obs1');

describe('the observer’s event queue', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes each event to storage before sending, and marks it sent once the server has it', async () => {
    const storage = memoryStorage();
    const server = fakeServer();
    let seenInStorage = false;
    const queue = createEventQueue({
      storage,
      key: KEY,
      send: async (events) => {
        seenInStorage = (storage.getItem(KEY) ?? '').includes(events[0]!.id);
        return server.send(events);
      },
    });
    queue.add(event(1));
    await queue.flush();
    expect(seenInStorage).toBe(true);
    expect(queue.state.pending).toBe(0);
    expect(JSON.parse(storage.getItem(KEY)!).entries).toEqual([{ event: event(1), state: 'sent' }]);
  });

  it('keeps what could not be sent across a reload and sends it from the new page', async () => {
    const storage = memoryStorage();
    const server = fakeServer();
    const timers = manualTimers();
    server.state.down = true;
    const before = createEventQueue({ storage, key: KEY, send: server.send, timers });
    before.add(event(1));
    before.add(event(2, { kind: 'interaction', type: 'teacher-question' }));
    await before.flush();
    expect(before.state.pending).toBe(2);
    expect(before.state.problem?.code).toBe('network');
    before.stop(); // the page is reloaded
    expect(timers.due).toEqual([]);

    server.state.down = false;
    const after = createEventQueue({ storage, key: KEY, send: server.send, timers });
    expect(after.state.pending).toBe(2);
    expect(after.events().map((e) => e.id)).toEqual(['ev-1', 'ev-2']);
    await after.flush();
    expect(after.state.pending).toBe(0);
    expect([...server.stored.keys()]).toEqual(['ev-1', 'ev-2']);
  });

  it('retries with a doubling backoff up to a minute, and at once when the network comes back', async () => {
    const server = fakeServer();
    const timers = manualTimers();
    let online = () => {};
    const queue = createEventQueue({
      storage: memoryStorage(),
      key: KEY,
      send: server.send,
      timers,
      onOnline: (handler) => {
        online = handler;
        return () => {};
      },
    });
    server.state.down = true;
    queue.add(event(1));
    await queue.flush();
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) {
      delays.push(timers.due[0]?.ms);
      timers.fire();
      await queue.flush();
    }
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(queue.state.retryInMs).toBe(60_000);

    server.state.down = false;
    online();
    await queue.flush();
    expect(queue.state.pending).toBe(0);
    expect(timers.due).toEqual([]);
    expect(queue.state.problem).toBeNull();
  });

  it('a batch whose answer was lost is sent again and counted once; a double tap on one id is queued once', async () => {
    const server = fakeServer();
    let loseAnswer = true;
    const queue = createEventQueue({
      storage: memoryStorage(),
      key: KEY,
      timers: manualTimers(),
      send: async (events) => {
        const answer = await server.send(events);
        if (loseAnswer) {
          loseAnswer = false;
          throw new ApiProblem(0, 'network', '连不上备课服务。'); // the server stored them; the Wi-Fi dropped the reply
        }
        return answer;
      },
    });
    expect(queue.add(event(1))).toBe(true);
    expect(queue.add(event(1))).toBe(false);
    queue.add(event(2));
    await queue.flush();
    expect(queue.state.pending).toBe(2);
    await queue.flush();
    expect(queue.state.pending).toBe(0);
    expect(server.stored.size).toBe(2);
    expect(server.state.calls).toBe(2);
  });

  it('a refused event is set aside with the reason and does not block the rest; a 401 waits for her to sign in', async () => {
    const timers = manualTimers();
    const queue = createEventQueue({
      storage: memoryStorage(),
      key: KEY,
      timers,
      send: async (events) => ({
        results: events.map((e) =>
          e.id === 'ev-2'
            ? { id: e.id, status: 'rejected' as const, reason: '所授版本的教学过程中没有环节 S9' }
            : { id: e.id, status: 'stored' as const },
        ),
      }),
    });
    queue.add(event(1));
    queue.add(event(2, { kind: 'step-start', stepId: 'S9' }));
    await queue.flush();
    expect(queue.state.pending).toBe(0);
    expect(queue.rejected()).toMatchObject([{ state: 'rejected', reason: '所授版本的教学过程中没有环节 S9' }]);
    expect(queue.events().map((e) => e.id)).toEqual(['ev-1']);

    const signedOut = createEventQueue({
      storage: memoryStorage(),
      key: KEY,
      timers,
      send: async () => {
        throw new ApiProblem(401, 'unauthenticated', '登录已过期，请重新登录。');
      },
    });
    signedOut.add(event(3));
    await signedOut.flush();
    expect(signedOut.state.pending).toBe(1);
    expect(timers.due).toEqual([]);
  });

  it('says so when the tablet cannot store, and keeps an unreadable store aside instead of overwriting it', async () => {
    const storage = memoryStorage();
    storage.full = true;
    const queue = createEventQueue({ storage, key: KEY, send: fakeServer().send, timers: manualTimers() });
    queue.add(event(1));
    expect(queue.state.storageProblem).toContain('本机存储已满');

    const broken = memoryStorage();
    broken.data.set(KEY, '{not json');
    const fresh = createEventQueue({ storage: broken, key: KEY, send: fakeServer().send, timers: manualTimers() });
    expect(fresh.state.storageProblem).toContain('已另存备份');
    expect(broken.data.get(`${KEY}.unreadable`)).toBe('{not json');
  });

  it('turns a batch refused for some malformed events into those events rejected', async () => {
    const events = [event(1), { ...event(2), at: 'yesterday' } as ObservationEvent];
    vi.stubGlobal('fetch', async () =>
      Response.json(
        {
          error: {
            code: 'invalid-request',
            message: '请求内容不符合要求',
            details: [{ path: ['events', 1, 'at'], message: 'Invalid ISO datetime' }],
          },
        },
        { status: 400 },
      ),
    );
    expect(await sendEvents('obs1', events)).toEqual({
      results: [{ id: 'ev-2', status: 'rejected', reason: '格式不符：Invalid ISO datetime' }],
    });
    vi.stubGlobal('fetch', async () => Response.json({ error: { code: 'not-found', message: '观课记录不存在' } }, { status: 404 }));
    await expect(sendEvents('obs1', events)).rejects.toMatchObject({ status: 404, message: '观课记录不存在。' });
  });

  it('stamps events with the tablet’s own offset', () => {
    expect(tabletTime(T0)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(tabletTime(T0))).toBe(T0);
  });
});
