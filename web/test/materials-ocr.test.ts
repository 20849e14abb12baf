import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestReport, Material } from '../src/api/client.js';
import { recognisedPages, recognitionProgress } from '../src/materials/ingest-report.js';
import MaterialCard from '../src/materials/MaterialCard.vue';
import { createMaterialsStore, POLL_MS } from '../src/materials/materials-store.js';

const processing = (status: 'recognising' | 'ready' | 'failed', pagesDone: number, error: Material['processing'] = null) =>
  ({ status, pagesDone, pagesTotal: 3, error: error?.error ?? null }) as NonNullable<Material['processing']>;

const material = (p: Material['processing']): Material => ({
  id: 'm1',
  lessonId: 'l1',
  name: '扫描-教材第82页.pdf',
  originalName: null,
  kind: 'textbook',
  sha256: 'abc',
  position: 0,
  videoUrl: null,
  videoTitle: null,
  videoDurationSec: null,
  createdAt: '2026-11-02T13:00:00.000Z',
  processing: p,
});

const REPORT: IngestReport = {
  format: 'pdf',
  encoding: null,
  pages: 3,
  pageUnit: 'page',
  characters: 1800,
  cues: null,
  durationSec: null,
  quality: [
    { page: 1, quality: 'good', chars: 700, note: null, ocrConfidence: 91 },
    { page: 2, quality: 'good', chars: 500, note: '文字识别置信度 52%，低于 60%，请核对', ocrConfidence: 52 },
    { page: 3, quality: 'good', chars: 600, note: null, ocrConfidence: 88 },
  ],
  warnings: [],
  processing: { status: 'ready', pagesDone: 3, pagesTotal: 3, error: null },
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('recognition of a scan, as the page says it', () => {
  it('names the page being read and each recognised page’s confidence, flagging the low ones', () => {
    expect(recognitionProgress({ pagesDone: 0, pagesTotal: 3 }).text).toBe('正在识别 第 1 / 3 页');
    expect(recognitionProgress({ pagesDone: 3, pagesTotal: 3 }).text).toBe('正在识别 第 3 / 3 页');
    expect(recognisedPages(REPORT)).toEqual([
      { page: 1, confidence: 91, low: false },
      { page: 2, confidence: 52, low: true },
      { page: 3, confidence: 88, low: false },
    ]);
  });

  it('asks how far OCR is while it runs, then reads the finished report once and stops asking', async () => {
    vi.useFakeTimers();
    const states = [processing('recognising', 0), processing('recognising', 2), processing('ready', 3)];
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const path = new URL(request.url).pathname;
      asked.push(path);
      if (path === '/api/lessons/l1/materials') return Response.json([material(states.shift() ?? processing('ready', 3))]);
      if (path === '/api/materials/m1/report') return Response.json(REPORT);
      return Response.json({ error: { code: 'no-run', message: '还没有生成' } }, { status: 404 });
    });
    const store = createMaterialsStore('l1');
    await store.load();
    expect(store.state.materials[0]!.processing).toMatchObject({ status: 'recognising', pagesDone: 0 });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.state.materials[0]!.processing).toMatchObject({ status: 'recognising', pagesDone: 2 });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.state.materials[0]!.processing?.status).toBe('ready');
    expect(store.state.recognised.m1?.quality[1]?.ocrConfidence).toBe(52);
    const reads = asked.filter((p) => p === '/api/lessons/l1/materials').length;
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(asked.filter((p) => p === '/api/lessons/l1/materials').length).toBe(reads);
    expect(asked.filter((p) => p === '/api/materials/m1/report')).toHaveLength(1);
    store.dispose();
  });

  it('shows the progress, then the confidence per page, and a failure as a sentence naming the file', async () => {
    const card = mount(MaterialCard, { props: { material: material(processing('recognising', 1)), upload: null } });
    expect(card.find('.status').text()).toContain('正在识别 第 2 / 3 页');
    expect(card.find('progress').attributes('value')).toBe('1');

    await card.setProps({ material: material(processing('ready', 3)), recognised: REPORT });
    expect(card.find('progress').exists()).toBe(false);
    expect(card.find('[data-page="2"]').text()).toBe('第 2 页 52%，请核对');
    expect(card.find('[data-page="2"]').classes()).toContain('low');
    expect(card.find('[role="note"]').text()).toContain('第 2 页识别可信度低于 60%');

    const failed = processing('failed', 1, { error: { problem: 'ocr-failed', detail: '文字识别出错（页面超时）；请稍后重试' } } as never);
    await card.setProps({ material: material(failed), recognised: null });
    expect(card.find('[role="alert"]').text()).toContain('“扫描-教材第82页.pdf”的文字识别失败：文字识别出错（页面超时）；请稍后重试');
  });
});
