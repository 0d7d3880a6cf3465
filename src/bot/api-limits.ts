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
  /** 429 and 5xx: retries after the first failure (auto-retry's maxRetryAttempts). */
  maxRetryAttempts: number;
  /** A 429 asking to wait longer than this fails the call instead (auto-retry's maxDelaySeconds). */
  maxDelaySeconds: number;
  /** Network failures (connection refused or reset, timeout): retries, `networkDelayMs` apart. */
  networkRetries: number;
  networkDelayMs: number;
}

/** grammY types its signals with the abort-controller shim; at run time they are Node's own AbortSignal. */
type GrammySignal = NonNullable<Parameters<Transformer>[3]>;
const nodeSignal = (s: GrammySignal | undefined) => s as unknown as AbortSignal | undefined;

export const REPLY_LIMITS: CallLimits = { timeoutMs: 10_000, maxRetryAttempts: 2, maxDelaySeconds: 5, networkRetries: 1, networkDelayMs: 1000 };

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
 * auto-retry retries network errors (HttpError) without any bound, whatever maxRetryAttempts says; so it is told
 * to rethrow them, and this retries them a bounded number of times instead.
 */
export function retryNetworkErrors(retries: number, delayMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= retries || signal?.aborted || method === "getUpdates") throw error;
        const outer = nodeSignal(signal);
        await delay(delayMs, undefined, outer ? { signal: outer } : {});
      }
    }
  };
}

/** The transformers, innermost first (install them in this order, below nothing but a test's fake network). */
export function boundedCalls(limits: CallLimits = REPLY_LIMITS): Transformer[] {
  return [
    callTimeout(limits.timeoutMs),
    retryNetworkErrors(limits.networkRetries, limits.networkDelayMs),
    autoRetry({ maxRetryAttempts: limits.maxRetryAttempts, maxDelaySeconds: limits.maxDelaySeconds, rethrowHttpErrors: true }),
  ];
}
