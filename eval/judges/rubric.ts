import { defineJudge } from './define.js';
import { planView } from './views.js';

/**
 * 教学设计评价量表: the four first-level criteria Chinese schools weigh a
 * plan by — 目标, 学情, 过程, 评价 — with the usual weights (过程 counts most).
 */
export const rubric = defineJudge({
  id: 'rubric',
  title: '教学设计评价量表',
  definition: '模型按教学目标 25%、学情分析 15%、教学过程 40%、教学评价 20% 给教学设计打分',
  artifact: 'plan',
  prompt: 'judge-rubric',
  dimensions: [
    { key: 'objectives', title: '教学目标', weight: 0.25 },
    { key: 'learners', title: '学情分析', weight: 0.15 },
    { key: 'process', title: '教学过程', weight: 0.4 },
    { key: 'assessment', title: '教学评价', weight: 0.2 },
  ],
  threshold: 0.5,
  tolerance: 0.1,
  view: planView,
});
