import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import { shortKey } from "../../src/answer/short-key.ts";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import { groupText, makeBot, privateText, type Call } from "./harness.ts";

const ADMIN = 9001;

function setup(respond?: (call: Call) => unknown) {
  const store = openStore(":memory:");
  const subscriptions = createSubscriptions(store.db);
  const queue = createDeliveryQueue(store.db);
  const alerts = {
    subscriptions,
    recentCounts: () => queue.counts(),
    cancelQueued: (chatId: number) => void queue.cancelQueued(chatId, "unsubscribed"),
  };
  return {
    store,
    subscriptions,
    queue,
    make: () => makeBot(botStoreFrom(store), respond, 1000, { alerts, adminIds: [ADMIN] }),
  };
}

const memberStatus = (status: string) => (c: Call) =>
  c.method === "getChatMember"
    ? { ok: true, result: { status, user: { id: 7001, is_bot: false, first_name: "Lan" } } }
    : undefined;

function myChatMember(oldStatus: string, newStatus: string): Update {
  const bot = { id: 42, is_bot: true, first_name: "Trợ lý văn bản", username: "VanBanBot" };
  return {
    update_id: 99_000 + Math.floor(Math.random() * 1000),
    my_chat_member: {
      chat: { id: -100500, type: "supergroup", title: "Chi bộ" },
      from: { id: 7001, is_bot: false, first_name: "Lan" },
      date: 0,
      old_chat_member: { status: oldStatus, user: bot },
      new_chat_member: { status: newStatus, user: bot },
    },
  } as unknown as Update;
}

describe("bot: subscriptions", () => {
  it("a bot admin (ADMIN_IDS) subscribes a group with a filter without any API call", async () => {
    const { subscriptions, make } = setup();
    const { bot, calls } = await make();
    await bot.handleUpdate(groupText("/dangky Kiên Giang", { fromId: ADMIN }));
    expect(calls.some((c) => c.method === "getChatMember")).toBe(false);
    expect(subscriptions.list(-100500).map((s) => s.filter)).toEqual(["kien giang"]);
    expect(calls.find((c) => c.method === "sendMessage")!.payload.text).toBe(
      "Đã đăng ký nhận thông báo văn bản mới có «Kiên Giang».",
    );
  });

  it("a chat administrator may subscribe; a plain member is refused and nothing changes", async () => {
    const admin = setup(memberStatus("administrator"));
    const a = await admin.make();
    await a.bot.handleUpdate(groupText("/subscribe"));
    expect(a.calls.some((c) => c.method === "getChatMember")).toBe(true);
    expect(admin.subscriptions.list(-100500)).toHaveLength(1);

    const member = setup(memberStatus("member"));
    const m = await member.make();
    await m.bot.handleUpdate(groupText("/dangky"));
    await m.bot.handleUpdate(groupText("/huydangky"));
    expect(member.subscriptions.list(-100500)).toHaveLength(0);
    expect(m.calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([
      "Chỉ quản trị viên nhóm hoặc quản trị bot mới được thay đổi đăng ký.",
      "Chỉ quản trị viên nhóm hoặc quản trị bot mới được thay đổi đăng ký.",
    ]);
  });

  it("lists and removes subscriptions; alerts not yet sent to an unsubscribed chat are dropped", async () => {
    const { subscriptions, queue, make } = setup();
    const { bot, calls } = await make();
    await bot.handleUpdate(groupText("/dangky", { fromId: ADMIN }));
    queue.enqueue([{ docId: "d", contentHash: "h", kind: "new", chatId: -100500, text: "x" }]);
    await bot.handleUpdate(groupText("/subscriptions", { fromId: ADMIN }));
    expect(String(calls.filter((c) => c.method === "sendMessage")[1]!.payload.text)).toBe(
      "Đăng ký của nhóm này:\n• mọi văn bản",
    );
    await bot.handleUpdate(groupText("/unsubscribe", { fromId: ADMIN }));
    expect(subscriptions.list(-100500)).toHaveLength(0);
    expect(queue.due(10)).toHaveLength(0);
  });

  it("pauses the group's alerts when the bot is removed and hints at /dangky when it is added back", async () => {
    const { subscriptions, make } = setup();
    const { bot, calls } = await make();
    subscriptions.subscribe(-100500, "supergroup", "", ADMIN);
    await bot.handleUpdate(myChatMember("member", "kicked"));
    expect(subscriptions.active()).toHaveLength(0);
    await bot.handleUpdate(myChatMember("left", "member"));
    expect(calls.find((c) => c.method === "sendMessage")!.payload).toMatchObject({
      chat_id: -100500,
      text: expect.stringContaining("/dangky"),
    });
  });

  it("/alerts is for bot admins only", async () => {
    const { make } = setup();
    const { bot, calls } = await make();
    await bot.handleUpdate(privateText("/alerts"));
    expect(calls.find((c) => c.method === "sendMessage")!.payload.text).toBe("Lệnh này chỉ dành cho quản trị bot.");
  });

  it("'Hỏi về văn bản này' scopes the next question to that document", async () => {
    const { make } = setup();
    const { bot, calls, engine } = await make();
    await bot.handleUpdate(privateText(`/start ask_${shortKey("2021-05-04-nam-dinh-cv-146")}`));
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    const answer = String(calls.filter((c) => c.method === "sendMessage")[1]!.payload.text);
    expect(answer).toContain("146-CV/TU");
    expect(answer).not.toMatch(/d\/2021-07/);
    // The scope is used once: the next question searches everything again.
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    expect(String(calls.filter((c) => c.method === "sendMessage")[2]!.payload.text)).toMatch(/d\/2021-07/);
    void engine;
  });
});
