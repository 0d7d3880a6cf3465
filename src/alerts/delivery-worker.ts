import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "../log.ts";
import type { AlertButtons, Delivery, DeliveryQueue } from "../store/delivery-queue.ts";
import type { AlertChannel, ChatId } from "../store/subscriptions.ts";
import { createSendPacing } from "./send-pacing.ts";

/** Where and how one send goes: the forum topic (none: the chat itself), and a signal that aborts it on stop(). */
export interface SendOptions {
  threadId?: number;
  signal: AbortSignal;
}

/**
 * Sends one alert; resolves once the channel accepted it. Throws an ApiError-shaped error (grammY's GrammyError is
 * one) when the API refused it, anything else for network failures. It must not retry by itself: the worker's classification (429 wait, backoff, 403 pause) is the retry.
 */
export type SendAlert = (
  chatId: number,
  text: string,
  replyMarkup: AlertButtons | undefined,
  options: SendOptions,
) => Promise<void>;

/** An API refusal as the Bot API reports it: the worker reads only these fields, whatever error class carries them. */
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

function isApiError(error: unknown): error is ApiError {
  const e = error as Partial<ApiError> | null;
  return typeof e === "object" && e !== null && typeof e.error_code === "number" && typeof e.description === "string";
}

/** How one channel sends an alert, and what its API's errors mean for the delivery. */
export interface ChannelSender {
  send(chatId: ChatId, text: string, replyMarkup: AlertButtons | undefined, options: SendOptions): Promise<void>;
  classify(error: unknown): SendFailure;
  describe?(error: unknown): string;
}

export interface DeliveryWorkerOptions {
  queue: DeliveryQueue;
  /** The Telegram sender (the channel of every row queued without one). */
  send?: SendAlert;
  /** Senders of the other channels; a channel without one keeps its rows queued until it is turned on. */
  senders?: Partial<Record<AlertChannel, ChannelSender>>;
  /** Epoch ms. */
  now: () => number;
  /** Resolves after `ms` (or rejects once `signal` aborts); tests pass one that advances a fake clock. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log: Logger;
  /** Telegram allows ~30 messages/s per bot; we stay below. */
  globalPerSecond?: number;
  /** Telegram allows ~20 messages/min per group. */
  perChatIntervalMs?: number;
  /** API calls per delivery before it is marked failed (429 waits and migrations do not count). */
  maxAttempts?: number;
  /** stop() lets a send in flight finish this long, then aborts it (ms); a stalled API cannot hold a shutdown. */
  stopGraceMs?: number;
}

export interface DeliveryWorker {
  /** One pass over the due rows within the rate limits; returns how many deliveries it attempted. */
  runOnce(): Promise<number>;
  /** Puts rows a crashed run left in flight back in the queue, then loops until stop(). */
  start(): void;
  /** Ends the loop after the send in flight (if any) has been recorded; a stalled one is aborted after stopGraceMs. */
  stop(): Promise<void>;
  /** New rows were queued: look now rather than at the next poll. */
  wake(): void;
}

/** What a failed send means for the delivery. */
export type SendFailure =
  | { kind: "flood"; retryAfterMs: number }
  /** The channel itself cannot send now (its token was refused): its rows wait, none counts an attempt. */
  | { kind: "paused"; retryAfterMs: number; reason: string }
  | { kind: "migrated"; newChatId: number }
  | { kind: "gone" }
  | { kind: "rejected" }
  | { kind: "transient" };

const POLL_MS = 500;
const BATCH = 100;
const BACKOFF_CAP_MS = 10 * 60_000;
/** When a 429 comes without retry_after (it should not). */
const DEFAULT_RETRY_AFTER_S = 5;
/** 400s that mean the chat is gone for good, like a 403. */
const CHAT_GONE = /chat not found|group chat was deactivated/i;

export function classifySendFailure(error: unknown): SendFailure {
  if (!isApiError(error)) return { kind: "transient" };
  const newChatId = error.parameters?.migrate_to_chat_id;
  if (newChatId !== undefined) return { kind: "migrated", newChatId };
  if (error.error_code === 429) {
    return { kind: "flood", retryAfterMs: (error.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S) * 1000 };
  }
  if (error.error_code === 403) return { kind: "gone" };
  if (error.error_code === 400 && CHAT_GONE.test(error.description)) return { kind: "gone" };
  // Any other 4xx is about the message itself (bad HTML, too long): sending it again cannot help.
  if (error.error_code >= 400 && error.error_code < 500) return { kind: "rejected" };
  return { kind: "transient" };
}

/** 2 s, 4 s, 8 s … after the 1st, 2nd, 3rd failed attempt; at most 10 min. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, BACKOFF_CAP_MS);
}

function describe(error: unknown): string {
  if (isApiError(error)) return `${error.error_code}: ${error.description}`;
  return error instanceof Error ? error.message : String(error);
}

/** The Telegram sender (`send`) and the other channels' senders, by channel; at least one. */
function sendersOf(options: DeliveryWorkerOptions): Map<AlertChannel, ChannelSender> {
  const senders = new Map<AlertChannel, ChannelSender>();
  if (options.send) {
    const send = options.send;
    senders.set("telegram", {
      send: (chatId, text, markup, opts) => send(Number(chatId), text, markup, opts),
      classify: classifySendFailure,
    });
  }
  for (const [channel, sender] of Object.entries(options.senders ?? {}) as [AlertChannel, ChannelSender][])
    senders.set(channel, sender);
  if (senders.size === 0) throw new RangeError("delivery worker: needs at least one sender (send or senders)");
  return senders;
}

/** The rate limits and attempts, defaulted and checked: a bad value fails the start, naming the option. */
function limitsOf(options: DeliveryWorkerOptions) {
  const globalPerSecond = options.globalPerSecond ?? 25;
  const perChatIntervalMs = options.perChatIntervalMs ?? 3000;
  const maxAttempts = options.maxAttempts ?? 8;
  if (!Number.isInteger(globalPerSecond) || globalPerSecond < 1) {
    throw new RangeError(`delivery worker: globalPerSecond must be a positive integer, got ${globalPerSecond}`);
  }
  if (!Number.isFinite(perChatIntervalMs) || perChatIntervalMs < 0) {
    throw new RangeError(`delivery worker: perChatIntervalMs must be ≥ 0, got ${perChatIntervalMs}`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`delivery worker: maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  return { globalPerSecond, perChatIntervalMs, maxAttempts };
}

const defaultSleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal });

/**
 * Sends queued alerts one at a time. Each row is committed as 'sending' before the API call and as 'sent' after
 * Telegram accepted it, so a crash can repeat at most the one row in flight (recoverInFlight on the next start).
 * One worker per state database: recoverInFlight would take back another worker's row in flight.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { queue, now, log } = options;
  const senders = sendersOf(options);
  const sleep = options.sleep ?? defaultSleep;
  const { globalPerSecond, perChatIntervalMs, maxAttempts } = limitsOf(options);
  const pacing = createSendPacing(senders, globalPerSecond, perChatIntervalMs);
  const { openChannels } = pacing;
  /** When runOnce last saw something become sendable (a rate-limit slot, a chat's turn). */
  let wakeAt = Infinity;
  let running: Promise<void> | undefined;
  let stopping = false;
  let woken = false;
  let idleAbort: AbortController | undefined;
  /** The send in flight, so stop() can abort it. */
  let sendAbort: AbortController | undefined;
  const stopGraceMs = options.stopGraceMs ?? 2000;

  /** Returns false when the rest of the batch must wait (flood pause, or the queue was re-keyed under us). */
  async function deliver(row: Delivery): Promise<boolean> {
    const sender = senders.get(row.channel);
    if (!sender) return true; // due() only returns rows of channels with a sender
    const controller = new AbortController();
    sendAbort = controller;
    try {
      await sender.send(row.chatId, row.text, row.replyMarkup, {
        signal: controller.signal,
        ...(row.threadId ? { threadId: row.threadId } : {}),
      });
    } catch (error) {
      if (controller.signal.aborted) {
        // Cut by stop(): the channel may or may not have it (the crash window); the next start sends it again.
        queue.retryLater(row.id, now(), "aborted: the worker stopped during the send", { countAttempt: false });
        log.warn("alerts: send aborted by shutdown; the alert goes out again on the next start", {
          deliveryId: row.id,
          chatId: row.chatId,
        });
        return false;
      }
      return recordFailure(row, error, sender);
    } finally {
      sendAbort = undefined;
    }
    // Outside the try: a store error here is not a send failure (the row stays 'sending' until recoverInFlight).
    queue.markSent(row.id);
    return true;
  }

  function recordFailure(row: Delivery, error: unknown, sender: ChannelSender): boolean {
    const reason = sender.describe?.(error) ?? describe(error);
    const failure = sender.classify(error);
    const data = { deliveryId: row.id, docId: row.docId, channel: row.channel, chatId: row.chatId, error: reason };
    switch (failure.kind) {
      case "flood":
      case "paused": {
        const at = now() + failure.retryAfterMs;
        queue.retryLater(row.id, at, reason, { countAttempt: false });
        pacing.pause(row.channel, at);
        wakeAt = at;
        if (failure.kind === "flood")
          log.warn(`alerts: ${row.channel} rate limit, its deliveries paused`, {
            ...data,
            retryAfterMs: failure.retryAfterMs,
          });
        else
          log.error(`alerts: ${row.channel} refused to send (${failure.reason}), its deliveries paused`, {
            ...data,
            retryAfterMs: failure.retryAfterMs,
          });
        return false;
      }
      case "migrated":
        queue.migrateChat(row.chatId, failure.newChatId);
        // A no-op when the new chat already had this version queued: migrateChat dropped our row in its favour.
        queue.retryLater(row.id, now(), reason, { countAttempt: false });
        wakeAt = now();
        log.info("alerts: group became a supergroup, subscriptions re-keyed", {
          ...data,
          newChatId: failure.newChatId,
        });
        return false;
      case "gone": {
        const dropped = queue.markInactive(row.chatId, reason);
        log.info("alerts: chat unreachable, its subscriptions paused", { ...data, dropped });
        return true;
      }
      case "rejected":
        queue.markFailed(row.id, reason);
        log.error(`alerts: ${row.channel} rejected the alert`, data);
        return true;
      case "transient":
        if (row.attempts >= maxAttempts) {
          queue.markFailed(row.id, reason);
          log.error("alerts: delivery failed, no attempts left", { ...data, attempts: row.attempts });
        } else {
          queue.retryLater(row.id, now() + backoffMs(row.attempts), reason);
          log.warn("alerts: delivery will be retried", {
            ...data,
            attempts: row.attempts,
            retryInMs: backoffMs(row.attempts),
          });
        }
        return true;
    }
  }

  async function runOnce(): Promise<number> {
    wakeAt = Infinity;
    const start = now();
    const { open, reopensAt } = openChannels(start);
    wakeAt = reopensAt;
    if (open.length === 0) return 0;
    pacing.forgetCooledChats(start);
    // Chats in their cool-down (and paused channels) are left out of the query, so they cannot fill the batch.
    const rows = queue.due(BATCH, pacing.coolingChats(), open);
    let attempted = 0;
    for (const row of rows) {
      if (stopping) break;
      const t = now();
      const slotAt = pacing.globalSlotAt(t);
      if (slotAt > t) {
        wakeAt = Math.min(wakeAt, slotAt);
        break;
      }
      const last = pacing.lastSendAt(row.chatId);
      if (last !== undefined && t - last < perChatIntervalMs) {
        wakeAt = Math.min(wakeAt, last + perChatIntervalMs); // skipped, not blocking the chats after it
        continue;
      }
      // Committed before the call: after a crash this row is the only one that may have reached Telegram unrecorded.
      const claimed = queue.markSending(row.id);
      if (claimed === undefined) continue; // marked inactive or re-keyed since the query
      pacing.record(claimed.chatId, t);
      attempted += 1;
      if (!(await deliver(claimed))) break;
    }
    return attempted;
  }

  async function idle(ms: number): Promise<void> {
    const controller = new AbortController();
    idleAbort = controller;
    try {
      await sleep(ms, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      idleAbort = undefined;
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      woken = false;
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (error) {
        log.error("alerts: delivery pass failed", { error: describe(error) });
      }
      if (stopping || woken || attempted > 0) continue;
      const t = now();
      const { open, reopensAt } = openChannels(t);
      const until = open.length === 0 ? reopensAt : Math.min(wakeAt, t + POLL_MS);
      if (until > t) await idle(until - t);
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      stopping = false;
      const recovered = queue.recoverInFlight();
      if (recovered > 0)
        log.warn("alerts: re-queued deliveries left in flight by the last run (may repeat)", { count: recovered });
      running = loop().finally(() => {
        running = undefined;
      });
    },
    async stop() {
      stopping = true;
      idleAbort?.abort();
      if (!running) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, stopGraceMs);
      });
      await Promise.race([running, grace]);
      clearTimeout(timer);
      sendAbort?.abort();
      await running;
    },
    wake() {
      woken = true;
      idleAbort?.abort();
    },
  };
}
