import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../src/router.js';
import { loadSession } from '../src/session/session.js';
import StandardPage from '../src/standards/StandardPage.vue';
import StandardsPage from '../src/standards/StandardsPage.vue';
import { groupStandards, itemsText, removalConsequences, type SchoolStandard } from '../src/standards/standards-library.js';

const ADMIN = { id: 'a1', username: 'admin', displayName: '刘校长', admin: true, disabled: false, createdAt: '2026-01-01T00:00:00Z' };
const TEACHER = { id: 'u1', username: 'wang.li', displayName: '王丽', admin: false, disabled: false, createdAt: '2026-01-02T00:00:00Z' };
const READY = { status: 'ready' as const, pagesDone: 0, pagesTotal: 0, error: null };

function standard(name: string, subject: string, stage: SchoolStandard['stage'], extra: Partial<SchoolStandard> = {}): SchoolStandard {
  return {
    id: name,
    name,
    subject,
    stage,
    items: 12,
    sha256: 'ab',
    addedBy: 'a1',
    createdAt: '2026-01-05T08:00:00Z',
    processing: READY,
    ...extra,
  };
}
const LIST = [
  standard('普通高中语文课程标准.pdf', '语文', '高中', { items: 352 }),
  standard('义务教育数学课程标准.pdf', '数学', '义务教育'),
  standard('义务教育语文课程标准.pdf', '语文', '义务教育', {
    items: null,
    processing: { status: 'recognising', pagesDone: 2, pagesTotal: 60, error: null },
  }),
];
const DETAIL = {
  ...LIST[1]!,
  id: 's1',
  pageUnit: 'page' as const,
  citedBy: 2,
  entries: [
    { index: 1, part: 'other', partLabel: '其他', path: ['前言'], stage: null, page: 1, text: '义务教育课程标准以马克思列宁主义为指导。' },
    {
      index: 2,
      part: 'content',
      partLabel: '内容要求',
      path: ['三、课程内容', '主题一 数与运算'],
      stage: '第二学段（3～4年级）',
      page: 23,
      text: '在具体情境中，初步认识分数，能读写简单的分数。',
    },
    {
      index: 3,
      part: 'achievement',
      partLabel: '学业要求',
      path: ['三、课程内容'],
      stage: null,
      page: 24,
      text: '能用分数表示把一个物体平均分成几份中的一份。',
    },
  ],
};

type Answer = (request: Request) => Response;
function fakeService(answers: Record<string, Answer>) {
  const seen: { method: string; path: string }[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path });
    const answer = answers[`${request.method} ${path}`];
    return answer ? answer(request) : Response.json({ error: { code: 'not-found', message: `没有 ${path}` } }, { status: 404 });
  });
  return seen;
}

async function mountAt(path: string, component: unknown, answers: Record<string, Answer>, user = ADMIN) {
  const seen = fakeService({
    'GET /api/auth/session': () => Response.json({ user, groups: [], csrfToken: 'csrf-1', expiresAt: null }),
    ...answers,
  });
  await loadSession();
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(component as never, {
    props: router.currentRoute.value.params as never,
    global: { plugins: [router] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, seen, router };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('课标库 helpers', () => {
  it('groups by subject (newest first) and 学段 in school order, and says how far a scan is', () => {
    expect(groupStandards(LIST).map((g) => `${g.subject}·${g.stage}:${g.standards.length}`)).toEqual([
      '语文·义务教育:1',
      '语文·高中:1',
      '数学·义务教育:1',
    ]);
    expect(itemsText(LIST[0]!)).toBe('352 条');
    expect(itemsText(LIST[2]!)).toBe('正在识别 第 3 / 60 页');
  });

  it('says what removing a standard does to the lessons that cite it', () => {
    const [cited, later] = removalConsequences({ citedBy: 2, subject: '数学', stage: '义务教育' });
    expect(cited).toContain('有 2 节课的教学设计引用了这份课标');
    expect(cited).toContain('保持不变');
    expect(later).toContain('之后生成数学（义务教育）的课时');
    expect(removalConsequences({ citedBy: 0, subject: '数学', stage: '义务教育' })[0]).toBe('目前没有教学设计引用这份课标。');
  });
});

describe('课标库 page', () => {
  it('lists the library by subject and 学段 with item counts; the admin gets the upload form', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { wrapper, seen } = await mountAt('/standards', StandardsPage, { 'GET /api/standards': () => Response.json(LIST) });
    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual(['添加课标', '语文 · 义务教育', '语文 · 高中', '数学 · 义务教育']);
    expect(wrapper.find('[data-standard="义务教育语文课程标准.pdf"]').text()).toContain('正在识别 第 3 / 60 页');
    expect(wrapper.find('[data-standard="普通高中语文课程标准.pdf"]').text()).toContain('352 条');
    expect(wrapper.find('label[for="standard-files"]').text()).toBe('选择课标文件…');
    // A scan is being recognised: the list is read again until it is done.
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.filter((s) => s.path === '/api/standards')).toHaveLength(2);
    wrapper.unmount();
  });

  it('asks for the subject and 学段 before taking a file', async () => {
    const { wrapper, seen } = await mountAt('/standards', StandardsPage, { 'GET /api/standards': () => Response.json([]) });
    const input = wrapper.find('#standard-files');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], '课标.pdf')] });
    await input.trigger('change');
    expect(wrapper.find('#standard-subject-error').text()).toBe('请先选择或填写学科');
    expect(wrapper.find('#standard-stage-error').text()).toBe('请先选择学段');
    expect(seen.some((s) => s.method === 'POST')).toBe(false);
  });

  it('a teacher reads the list without the upload form, told who maintains it', async () => {
    const { wrapper } = await mountAt('/standards', StandardsPage, { 'GET /api/standards': () => Response.json(LIST) }, TEACHER);
    expect(wrapper.find('#standard-files').exists()).toBe(false);
    expect(wrapper.find('[role="note"]').text()).toContain('由学校的管理员维护');
  });

  it('shows an error from the service as a sentence', async () => {
    const { wrapper } = await mountAt('/standards', StandardsPage, {
      'GET /api/standards': () => Response.json({ error: { code: 'internal', message: '数据库暂时不可用' } }, { status: 503 }),
    });
    expect(wrapper.find('[role="alert"]').text()).toContain('课标库没有加载出来：数据库暂时不可用。');
  });
});

describe('one standard’s 条目', () => {
  it('lists the entries by part with headings, 学段 and page; the preface apart; a search narrows them', async () => {
    const { wrapper } = await mountAt('/standards/s1', StandardPage, { 'GET /api/standards/s1': () => Response.json(DETAIL) }, TEACHER);
    expect(wrapper.find('h1').text()).toBe('义务教育数学课程标准.pdf');
    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual(['内容要求（1 条）', '学业要求（1 条）']);
    const content = wrapper.find('[data-part="content"]');
    expect(content.text()).toContain('三、课程内容 › 主题一 数与运算');
    expect(content.text()).toContain('第二学段（3～4年级）');
    expect(content.text()).toContain('第 23 页');
    expect(wrapper.find('details summary').text()).toContain('1 段');
    // A teacher cannot remove it.
    expect(wrapper.find('#remove-heading').exists()).toBe(false);
    await wrapper.find('#entry-search').setValue('分数表示');
    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual(['学业要求（1 条）']);
    expect(wrapper.find('.search [role="status"]').text()).toBe('找到 1 条');
  });

  it('the admin removes it after reading what happens to the lessons citing it', async () => {
    const { wrapper, seen, router } = await mountAt('/standards/s1', StandardPage, {
      'GET /api/standards/s1': () => Response.json(DETAIL),
      'DELETE /api/standards/s1': () => new Response(null, { status: 204 }),
    });
    await wrapper.find('button.danger').trigger('click');
    const confirm = wrapper.find('.confirm');
    expect(confirm.text()).toContain('有 2 节课的教学设计引用了这份课标');
    expect(seen.some((s) => s.method === 'DELETE')).toBe(false);
    await confirm
      .findAll('button')
      .find((b) => b.text() === '确认删除')!
      .trigger('click');
    await flushPromises();
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual(['/api/standards/s1']);
    expect(router.currentRoute.value.fullPath).toBe(`/standards?removed=${encodeURIComponent('义务教育数学课程标准.pdf')}`);
  });
});
