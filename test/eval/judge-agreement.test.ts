import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvalArgs } from '../../eval/cli/args.js';
import { main } from '../../eval/cli/main.js';
import type { JudgeAnswer } from '../../eval/judges/define.js';
import { type AgreementFixture, agreementOf, readAgreementFixture, recordedDrafts, replayAgreement } from '../../eval/judges/recorded.js';
import { rubric } from '../../eval/judges/rubric.js';
import { type ChatRequest, localModelConfig, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { recordedJudgeResponder } from './judge-recorded.js';

const fixture: AgreementFixture = readAgreementFixture();
const drafts = recordedDrafts(fixture);
const recordedJudge = recordedJudgeResponder(fixture);

const constant = Object.fromEntries(rubric.dimensions.map((d) => [d.key, { justification: '大体可用。', score: 3 }]));

/** A judge that scores by coin toss (seeded, so the test is repeatable). */
function randomJudge(seed: number): (request: ChatRequest) => Reply {
  // mulberry32: small, well mixed, exact in 32-bit integer arithmetic.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => ({
    json: Object.fromEntries(rubric.dimensions.map((d) => [d.key, { justification: '随机。', score: 1 + Math.floor(next() * 5) }])),
  });
}

/** The weighted 0–1 total of one answer, computed here independently of the runner. */
function total(answer: JudgeAnswer): number {
  const weights: Record<string, number> = { objectives: 0.25, learners: 0.15, process: 0.4, assessment: 0.2 };
  return Object.entries(weights).reduce((sum, [key, weight]) => sum + weight * ((answer[key]!.score - 1) / 4), 0);
}

let server: OpenAIServer;
let respond: (request: ChatRequest) => Reply = recordedJudge;
beforeAll(async () => {
  server = await startOpenAIServer({ respond: (request) => respond(request) });
});
afterAll(async () => {
  await server.close();
});
const model = () => ({ config: localModelConfig(server.url, { model: 'recorded-judge', temperature: 0 }), cache: null });

describe('the rubric judge’s recorded agreement with the mutation pairs', () => {
  it('was recorded for today’s rubric prompt, blind: the judge’s messages name no case and no mutation', () => {
    expect(fixture.promptVersion, 'the rubric prompt changed since the answers were written: re-record them').toBe(rubric.prompt.version);
    expect(fixture.provenance).toMatch(/helper agent \(Claude.*not a vendor model/s);
    expect(drafts).toHaveLength(fixture.cases.length * (fixture.mutations.length + 1));
    expect(drafts.every((d) => d.answer !== null)).toBe(true);
    const labels = [...fixture.cases, ...fixture.mutations];
    for (const draft of drafts) {
      const user = Object.values(draft.view).join('\n');
      expect(labels.filter((label) => user.includes(label))).toEqual([]);
    }
  });

  it('replays every answer through ChatOpenAI and measures the agreement the answers imply', async () => {
    respond = recordedJudge;
    const before = server.requests.length;
    const { totals, agreement, errors } = await replayAgreement(rubric, fixture, model());
    expect(errors).toEqual([]);
    expect(server.requests.length - before).toBe(drafts.length);
    expect(server.requests.slice(before).every((r) => r.schemaName === 'judge_rubric')).toBe(true);

    // Independently of the runner: each pair's totals from the fixture's own scores.
    const expected = new Map(drafts.map((d) => [d.key, total(d.answer!)]));
    for (const [key, value] of totals) expect(value, key).toBeCloseTo(expected.get(key)!, 10);
    expect(agreement).toEqual(agreementOf(drafts, expected));

    // The figure eval/README.md reports: 36 of 48 pairs scored lower.
    expect(agreement.pairs).toBe(48);
    expect(agreement.share).toBe(0.75);
    const lowered = Object.fromEntries(agreement.byMutation.map((c) => [c.mutation, `${c.lowered}/${c.pairs}`]));
    expect(lowered).toEqual({
      'swap-subject': '4/4',
      'remove-sheets': '4/4',
      'vague-objectives': '4/4',
      'borrow-peer-sentences': '4/4',
      'strip-material-text': '4/4',
      'referral-keys': '4/4',
      'generic-check-items': '4/4',
      'restate-objectives': '4/4',
      'delete-key-points': '0/4',
      'shuffle-process': '4/4',
      'break-minutes': '0/4',
      'drop-objective-check': '0/4',
    });
    // Every disagreement is a tie (never a degraded draft scored higher).
    expect(agreement.byMutation.reduce((sum, c) => sum + c.raised, 0)).toBe(0);
  }, 60_000);

  it('gives a judge that answers the same whatever it reads, or at random, a lower agreement', async () => {
    respond = () => ({ json: constant });
    const flat = await replayAgreement(rubric, fixture, model());
    expect(flat.agreement.share).toBe(0);

    // A coin-tossing judge through the same client: it scores some degraded drafts higher, which the recorded judge never does.
    respond = randomJudge(7);
    const coin = await replayAgreement(rubric, fixture, model());
    expect(coin.errors).toEqual([]);
    expect(coin.agreement.byMutation.reduce((sum, c) => sum + c.raised, 0)).toBeGreaterThan(0);

    // Its agreement varies a lot: the 48 pairs share 4 originals. Over 2,000 coin-tossing judges (no HTTP needed):
    const shares = Array.from({ length: 2000 }, (_, seed) => {
      const toss = randomJudge(seed + 1);
      const totals = new Map(drafts.map((d) => [d.key, total((toss({} as ChatRequest) as { json: JudgeAnswer }).json)]));
      return agreementOf(drafts, totals).share!;
    }).sort((a, b) => a - b);
    const mean = shares.reduce((sum, x) => sum + x, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
    // The recorded 0.75 sits at about the coin's 95th percentile: the headline share alone is weak evidence at this n (see eval/README.md).
    expect(shares[Math.floor(shares.length * 0.9)]).toBeLessThan(0.75);
  }, 60_000);
});

describe('choosing judges: --judges', () => {
  it('takes ids, comma-separated or repeated, and implies --judge', () => {
    expect(parseEvalArgs(['--judges', 'rubric,ciddp', '--judges', 'ppteval'])).toMatchObject({
      judge: true,
      judges: ['rubric', 'ciddp', 'ppteval'],
    });
    expect(parseEvalArgs([])).toMatchObject({ judge: false, judges: [] });
  });

  it('refuses an unknown judge with a Chinese message naming it (exit 2)', async () => {
    const lines: string[] = [];
    const io = {
      out: (t: string) => lines.push(t),
      err: (t: string) => lines.push(t),
      env: { JUDGE_BASE_URL: server.url, JUDGE_MODEL: 'm' },
    };
    expect(await main(['--cases', 'demo-shuxue-g3-zhouchang', '--judges', 'rubrik'], io)).toBe(2);
    expect(lines.join('\n')).toContain('没有这个评审：rubrik（可选：ciddp、rubric、ppteval）');
  }, 60_000);
});
