/**
 * API errors as sentences. The server answers `{ error: { code, message,
 * details? } }` with a Chinese message; this turns any failure — that
 * envelope, a proxy's HTML page, a dropped connection — into one readable
 * sentence, plus what to do where the code says it.
 */

/** Field names of the lesson form, for the rare validation error the form did not catch first. */
const FIELD_LABEL: Record<string, string> = {
  title: '课题',
  subject: '学科',
  grade: '年级',
  periodMinutes: '课时',
  edition: '教材版本',
  unit: '单元',
  classProfile: '学情',
  file: '文件',
  videoUrl: '视频地址',
  videoTitle: '视频标题',
  videoDurationSec: '视频时长',
  plan: '教学设计',
};

/** What a teacher can do about each file problem the server names. */
const ADVICE: Record<string, string> = {
  scanned:
    '这是扫描版 PDF：页面是图片，没有文字层，需要先做文字识别（OCR）。可以用 WPS 的“PDF 转 Word”或扫描软件的文字识别，转成带文字的 PDF 或另存为 TXT 后再上传。',
  garbled: 'PDF 的文字层是乱码，读出来的不是正确的字。请换一份电子版 PDF，或先做文字识别（OCR）转成 TXT 再上传。',
  encrypted: 'PDF 设有密码或禁止复制文字。请找到未加密的原文件，或在 WPS 中去掉密码另存后再上传。',
  corrupt: '文件已损坏或没有下载完整。请重新下载或重新导出后再上传。',
  'not-pdf': '文件扩展名是 .pdf，但内容不是 PDF。请确认文件来源，重新导出为 PDF 后再上传。',
  empty: '文件里没有可用的文字。请确认选对了文件。',
  encoding: '读不出文件的文字编码。请用记事本或 WPS 打开，另存为 UTF-8 编码的 TXT 后再上传。',
  'no-cues': '字幕文件里没有找到带时间的字幕条目。请上传 SRT、VTT 字幕，或每行以 [分:秒] 开头的文字稿。',
  'unsupported-type':
    '支持的文件：PDF（带文字层）、TXT、Markdown（教材、教参、课标），SRT、VTT 或文字稿（视频字幕）。Word 文档请先在 WPS 或 Word 中“另存为 PDF”。',
  'too-large': '文件太大。可以只导出本课用到的几页，另存为一个较小的 PDF 后再上传。',
  'too-many-materials': '这节课的材料已到上限。请先删除用不到的材料。',
  'no-materials': '请在“材料”页上传至少一份教材、教参或课标。',
  'model-unavailable': '服务没有配置 AI 模型。请改用离线引擎，或请管理员在服务器上配置模型。',
  'stale-edit': '请刷新页面，在最新版本上重新修改。',
  'run-active': '请等这次生成结束，或在“生成”页取消后再试。',
  unauthenticated: '请重新登录。',
  csrf: '请刷新页面后再试一次。',
  forbidden: '这一步需要本课的主备或组长来做。',
  'too-many-attempts': '请稍后再试；忘记密码请找学校的管理员重置。',
  'anchor-changed': '请对照现在的文字手动修改，或回复评论者说明。',
  'anchor-gone': '评论所指的内容在新版本里已删除，可以回复评论者后把这条讨论标为已解决。',
  'plan-final': '终案已锁定。如需再改，请在“研讨”页点“开始新一轮”。',
  'label-order': '版本标签只能按 初案 → 共案 → 终案 的顺序往前走。',
  'invalid-plan': '请对照上面说的地方修改后再保存。',
};

/** An API call that failed, with a message to show as is. */
export class ApiProblem extends Error {
  constructor(
    /** HTTP status, or 0 when the service could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the teacher can do about it, when there is something. */
    readonly advice: string | null = ADVICE[code] ?? null,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

interface Envelope {
  error: { code: string; message: string; details?: unknown };
}

const isEnvelope = (body: unknown): body is Envelope =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Envelope).error === 'object' &&
  (body as Envelope).error !== null &&
  typeof (body as Envelope).error.message === 'string';

const CHINESE = /[\u4e00-\u9fff]/u;

/**
 * zod issues → "「课题」填写不正确。" — the field names, never the validator's
 * English; the plan's own rules say what is wrong in Chinese ("教学过程各环节用时合计
 * 38 分钟，与课时 40 分钟不符"), and those sentences are kept.
 */
function fieldSentence(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const fields = new Set<string>();
  const sentences = new Set<string>();
  for (const issue of details) {
    const { path, message } = (issue ?? {}) as { path?: unknown[]; message?: unknown };
    if (typeof message === 'string' && CHINESE.test(message)) sentences.add(message.replace(/[。.]$/u, ''));
    else if (typeof path?.[0] === 'string') fields.add(FIELD_LABEL[path[0]] ?? path[0]);
  }
  const parts = [...sentences].map((m) => `${m}。`);
  if (fields.size > 0) parts.push(`请检查${[...fields].map((f) => `「${f}」`).join('、')}。`);
  return parts.length > 0 ? parts.join('') : null;
}

const STATUS_SENTENCE: Record<number, string> = {
  400: '请求内容不符合要求。',
  401: '请先登录。',
  403: '没有权限进行这个操作。',
  404: '要找的内容不存在，可能已被删除。',
  409: '现在不能进行这个操作。',
  413: '文件太大，超过了上传上限。',
  415: '不支持这种文件类型。',
  422: '文件的内容无法读取。',
  429: '请求太频繁，请稍等一会儿再试。',
  502: '备课服务暂时没有响应，请稍后再试。',
  503: '备课服务暂时不可用，请稍后再试。',
  504: '备课服务响应超时，请稍后再试。',
};

/** The problem an error response describes, whatever its body was. */
export function problemFromBody(status: number, body: unknown): ApiProblem {
  if (isEnvelope(body)) {
    const { code, message, details } = body.error;
    const fields = code === 'invalid-request' || code === 'invalid-plan' ? fieldSentence(details) : null;
    const sentence = /[。！？.!?]$/u.test(message) ? message : `${message}。`;
    return new ApiProblem(status, code, fields ? `${sentence}${fields}` : sentence);
  }
  return new ApiProblem(status, `http-${status}`, STATUS_SENTENCE[status] ?? `备课服务出错了（错误 ${status}），请稍后再试。`);
}

/** A call that never got an answer: the service is down, or the network dropped. */
export function problemFromNetwork(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if ((error as Error)?.name === 'AbortError') return new ApiProblem(0, 'aborted', '操作已取消。', null);
  return new ApiProblem(0, 'network', '连不上备课服务。请检查网络连接，或确认服务已经启动，然后再试一次。', null);
}
