import { parseArgs } from 'node:util';
import type { LessonRequest } from '../domain/index.js';
import { InputError } from '../errors.js';
import type { EngineChoice } from '../pipeline/engine.js';

export interface RunCommand {
  request: LessonRequest;
  materials: string[];
  /** --video (or its older name --transcript): the lesson video's subtitles or the recording itself, with what pairs with each. */
  transcripts: { file: string; url: string | null; title: string | null; durationSec: number | null }[];
  engine: EngineChoice;
  theme: string;
  out: string;
  /** --owner: the sign-in name of the teacher who owns the lesson in the service; null for the local user. */
  owner: string | null;
  debug: boolean;
}

export const USAGE = `用法：
  lessonprep run --subject 数学 --grade 3 --material 教材.pdf [--material 教参.md …] --out 目录
                 [--title 课题] [--period 40] [--edition 人教版] [--unit 单元] [--class-profile 学情]
                 [--video 字幕.srt|课堂实录.mp4 [--video-url URL] [--video-title 标题] [--video-duration 秒] …]
                 [--engine offline|openai] [--theme qingsong|heiban] [--owner 登录名] [--debug]
  lessonprep demo [--out out/demo] [--engine offline|openai] [--seed-school]
  lessonprep steps                      列出三阶九步的九个步骤
  lessonprep users add [--admin] --username 登录名 --name 姓名     （密码从标准输入读取，或 --password-env 变量名）
  lessonprep users list
  lessonprep groups add --name 组名 --school 学校 --subject 学科 --grades 3-4
  lessonprep groups add-member --group 组名 --username 登录名 --role lead|teacher|observer
  lessonprep standards add 课标.pdf --subject 语文 --stage 小学|初中|义务教育|高中   加入学校课标库
  lessonprep standards list
  lessonprep --help | --version

  --video 给出这节课的教学视频：字幕（.srt、.vtt，或每行带时间戳的 .txt 文字稿），或视频/音频文件本身
  （.mp4、.mov、.mkv、.mp3、.m4a、.wav 等，需设置 ASR_BASE_URL 做语音转写）；可重复，--transcript 是它的旧名。
  没有配置模型时使用离线引擎（不联网，不调用 AI）。配置模型：LLM_BASE_URL、LLM_API_KEY、LLM_MODEL，
  或 LLM_PROVIDER=openai|deepseek|qwen|kimi|glm|doubao|ollama|vllm|llamacpp。数据目录：DATA_DIR（默认 ./data）。`;

function bad(problem: string): never {
  throw new InputError('命令行参数', 'invalid', `${problem}\n\n${USAGE}`);
}

/** Parses `lessonprep run …`; every mistake is an InputError that shows the usage. */
export function parseRunArgs(argv: string[]): RunCommand {
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      options: {
        subject: { type: 'string' },
        grade: { type: 'string' },
        title: { type: 'string' },
        period: { type: 'string' },
        edition: { type: 'string' },
        unit: { type: 'string' },
        'class-profile': { type: 'string' },
        material: { type: 'string', multiple: true },
        video: { type: 'string', multiple: true },
        transcript: { type: 'string', multiple: true },
        'video-url': { type: 'string', multiple: true },
        'video-title': { type: 'string', multiple: true },
        'video-duration': { type: 'string', multiple: true },
        engine: { type: 'string', default: 'auto' },
        theme: { type: 'string', default: 'qingsong' },
        out: { type: 'string' },
        owner: { type: 'string' },
        debug: { type: 'boolean', default: false },
      },
      strict: true,
      tokens: true,
    }));
  } catch (error) {
    bad((error as Error).message);
  }
  if (!values.subject) bad('缺少 --subject（学科，如 数学）');
  const grade = Number(values.grade);
  if (!Number.isInteger(grade) || grade < 1 || grade > 12) bad('--grade 必须是 1 到 12 的整数（1–6 小学，7–9 初中，10–12 高中）');
  const period = values.period === undefined ? null : Number(values.period);
  if (period !== null && (!Number.isInteger(period) || period < 10 || period > 120)) bad('--period 必须是 10 到 120 之间的分钟数');
  if (!values.material?.length) bad('至少需要一个 --material（教材、教参或课标文件：PDF、Word、PowerPoint、图片、TXT 或 Markdown）');
  if (!values.out) bad('缺少 --out（输出目录）');
  if (!['auto', 'offline', 'openai'].includes(values.engine)) bad('--engine 只能是 offline 或 openai');
  // --video and --transcript are one list in the order given, so --video-url and the others pair with the right file.
  const videoFiles = tokens.flatMap((t) => (t.kind === 'option' && (t.name === 'video' || t.name === 'transcript') ? [t.value!] : []));
  const transcripts = videoFiles.map((file, i) => {
    const duration = values['video-duration']?.[i];
    const durationSec = duration === undefined ? null : Number(duration);
    if (durationSec !== null && !(durationSec > 0)) bad(`--video-duration 必须是正的秒数，收到 “${duration}”`);
    const url = values['video-url']?.[i] ?? null;
    if (url !== null && !/^https?:\/\/\S+$/i.test(url)) bad(`--video-url 只能是 http 或 https 地址，收到 “${url}”`);
    return { file, url, title: values['video-title']?.[i] ?? null, durationSec };
  });
  for (const option of ['video-url', 'video-title', 'video-duration'] as const) {
    if ((values[option]?.length ?? 0) > transcripts.length)
      bad(`--${option} 比 --video 多：每个 --${option} 要跟在它的视频（或字幕）文件后面`);
  }
  return {
    request: {
      title: values.title ?? null,
      subject: values.subject,
      grade,
      periodMinutes: period,
      edition: values.edition ?? null,
      unit: values.unit ?? null,
      classProfile: values['class-profile'] ?? null,
    },
    materials: values.material,
    transcripts,
    engine: values.engine as EngineChoice,
    theme: values.theme,
    out: values.out,
    owner: values.owner ?? null,
    debug: values.debug,
  };
}
