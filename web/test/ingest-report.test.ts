import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { IngestReport } from '../src/api/client.js';
import { ApiProblem } from '../src/api/problem.js';
import IngestSummary from '../src/materials/IngestSummary.vue';
import { problemPages, reportSummary } from '../src/materials/ingest-report.js';
import MaterialCard from '../src/materials/MaterialCard.vue';
import type { Upload } from '../src/materials/materials-store.js';

const pdf: IngestReport = {
  format: 'pdf',
  encoding: null,
  pages: 4,
  characters: 2345,
  cues: null,
  durationSec: null,
  pageUnit: 'page',
  quality: [
    { page: 1, quality: 'good', chars: 800, note: null, ocrConfidence: null },
    { page: 2, quality: 'good', chars: 900, note: null, ocrConfidence: null },
    { page: 3, quality: 'garbled', chars: 300, note: '标点和数字变成了 !"#', ocrConfidence: null },
    { page: 4, quality: 'good', chars: 345, note: null, ocrConfidence: null },
  ],
  warnings: ['第 3 页文字层是乱码，已跳过'],
  processing: null,
};

describe('ingest report in plain Chinese', () => {
  it('says pages, characters and which pages were skipped and why', () => {
    expect(reportSummary(pdf)).toBe('PDF，4 页，约 2,345 字；3 页文字清楚，1 页读不出文字已跳过（见下方）。');
    expect(problemPages(pdf)).toEqual(['第 3 页：乱码，已跳过（标点和数字变成了 !"#）']);
  });

  it('describes subtitles by cues, encoding and length', () => {
    const srt: IngestReport = {
      ...pdf,
      format: 'srt',
      encoding: 'gbk',
      pages: null,
      characters: 4100,
      cues: 180,
      durationSec: 736,
      quality: [],
      warnings: [],
    };
    expect(reportSummary(srt)).toBe('SRT 字幕（GBK 编码），180 条字幕，约 4,100 字，时长 12:16。');
  });

  it('shows a strip of pages with the bad ones marked, readable by a screen reader', () => {
    const wrapper = mount(IngestSummary, { props: { report: pdf } });
    const pages = wrapper.findAll('.pages li');
    expect(pages).toHaveLength(4);
    expect(pages[2]!.classes()).toContain('garbled');
    expect(pages[2]!.text()).toContain('第 3 页：乱码，已跳过');
    expect(wrapper.find('.warnings').text()).toContain('第 3 页文字层是乱码');
  });
});

describe('MaterialCard', () => {
  const upload = (over: Partial<Upload>): Upload => ({
    key: 1,
    file: new File(['%PDF-1.4'], '扫描教材.pdf', { type: 'application/pdf' }),
    fields: { kind: 'auto' },
    state: 'waiting',
    sent: 0,
    material: null,
    report: null,
    problem: null,
    ...over,
  });

  it('shows a refused file with the reason and what to do (scanned PDF → 文字识别)', () => {
    const problem = new ApiProblem(422, 'scanned', '扫描教材.pdf: 这是扫描版 PDF，没有可提取的文字。');
    const wrapper = mount(MaterialCard, { props: { material: null, upload: upload({ state: 'refused', problem }) } });
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('没有收下这个文件：扫描教材.pdf: 这是扫描版 PDF');
    expect(alert.text()).toContain('怎么办：');
    expect(alert.text()).toContain('文字识别（OCR）');
    expect(wrapper.find('button').text()).toBe('移除');
  });

  it('shows upload progress as a labelled progress bar', () => {
    const wrapper = mount(MaterialCard, { props: { material: null, upload: upload({ state: 'sending', sent: 0.42 }) } });
    expect(wrapper.find('progress').attributes('value')).toBe('42');
    expect(wrapper.find('progress').attributes('aria-label')).toBe('扫描教材.pdf 上传进度');
    expect(wrapper.text()).toContain('正在上传 42%');
  });

  it('offers the video address and title beside a stored subtitle file, and checks the address', async () => {
    const material = {
      id: 'm1',
      lessonId: 'l1',
      name: '同步课堂.srt',
      kind: 'transcript',
      sha256: 'x',
      position: 1,
      videoUrl: null,
      videoTitle: '同步课堂',
      videoDurationSec: null,
      createdAt: new Date().toISOString(),
      originalName: null,
      processing: null,
    };
    const wrapper = mount(MaterialCard, {
      props: { material, upload: upload({ state: 'stored', material, fields: { kind: 'transcript', videoTitle: '同步课堂' } }) },
    });
    expect(wrapper.find('.badge').text()).toBe('视频字幕');
    const url = wrapper.find('input[id$="-url"]');
    await url.setValue('basic.smartedu.cn/x');
    expect(wrapper.find('.field-error').text()).toContain('不是一个完整的网址');
    await url.setValue('https://basic.smartedu.cn/syncClassroom/x');
    const save = wrapper.findAll('button').find((b) => b.text() === '保存视频信息')!;
    await save.trigger('click');
    expect(wrapper.emitted('resend')).toEqual([[{ videoUrl: 'https://basic.smartedu.cn/syncClassroom/x', videoTitle: '同步课堂' }]]);
  });
});
