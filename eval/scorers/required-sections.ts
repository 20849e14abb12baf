import type { LessonPlan } from '../../src/domain/index.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { hasContent } from './placeholder.js';

interface Section {
  name: string;
  field: string;
  present(plan: LessonPlan): boolean;
}

const texts = (items: { text: string }[]) => items.some((item) => hasContent(item.text));

/**
 * What a Chinese 教学设计 contains (DESIGN.md section 2), in the printed order.
 * 教学反思 is written after teaching, so a draft may leave it empty.
 */
const SECTIONS: readonly Section[] = [
  { name: '课题', field: 'T3.title', present: (p) => hasContent(p.title.text) },
  { name: '课标要求', field: 'T3.standards', present: (p) => texts(p.standards) },
  { name: '教材分析', field: 'T3.textbookAnalysis', present: (p) => hasContent(p.textbookAnalysis.text) },
  { name: '学情分析', field: 'T3.learnerAnalysis', present: (p) => hasContent(p.learnerAnalysis.text) },
  { name: '教学目标', field: 'T3.objectives', present: (p) => texts(p.objectives) },
  { name: '教学重点', field: 'T3.keyPoints', present: (p) => texts(p.keyPoints) },
  { name: '教学难点', field: 'T3.difficultPoints', present: (p) => texts(p.difficultPoints) },
  { name: '教学方法', field: 'T3.methods', present: (p) => texts(p.methods) },
  { name: '教学准备', field: 'T3.preparation', present: (p) => texts(p.preparation) },
  {
    name: '教学过程（环节、时间、教师活动、学生活动、设计意图）',
    field: 'T3.process',
    present: (p) =>
      p.process.length >= 2 &&
      p.process.every(
        (s) => s.minutes > 0 && hasContent(s.teacherActivity.text) && hasContent(s.studentActivity.text) && hasContent(s.intent.text),
      ),
  },
  { name: '板书设计', field: 'T3.boardDesign', present: (p) => hasContent(p.boardDesign.text) },
  {
    name: '分层作业（基础、提高、拓展）',
    field: 'T3.homework',
    present: (p) => texts(p.homework.basic) && texts(p.homework.advanced) && texts(p.homework.challenge),
  },
  { name: '预学单', field: 'T3.sheets.preStudy', present: (p) => p.sheets.preStudy.items.length > 0 },
  { name: '探究单', field: 'T3.sheets.exploration', present: (p) => p.sheets.exploration.items.length > 0 },
  { name: '达标检测单', field: 'T3.sheets.masteryCheck', present: (p) => p.sheets.masteryCheck.items.length > 0 },
];

/** 栏目齐全: every section of 一案三单 is there with real content, not only a request to fill it in. */
export const requiredSections = defineScorer({
  id: 'required-sections',
  title: '栏目齐全',
  definition: '教学设计的各栏目（课标、教材、学情、目标、重难点、方法、准备、过程、板书、分层作业）和三单都有实际内容',
  needs: ['T3'],
  targets: ['delete-key-points', 'remove-sheets'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) =>
    shareWithoutProblems(
      SECTIONS,
      (section): Finding[] => (section.present(results.T3) ? [] : [{ field: section.field, message: `缺少「${section.name}」` }]),
      { score: null, findings: [] },
    ),
});
