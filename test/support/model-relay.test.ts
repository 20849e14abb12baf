import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChatOpenAI } from '@langchain/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startModelRelay } from './model-relay.js';
import { startOpenAIServer } from './openai-server.js';
import { recordedResponder } from './recorded-answers.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relay-'));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function waitForFile(dir: string, suffix: string): Promise<string> {
  for (;;) {
    const hit = fs.readdirSync(dir).find((f) => f.endsWith(suffix));
    if (hit) return path.join(dir, hit);
    await sleep(20);
  }
}

describe('model relay', () => {
  it('writes the real client’s prompt to disk and returns the answer written for it', async () => {
    const dir = tmp();
    const relay = await startModelRelay({ dir, pollMs: 20 });
    closers.push(relay.close);
    const model = new ChatOpenAI({ model: 'relay', apiKey: 'sk-local', configuration: { baseURL: relay.url }, maxRetries: 0 });
    const structured = model.withStructuredOutput(z.object({ title: z.string() }), { name: 'lesson_title', method: 'jsonSchema' });
    const answer = structured.invoke([
      ['system', '你是备课助手。'],
      ['user', '给这节课起个课题。'],
    ]);
    const request = await waitForFile(dir, '.request.md');
    expect(path.basename(request)).toBe('001-lesson_title.request.md');
    const text = fs.readFileSync(request, 'utf8');
    expect(text).toContain('给这节课起个课题。');
    expect(text).toContain('"title"');
    fs.writeFileSync(request.replace('.request.md', '.answer.json'), JSON.stringify({ title: '长方形和正方形的周长' }));
    await expect(answer).resolves.toEqual({ title: '长方形和正方形的周长' });
  });
});

describe('recorded answers', () => {
  it('answers by schema name and fails loudly for a schema with no recording', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'recorded'));
    const provenance = { writtenBy: 'test', date: '2026-12-02', promptVersion: 'abc', method: 'jsonSchema', note: '' };
    fs.writeFileSync(path.join(dir, 'recorded', 'lesson_title.json'), JSON.stringify({ provenance, answer: { title: '几分之一' } }));
    const server = await startOpenAIServer({ respond: recordedResponder(dir) });
    closers.push(server.close);
    const model = new ChatOpenAI({ model: 'm', apiKey: 'sk-local', configuration: { baseURL: server.url }, maxRetries: 0 });
    const ask = (name: string) =>
      model.withStructuredOutput(z.object({ title: z.string() }), { name, method: 'jsonSchema' }).invoke([['user', '课题？']]);
    await expect(ask('lesson_title')).resolves.toEqual({ title: '几分之一' });
    await expect(ask('deck_spec')).rejects.toThrow(/no recorded answer for deck_spec/);
  });
});
