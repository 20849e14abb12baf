import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  /** Longest wait we accept from a Retry-After header. */
  maxWaitMs?: number;
  /** Told before each wait, so a teacher sees "第 2 次重试，上次：超时" instead of a silent spinner. */
  onRetry?: (retry: { number: number; reason: string; waitMs: number }) => void;
}

/** The HTTP status an OpenAI or LangChain error carries, if any. */
export function statusOf(error: unknown): number | null {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = e?.status ?? e?.response?.status;
  return typeof status === 'number' ? status : null;
}

function retryAfterMs(error: unknown): number | null {
  const headers = (error as { headers?: Headers | Record<string, string> } | null)?.headers;
  if (!headers) return null;
  const value = headers instanceof Headers ? headers.get('retry-after') : headers['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return /timeout|timed out/i.test(`${e?.name ?? ''} ${e?.message ?? ''}`);
}

/**
 * Worth trying again: rate limits (LangChain does not retry a 429 that has no
 * Retry-After), server errors, timeouts and connections that dropped. A 400 or
 * 401 will fail the same way every time, so it is not retried.
 */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== null) return status === 408 || status === 409 || status === 429 || status >= 500;
  if (isTimeout(error)) return true;
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? ''}`;
  return /connection|ECONNRESET|ECONNREFUSED|socket hang up|fetch failed|terminated/i.test(text);
}

/**
 * Why an attempt failed, in the words a teacher reads in the progress line:
 * 超时, 限流（429）, 服务出错（HTTP 503）, 连接中断.
 *
 * @example
 * retryReason(Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' })) // '超时'
 */
export function retryReason(error: unknown): string {
  const status = statusOf(error);
  if (status === 429) return '限流（429）';
  if (status !== null) return `服务出错（HTTP ${status}）`;
  if (isTimeout(error)) return '超时';
  return '连接中断';
}

/**
 * Runs `attempt` until it succeeds, fails in a way retrying cannot fix, or the
 * retries run out. Waits grow exponentially with jitter; a Retry-After header
 * wins when the server sends one.
 *
 * @example
 * const answer = await withRetries(() => model.invoke(messages), { maxRetries: 3, baseMs: 1000 });
 */
export async function withRetries<T>(attempt: (attemptIndex: number) => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt(i);
    } catch (error) {
      if (signal?.aborted || i >= policy.maxRetries || !isRetryable(error)) throw error;
      const backoff = policy.baseMs * 2 ** i * (0.75 + Math.random() * 0.5);
      const wait = Math.min(retryAfterMs(error) ?? backoff, policy.maxWaitMs ?? 60_000);
      policy.onRetry?.({ number: i + 1, reason: retryReason(error), waitMs: Math.round(wait) });
      await sleep(wait, undefined, { signal });
    }
  }
}
