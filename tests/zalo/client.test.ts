import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyZaloFailure } from "../../src/zalo/alert-sender.ts";
import { createZaloClient, isRetryable, ZaloApiError, ZaloNetworkError } from "../../src/zalo/client.ts";
import { FAKE_BOT, FakeZaloServer, textUpdate } from "./fake-zalo-server.ts";

const TOKEN = "1234567890:zaloTestTokenAbcdefghijklmnop";

describe("Zalo client against a local Bot API server", () => {
  const server = new FakeZaloServer({ token: TOKEN, maxPollMs: 200 });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const client = () => createZaloClient({ token: TOKEN, apiRoot: server.apiRoot, retryDelayMs: 10 });

  it("reads getMe and sends a message as a JSON POST", async () => {
    expect(await client().getMe()).toMatchObject({ id: FAKE_BOT.id, display_name: FAKE_BOT.display_name });
    await client().sendMessage("chat-1", "Xin chào");
    expect(server.sentTo("chat-1").map((m) => m.text)).toEqual(["Xin chào"]);
    expect(server.calls.at(-1)).toEqual({ method: "sendMessage", body: { chat_id: "chat-1", text: "Xin chào" } });
  });

  it("returns one update per getUpdates call, and [] when the poll times out with 408", async () => {
    server.enqueue(textUpdate({ id: "c", type: "PRIVATE" }, { id: "u" }, "một"));
    server.enqueue(textUpdate({ id: "c", type: "PRIVATE" }, { id: "u" }, "hai"));
    const first = await client().getUpdates(1);
    const second = await client().getUpdates(1);
    expect([first, second].map((u) => u.map((x) => x.message?.text))).toEqual([["một"], ["hai"]]);
    expect(server.calls.filter((c) => c.method === "getUpdates").at(-1)?.body).toEqual({ timeout: "1" });
    const started = Date.now();
    expect(await client().getUpdates(1)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("retries a server-side failure a bounded number of times", async () => {
    server.failNext("sendMessage", 500, "Internal server error", 2);
    await client().sendMessage("chat-r", "sau hai lần lỗi");
    expect(server.sentTo("chat-r")).toHaveLength(1);
    server.failNext("sendMessage", 500, "Internal server error", 5);
    const before = server.calls.length;
    const err = await client()
      .sendMessage("chat-r", "bỏ cuộc")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as ZaloApiError).message).toBe("zalo: sendMessage failed: 500 Internal server error");
    expect(server.calls.length - before).toBe(3); // one try and two retries
    server.clearFailures();
    expect(server.sentTo("chat-r")).toHaveLength(1);
  });

  it("does not retry a refusal (400, 429) and never puts the token in an error", async () => {
    server.failNext("sendMessage", 429, "Quota exceeded");
    const before = server.calls.length;
    const err = (await client()
      .sendMessage("chat-q", "x")
      .catch((e: unknown) => e)) as ZaloApiError;
    expect(server.calls.length - before).toBe(1);
    expect(err.errorCode).toBe(429);
    expect(classifyZaloFailure(err)).toEqual({ kind: "flood", retryAfterMs: 60_000 });
    const bad = createZaloClient({ token: "wrong-token-123", apiRoot: server.apiRoot });
    const refused = (await bad.getMe().catch((e: unknown) => e)) as ZaloApiError;
    expect(refused.errorCode).toBe(401);
    expect(classifyZaloFailure(refused).kind).toBe("paused");
    expect(refused.message).not.toContain("wrong-token-123");
  });

  it("times out a request that gets no answer, as a retryable network error without the URL", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as AddressInfo).port;
    const c = createZaloClient({
      token: TOKEN,
      apiRoot: `http://127.0.0.1:${port}`,
      timeoutMs: 150,
      retries: 1,
      retryDelayMs: 10,
    });
    const started = Date.now();
    const err = await c.sendMessage("x", "y").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect((err as Error).message).toBe("zalo: sendMessage: no answer within 150 ms");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(isRetryable(err)).toBe(true);
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});

describe("Zalo error codes → what the delivery queue does", () => {
  it.each([
    [429, "Quota exceeded", "flood"],
    [401, "Unauthorized", "paused"],
    [403, "Internal server error", "transient"],
    [500, "Internal server error", "transient"],
    [404, "Not found", "gone"],
    [400, "Chat not found", "gone"],
    [400, "text must be at most 2000 characters", "rejected"],
  ] as const)("%i %s → %s", (code, description, kind) => {
    expect(classifyZaloFailure(new ZaloApiError("sendMessage", code, description)).kind).toBe(kind);
  });
  it("a network failure is retried", () => {
    expect(classifyZaloFailure(new ZaloNetworkError("sendMessage", "ECONNREFUSED")).kind).toBe("transient");
  });
});
