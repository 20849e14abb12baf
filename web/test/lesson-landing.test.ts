import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { Lesson } from '../src/api/client.js';
import LessonLanding from '../src/lessons/LessonLanding.vue';
import { landingTab } from '../src/lessons/landing.js';
import { LESSON, type LessonContext } from '../src/lessons/lesson-context.js';
import { localDay } from '../src/ui/format.js';

describe('the tab a lesson opens on', () => {
  const today = '2026-03-12';
  it('is 观课 for an observer, and for a colleague on a day the lesson is being taught; 材料 otherwise and for the owner', () => {
    expect(landingTab('observer', [], today)).toBe('observe');
    expect(landingTab('teacher', [{ taughtOn: today }], today)).toBe('observe');
    expect(landingTab('lead', [{ taughtOn: today }], today)).toBe('observe');
    expect(landingTab('teacher', [{ taughtOn: '2026-03-11' }], today)).toBe('materials');
    expect(landingTab('owner', [{ taughtOn: today }], today)).toBe('materials');
  });

  it('is the device’s own day', () => {
    expect(localDay(new Date(2026, 2, 9, 23, 30))).toBe('2026-03-09');
  });
});

describe('opening a lesson with no tab in its address', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function open(role: Lesson['role'], observations: { taughtOn: string }[]) {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      asked.push(new URL(request.url).pathname);
      return Response.json(observations);
    });
    const tab = (name: string) => ({ path: `/lessons/:id/${name}`, name, component: { render: () => h('p', name) } });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/lessons/:id', name: 'lesson', component: LessonLanding }, tab('materials'), tab('observe')],
    });
    const ctx = reactive({ lessonId: 'l1', lesson: { id: 'l1', role } as Lesson, ready: Promise.resolve() }) as unknown as LessonContext;
    await router.push('/lessons/l1');
    mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router], provide: { [LESSON as symbol]: ctx } } });
    await flushPromises();
    return { path: router.currentRoute.value.fullPath, asked };
  }

  it('sends an observer to 观课 without asking the service anything more', async () => {
    expect(await open('observer', [])).toEqual({ path: '/lessons/l1/observe', asked: [] });
  });

  it('sends a teacher to 观课 when a class is observed today, else to 材料', async () => {
    expect((await open('teacher', [{ taughtOn: localDay() }])).path).toBe('/lessons/l1/observe');
    const other = await open('teacher', [{ taughtOn: '2020-01-01' }]);
    expect(other).toEqual({ path: '/lessons/l1/materials', asked: ['/api/lessons/l1/observations'] });
  });
});
