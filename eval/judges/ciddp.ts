import { defineJudge } from './define.js';
import { planView } from './views.js';

/**
 * CIDDP (EduPlanner): clarity, integrity, depth, practicality, pertinence —
 * five separate scores. The published prompt merges two of them into one
 * field; here each is a required field of its own, so none can be folded
 * into another.
 */
export const ciddp = defineJudge({
  id: 'ciddp',
  title: 'CIDDP 五维评价',
  definition: '模型按清晰性、完整性、深度、可行性、针对性五个维度分别给教学设计打 1–5 分',
  artifact: 'plan',
  prompt: 'judge-ciddp',
  dimensions: [
    { key: 'clarity', title: '清晰性', weight: 0.2 },
    { key: 'integrity', title: '完整性', weight: 0.2 },
    { key: 'depth', title: '深度', weight: 0.2 },
    { key: 'practicality', title: '可行性', weight: 0.2 },
    { key: 'pertinence', title: '针对性', weight: 0.2 },
  ],
  threshold: 0.5,
  tolerance: 0.1,
  view: planView,
});
