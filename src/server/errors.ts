import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { ConfigError, InputError, type InputProblem, ModelError } from '../errors.js';
import { StoredPlanError } from '../lessons/plan-upgrade.js';
import type { Logger } from './logger.js';

/** An error the API answers with its own status and code: `{ "error": { "code", "message", "details"? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new ApiError(404, 'not-found', `${what} ${id} 不存在`);

/** Bad files are the teacher's to fix: the status says which kind of problem it is. */
const INPUT_STATUS: Record<InputProblem, ContentfulStatusCode> = {
  'too-large': 413,
  'unsupported-type': 415,
  invalid: 400,
  'not-found': 400,
  empty: 422,
  'not-pdf': 422,
  encrypted: 422,
  corrupt: 422,
  scanned: 422,
  garbled: 422,
  encoding: 422,
  'no-cues': 422,
};

function envelope(status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  return { status, body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

/** Maps anything thrown to the envelope; unknown errors are logged and answered without their stack. */
export function toErrorResponse(error: unknown, logger: Logger) {
  if (error instanceof ApiError) return envelope(error.status, error.code, error.message, error.details);
  if (error instanceof InputError) return envelope(INPUT_STATUS[error.problem], error.problem, error.message, { file: error.file });
  if (error instanceof StoredPlanError) return envelope(409, 'plan-unreadable', error.message);
  if (error instanceof ZodError) return envelope(400, 'invalid-request', '请求内容不符合要求', error.issues);
  // Hono's own refusals: a body that is not JSON (400), one over a size limit (413).
  if (error instanceof HTTPException && error.status === 400) return envelope(400, 'invalid-json', '请求体不是有效的 JSON');
  if (error instanceof HTTPException && error.status === 413) return envelope(413, 'too-large', '请求体太大');
  if (error instanceof ConfigError || error instanceof ModelError) return envelope(503, 'model-unavailable', error.message);
  logger.error('request.error', { error: (error as Error)?.message ?? String(error) });
  return envelope(500, 'internal', '服务内部错误，请稍后重试或联系管理员');
}

export function respondError(c: Context, error: unknown, logger: Logger) {
  const { status, body } = toErrorResponse(error, logger);
  return c.json(body, status);
}
