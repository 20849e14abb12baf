import { gradeLabel, type LessonRequest } from '../../domain/index.js';

/**
 * What children of each age band typically bring to a lesson, as Chinese
 * teachers describe it in 学情分析. A starting point the teacher corrects
 * with what she knows of her own class.
 */
const BANDS: { upTo: number; text: string }[] = [
  {
    upTo: 2,
    text: '低年级学生以具体形象思维为主，注意力集中时间较短（约 15 分钟），喜欢游戏、儿歌和动手操作，需要在直观情境中学习，口头表达多于书面表达。',
  },
  {
    upTo: 4,
    text: '中年级学生正由形象思维向抽象思维过渡，能在教师引导下观察、比较和简单归纳，开始能进行小组合作，但概括和规范表达的能力还在形成中。',
  },
  {
    upTo: 6,
    text: '高年级学生已有一定的抽象概括能力和自学能力，能借助预学单独立阅读教材、提出问题，乐于在小组中表达观点，但思维的严密性和迁移运用能力差异较大。',
  },
  {
    upTo: 9,
    text: '初中学生抽象逻辑思维迅速发展，有较强的自主意识和表达欲望，能进行较长时间的探究活动；同时学科知识分化，个体差异明显，需要分层设计任务。',
  },
  {
    upTo: 12,
    text: '高中学生已具备较强的抽象思维、推理论证和自主学习能力，关注知识的内在逻辑与实际应用，适合以问题链和真实情境驱动深度学习，但学业压力大、时间紧，需要精讲精练。',
  },
];

/** The age band's profile, what the guide says of these learners (or a generic prior), and the teacher's own note. */
export function learnerProfile(request: LessonRequest, topicTerms: string[], fromGuide: string | null): string {
  const band = BANDS.find((b) => request.grade <= b.upTo) ?? BANDS.at(-1)!;
  const topic = topicTerms.length > 0 ? topicTerms.join('、') : '本课内容';
  const prior = fromGuide ?? `学习本课前，学生在生活中对${topic}已有一些感性认识，但对其确切含义和运用还缺乏系统理解。`;
  const note = request.classProfile?.trim().replace(/[。.；;]+$/, '');
  const teacherNote = note ? `本班情况：${note}。` : '（教师未提供本班学情，请结合本班实际补充。）';
  return `${gradeLabel(request.grade)}${band.text}${prior}${teacherNote}`;
}
