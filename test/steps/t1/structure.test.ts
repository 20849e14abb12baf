import { describe, expect, it } from 'vitest';
import { detectStructure } from '../../../src/steps/t1-digest/structure.js';
import { pages } from './pages.js';

const texts = (items: { text: string }[]) => items.map((item) => item.text);

describe('detectStructure — 数学 (unit, numbered lesson, 学习目标, 例, 做一做, 练习)', () => {
  const structure = detectStructure(
    pages(
      [
        '第七单元 长方形和正方形',
        '1 四边形',
        '学习目标',
        '1. 认识四边形，知道四边形的特征。',
        '2. 能区分长方形和正方形。',
        '像这样由四条直的线段围成的图形叫做四边形。',
        '例1 下面哪些图形是四边形？',
        '先数一数每个图形有几条边。',
        '做一做',
        '1. 下面的图形中，哪些是四边形？在它下面画“√”。',
        '2. 数一数，下图中有几个四边形？',
      ].join('\n'),
      [
        '例2 长方形和正方形有什么特点？',
        '长方形的对边相等，四个角都是直角。',
        '我们把长方形和正方形四条边长度的总和叫做它们的周长。',
        '练习十七',
        '1. 量一量，算出下面图形的周长。',
        '2. 一张长方形桌面长 12 分米，宽 8 分米，它的周长是多少分米？',
        '（1）先画出示意图。',
        '（2）再列式计算。',
        '3. 用两个同样的正方形拼成一个长方形，周长是多少？',
      ].join('\n'),
    ),
  );

  it('finds the unit and the numbered lesson title with their pages', () => {
    expect(structure.units).toEqual([{ text: '第七单元 长方形和正方形', page: 1 }]);
    expect(structure.lessons).toEqual([{ text: '1 四边形', page: 1 }]);
  });

  it('reads the numbered 学习目标 up to the first line of prose', () => {
    expect(structure.statedObjectives).toEqual([
      { text: '认识四边形，知道四边形的特征', page: 1 },
      { text: '能区分长方形和正方形', page: 1 },
    ]);
  });

  it('lists 例 and exercise headings as sections', () => {
    expect(structure.sections).toEqual([
      { text: '例1', page: 1 },
      { text: '做一做', page: 1 },
      { text: '例2', page: 2 },
      { text: '练习十七', page: 2 },
    ]);
  });

  it('takes numbered items as exercises, keeping sub-items inside their item, but not the worked examples', () => {
    expect(structure.exercises).toEqual([
      { text: '下面的图形中，哪些是四边形？在它下面画“√”。', page: 1 },
      { text: '数一数，下图中有几个四边形？', page: 1 },
      { text: '量一量，算出下面图形的周长。', page: 2 },
      { text: '一张长方形桌面长 12 分米，宽 8 分米，它的周长是多少分米？ （1）先画出示意图。 （2）再列式计算。', page: 2 },
      { text: '用两个同样的正方形拼成一个长方形，周长是多少？', page: 2 },
    ]);
  });

  it('records 「……叫做X」 and 「我们把……叫做X」 definitions by their term', () => {
    expect(structure.definitions).toEqual([
      { term: '四边形', text: '像这样由四条直的线段围成的图形叫做四边形。', page: 1 },
      { term: '周长', text: '我们把长方形和正方形四条边长度的总和叫做它们的周长。', page: 2 },
    ]);
    expect(texts(structure.vocabulary)).toEqual(['四边形', '周长']);
  });
});

describe('detectStructure — 语文 (生字 and 词语 lists, dialogue is not an exercise)', () => {
  const structure = detectStructure(
    pages(
      [
        '第一单元',
        '1 小蝌蚪找妈妈',
        '池塘里有一群小蝌蚪，大大的脑袋，黑灰色的身子，甩着长长的尾巴，快活地游来游去。',
        '小蝌蚪游哇游，过了几天，长出两条后腿。它们看见鲤鱼妈妈在教小鲤鱼捕食，就迎上去，问：',
        '“鲤鱼阿姨，我们的妈妈在哪里？”',
      ].join('\n'),
      [
        '生字',
        'liǎng kuān dǐng yǎn jing',
        '两  宽  顶  眼  睛',
        '肚  皮',
        '词语',
        '脑袋  灰色  迎上去  阿姨',
        '课后练习',
        '1. 朗读课文。注意读好小蝌蚪和鲤鱼妈妈说的话。',
        '2. 小蝌蚪是怎样长成青蛙的？按顺序说一说。',
      ].join('\n'),
    ),
  );

  it('finds the unit and the text', () => {
    expect(structure.units).toEqual([{ text: '第一单元', page: 1 }]);
    expect(structure.lessons).toEqual([{ text: '1 小蝌蚪找妈妈', page: 1 }]);
  });

  it('reads 生字 one character at a time (pinyin dropped) and 词语 word by word', () => {
    expect(texts(structure.vocabulary)).toEqual(['两', '宽', '顶', '眼', '睛', '肚', '皮', '脑袋', '灰色', '迎上去', '阿姨']);
    expect(structure.vocabulary.every((word) => word.page === 2)).toBe(true);
  });

  it('takes the 课后练习 items, not the characters’ questions', () => {
    expect(structure.exercises).toEqual([
      { text: '朗读课文。注意读好小蝌蚪和鲤鱼妈妈说的话。', page: 2 },
      { text: '小蝌蚪是怎样长成青蛙的？按顺序说一说。', page: 2 },
    ]);
  });

  it('finds no objectives where the book prints none', () => {
    expect(structure.statedObjectives).toEqual([]);
  });
});

describe('detectStructure — 英语 (Unit, Lesson, Words, Exercise)', () => {
  const structure = detectStructure(
    pages(
      [
        'Unit 3 My School',
        'Lesson 5 My classroom',
        'Words',
        'library /ˈlaɪbrəri/ n. 图书馆',
        'classroom n. 教室',
        'playground 操场',
        'computer room 计算机房',
        "Let's talk",
        'Where is the library? It is on the first floor.',
        'Exercise',
        '1. Read and match.',
        '2. Listen and circle.',
      ].join('\n'),
    ),
  );

  it('finds the unit, the lesson and the feature sections', () => {
    expect(structure.units).toEqual([{ text: 'Unit 3 My School', page: 1 }]);
    expect(structure.lessons).toEqual([{ text: 'Lesson 5 My classroom', page: 1 }]);
    expect(texts(structure.sections)).toEqual(["Let's talk", 'Exercise']);
  });

  it('reads the word list without phonetics, part of speech or gloss', () => {
    expect(texts(structure.vocabulary)).toEqual(['library', 'classroom', 'playground', 'computer room']);
  });

  it('takes the numbered exercises; dialogue questions are not exercises', () => {
    expect(texts(structure.exercises)).toEqual(['Read and match.', 'Listen and circle.']);
  });
});

describe('detectStructure — 科学 (活动, 探究, 想一想, 阅读材料)', () => {
  const structure = detectStructure(
    pages(
      [
        '第二单元 水',
        '3 水结冰了',
        '活动1 观察冰的融化',
        '把冰块放在盘子里，每隔5分钟观察一次，记录冰的变化。',
        '探究 水结冰时体积怎样变化',
        '在塑料管中装入一半的水，做好标记，放入冰箱冷冻，第二天再观察。',
        '水在0℃时开始结冰，这个温度叫做水的凝固点。',
        '物质从液态变成固态的过程叫做凝固。',
        '想一想',
        '冰融化成水后，体积会怎样变化？',
        '阅读材料',
        '冬天，河面结了厚厚的冰，河底的水却没有结冰，鱼儿仍然可以在水中游动。',
      ].join('\n'),
    ),
  );

  it('finds the activity and inquiry sections, titled', () => {
    expect(structure.units).toEqual([{ text: '第二单元 水', page: 1 }]);
    expect(structure.lessons).toEqual([{ text: '3 水结冰了', page: 1 }]);
    expect(texts(structure.sections)).toEqual(['活动1 观察冰的融化', '探究 水结冰时体积怎样变化', '想一想', '阅读材料']);
  });

  it('takes the unnumbered 想一想 question as an exercise', () => {
    expect(structure.exercises).toEqual([{ text: '冰融化成水后，体积会怎样变化？', page: 1 }]);
  });

  it('records the terms named at the end of a sentence', () => {
    expect(structure.definitions.map((d) => d.term)).toEqual(['水的凝固点', '凝固']);
  });
});

describe('detectStructure — 通用技术-like page in PDF extraction order', () => {
  // pdf-parse emits side boxes out of reading order: the objectives above their
  // 学习目标 label, the 思考与练习 label after its items.
  const structure = detectStructure(
    pages(
      [
        '理解技术的目的性、创新性和综合性。',
        '能结合案例分析技术的两面性。',
        '第 2 节 技术的性质',
        '学习目标',
        '你能举出身边的一项技术，说说它解决了什么问题吗？',
        '技术具有目的性。人们发明和使用技术，总是为了满足某种需要。',
        '2 技术与设计',
      ].join('\n'),
      [
        '所谓技术的创新性，是指技术在继承的基础上不断突破和发展。',
        '专利是受法律规范保护的发明创造，它是指一项发明创造向国家审批机关提出专利申请。',
        '1. 以手机为例，分析技术的综合性。',
        '2. 查阅资料，说明一项技术的两面性。',
        '思考与练习',
        '第一章 走进技术世界 3',
      ].join('\n'),
      ['技术是人类为满足自身的需求和愿望对大自然进行的改造。', '4 技术与设计'].join('\n'),
    ),
    'textbook',
  );

  it('tidies the letter-spaced lesson marker', () => {
    expect(structure.lessons).toEqual([{ text: '第2节 技术的性质', page: 1 }]);
  });

  it('finds objectives printed above their heading', () => {
    expect(structure.statedObjectives).toEqual([
      { text: '理解技术的目的性、创新性和综合性', page: 1 },
      { text: '能结合案例分析技术的两面性', page: 1 },
    ]);
  });

  it('takes items printed above their exercise heading, and questions put to the student', () => {
    expect(structure.exercises).toEqual([
      { text: '你能举出身边的一项技术，说说它解决了什么问题吗？', page: 1 },
      { text: '以手机为例，分析技术的综合性。', page: 2 },
      { text: '查阅资料，说明一项技术的两面性。', page: 2 },
    ]);
  });

  it('records 「所谓X，是指」 and textbook 「X是……的……」 definitions', () => {
    expect(structure.definitions.map((d) => [d.term, d.page])).toEqual([
      ['技术的创新性', 2],
      ['专利', 2],
      ['技术', 3],
    ]);
  });

  it('drops the running footers: no lesson 「技术与设计」, the chapter kept once', () => {
    expect(texts(structure.lessons)).not.toContain('2 技术与设计');
    expect(structure.units).toEqual([{ text: '第一章 走进技术世界', page: 2 }]);
  });
});

describe('detectStructure — running headers and footers', () => {
  const structure = detectStructure(
    pages(
      ['义务教育教科书 数学 三年级 上册', '第七单元 长方形和正方形', '1 四边形', '由四条直的线段围成的图形叫做四边形。', '32'].join('\n'),
      ['义务教育教科书 数学 三年级 上册', '四边形有四条边、四个角。', '第七单元 长方形和正方形 33'].join('\n'),
      ['义务教育教科书 数学 三年级 上册', '2 周长', '封闭图形一周的长度就是它的周长。', '第七单元 长方形和正方形 34'].join('\n'),
    ),
  );

  it('keeps a repeated unit heading once, where it first appears', () => {
    expect(structure.units).toEqual([{ text: '第七单元 长方形和正方形', page: 1 }]);
  });

  it('does not read the book title or page numbers as headings', () => {
    expect(structure.lessons).toEqual([
      { text: '1 四边形', page: 1 },
      { text: '2 周长', page: 3 },
    ]);
    expect(structure.sections).toEqual([]);
  });
});

describe('detectStructure — other layouts', () => {
  it('reads Markdown headings and bullet lists', () => {
    const structure = detectStructure(
      pages(
        [
          '# 第三单元 古诗',
          '## 9 古诗三首',
          '### 学习目标',
          '- 会认“朝、辞”等5个生字，会写“朝、辞”等6个字。',
          '- 有感情地朗读课文，背诵课文。',
          '朝辞白帝彩云间，千里江陵一日还。',
        ].join('\n'),
      ),
    );
    expect(structure.units).toEqual([{ text: '第三单元 古诗', page: 1 }]);
    expect(structure.lessons).toEqual([{ text: '9 古诗三首', page: 1 }]);
    expect(texts(structure.statedObjectives)).toEqual(['会认“朝、辞”等5个生字，会写“朝、辞”等6个字', '有感情地朗读课文，背诵课文']);
  });

  it('reads a numbered title above its author line as the lesson, but not a footer-like last line', () => {
    const structure = detectStructure(pages('3 荷花\n叶圣陶\n清早，我到公园去玩，一进门就闻到一阵清香。\n12 语文三年级下册'));
    expect(structure.lessons).toEqual([{ text: '3 荷花', page: 1 }]);
  });

  it('takes objectives written on the heading line and stops at the next heading', () => {
    const structure = detectStructure(pages('学习目标：了解电路的组成。\n一、电路的组成\n会画简单的电路图。'));
    expect(texts(structure.statedObjectives)).toEqual(['了解电路的组成']);
    expect(texts(structure.sections)).toEqual(['一、电路的组成']);
  });

  it('skips pages that are not good and table-of-contents pages', () => {
    const structure = detectStructure([
      { page: 1, text: '目录\n第1课 春 ........ 2\n第2课 济南的冬天 ........ 6', quality: 'good', chars: 30, note: null },
      { page: 2, text: '第1课 春\n!"#$%&', quality: 'garbled', chars: 10, note: '乱码' },
      {
        page: 3,
        text: '第2课 济南的冬天\n对于一个在北平住惯的人，像我，冬天要是不刮风，便觉得是奇迹。',
        quality: 'good',
        chars: 40,
        note: null,
      },
    ]);
    expect(structure.lessons).toEqual([{ text: '第2课 济南的冬天', page: 3 }]);
  });

  it('keeps 课标 and 教参 strict: no 「X是……的」 definitions, no loose questions', () => {
    const text = '语文课程是一门学习祖国语言文字运用的综合性、实践性课程。\n怎样让学生在真实情境中运用语言？';
    expect(detectStructure(pages(text), 'curriculumStandard')).toMatchObject({ definitions: [], exercises: [] });
    expect(detectStructure(pages(text), 'textbook').definitions.map((d) => d.term)).toEqual(['语文课程']);
  });

  it('reads 教参 objectives under their dimension labels, without the labels', () => {
    const structure = detectStructure(
      pages(
        [
          '一、教学目标',
          '知识与技能：能说出长方形周长的含义，会计算长方形的周长。',
          '过程与方法：经历测量和计算的过程，体会化曲为直的思想。',
          '情感态度与价值观：激发学习数学的兴趣。',
          '二、教学重点',
          '周长的计算方法。',
        ].join('\n'),
      ),
      'teacherGuide',
    );
    expect(texts(structure.statedObjectives)).toEqual([
      '能说出长方形周长的含义，会计算长方形的周长',
      '经历测量和计算的过程，体会化曲为直的思想',
      '激发学习数学的兴趣',
    ]);
    expect(texts(structure.sections)).toEqual(['二、教学重点']);
  });

  it('reads glossary lines in a textbook, not speakers or labels', () => {
    const structure = detectStructure(
      pages('功率：单位时间内物体所做的功。\n小明：我觉得这个实验很有趣。\n注意：实验时不要用手触摸电热丝。'),
      'textbook',
    );
    expect(structure.definitions.map((d) => d.term)).toEqual(['功率']);
  });

  it('does not read a judgement as a definition', () => {
    const structure = detectStructure(pages('道法自然是人类工程活动的源泉。\n科学和技术是工程的基础和源泉。'), 'textbook');
    expect(structure.definitions).toEqual([]);
  });
});

describe('detectStructure — a 数学 lesson laid out like the demo (学习目标, 想一想, worked solutions, 你知道吗)', () => {
  const structure = detectStructure(
    pages(
      [
        '第七单元 长方形和正方形',
        '第3课时 长方形和正方形的周长',
        '学习目标',
        '1. 经历探索长方形和正方形周长计算方法的过程，理解周长计算方法的道理。',
        '2. 会计算长方形和正方形的周长，能用不同的方法解决同一个问题。',
        '想一想',
        '封闭图形一周的长度，叫做它的周长。',
        '长方形有什么特点？正方形呢？',
        '长方形的对边相等，四个角都是直角。长方形长的边叫做长，短的边叫做宽。',
        '例1 学校要给一块长方形花坛围上篱笆。花坛长8米，宽5米。篱笆至少要多长？',
        '求篱笆至少要多长，就是求这个长方形花坛的周长。',
        '小丽：8＋5＋8＋5＝26（米）',
        '我把四条边的长度依次加起来。',
        '小亮：8×2＋5×2＝16＋10＝26（米）',
        '两条长是8×2，两条宽是5×2，再合起来。',
        '答：篱笆至少要26米。',
      ].join('\n'),
      [
        '思考题',
        '一个长方形的周长是30厘米，长是9厘米，宽是多少厘米？说说你是怎样想的。',
        '你知道吗？',
        '古时候人们用绳子绕田地一周，再量绳子的长度，来知道田地的周长。',
        '你知道工人师傅用什么量跑道的长度吗？',
      ].join('\n'),
    ),
    'textbook',
  );

  it('keeps the numbered 学习目标 lines as objectives only, even with a 想一想 box right below them', () => {
    expect(texts(structure.statedObjectives)).toEqual([
      '经历探索长方形和正方形周长计算方法的过程，理解周长计算方法的道理',
      '会计算长方形和正方形的周长，能用不同的方法解决同一个问题',
    ]);
    expect(texts(structure.exercises).some((e) => e.includes('经历探索') || e.includes('会计算'))).toBe(false);
  });

  it('takes the 想一想 question, not the statements the box teaches', () => {
    expect(structure.exercises).toContainEqual({ text: '长方形有什么特点？正方形呢？', page: 1 });
    expect(texts(structure.exercises).some((e) => e.includes('叫做'))).toBe(false);
  });

  it('does not read a child’s worked solution 「小丽：8＋5＋8＋5＝26（米）」 as a definition', () => {
    expect(structure.definitions.map((d) => d.term)).toEqual(['周长', '长', '宽']);
    expect(texts(structure.vocabulary)).toEqual(['周长', '长', '宽']);
  });

  it('reads 「你知道吗？」 as a reading box: neither it nor its text are exercises', () => {
    expect(texts(structure.sections)).toContain('你知道吗？');
    expect(structure.exercises.filter((e) => e.page === 2)).toEqual([
      { text: '一个长方形的周长是30厘米，长是9厘米，宽是多少厘米？说说你是怎样想的。', page: 2 },
    ]);
  });
});

describe('detectStructure — glossary lines, speakers and tasks', () => {
  it('keeps a glossary line whose body is a formula, drops speakers, calculations and task labels', () => {
    const structure = detectStructure(
      pages(
        [
          '功率：单位时间内物体所做的功，P=W/t。',
          '小亮：8×2＋5×2＝16＋10＝26（米）',
          '笑笑：长方形的周长是长与宽的和的2倍。',
          '方法一：20＋20＋20＋20＝80（厘米）',
          '用微观的观点解释：为什么化学反应前后物质的总质量不变？',
          '以水通电分解为例：水分子分解成氢原子和氧原子。',
          '一幅是冬夜的湖面，月光下的冰雪和远山呈现出深深浅浅的蓝色。',
        ].join('\n'),
      ),
      'textbook',
    );
    expect(structure.definitions.map((d) => d.term)).toEqual(['功率']);
  });

  it('reads each clause of 「A称为X，B称为Y」 as its own definition', () => {
    const structure = detectStructure(pages('我国古代把直角三角形中较短的直角边称为勾，较长的直角边称为股，斜边称为弦。'), 'textbook');
    expect(structure.definitions.map((d) => d.term)).toEqual(['勾', '股', '弦']);
  });

  it('reads a 想一想 box’s statements as what it teaches, and only its questions as tasks', () => {
    const statementFirst = detectStructure(pages('想一想\n封闭图形一周的长度，叫做它的周长。\n长方形有什么特点？正方形呢？'), 'textbook');
    expect(texts(statementFirst.exercises)).toEqual(['长方形有什么特点？正方形呢？']);
    expect(statementFirst.definitions.map((d) => d.term)).toEqual(['周长']);
    const taskFirst = detectStructure(pages('想一想\n量一量课桌面的长和宽。\n封闭图形一周的长度，叫做它的周长。'), 'textbook');
    expect(texts(taskFirst.exercises)).toEqual(['量一量课桌面的长和宽。']);
    expect(taskFirst.definitions.map((d) => d.term)).toEqual(['周长']);
  });

  it('takes a fill-in line after an inline 说一说 as a task, in any language', () => {
    const structure = detectStructure(pages("4. 说一说：今天我们这里的天气怎么样？\n　　It's ______ today. Let's ______."), 'textbook');
    expect(texts(structure.exercises)).toEqual(['今天我们这里的天气怎么样？', "It's ______ today. Let's ______."]);
  });
});
