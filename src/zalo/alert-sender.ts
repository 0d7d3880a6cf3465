import type { ChannelSender, SendFailure } from "../alerts/delivery-worker.ts";
import { ZaloApiError, ZaloNetworkError, type ZaloClient } from "./client.ts";
import { zaloIdOf } from "./ids.ts";

/** Zalo documents no retry_after for 429 ("quota exceeded"): wait a minute before the channel tries again. */
const QUOTA_WAIT_MS = 60_000;
/** 401: the token was revoked or regenerated; nothing can be sent until an admin fixes ZALO_BOT_TOKEN. */
const TOKEN_WAIT_MS = 15 * 60_000;
/** 400/404s that mean the chat is gone for the bot (removed from the group, chat unknown). */
const CHAT_GONE = /not found|not exist|invalid (chat|user)|not (a )?member|removed|blocked/i;

/**
 * The Bot API's error codes (https://bot.zapps.me/docs/error-code/, also listed in the goclaw Zalo Bot channel docs)
 * mapped to what the delivery queue does: 429 → wait, 401 → pause the channel, 403 (Zalo's "internal server error"),
 * 408, 5xx and network failures → retry with backoff, 404 or a 400 naming a missing chat → pause that chat's
 * subscriptions, any other 4xx → the message itself was refused (failed, not retried).
 */
export function classifyZaloFailure(error: unknown): SendFailure {
  if (error instanceof ZaloNetworkError || !(error instanceof ZaloApiError)) return { kind: "transient" };
  const code = error.errorCode;
  if (code === 429) return { kind: "flood", retryAfterMs: QUOTA_WAIT_MS };
  if (code === 401)
    return { kind: "paused", retryAfterMs: TOKEN_WAIT_MS, reason: "token refused (401): check ZALO_BOT_TOKEN" };
  if (code === 403 || code === 408 || code >= 500) return { kind: "transient" };
  if (code === 404 || (code === 400 && CHAT_GONE.test(error.description))) return { kind: "gone" };
  if (code >= 400 && code < 500) return { kind: "rejected" };
  return { kind: "transient" };
}

/** The delivery worker's sender for Zalo: rows keep "zalo:<id>" chat keys; the alert text is plain, ≤ 2,000 chars. */
export function zaloAlertSender(client: Pick<ZaloClient, "sendMessage">): ChannelSender {
  return {
    // Zalo has no forum topics: threadId is always 0 for its rows.
    send: async (chatKey, text, _markup, options) =>
      void (await client.sendMessage(zaloIdOf(chatKey), text, options.signal)),
    classify: classifyZaloFailure,
    describe: (error) => (error instanceof Error ? error.message : String(error)),
  };
}
