/**
 * What the offline engine knows about each subject: the 核心素养 named by the
 * 2022 义务教育 / 2017 高中 curriculum standards, and the teaching methods a
 * Chinese plan would name for it. Unknown subjects fall back to a general set.
 */
export interface SubjectProfile {
  /** 核心素养 dimensions, most knowledge-like first. */
  competencies: [string, string, string, ...string[]];
  methods: string[];
  /** What an extension task looks like in this subject. */
  extension: string;
  /**
   * The usual shape of a lesson's 教学过程 in this subject, as guidance for a
   * model (not a list it must copy): 语文 reads the text before discussing it,
   * 英语 runs pre-/while-/post-, the sciences go from a question to an experiment.
   */
  processPattern: string;
}

const READING =
  '诵读（初读正音、读出节奏）→ 品读（抓关键词句、体会情感与写法）→ 比较（与同类文本或旧知比较）→ 积累（背诵、摘抄、迁移运用）';
const MATHS = '情境（生活问题引入）→ 探究（操作、猜想、归纳出方法或概念）→ 例题（示范与讲解）→ 练习（基础、变式、拓展分层）';
const SCIENCE = '提出问题与猜想 → 设计并进行实验（观察、记录）→ 分析现象得出结论 → 应用与拓展（解释生活现象）';
const SOCIETY = '情境或材料导入 → 问题驱动的阅读与研讨（史料、地图、案例）→ 归纳观点或规律 → 联系生活、价值提升';

const PROFILES: Record<string, SubjectProfile> = {
  语文: {
    competencies: ['语言运用', '思维能力', '审美创造', '文化自信'],
    methods: ['朗读感悟法', '问题导学法', '小组合作学习'],
    extension: '把本课所学写成一段话或讲给家人听',
    processPattern: READING,
  },
  数学: {
    competencies: ['会用数学的语言表达现实世界', '会用数学的思维思考现实世界', '会用数学的眼光观察现实世界'],
    methods: ['情境教学法', '启发式讲授', '小组合作探究', '练习巩固'],
    extension: '在生活中找一个用到本课知识的例子，写出解决过程',
    processPattern: MATHS,
  },
  英语: {
    competencies: ['语言能力', '学习能力', '思维品质', '文化意识'],
    methods: ['情境交际法', '任务型教学', '小组对话练习'],
    extension: 'Make a short dialogue or poster using the new words and share it with your group',
    processPattern:
      'PWP：Pre-（热身、激活已知、预测、扫清关键词汇）→ While-（听读文本、获取信息、完成任务）→ Post-（在情境中运用所学表达、交流展示）',
  },
  科学: {
    competencies: ['科学观念', '探究实践', '科学思维', '态度责任'],
    methods: ['探究式教学', '实验演示', '小组合作探究'],
    extension: '设计一个简单的家庭小实验并记录现象',
    processPattern: SCIENCE,
  },
  物理: {
    competencies: ['物理观念', '科学思维', '科学探究', '科学态度与责任'],
    methods: ['实验探究法', '启发式讲授', '合作学习'],
    extension: '用本课规律解释一个生活现象，写成小短文',
    processPattern: SCIENCE,
  },
  化学: {
    competencies: ['化学观念', '科学思维', '科学探究与实践', '科学态度与责任'],
    methods: ['实验探究法', '启发式讲授', '合作学习'],
    extension: '查阅资料，了解本课物质或反应在生产生活中的应用',
    processPattern: SCIENCE,
  },
  生物: {
    competencies: ['生命观念', '科学思维', '探究实践', '态度责任'],
    methods: ['观察实验法', '问题导学法', '合作学习'],
    extension: '观察身边的生物现象，写一份简短观察记录',
    processPattern: SCIENCE,
  },
  道德与法治: {
    competencies: ['道德修养', '法治观念', '健全人格', '责任意识', '政治认同'],
    methods: ['情境体验法', '案例分析法', '小组讨论'],
    extension: '结合本课所学，为班级或家庭提出一条可行的行动建议',
    processPattern: SOCIETY,
  },
  历史: {
    competencies: ['史料实证', '历史解释', '时空观念', '家国情怀', '唯物史观'],
    methods: ['史料研读法', '问题导学法', '小组讨论'],
    extension: '搜集一则相关史料，说明它能证明什么',
    processPattern: SOCIETY,
  },
  地理: {
    competencies: ['区域认知', '综合思维', '地理实践力', '人地协调观'],
    methods: ['读图分析法', '案例教学法', '小组合作'],
    extension: '结合家乡实际，写一段相关的地理观察',
    processPattern: SOCIETY,
  },
  信息技术: {
    competencies: ['信息意识', '计算思维', '数字化学习与创新', '信息社会责任'],
    methods: ['任务驱动法', '演示讲解', '上机实践'],
    extension: '用所学方法完成一个生活中的小任务并记录步骤',
    processPattern: '任务情境 → 演示与讲解 → 上机实践（分层任务）→ 展示评价',
  },
  通用技术: {
    competencies: ['技术意识', '工程思维', '创新设计', '图样表达', '物化能力'],
    methods: ['案例分析法', '项目学习', '小组讨论'],
    extension: '选择身边的一个技术产品，分析其中的科学原理与工程设计',
    processPattern: '案例分析 → 原理探究 → 设计或制作实践 → 展示评价',
  },
  音乐: {
    competencies: ['艺术表现', '审美感知', '创意实践', '文化理解'],
    methods: ['聆听感受法', '演唱实践', '律动体验'],
    extension: '把学过的歌曲唱给家人听，并说说歌曲的情绪',
    processPattern: '聆听感受 → 学唱（或演奏）→ 表现与创编 → 展示评价',
  },
  美术: {
    competencies: ['艺术表现', '审美感知', '创意实践', '文化理解'],
    methods: ['观察欣赏法', '示范讲解', '创作实践'],
    extension: '用本课方法完成一件小作品',
    processPattern: '欣赏感知 → 示范讲解 → 创作实践 → 展示评价',
  },
};

const GENERAL: SubjectProfile = {
  competencies: ['知识与技能', '过程与方法', '情感态度价值观'],
  methods: ['讲授法', '问题导学法', '小组合作学习'],
  extension: '把本课所学用到一个生活情境中，写下你的做法',
  processPattern: '导入 → 新授（讲解、示范或探究）→ 练习与检测 → 小结与作业',
};

export function subjectProfile(subject: string): SubjectProfile {
  const key = Object.keys(PROFILES).find((name) => subject.includes(name));
  return key ? PROFILES[key]! : GENERAL;
}
