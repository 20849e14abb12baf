/**
 * Two short lessons from subjects the suite has no case for (体育, 劳动),
 * written for this project. `swap-subject` pours their words into a plan of
 * another subject — the failure of a model that mixes up two requests.
 */
export interface ForeignLesson {
  subject: string;
  analysis: string[];
  objectives: { text: string; verb: string }[];
  keyPoints: string[];
  steps: { name: string; teacher: string; student: string; intent: string }[];
  items: { prompt: string; answer: string }[];
  board: string;
  homework: string[];
}

export const FOREIGN_LESSONS: readonly ForeignLesson[] = [
  {
    subject: '体育',
    analysis: [
      '立定跳远是发展下肢爆发力的基础跳跃练习，动作由预摆、起跳、腾空、落地四部分组成。',
      '学生喜欢跳跃游戏，但摆臂与蹬地配合不协调，落地时常常后坐。',
    ],
    objectives: [
      { text: '能做出双脚同时起跳、屈膝缓冲落地的立定跳远动作', verb: '完成' },
      { text: '能说出预摆、起跳、腾空、落地四个动作要领', verb: '说出' },
      { text: '能在小组练习中互相观察并指出同伴摆臂的问题', verb: '指出' },
    ],
    keyPoints: ['摆臂与蹬地协调配合，双脚同时起跳', '屈膝缓冲，落地稳定不后坐'],
    steps: [
      {
        name: '热身游戏',
        teacher: '组织“青蛙跳荷叶”游戏，带领学生活动踝、膝关节。',
        student: '跟随口令做关节操，参与游戏。',
        intent: '充分热身，预防运动损伤。',
      },
      {
        name: '动作示范',
        teacher: '完整示范立定跳远，再分解讲解预摆和起跳的配合。',
        student: '观察示范，模仿摆臂动作。',
        intent: '建立正确的动作表象。',
      },
      {
        name: '分组练习',
        teacher: '分四组在沙坑前轮流练习，巡回纠正落地后坐的错误。',
        student: '轮流试跳，组内互相提醒。',
        intent: '在反复练习中掌握动作要领。',
      },
      {
        name: '达标测试',
        teacher: '组织立定跳远测试，记录每名学生的成绩。',
        student: '认真测试，记住自己的成绩。',
        intent: '了解练习效果。',
      },
      {
        name: '放松小结',
        teacher: '带领拉伸放松，总结摆臂和落地的要点。',
        student: '做拉伸动作，说出今天的收获。',
        intent: '放松身体，巩固要领。',
      },
    ],
    items: [
      { prompt: '立定跳远起跳时，双脚应该怎样用力？', answer: '双脚同时用力蹬地。' },
      { prompt: '落地时为什么要屈膝？', answer: '屈膝可以缓冲，防止摔倒和受伤。' },
      { prompt: '说一说预摆时手臂怎样摆动。', answer: '两臂由前向后摆，起跳时再由后向前上方用力摆出。' },
    ],
    board: '立定跳远\n预摆—起跳—腾空—落地\n摆臂协调 屈膝缓冲',
    homework: ['每天在家练习原地纵跳 20 次', '和家长比一比立定跳远的距离', '画出立定跳远四个动作的简图'],
  },
  {
    subject: '劳动',
    analysis: [
      '整理书包是日常生活劳动的基本内容，要求学生按课程表分类摆放学习用品。',
      '学生常把书本和文具混放，找东西费时，需要形成固定的整理顺序。',
    ],
    objectives: [
      { text: '能按课程表把课本、作业本和文具分类放进书包', verb: '分类' },
      { text: '能说出整理书包的三个步骤', verb: '说出' },
      { text: '能在五分钟内独立完成书包整理', verb: '完成' },
    ],
    keyPoints: ['按课程表分类整理学习用品', '大本在后、小本在前，文具入袋'],
    steps: [
      {
        name: '情景引入',
        teacher: '出示一只乱糟糟的书包，请学生说说找不到东西的烦恼。',
        student: '观察书包，讲述自己的经历。',
        intent: '引发整理的需要。',
      },
      {
        name: '方法探究',
        teacher: '引导学生讨论怎样分类：按课程表、按大小、按用途。',
        student: '小组讨论，试着给物品分类。',
        intent: '在讨论中总结整理方法。',
      },
      {
        name: '动手整理',
        teacher: '计时五分钟，请学生整理自己的书包。',
        student: '动手整理，同桌互相检查。',
        intent: '把方法用到实践中。',
      },
      {
        name: '评比展示',
        teacher: '展示整理得好的书包，请学生介绍做法。',
        student: '欣赏同伴的书包，说说值得学习的地方。',
        intent: '树立榜样，互相学习。',
      },
      {
        name: '总结作业',
        teacher: '总结整理书包三步法，布置每天自己整理书包的任务。',
        student: '复述三步法，记录任务。',
        intent: '养成自己的事情自己做的习惯。',
      },
    ],
    items: [
      { prompt: '整理书包的第一步是什么？', answer: '对照课程表取出当天要用的课本。' },
      { prompt: '铅笔、橡皮应该放在哪里？', answer: '放进文具袋，再放进书包的小袋。' },
      { prompt: '为什么大本要放在后面？', answer: '大本放后面不易折角，取放小本也方便。' },
    ],
    board: '整理书包三步法\n看课表—分大小—放文具',
    homework: ['每天睡前自己整理书包', '帮弟弟妹妹整理一次书包', '设计一张“书包整理清单”'],
  },
];

/** A lesson whose subject differs from `subject`. */
export function foreignLessonFor(subject: string): ForeignLesson {
  return FOREIGN_LESSONS.find((lesson) => lesson.subject !== subject) as ForeignLesson;
}
