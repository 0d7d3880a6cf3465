import { setTimeout as delay } from "node:timers/promises";
import { POLL_TIMEOUT_CODE, type ZaloBotInfo, type ZaloResponse, type ZaloUpdate } from "./types.ts";

/** The Bot API answered `ok: false` (or a non-JSON HTTP error). `errorCode` is Zalo's code, else the HTTP status. */
export class ZaloApiError extends Error {
  override name = "ZaloApiError";
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(`zalo: ${method} failed: ${errorCode} ${description}`, options);
  }
}

/** The request never got an answer (network down, DNS, timeout). The URL is not quoted: it contains the token. */
export class ZaloNetworkError extends Error {
  override name = "ZaloNetworkError";
  constructor(
    readonly method: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`zalo: ${method}: ${message}`, options);
  }
}

export interface ZaloClientOptions {
  token: string;
  /** No trailing slash; tests point it at a local server. */
  apiRoot: string;
  fetch?: typeof fetch;
  /** Per request, except getUpdates (its poll time + 10 s). */
  timeoutMs?: number;
  /** Further tries after a network error or a server-side failure (5xx, Zalo's 403 "internal error"). */
  retries?: number;
  retryDelayMs?: number;
}

export interface ZaloClient {
  getMe(): Promise<ZaloBotInfo>;
  /** Long poll; [] when it timed out (code 408). Zalo returns one update per call, an array is accepted too. */
  getUpdates(timeoutS: number, signal?: AbortSignal): Promise<ZaloUpdate[]>;
  /** `signal` aborts the call (and its retries): the alert worker's stop(). */
  sendMessage(chatId: string, text: string, signal?: AbortSignal): Promise<{ message_id?: string }>;
  sendChatAction(chatId: string, action: "typing" | "upload_photo"): Promise<void>;
  setWebhook(url: string, secretToken: string): Promise<void>;
  deleteWebhook(): Promise<void>;
  getWebhookInfo(): Promise<{ url?: string }>;
}

const DEFAULTS = { timeoutMs: 15_000, retries: 2, retryDelayMs: 500 } as const;

/**
 * Whether a failure is worth the same request again: no answer at all, or the server's own fault. The Bot API's
 * error table lists 403 as "internal server error" (https://bot.zapps.me/docs/error-code/), so it is retried too;
 * 429 (quota) is left to the caller, who knows whether waiting is worth it.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ZaloNetworkError) return true;
  return error instanceof ZaloApiError && (error.errorCode >= 500 || error.errorCode === 403);
}

/** A small typed client of the Zalo Bot API with timeouts and bounded retries. Creating it does no I/O. */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const api: Api = {
    f: options.fetch ?? fetch,
    base: `${options.apiRoot.replace(/\/+$/, "")}/bot${options.token}`,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    retryDelayMs: options.retryDelayMs ?? DEFAULTS.retryDelayMs,
  };
  return {
    getMe: () => call<ZaloBotInfo>(api, "getMe", {}),
    getUpdates: (timeoutS, signal) => getUpdates(api, timeoutS, signal),
    sendMessage: (chatId, text, signal) =>
      call<{ message_id?: string }>(api, "sendMessage", { chat_id: chatId, text }, signal ? { signal } : {}),
    // Only a hint to the user: one try, short timeout.
    sendChatAction: async (chatId, action) =>
      void (await call(api, "sendChatAction", { chat_id: chatId, action }, { retries: 0, ms: 5000 })),
    setWebhook: async (url, secretToken) => void (await call(api, "setWebhook", { url, secret_token: secretToken })),
    deleteWebhook: async () => void (await call(api, "deleteWebhook", {})),
    getWebhookInfo: () => call<{ url?: string }>(api, "getWebhookInfo", {}),
  };
}

/** Where and how the client calls: the bot's URL (with its token), fetch, and the timeout and retry settings. */
interface Api {
  f: typeof fetch;
  base: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

/** One request and its answer's text; no answer at all is a ZaloNetworkError. */
async function post(api: Api, method: string, body: object, ms: number, signal?: AbortSignal) {
  const timeout = AbortSignal.timeout(ms);
  try {
    const res = await api.f(`${api.base}/${method}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    return { res, text: await res.text() };
  } catch (err) {
    const why = timeout.aborted
      ? `no answer within ${ms} ms`
      : (((err as Error).cause as Error | undefined)?.message ?? (err as Error).message);
    throw new ZaloNetworkError(method, why, { cause: err });
  }
}

/** One try: the result, or a ZaloApiError for an answer that is not JSON or not `ok`. */
async function once<T>(api: Api, method: string, body: object, ms: number, signal?: AbortSignal): Promise<T> {
  const { res, text } = await post(api, method, body, ms, signal);
  let parsed: ZaloResponse<T>;
  try {
    parsed = JSON.parse(text) as ZaloResponse<T>;
  } catch (err) {
    throw new ZaloApiError(method, res.status, `not JSON (HTTP ${res.status}): ${text.slice(0, 120)}`, {
      cause: err,
    });
  }
  if (!parsed.ok)
    throw new ZaloApiError(method, parsed.error_code ?? res.status, parsed.description ?? "no description");
  return parsed.result as T;
}

/** `once`, tried again after a retryable failure with a doubling delay, unless the caller aborted. */
async function call<T>(
  api: Api,
  method: string,
  body: object,
  opts: { ms?: number; retries?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const tries = 1 + (opts.retries ?? api.retries);
  for (let attempt = 1; ; attempt++) {
    try {
      return await once<T>(api, method, body, opts.ms ?? api.timeoutMs, opts.signal);
    } catch (err) {
      if (attempt >= tries || !isRetryable(err) || opts.signal?.aborted) throw err;
      await delay(api.retryDelayMs * 2 ** (attempt - 1));
    }
  }
}

async function getUpdates(api: Api, timeoutS: number, signal?: AbortSignal): Promise<ZaloUpdate[]> {
  try {
    // The API takes the timeout as a string of seconds; the poll loop does its own backoff, so no retries here.
    const r = await call<ZaloUpdate | ZaloUpdate[] | null>(
      api,
      "getUpdates",
      { timeout: String(timeoutS) },
      { ms: (timeoutS + 10) * 1000, retries: 0, ...(signal ? { signal } : {}) },
    );
    if (!r) return [];
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    if (err instanceof ZaloApiError && err.errorCode === POLL_TIMEOUT_CODE) return [];
    throw err;
  }
}
