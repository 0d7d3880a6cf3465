import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "../log.ts";
import type { AlertButtons, Delivery, DeliveryQueue } from "../store/delivery-queue.ts";
import type { AlertChannel, ChatId } from "../store/subscriptions.ts";
import { createSendPacing, type SendPacing } from "./send-pacing.ts";

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
  const senders = sendersOf(options);
  const { globalPerSecond, perChatIntervalMs, maxAttempts } = limitsOf(options);
  const w: Worker = {
    queue: options.queue,
    now: options.now,
    log: options.log,
    senders,
    sleep: options.sleep ?? defaultSleep,
    pacing: createSendPacing(senders, globalPerSecond, perChatIntervalMs),
    perChatIntervalMs,
    maxAttempts,
    stopGraceMs: options.stopGraceMs ?? 2000,
    wakeAt: Infinity,
    running: undefined,
    stopping: false,
    woken: false,
    idleAbort: undefined,
    sendAbort: undefined,
  };
  return {
    runOnce: () => runOnce(w),
    start: () => start(w),
    stop: () => stop(w),
    wake() {
      w.woken = true;
      w.idleAbort?.abort();
    },
  };
}

/** A worker's settings and the state its loop, stop() and wake() share. */
interface Worker {
  queue: DeliveryQueue;
  now: () => number;
  log: Logger;
  senders: Map<AlertChannel, ChannelSender>;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  pacing: SendPacing;
  perChatIntervalMs: number;
  maxAttempts: number;
  stopGraceMs: number;
  /** When runOnce last saw something become sendable (a rate-limit slot, a chat's turn). */
  wakeAt: number;
  running: Promise<void> | undefined;
  stopping: boolean;
  woken: boolean;
  idleAbort: AbortController | undefined;
  /** The send in flight, so stop() can abort it. */
  sendAbort: AbortController | undefined;
}

function start(w: Worker): void {
  if (w.running) return;
  w.stopping = false;
  const recovered = w.queue.recoverInFlight();
  if (recovered > 0)
    w.log.warn("alerts: re-queued deliveries left in flight by the last run (may repeat)", { count: recovered });
  w.running = loop(w).finally(() => {
    w.running = undefined;
  });
}

async function stop(w: Worker): Promise<void> {
  w.stopping = true;
  w.idleAbort?.abort();
  if (!w.running) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, w.stopGraceMs);
  });
  await Promise.race([w.running, grace]);
  clearTimeout(timer);
  w.sendAbort?.abort();
  await w.running;
}

async function loop(w: Worker): Promise<void> {
  while (!w.stopping) {
    w.woken = false;
    let attempted = 0;
    try {
      attempted = await runOnce(w);
    } catch (error) {
      w.log.error("alerts: delivery pass failed", { error: describe(error) });
    }
    if (w.stopping || w.woken || attempted > 0) continue;
    const t = w.now();
    const { open, reopensAt } = w.pacing.openChannels(t);
    const until = open.length === 0 ? reopensAt : Math.min(w.wakeAt, t + POLL_MS);
    if (until > t) await idle(w, until - t);
  }
}

/** Sleeps until `ms` have passed or wake()/stop() cut it short. */
async function idle(w: Worker, ms: number): Promise<void> {
  const controller = new AbortController();
  w.idleAbort = controller;
  try {
    await w.sleep(ms, controller.signal);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    w.idleAbort = undefined;
  }
}

async function runOnce(w: Worker): Promise<number> {
  const { queue, now, pacing, perChatIntervalMs } = w;
  w.wakeAt = Infinity;
  const start = now();
  const { open, reopensAt } = pacing.openChannels(start);
  w.wakeAt = reopensAt;
  if (open.length === 0) return 0;
  pacing.forgetCooledChats(start);
  // Chats in their cool-down (and paused channels) are left out of the query, so they cannot fill the batch.
  const rows = queue.due(BATCH, pacing.coolingChats(), open);
  let attempted = 0;
  for (const row of rows) {
    if (w.stopping) break;
    const t = now();
    const slotAt = pacing.globalSlotAt(t);
    if (slotAt > t) {
      w.wakeAt = Math.min(w.wakeAt, slotAt);
      break;
    }
    const last = pacing.lastSendAt(row.chatId);
    if (last !== undefined && t - last < perChatIntervalMs) {
      w.wakeAt = Math.min(w.wakeAt, last + perChatIntervalMs); // skipped, not blocking the chats after it
      continue;
    }
    // Committed before the call: after a crash this row is the only one that may have reached Telegram unrecorded.
    const claimed = queue.markSending(row.id);
    if (claimed === undefined) continue; // marked inactive or re-keyed since the query
    pacing.record(claimed.chatId, t);
    attempted += 1;
    if (!(await deliver(w, claimed))) break;
  }
  return attempted;
}

/** Returns false when the rest of the batch must wait (flood pause, or the queue was re-keyed under us). */
async function deliver(w: Worker, row: Delivery): Promise<boolean> {
  const sender = w.senders.get(row.channel);
  if (!sender) return true; // due() only returns rows of channels with a sender
  const controller = new AbortController();
  w.sendAbort = controller;
  try {
    await sender.send(row.chatId, row.text, row.replyMarkup, {
      signal: controller.signal,
      ...(row.threadId ? { threadId: row.threadId } : {}),
    });
  } catch (error) {
    if (controller.signal.aborted) {
      // Cut by stop(): the channel may or may not have it (the crash window); the next start sends it again.
      w.queue.retryLater(row.id, w.now(), "aborted: the worker stopped during the send", { countAttempt: false });
      w.log.warn("alerts: send aborted by shutdown; the alert goes out again on the next start", {
        deliveryId: row.id,
        chatId: row.chatId,
      });
      return false;
    }
    return recordFailure(w, row, error, sender);
  } finally {
    w.sendAbort = undefined;
  }
  // Outside the try: a store error here is not a send failure (the row stays 'sending' until recoverInFlight).
  w.queue.markSent(row.id);
  return true;
}

/** What the log says about a failed delivery. */
type FailureData = { deliveryId: number; docId: string; channel: AlertChannel; chatId: ChatId; error: string };

/** Records what a failed send means for its row (and its chat or channel); false when the batch must stop. */
function recordFailure(w: Worker, row: Delivery, error: unknown, sender: ChannelSender): boolean {
  const { queue, now, log } = w;
  const reason = sender.describe?.(error) ?? describe(error);
  const failure = sender.classify(error);
  const data = { deliveryId: row.id, docId: row.docId, channel: row.channel, chatId: row.chatId, error: reason };
  switch (failure.kind) {
    case "flood":
    case "paused":
      pauseChannel(w, row, failure, data);
      return false;
    case "migrated":
      queue.migrateChat(row.chatId, failure.newChatId);
      // A no-op when the new chat already had this version queued: migrateChat dropped our row in its favour.
      queue.retryLater(row.id, now(), reason, { countAttempt: false });
      w.wakeAt = now();
      log.info("alerts: group became a supergroup, subscriptions re-keyed", { ...data, newChatId: failure.newChatId });
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
      retryOrFail(w, row, data);
      return true;
  }
}

/** A rate limit or a refused token: the row waits without counting an attempt, and its whole channel with it. */
function pauseChannel(
  w: Worker,
  row: Delivery,
  failure: Extract<SendFailure, { kind: "flood" | "paused" }>,
  data: FailureData,
): void {
  const at = w.now() + failure.retryAfterMs;
  w.queue.retryLater(row.id, at, data.error, { countAttempt: false });
  w.pacing.pause(row.channel, at);
  w.wakeAt = at;
  const fields = { ...data, retryAfterMs: failure.retryAfterMs };
  if (failure.kind === "flood") w.log.warn(`alerts: ${row.channel} rate limit, its deliveries paused`, fields);
  else w.log.error(`alerts: ${row.channel} refused to send (${failure.reason}), its deliveries paused`, fields);
}

/** A transient failure: tried again after a backoff, or failed for good once its attempts are spent. */
function retryOrFail(w: Worker, row: Delivery, data: FailureData): void {
  if (row.attempts >= w.maxAttempts) {
    w.queue.markFailed(row.id, data.error);
    w.log.error("alerts: delivery failed, no attempts left", { ...data, attempts: row.attempts });
  } else {
    w.queue.retryLater(row.id, w.now() + backoffMs(row.attempts), data.error);
    w.log.warn("alerts: delivery will be retried", {
      ...data,
      attempts: row.attempts,
      retryInMs: backoffMs(row.attempts),
    });
  }
}
