import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DownloadList from '../src/outputs/DownloadList.vue';
import { savedName } from '../src/outputs/saved-name.js';

describe('downloads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves under the server’s Chinese file name', () => {
    const header = `attachment; filename="deck.pptx"; filename*=UTF-8''${encodeURIComponent('长方形和正方形的周长-课件.pptx')}`;
    expect(savedName(header, 'deck.pptx')).toBe('长方形和正方形的周长-课件.pptx');
    expect(savedName('attachment; filename="plan.md"', 'x')).toBe('plan.md');
    expect(savedName(null, 'sheets.docx')).toBe('sheets.docx');
  });

  it('says in a sentence why a file cannot be downloaded yet, instead of showing the error body', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'not-generated', message: '还没有 deck.pptx，请先生成' } }, { status: 404 }),
    );
    const wrapper = mount(DownloadList, { props: { lessonId: 'l1', files: ['deck.pptx'] } });
    const link = wrapper.find('a[data-file="deck.pptx"]');
    expect(link.attributes('href')).toBe('/api/lessons/l1/export/deck.pptx');
    await link.trigger('click');
    await flushPromises();
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toBe('没有下载：还没有 deck.pptx，请先生成。');
  });
});
