import { parseArgs } from 'node:util';
import { InputError } from '../../src/errors.js';
import { packagePath } from '../../src/paths.js';

export interface EvalArgs {
  command: 'run' | 'compare' | 'list' | 'help';
  engine: 'offline' | 'openai';
  cases: string[];
  judge: boolean;
  /** `--judges rubric,ciddp`: only these judges (by id); empty means all. */
  judges: string[];
  out: string;
  mutations: boolean;
  baseline: string;
  updateBaseline: boolean;
  strict: boolean;
  data: string | null;
  theme: string;
  concurrency: number | null;
  /** The two reports of `--compare A.json B.json`. */
  compare: [string, string] | null;
}

export const USAGE = `用法：npm run eval -- [选项]

  --engine offline|openai   草稿生成引擎（默认 offline；openai 读取 LLM_* 环境变量）
  --cases 路径或用例名      只跑这些用例：含 case.json 的文件夹、装着用例文件夹的文件夹，
                            或 eval/cases 中的用例名；可逗号分隔或重复（默认全部）
  --judge                   启用模型评审（CIDDP、教学设计评价量表、PPTEval），读取 JUDGE_*（缺省用 LLM_*）
  --judges id,…             只用这些评审（ciddp、rubric、ppteval；可逗号分隔或重复；隐含 --judge）
  --mutations               元评测：把每个用例故意改坏，报告各指标的识别率
  --out 文件夹              报告写到哪里（默认 eval/reports）
  --baseline 文件           对比的基线（默认 eval/baseline.json）
  --update-baseline         用本次结果重写基线
  --strict                  基线时已低于门槛的指标也按门槛阻断
  --data 文件夹             数据目录（默认：离线引擎用临时目录，模型引擎用 $DATA_DIR/eval 以复用缓存）
  --theme 主题              课件主题（默认 qingsong）
  --concurrency N           同时跑几个用例（默认离线 1、模型 4）
  --compare A.json B.json   并排比较两份报告，不跑用例
  --list                    列出指标与改坏方式
  --help

退出码：0 通过；1 门槛未通过或元评测漏检；2 输入有误；3 配置有误。`;

/**
 * Parses the eval command line.
 *
 * @example
 * parseEvalArgs(['--cases', 'demo-shuxue-g3-zhouchang', '--mutations']).mutations // true
 */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        engine: { type: 'string', default: 'offline' },
        cases: { type: 'string', multiple: true, default: [] },
        judge: { type: 'boolean', default: false },
        judges: { type: 'string', multiple: true, default: [] },
        out: { type: 'string', default: packagePath('eval', 'reports') },
        mutations: { type: 'boolean', default: false },
        baseline: { type: 'string', default: packagePath('eval', 'baseline.json') },
        'update-baseline': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        data: { type: 'string' },
        theme: { type: 'string', default: 'qingsong' },
        concurrency: { type: 'string' },
        compare: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new InputError('命令行', 'invalid', `${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const engine = values.engine;
  if (engine !== 'offline' && engine !== 'openai')
    throw new InputError('--engine', 'invalid', `--engine 只能是 offline 或 openai，收到「${engine}」`);
  if (values.compare && positionals.length !== 2)
    throw new InputError('--compare', 'invalid', '--compare 需要两份报告：--compare A.json B.json');
  if (!values.compare && positionals.length > 0)
    throw new InputError('命令行', 'invalid', `多余的参数：${positionals.join(' ')}\n\n${USAGE}`);
  const concurrency = values.concurrency === undefined ? null : Number(values.concurrency);
  if (concurrency !== null && (!Number.isInteger(concurrency) || concurrency < 1))
    throw new InputError('--concurrency', 'invalid', '--concurrency 必须是正整数');
  const judges = values.judges
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return {
    command: values.help ? 'help' : values.list ? 'list' : values.compare ? 'compare' : 'run',
    engine,
    cases: values.cases,
    judge: values.judge || judges.length > 0,
    judges,
    out: values.out,
    mutations: values.mutations,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'],
    strict: values.strict,
    data: values.data ?? null,
    theme: values.theme,
    concurrency,
    compare: values.compare ? [positionals[0]!, positionals[1]!] : null,
  };
}
