import { defineJudge } from './define.js';
import { planWithMaterialsView } from './views.js';

/**
 * 教学设计评价量表: the four first-level criteria Chinese schools weigh a
 * plan by — 目标, 学情, 过程, 评价 — with the usual weights (过程 counts most),
 * read as a teacher who must teach from the draft: the judge sees the
 * materials beside it and is told to mark down template prose, blanks and a
 * process that never shows the studied text (issue 7's teacher rubric).
 */
export const rubric = defineJudge({
  id: 'rubric',
  title: '教学设计评价量表',
  definition: '模型对照教师材料，按教学目标 25%、学情分析 15%、教学过程 40%、教学评价 20% 给教学设计打分（能否直接拿去上课）',
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
  view: planWithMaterialsView,
});
