/** A small 课标 and a textbook page for it, shared by the standards tests (made, not copied from a real book). */

/** A made 义务教育-style standard: a preface, then 分数 and 时间 requirements for 第二学段 on their own pages. */
export const STANDARD = [
  '前言\n义务教育课程标准以马克思列宁主义、毛泽东思想为指导，落实立德树人根本任务。',
  '三、课程内容\n（二）第二学段（3～4年级）\n主题一 数与运算\n【内容要求】\n1. 在具体情境中，初步认识分数，能读写简单的分数，知道分数各部分的名称。\n2. 能比较同分母分数的大小，会计算同分母分数的加减法。',
  '主题二 量与计量\n【内容要求】\n1. 认识时、分、秒，能说出钟面上的时间，体会时间的长短。\n【学业要求】\n能用分数表示把一个物体平均分成几份中的一份或几份。',
].join('\n\n');
export const TEXTBOOK = [
  '分数的初步认识',
  '学习目标',
  '1. 能用分数表示把一个月饼平均分成几份中的一份。',
  '2. 能比较同分母分数的大小。',
  '3. 能有感情地朗读儿歌《分月饼》。',
  '把一个月饼平均分成2份，每份是它的二分之一，写作1/2。',
  '做一做',
  '1. 用分数表示涂色部分。',
].join('\n');
