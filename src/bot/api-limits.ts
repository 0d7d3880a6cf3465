import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";
import { setTimeout as delay } from "node:timers/promises";

/**
 * How long and how often the bot's own calls (replies to users) may try. A user waits for the answer, so every
 * bound is a few seconds: an outage turns into a logged error and an apology, never into a handler that hangs.
 */
export interface CallLimits {
  /** One HTTP request, in ms; getUpdates is left alone (its long poll sets its own time). */
  timeoutMs: number;
  /** 429: retries after waiting retry_after (auto-retry's maxRetryAttempts). */
  maxRetryAttempts: number;
  /** A 429 asking to wait longer than this fails the call instead (auto-retry's maxDelaySeconds). */
  maxDelaySeconds: number;
  /** 5xx and network failures (refused, reset, timed out): retries, after transientDelayMs, then twice that, … */
  transientRetries: number;
  transientDelayMs: number;
}

/** grammY types its signals with the abort-controller shim; at run time they are Node's own AbortSignal. */
type GrammySignal = NonNullable<Parameters<Transformer>[3]>;
const nodeSignal = (s: GrammySignal | undefined) => s as unknown as AbortSignal | undefined;

export const REPLY_LIMITS: CallLimits = {
  timeoutMs: 10_000,
  maxRetryAttempts: 2,
  maxDelaySeconds: 5,
  transientRetries: 2,
  transientDelayMs: 500,
};

/** Aborts a call that takes longer than `ms` (grammY's own default is 500 s). */
export function callTimeout(ms: number): Transformer {
  return (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const timeout = AbortSignal.timeout(ms);
    const outer = nodeSignal(signal);
    return prev(method, payload, (outer ? AbortSignal.any([outer, timeout]) : timeout) as unknown as GrammySignal);
  };
}

/**
 * auto-retry retries network errors without any bound whatever maxRetryAttempts says, and waits once more after
 * the last 5xx; so it is told to rethrow both, and this retries them a bounded number of times instead.
 */
export function retryTransient(retries: number, delayMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries || method === "getUpdates";
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500 || last) return result;
      } catch (error) {
        if (!(error instanceof HttpError) || last || signal?.aborted) throw error;
      }
      const outer = nodeSignal(signal);
      await delay(delayMs * 2 ** attempt, undefined, outer ? { signal: outer } : {});
    }
  };
}

/** The transformers, innermost first (install them in this order, below nothing but a test's fake network). */
export function boundedCalls(limits: CallLimits = REPLY_LIMITS): Transformer[] {
  return [
    callTimeout(limits.timeoutMs),
    retryTransient(limits.transientRetries, limits.transientDelayMs),
    autoRetry({
      maxRetryAttempts: limits.maxRetryAttempts,
      maxDelaySeconds: limits.maxDelaySeconds,
      rethrowHttpErrors: true,
      rethrowInternalServerErrors: true,
    }),
  ];
}
