import { clip } from '../../src/text/segment.js';
import { peerCount, planSentences, sharedWith } from '../core/peers.js';
import { defineScorer, type Finding } from './define.js';

/** Fewer other lessons than this and "appears in another lesson" says little. */
const MIN_PEERS = 2;
/** Findings listed per case: the first few shared sentences say enough. */
const SHOWN = 6;

/**
 * 套话比例 (boilerplate): the share of a plan's prose sentences that also
 * appear, word for word after normalisation, in another lesson's plan of the
 * same run; the score is one minus that share. A plan whose 学生活动 reads the
 * same in 几分之一 and in 古诗二首 was not written for either. Visible blanks
 * and sentences of the teacher's own material do not count (see `planSentences`).
 */
export const boilerplate = defineScorer({
  id: 'boilerplate',
  title: '套话比例',
  definition: '教学设计中的句子没有一句同时出现在其他课的教学设计里（得分 = 1 − 与其他课雷同的句子占比）',
  needs: ['T3'],
  appliesTo: (ctx) => ctx.peers !== null && peerCount(ctx.peers, ctx.evalCase.id) >= MIN_PEERS,
  targets: ['borrow-peer-sentences'],
  threshold: 0.9,
  tolerance: 0.03,
  strict: true,
  score: ({ results, evalCase, peers }) => {
    const own = planSentences(results.T3, results.T1);
    if (own.length === 0) return { score: null, findings: [] };
    const shared = own.map((s) => ({ s, with: sharedWith(peers!, s.key, evalCase.id) })).filter((x) => x.with.length > 0);
    const findings: Finding[] = shared.slice(0, SHOWN).map(({ s, with: others }) => ({
      field: s.field,
      message: `「${clip(s.text, 40)}」在另外 ${others.length} 课的教学设计里一字不差（如 ${others[0]}）`,
    }));
    if (shared.length > SHOWN) findings.push({ field: 'T3', message: `另有 ${shared.length - SHOWN} 句与其他课雷同` });
    if (shared.length > 0)
      findings.unshift({
        field: 'T3',
        message: `${own.length} 句中有 ${shared.length} 句（${Math.round((shared.length / own.length) * 100)}%）与其他课雷同`,
      });
    return { score: 1 - shared.length / own.length, findings };
  },
});
