import { defineJudge } from './define.js';
import { deckView } from './views.js';

/**
 * PPTEval (PPTAgent): content, design, coherence, 1–5. The original judges
 * rendered slide images for design; this one reads the slides' XML (layout,
 * drawn sizes, words, notes), which catches crowded or tiny text but not
 * colour or picture choices.
 */
export const ppteval = defineJudge({
  id: 'ppteval',
  title: 'PPTEval 课件评价',
  definition: '模型按内容、设计、连贯三个维度给课件打 1–5 分（依据版式、字号、文字和讲稿，不看图片）',
  artifact: 'deck',
  prompt: 'judge-ppteval',
  dimensions: [
    { key: 'content', title: '内容', weight: 1 / 3 },
    { key: 'design', title: '设计', weight: 1 / 3 },
    { key: 'coherence', title: '连贯', weight: 1 / 3 },
  ],
  threshold: 0.5,
  tolerance: 0.1,
  view: deckView,
});
