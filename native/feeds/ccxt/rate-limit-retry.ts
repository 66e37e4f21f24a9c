// Retries an exchange call that was refused for rate limiting (ccxt RateLimitExceeded or
// DDoSProtection): waits Retry-After when the exchange sent one, else backs off exponentially,
// and gives up with a clear error after a bounded number of attempts.

import ccxt, { type Exchange } from 'ccxt';
import { reloadMarketsIfMissing } from './markets-reload';

export interface RetryOptions {
  /** Total attempts including the first (default 6). */
  readonly attempts?: number;
  /** First back-off, doubled on each retry (default 500 ms). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Also retry plain network failures (timeouts, resets), which are as transient. */
  readonly retryNetworkErrors?: boolean;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

export class RetriesExhaustedError extends Error {
  constructor(
    what: string,
    readonly attempts: number,
    readonly lastError: Error,
  ) {
    super(`${what}: still refused after ${attempts} attempts (${lastError.constructor.name}: ${lastError.message.slice(0, 200)})`);
  }
}

export function isRateLimit(error: unknown): error is Error {
  return error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection;
}

/** Retry-After of the client's last HTTP response in ms (seconds or an HTTP date), or null. */
export function retryAfterMs(client: Exchange, now = Date.now()): number | null {
  const headers: unknown = client.last_response_headers;
  if (typeof headers !== 'object' || headers === null) return null;
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(raw));
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

export async function withRetry<T>(client: Exchange, what: string, call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    try {
      // A refused first call can leave ccxt holding a failed market load (markets-reload.ts).
      if (attempt > 1) await reloadMarketsIfMissing(client);
      return await call();
    } catch (error) {
      const retriable = isRateLimit(error) || (options.retryNetworkErrors === true && error instanceof ccxt.NetworkError);
      if (!retriable || !(error instanceof Error)) throw error;
      if (attempt >= attempts) throw new RetriesExhaustedError(what, attempts, error);
      const backoff = Math.min(max, base * 2 ** (attempt - 1));
      const delayMs = Math.min(max, Math.max(backoff, (isRateLimit(error) ? retryAfterMs(client) : null) ?? 0));
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
