import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { REVIEW, type ReviewContext, type ReviewState } from '../src/review/review-store.js';
import ThreadCard from '../src/review/ThreadCard.vue';
import {
  type Comment,
  commentOffers,
  openAt,
  type Thread,
  threadOffers,
  threadStatus,
  threadsByPart,
  type Viewer,
  withChange,
  withEdit,
  without,
  withReply,
  withThread,
} from '../src/review/thread-state.js';

function comment(over: Partial<Comment>): Comment {
  return {
    id: 'c1',
    lessonId: 'l1',
    versionId: 'v2',
    versionNumber: 2,
    parentId: null,
    authorId: 'li',
    authorName: '李老师',
    anchor: { part: 'step', id: 'S2', field: 'intent' },
    quote: '以学定教，暴露学生的前概念。',
    body: '设计意图要写出学生能做到什么',
    suggestion: null,
    status: 'open',
    suggestionStatus: null,
    appliedVersionId: null,
    decidedBy: null,
    decidedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: '2026-12-02T12:00:00.000Z',
    editedAt: null,
    ...over,
  };
}
const thread = (over: Partial<Comment> = {}, replies: Comment[] = []): Thread => ({ ...comment(over), replies });
const suggestion = thread({ suggestion: '让学生在描一描、量一量中说出周长的含义。', suggestionStatus: 'pending' });

const lead: Viewer = { userId: 'zhang', role: 'lead', leadsGroup: true };
const author: Viewer = { userId: 'li', role: 'teacher', leadsGroup: false };
const colleague: Viewer = { userId: 'zhao', role: 'teacher', leadsGroup: false };
const observer: Viewer = { userId: 'chen', role: 'observer', leadsGroup: false };
/** The lesson's 主备 who does not lead its group: she may not delete colleagues' comments. */
const owner: Viewer = { userId: 'wang', role: 'owner', leadsGroup: false };

describe('what each person may do with a thread', () => {
  it('the lead decides a pending suggestion; its author and colleagues may only reply; an observer only reads', () => {
    expect(threadOffers(suggestion, lead, null)).toMatchObject({
      accept: { shown: true, why: null },
      reject: { shown: true },
      reply: { shown: true },
      // A pending suggestion is settled by deciding it, not by resolving the thread.
      resolve: { shown: false },
    });
    for (const viewer of [author, colleague]) {
      expect(threadOffers(suggestion, viewer, null)).toMatchObject({
        accept: { shown: false },
        reject: { shown: false },
        reply: { shown: true },
      });
    }
    expect(Object.values(threadOffers(suggestion, observer, null)).every((offer) => !offer.shown)).toBe(true);
  });

  it('accepting waits while the plan cannot take a version, and says why; rejecting does not', () => {
    const offers = threadOffers(suggestion, lead, '终案已锁定，不能再采纳建议');
    expect(offers.accept).toEqual({ shown: true, why: '终案已锁定，不能再采纳建议' });
    expect(offers.reject).toEqual({ shown: true, why: null });
  });

  it('a plain comment is resolved by its author or the lead, not by a colleague, and reopened the same way', () => {
    const open = thread();
    expect([lead, author, colleague].map((v) => threadOffers(open, v, null).resolve.shown)).toEqual([true, true, false]);
    const resolved = thread({ status: 'resolved', resolvedBy: 'li' });
    expect([lead, author, colleague].map((v) => threadOffers(resolved, v, null).reopen.shown)).toEqual([true, true, false]);
    expect(threadOffers(resolved, author, null).resolve.shown).toBe(false);
  });
});

describe('where a thread stands', () => {
  const numberOf = (id: string) => (id === 'v3' ? 3 : null);
  it('in words, with the version an accepted suggestion made', () => {
    expect(threadStatus(suggestion, numberOf)).toEqual({ text: '修改建议待主备处理', tone: 'warn' });
    expect(threadStatus(thread({ suggestionStatus: 'accepted', appliedVersionId: 'v3', status: 'resolved' }), numberOf).text).toBe(
      '建议已采纳（第 3 版）',
    );
    expect(threadStatus(thread({ suggestionStatus: 'rejected', status: 'resolved' }), numberOf).text).toBe('建议未采纳');
    expect(threadStatus(thread({ suggestionStatus: 'rejected', status: 'open' }), numberOf).text).toBe('建议未采纳，已重新打开');
    expect(threadStatus(thread(), numberOf).text).toBe('讨论中');
    expect(threadStatus(thread({ status: 'resolved' }), numberOf).text).toBe('已解决');
  });
});

describe('the thread list after each answer of the API', () => {
  const first = thread({ id: 't1' });
  const second = thread({ id: 't2', anchor: { part: 'objective', id: 'O1' }, versionNumber: 3 });
  const reply = comment({ id: 'r1', parentId: 't1', anchor: null, quote: null, body: '同意', authorId: 'zhao', authorName: '赵老师' });

  it('a new thread goes last; a reply joins its thread once, even if the answer comes twice', () => {
    const list = withReply(withReply(withThread([first], second), reply), reply);
    expect(list.map((t) => [t.id, t.replies.map((r) => r.body)])).toEqual([
      ['t1', ['同意']],
      ['t2', []],
    ]);
  });

  it('a resolved, reopened or decided comment replaces its thread and keeps the replies', () => {
    const list = withChange(withReply([first, second], reply), comment({ id: 't1', status: 'resolved', resolvedBy: 'zhang' }));
    expect(list[0]).toMatchObject({ id: 't1', status: 'resolved', replies: [{ id: 'r1' }] });
    expect(list[1]).toBe(second);
  });

  it('groups threads by the part they anchor to, whatever the field, and counts what is open at a version', () => {
    const onTeacher = thread({ id: 't3', anchor: { part: 'step', id: 'S2', field: 'teacherActivity' }, status: 'resolved' });
    const byPart = threadsByPart([first, second, onTeacher]);
    expect(byPart.get('step:S2')!.map((t) => t.id)).toEqual(['t1', 't3']);
    expect(byPart.get('objective:O1')!.map((t) => t.id)).toEqual(['t2']);
    expect(openAt([first, second, onTeacher], 2).map((t) => t.id)).toEqual(['t1']);
    expect(openAt([first, second, onTeacher], 3).map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('editing and deleting a comment', () => {
  const reply = comment({ id: 'r1', parentId: 'c1', authorId: 'zhao', authorName: '赵老师', anchor: null, quote: null, body: '同意' });
  const answered = thread({}, [reply]);

  it('only its author edits it, until the lead has decided its suggestion', () => {
    expect(commentOffers(answered, answered.replies, author).edit.shown).toBe(true);
    for (const viewer of [lead, colleague, owner, observer])
      expect(commentOffers(answered, answered.replies, viewer).edit.shown).toBe(false);
    expect(commentOffers(thread({ suggestionStatus: 'rejected', suggestion: '…' }), [], author).edit.shown).toBe(false);
    expect(commentOffers(reply, [], colleague).edit.shown).toBe(true);
  });

  it('its author deletes it while no one else replied; the group’s lead always; an accepted suggestion never', () => {
    expect(commentOffers(thread(), [], author).remove).toEqual({ shown: true, why: null });
    expect(commentOffers(answered, answered.replies, author).remove).toEqual({
      shown: true,
      why: '已有其他老师回复，不能删除；可以修改您的评论，或请组长删除。',
    });
    expect(commentOffers(answered, answered.replies, lead).remove).toEqual({ shown: true, why: null });
    expect(commentOffers(reply, [], colleague).remove.shown).toBe(true);
    for (const viewer of [owner, colleague, observer]) expect(commentOffers(answered, answered.replies, viewer).remove.shown).toBe(false);
    const accepted = thread({ suggestion: '…', suggestionStatus: 'accepted' });
    expect(commentOffers(accepted, [], lead).remove.shown).toBe(false);
    expect(commentOffers(accepted, [], author).remove.shown).toBe(false);
  });

  it('puts an edit in its place and takes a deleted comment out, a thread with its replies', () => {
    const edited = { ...reply, body: '同意，再短一点', editedAt: '2026-12-02T13:00:00.000Z' };
    expect(withEdit([answered], edited)[0]!.replies[0]!.body).toBe('同意，再短一点');
    expect(withEdit([answered], { ...answered, body: '改过了' })[0]).toMatchObject({ body: '改过了', replies: [reply] });
    expect(without([answered], 'r1')[0]!.replies).toEqual([]);
    expect(without([answered, thread({ id: 't2' })], 'c1').map((t) => t.id)).toEqual(['t2']);
  });
});

describe('a thread on the screen', () => {
  function mountThread(value: Thread, viewer: Viewer, locked: string | null) {
    const state = reactive<ReviewState>({
      loaded: true,
      problem: null,
      versions: [],
      newest: null,
      deck: null,
      threads: [value],
      revisions: [],
      run: null,
    });
    const store = {
      state,
      accept: vi.fn(async () => {}),
      reject: vi.fn(async () => {}),
      reply: vi.fn(async () => {}),
      edit: vi.fn(async () => {}),
      remove: vi.fn(async () => {}),
    };
    const review = { store, viewer, locked: () => locked } as unknown as ReviewContext;
    const wrapper = mount(ThreadCard, {
      props: { thread: value, fieldLabel: '设计意图' },
      global: { provide: { [REVIEW as symbol]: review } },
    });
    return { wrapper, store };
  }
  const button = (wrapper: ReturnType<typeof mount>, text: string) => wrapper.findAll('button').find((b) => b.text().startsWith(text));

  it('shows who wrote it, the text it replaces and the suggestion; the lead accepts it', async () => {
    const { wrapper, store } = mountThread(suggestion, lead, null);
    expect(wrapper.text()).toContain('李老师');
    expect(wrapper.text()).toContain('第 2 版 · 设计意图');
    expect(wrapper.find('.was').text()).toBe('原文以学定教，暴露学生的前概念。');
    expect(wrapper.find('.now').text()).toBe('建议改为让学生在描一描、量一量中说出周长的含义。');
    await button(wrapper, '采纳建议')!.trigger('click');
    await flushPromises();
    expect(store.accept).toHaveBeenCalledWith('c1');
  });

  it('greys out accepting with the reason while the plan is locked; a colleague sees only that the lead decides', () => {
    const locked = mountThread(suggestion, lead, '终案已锁定，不能再采纳建议；如需修改，请先“开始新一轮”。').wrapper;
    expect(button(locked, '采纳建议')!.attributes('disabled')).toBeDefined();
    expect(locked.find('.hint').text()).toContain('终案已锁定');
    const asColleague = mountThread(suggestion, colleague, null).wrapper;
    expect(button(asColleague, '采纳建议')).toBeUndefined();
    expect(asColleague.text()).toContain('等待主备决定是否采纳');
  });

  it('shows a refusal from the service as its sentence, never as JSON', async () => {
    const { wrapper, store } = mountThread(suggestion, lead, null);
    const { ApiProblem } = await import('../src/api/problem.js');
    store.accept.mockRejectedValueOnce(new ApiProblem(403, 'forbidden', '只有本课的主备或组长可以采纳修改建议。'));
    await button(wrapper, '采纳建议')!.trigger('click');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain('只有本课的主备或组长可以采纳修改建议。');
    expect(wrapper.text()).not.toContain('{');
  });
  it('lets its author edit her words and suggestion in place, and marks an edited comment', async () => {
    const { wrapper, store } = mountThread(suggestion, author, null);
    expect(button(wrapper, '删除')).toBeDefined();
    await button(wrapper, '修改')!.trigger('click');
    await wrapper.get('textarea').setValue('  ');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('textarea').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('.field-error').text()).toBe('请写下您的意见');
    expect(store.edit).not.toHaveBeenCalled();
    const [words, suggested] = wrapper.findAll('textarea');
    await words!.setValue('设计意图要写出学生的表现');
    await suggested!.setValue('学生能说出周长的含义。');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(store.edit).toHaveBeenCalledWith('c1', '设计意图要写出学生的表现', '学生能说出周长的含义。');
    expect(wrapper.find('form').exists()).toBe(false);

    const edited = mountThread(thread({ editedAt: '2026-12-02T13:00:00.000Z' }), colleague, null).wrapper;
    expect(edited.get('[data-testid="edited"]').text()).toBe('已修改');
    expect(button(edited, '修改')).toBeUndefined();
  });

  it('deletes after she confirms, saying the replies go too; her thread others answered says why it stays', async () => {
    const reply = comment({ id: 'r1', parentId: 'c1', authorId: 'zhao', authorName: '赵老师', anchor: null, body: '同意' });
    const asked: string[] = [];
    vi.stubGlobal('confirm', (message: string) => asked.push(message) > 1);
    const { wrapper, store } = mountThread(thread({}, [reply]), lead, null);
    const remove = () => wrapper.find('button[aria-label="删除李老师的评论"]');
    await remove().trigger('click');
    expect(store.remove).not.toHaveBeenCalled();
    await remove().trigger('click');
    await flushPromises();
    expect(asked).toEqual(['删除这条讨论和它的 1 条回复吗？删除后不能恢复。', '删除这条讨论和它的 1 条回复吗？删除后不能恢复。']);
    expect(store.remove).toHaveBeenCalledWith('c1');
    vi.unstubAllGlobals();

    const mine = mountThread(thread({}, [reply]), author, null).wrapper;
    const stays = mine.get('button[aria-label="删除李老师的评论"]');
    expect(stays.attributes('disabled')).toBeDefined();
    expect(mine.get(`#${stays.attributes('aria-describedby')}`).text()).toContain('已有其他老师回复');
  });
});
