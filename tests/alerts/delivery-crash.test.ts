import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { openStore } from "../../src/store/open-store.ts";
import { ROOT } from "../helpers/run.ts";
import { alert, until } from "./delivery-harness.ts";

const CHILD = join(ROOT, "tests/alerts/worker-child.ts");
const TOKEN = "123456:crash-test-token";
const CHATS = 1000;
const KILL_AFTER = 300;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A Bot API that only knows sendMessage: records the chat id on arrival, answers a few ms later. */
async function startFakeBotApi(onMessage: (chatId: number) => void) {
  const received: number[] = [];
  let messageId = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== `/bot${TOKEN}/sendMessage`) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        return;
      }
      const { chat_id: chatId, text } = JSON.parse(body) as { chat_id: number; text: string };
      received.push(chatId);
      onMessage(chatId);
      const result = {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "group", title: "đơn vị" },
        text,
      };
      setTimeout(() => {
        if (!res.destroyed)
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      }, 2);
    });
    req.on("error", () => {}); // the worker's socket dies with it
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { received, apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function startWorker(
  stateDir: string,
  apiRoot: string,
): { child: ChildProcess; exited: Promise<unknown>; stderr: () => string } {
  // node itself, not the tsx wrapper: SIGKILL must hit the process that runs the worker (tsx does not relay it).
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      STATE_DIR: stateDir,
      API_ROOT: apiRoot,
      BOT_TOKEN: TOKEN,
      GLOBAL_PER_SECOND: "2000",
      PER_CHAT_MS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, "exit");
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, exited, stderr: () => stderr };
}

describe("crash safety", () => {
  it("a worker killed mid-broadcast and restarted on the same STATE_DIR loses nothing and repeats at most the one in flight", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "delivery-crash-"));
    cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }));
    const store = openStore(stateDir);
    cleanups.push(() => store.close());
    const queue = createDeliveryQueue(store.db, Date.now);
    expect(queue.enqueue(Array.from({ length: CHATS }, (_, i) => alert(-(i + 1))))).toBe(CHATS);

    let first: ReturnType<typeof startWorker> | undefined;
    const api = await startFakeBotApi(() => {
      // SIGKILL on arrival, before answering: this message reached "Telegram" but the worker never learns it.
      if (api.received.length === KILL_AFTER) first?.child.kill("SIGKILL");
    });
    first = startWorker(stateDir, api.apiRoot);
    const [, signal] = (await first.exited) as [number | null, string | null];
    expect(signal, first.stderr()).toBe("SIGKILL");
    const unsent = () =>
      store.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE state <> 'sent'").get()!.n;
    expect(unsent()).toBeGreaterThan(0);
    expect(api.received.length).toBeLessThan(CHATS);

    const second = startWorker(stateDir, api.apiRoot);
    await until(() => unsent() === 0, 15_000).catch((error: Error) => {
      throw new Error(`${error.message}; worker stderr: ${second.stderr()}`);
    });
    second.child.kill("SIGTERM");
    const [code] = (await second.exited) as [number | null, string | null];
    expect(code, second.stderr()).toBe(0);

    const perChat = new Map<number, number>();
    for (const chatId of api.received) perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    expect(perChat.size).toBe(CHATS);
    const repeated = [...perChat.values()].filter((n) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(1);
    expect(Math.max(...perChat.values())).toBeLessThanOrEqual(2);
    expect(api.received.length).toBeLessThanOrEqual(CHATS + 1);
    expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
  }, 25_000);
});
