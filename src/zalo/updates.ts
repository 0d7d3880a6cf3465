import { setTimeout as delay } from "node:timers/promises";
import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { Logger } from "../log.ts";
import type { ZaloClient } from "./client.ts";
import type { ZaloUpdate } from "./types.ts";

/** The header Zalo sends the webhook's secret_token back in (setWebhook). */
export const SECRET_HEADER = "X-Bot-Api-Secret-Token";

/** One chat's updates in order, different chats in parallel; `settled()` waits for every chat's work. */
export function createDispatcher(handle: (u: ZaloUpdate) => Promise<void>, log: Logger) {
  const chains = new Map<string, Promise<void>>();
  return {
    dispatch(update: ZaloUpdate): void {
      const key = update.message?.chat?.id ?? "";
      const next = (chains.get(key) ?? Promise.resolve())
        .then(() => handle(update))
        .catch((err) => log.error("zalo: update failed", { event: update.event_name, error: String(err) }));
      chains.set(key, next);
      void next.finally(() => {
        if (chains.get(key) === next) chains.delete(key);
      });
    },
    async settled(): Promise<void> {
      while (chains.size) await Promise.all(chains.values());
    },
  };
}

export interface Poller {
  stop(): Promise<void>;
}

/**
 * getUpdates long polling: one update per call, 408 when a poll ends empty (not an error). Failures back off
 * 1 s, 2 s … 30 s and the loop goes on; stop() aborts the poll in flight.
 */
export function startPolling(
  client: Pick<ZaloClient, "getUpdates">,
  dispatch: (u: ZaloUpdate) => void,
  log: Logger,
  pollS = 30,
): Poller {
  const controller = new AbortController();
  const loop = async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        const updates = await client.getUpdates(pollS, controller.signal);
        failures = 0;
        for (const u of updates) dispatch(u);
      } catch (err) {
        if (controller.signal.aborted) break;
        failures += 1;
        const wait = Math.min(1000 * 2 ** (failures - 1), 30_000);
        log.warn("zalo: getUpdates failed, retrying", { error: String(err), retryInMs: wait });
        await delay(wait, undefined, { signal: controller.signal }).catch(() => undefined);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook endpoint: 401 without the right secret header, 400 for a body that is no update, else 200 at once
 * (the update is handled after the answer, so a slow search never makes Zalo time out and redeliver).
 */
export function webhookHandler(secret: string, dispatch: (u: ZaloUpdate) => void, log: Logger) {
  return async (c: Context): Promise<Response> => {
    if (!secretMatches(c.req.header(SECRET_HEADER), secret)) {
      log.warn("zalo: webhook request without the right secret header refused");
      return c.json({ ok: false, error: "unauthorized" }, 401);
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ ok: false, error: "body is not JSON" }, 400);
    }
    const record = (body ?? {}) as { ok?: boolean; result?: unknown; event_name?: unknown };
    // Updates come bare ({event_name, message}); some deliveries wrap them like getUpdates ({ok, result}).
    const update = (record.ok === true && record.result ? record.result : record) as ZaloUpdate;
    if (typeof update.event_name !== "string") return c.json({ ok: false, error: "not a Zalo update" }, 400);
    dispatch(update);
    return c.json({ ok: true });
  };
}
