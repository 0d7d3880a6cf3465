import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GrammyError } from "grammy";
import { afterEach } from "vitest";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import type { AlertButtons, DeliveryQueue, DeliveryRequest } from "../../src/store/delivery-queue.ts";
import type { SendAlert } from "../../src/alerts/delivery-worker.ts";
import type { Logger } from "../../src/log.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/open-store.ts";

/** 2026-11-24T00:00:00Z: far from 0, so "due now" and "epoch 0" cannot be confused. */
export const T0 = Date.UTC(2026, 10, 24);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
  /** Advances the clock and yields to the event loop (a real timer would), so tests can await between passes. */
  sleep: (ms: number) => Promise<void>;
}

export function fakeClock(start = T0): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms) => {
      t += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export interface Harness {
  store: Store;
  stateDir: string;
  clock: FakeClock;
  queue: DeliveryQueue;
}

/** A real SQLite store in a temp STATE_DIR, removed after the test. */
export function openHarness(clock = fakeClock()): Harness {
  const stateDir = mkdtempSync(join(tmpdir(), "delivery-test-"));
  const store = openStore(stateDir, { now: () => new Date(clock.now()) });
  cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return { store, stateDir, clock, queue: createDeliveryQueue(store.db, clock.now) };
}

export function subscribe(store: Store, chatId: number, filter = "", chatType = "group"): void {
  const at = new Date(T0).toISOString();
  store.db
    .prepare("INSERT INTO subscriptions (chat_id, chat_type, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
    .run(chatId, chatType, filter, at, at);
}

export interface SubscriptionRow {
  chat_id: number;
  chat_type: string;
  filter: string;
  active: number;
  paused_reason: string | null;
}

export function subscriptionsOf(store: Store, chatId: number): SubscriptionRow[] {
  return store.db
    .prepare<[number], SubscriptionRow>(
      "SELECT chat_id, chat_type, filter, active, paused_reason FROM subscriptions WHERE chat_id = ? ORDER BY filter",
    )
    .all(chatId);
}

export interface DeliveryRow {
  id: number;
  doc_id: string;
  chat_id: number;
  state: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  sent_at: string | null;
}

export function deliveryRows(store: Store): DeliveryRow[] {
  return store.db
    .prepare<[], DeliveryRow>(
      "SELECT id, doc_id, chat_id, state, attempts, next_attempt_at, last_error, sent_at FROM deliveries ORDER BY id",
    )
    .all();
}

export const KEYBOARD: AlertButtons = {
  inline_keyboard: [[{ text: "Xem toàn văn", url: "http://localhost:3000/d/cv-146" }]],
};

export function alert(chatId: number, docId = "cv-146", contentHash = "h1"): DeliveryRequest {
  return { docId, contentHash, kind: "new", chatId, text: `<b>Văn bản mới</b> ${docId}`, replyMarkup: KEYBOARD };
}

export function apiError(code: number, description: string, parameters: GrammyError["parameters"] = {}): GrammyError {
  return new GrammyError(
    `Call to 'sendMessage' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description, parameters },
    "sendMessage",
    {},
  );
}

export const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface SentCall {
  chatId: number;
  text: string;
  replyMarkup: AlertButtons | undefined;
  /** Fake-clock time of the call. */
  at: number;
  /** The error thrown, when the call failed. */
  error?: unknown;
}

/**
 * A fake `send` that records every call; `failures(chatId, n)` returns the error for the chat's n-th call
 * (0-based) or undefined to accept it.
 */
export function fakeSend(clock: FakeClock, failures: (chatId: number, n: number) => unknown = () => undefined) {
  const calls: SentCall[] = [];
  const perChat = new Map<number, number>();
  const send: SendAlert = async (chatId, text, replyMarkup) => {
    const n = perChat.get(chatId) ?? 0;
    perChat.set(chatId, n + 1);
    const error = failures(chatId, n);
    calls.push({ chatId, text, replyMarkup, at: clock.now(), ...(error === undefined ? {} : { error }) });
    if (error !== undefined) throw error;
  };
  return { send, calls, accepted: () => calls.filter((c) => c.error === undefined) };
}

/** Resolves once `condition` holds, checking after each turn of the event loop; rejects after `timeoutMs` of real time. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`until: condition still false after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
