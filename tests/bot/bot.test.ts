import { beforeEach, describe, expect, it } from "vitest";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import type { BotStore } from "../../src/bot/context.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { shortKey } from "../../src/answer/short-key.ts";
import { callback, groupText, inlineQuery, makeBot, privateText, seeds } from "./harness.ts";

/** The real SQLite store, in memory: what the bot logs is read back from its tables. */
class SqliteStore {
  raw: Store = openStore(":memory:");
  bot: BotStore = botStoreFrom(this.raw);
  get queries() {
    return this.raw.db
      .prepare("SELECT question, answered, chat_type AS chatType, lang, channel FROM query_log ORDER BY id")
      .all()
      .map((r) => ({ ...(r as Record<string, unknown>), answered: (r as { answered: number }).answered === 1 })) as {
      question: string;
      answered: boolean;
      chatType: string;
      lang: string;
      channel: string;
    }[];
  }
  get votes() {
    return (this.raw.db.prepare("SELECT value FROM feedback").all() as { value: number }[]).map((r) => r.value);
  }
}

const sent = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === "sendMessage");
const buttons = (payload: Record<string, unknown>) =>
  (
    (payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] })?.inline_keyboard ?? []
  ).flat();

describe("bot: questions in a private chat", () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore();
  });

  it("answers with cited HTML: actor in bold, document, section, excerpt, link, and the answer buttons", async () => {
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(privateText("Ai chịu trách nhiệm tiêm vắc xin?"));
    const msgs = sent(calls);
    expect(msgs).toHaveLength(1);
    const p = msgs[0]!.payload;
    expect(p.parse_mode).toBe("HTML");
    expect(p.text).toMatch(/^1\. <b>[^<]+<\/b>\n📄 /);
    expect(p.text).toContain('<a href="http://bot.test/d/');
    expect(p.text).toMatch(/tiêm|vắc xin/);
    const labels = buttons(p).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["Toàn văn mục", "Văn bản", "Thêm kết quả", "👍", "👎"]));
    for (const b of buttons(p)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(store.queries).toHaveLength(1);
    expect(store.queries[0]).toMatchObject({
      question: "Ai chịu trách nhiệm tiêm vắc xin?",
      answered: true,
      chatType: "private",
      lang: "vi",
      channel: "telegram",
    });
  });

  it("sends 'Đang tìm…' as a chat action and survives an API that lacks it", async () => {
    const { bot, calls } = await makeBot(store.bot, (c) =>
      c.method === "sendChatAction" ? { ok: false, error_code: 500, description: "Internal Server Error" } : undefined,
    );
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    expect(calls.some((c) => c.method === "sendChatAction" && c.payload.action === "typing")).toBe(true);
    expect(sent(calls)).toHaveLength(1);
  });

  it("answers an off-topic question with suggestions, never a random passage", async () => {
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(privateText("giá vàng hôm nay bao nhiêu"));
    const text = String(sent(calls)[0]!.payload.text);
    expect(text).toContain("Không tìm thấy văn bản nào");
    expect(text).not.toContain("http://bot.test/d/");
    expect(store.queries[0]!.answered).toBe(false);
  });

  it("escapes HTML in a question and keeps a 4,000-character question's reply within Telegram's limits", async () => {
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(privateText(`<script>alert("x")</script> & <b>tiêm vắc xin</b>`));
    await bot.handleUpdate(privateText(`tiêm vắc xin ${"<i>&amp;".repeat(480)}`.slice(0, 4000)));
    for (const m of sent(calls)) {
      const text = String(m.payload.text);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).not.toMatch(/<script|<i>/);
      // Only the tags the renderer writes appear.
      expect(text.replace(/<\/?b>|<a href="[^"<>]*">|<\/a>/g, "")).not.toMatch(/[<>]/);
    }
  });

  it("answers in English to an English question and to a user whose Telegram is in English", async () => {
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(privateText("who is responsible for vaccination?"));
    expect(buttons(sent(calls)[0]!.payload).map((b) => b.text)).toContain("More results");
    await bot.handleUpdate(privateText("/start", "en"));
    expect(String(sent(calls)[1]!.payload.text)).toMatch(/^Hello Lan!/);
    await bot.handleUpdate(privateText("/start", "vi"));
    expect(String(sent(calls)[2]!.payload.text)).toMatch(/^Xin chào Lan!/);
  });

  it("opens a document from a /start doc_<key> deep link", async () => {
    const { bot, calls, engine } = await makeBot(store.bot);
    const doc = engine.corpus.documents.get("2021-05-04-nam-dinh-cv-146")!;
    await bot.handleUpdate(privateText(`/start doc_${shortKey(doc.meta.docId)}`));
    expect(String(sent(calls)[0]!.payload.text)).toContain("146-CV/TU");
  });

  it("replies to stickers and other non-text with a polite notice", async () => {
    const { bot, calls } = await makeBot(store.bot);
    const update = privateText("x");
    const msg = update.message as unknown as Record<string, unknown>;
    delete msg.text;
    msg.sticker = {
      file_id: "s",
      file_unique_id: "s",
      type: "regular",
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    };
    await bot.handleUpdate(update);
    expect(sent(calls)[0]!.payload.text).toBe("Tôi chỉ hỗ trợ câu hỏi bằng chữ.");
  });
});

describe("bot: groups", () => {
  it("ignores chatter, answers a mention and a reply to the bot as a reply to the asking message, and /hoi@bot", async () => {
    const store = new SqliteStore();
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(groupText("hôm nay họp chi bộ lúc mấy giờ?"));
    expect(calls.filter((c) => c.method !== "sendChatAction")).toHaveLength(0);
    const mention = groupText("@VanBanBot tiêm vắc xin");
    await bot.handleUpdate(mention);
    const reply = sent(calls)[0]!.payload;
    expect(reply.reply_parameters).toMatchObject({ message_id: mention.message!.message_id });
    expect(String(reply.text)).toContain("vắc xin");
    await bot.handleUpdate(groupText("nhập cảnh trái phép", { replyToBot: true }));
    await bot.handleUpdate(groupText("/hoi@VanBanBot Trung tâm Y tế huyện"));
    expect(sent(calls)).toHaveLength(3);
    expect(store.queries.map((q) => q.chatType)).toEqual(["supergroup", "supergroup", "supergroup"]);
  });
});

describe("bot: buttons", () => {
  it("'Thêm kết quả' edits the message with the next answers, after a restart too (state is in the store)", async () => {
    const store = new SqliteStore();
    const first = await makeBot(store.bot);
    await first.bot.handleUpdate(privateText("phòng chống dịch"));
    const more = buttons(sent(first.calls)[0]!.payload).find((b) => b.text === "Thêm kết quả")!;
    const restarted = await makeBot(store.bot);
    await restarted.bot.handleUpdate(callback(more.callback_data));
    const edit = restarted.calls.find((c) => c.method === "editMessageText")!;
    expect(String(edit.payload.text)).toMatch(/^4\. /);
  });

  it("'Toàn văn mục' sends the whole item; 'Văn bản' the document summary; 👍 is stored", async () => {
    const store = new SqliteStore();
    const { bot, calls, engine } = await makeBot(store.bot);
    await bot.handleUpdate(privateText("Ban cán sự đảng Ủy ban nhân dân tỉnh mua vắc xin"));
    const b = buttons(sent(calls)[0]!.payload);
    await bot.handleUpdate(callback(b.find((x) => x.text === "Toàn văn mục")!.callback_data));
    const section = String(sent(calls)[1]!.payload.text);
    // Item 2 of the Quảng Ngãi directive has five bullets; the whole item is sent.
    const item2 = engine.corpus.passages.filter(
      (p) => p.docId === "2021-07-quang-ngai-chi-thi-phong-chong-covid" && p.section === "2",
    );
    expect(item2.length).toBeGreaterThan(1);
    for (const p of item2) expect(section).toContain(p.text.slice(0, 30).replace(/&/g, "&amp;"));
    await bot.handleUpdate(callback(b.find((x) => x.text === "Văn bản")!.callback_data));
    expect(String(sent(calls)[2]!.payload.text)).toContain("Chỉ thị");
    await bot.handleUpdate(callback(b.find((x) => x.text === "👍")!.callback_data));
    expect(store.votes).toEqual([1]);
    expect(calls.at(-1)).toMatchObject({ method: "answerCallbackQuery", payload: { text: "Cảm ơn góp ý của bạn!" } });
  });

  it("answers a forged or stale payload politely and changes nothing", async () => {
    const store = new SqliteStore();
    const { bot, calls } = await makeBot(store.bot);
    for (const data of ["s|AAAAAAAAAAAA", "m|999|3", "f|999|+", "garbage", "d|../../etc", "x".repeat(64)])
      await bot.handleUpdate(callback(data));
    const answers = calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(6);
    for (const a of answers)
      expect(a.payload).toMatchObject({ text: "Văn bản đã được cập nhật, hãy hỏi lại.", show_alert: true });
    expect(store.votes).toEqual([]);
    expect(sent(calls)).toHaveLength(0);
  });
});

describe("bot: inline mode", () => {
  it("returns up to 10 cited articles with a short cache, and the newest documents for an empty query", async () => {
    const store = new SqliteStore();
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(inlineQuery("tiêm vắc xin"));
    await bot.handleUpdate(inlineQuery(""));
    const [withQuery, empty] = calls.filter((c) => c.method === "answerInlineQuery");
    const results = withQuery!.payload.results as {
      title: string;
      description: string;
      input_message_content: { message_text: string };
    }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(withQuery!.payload.cache_time).toBeLessThanOrEqual(60);
    expect(results[0]!.input_message_content.message_text).toContain('<a href="http://bot.test/d/');
    const newest = (empty!.payload.results as { title: string }[]).map((r) => r.title);
    expect(newest[0]).toContain("25/7/2021");
    expect(store.queries.map((q) => q.channel)).toEqual(["inline"]);
  });
});

describe("bot: Telegram limits", () => {
  it("waits out a 429 retry_after and then delivers the answer", async () => {
    const store = new SqliteStore();
    let refused = false;
    const { bot, calls } = await makeBot(store.bot, (c) => {
      if (c.method === "sendMessage" && !refused) {
        refused = true;
        return {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        };
      }
      return undefined;
    });
    const t0 = Date.now();
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(sent(calls)).toHaveLength(2);
  });
});

void seeds;

describe("bot: commands", () => {
  it("/vanban lists documents newest first with paging buttons; /moi the newest; /lang switches and remembers", async () => {
    const store = new SqliteStore();
    const { bot, calls } = await makeBot(store.bot);
    await bot.handleUpdate(privateText("/vanban"));
    const list = String(sent(calls)[0]!.payload.text);
    expect(list).toMatch(/^Văn bản \(trang 1\/1\):\n1\. /);
    expect(list.indexOf("25/7/2021")).toBeLessThan(list.indexOf("4/5/2021"));
    expect(buttons(sent(calls)[0]!.payload).map((b) => b.text)).toContain("📄 1");
    await bot.handleUpdate(privateText("/moi"));
    expect(String(sent(calls)[1]!.payload.text)).toMatch(
      /^Văn bản mới nhất:\n• <a href="http:\/\/bot\.test\/d\/2021-07-25-yen-the-cv">/,
    );
    await bot.handleUpdate(privateText("/lang en"));
    expect(sent(calls)[2]!.payload.text).toBe("Switched to English.");
    await bot.handleUpdate(privateText("/help"));
    expect(String(sent(calls)[3]!.payload.text)).toMatch(/^Send a question/);
  });

  it("registers the command menu in vi and en, and carries on when the API lacks setMyCommands", async () => {
    const { registerCommands } = await import("../../src/bot/create-bot.ts");
    const store = new SqliteStore();
    const ok = await makeBot(store.bot);
    await registerCommands(ok.bot, { info() {}, warn() {}, error() {}, debug() {} });
    const menus = ok.calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((m) => m.payload.language_code)).toEqual(["vi", undefined]);
    expect((menus[0]!.payload.commands as { command: string }[]).map((c) => c.command)).toContain("hoi");
    const failing = await makeBot(store.bot, (c) =>
      c.method === "setMyCommands"
        ? { ok: false, error_code: 404, description: "Not Found: method not found" }
        : undefined,
    );
    const warnings: string[] = [];
    await registerCommands(failing.bot, { info() {}, warn: (m) => warnings.push(m), error() {}, debug() {} });
    expect(warnings).toHaveLength(2);
  });

  it("rate-limits a user with one gentle notice", async () => {
    const store = new SqliteStore();
    const { bot, calls } = await makeBot(store.bot, undefined, 2);
    for (let i = 0; i < 4; i++) await bot.handleUpdate(privateText("tiêm vắc xin"));
    const texts = sent(calls).map((c) => String(c.payload.text));
    expect(texts.filter((t) => t.startsWith("1. "))).toHaveLength(2);
    expect(texts).toContain("Bạn hỏi hơi nhanh, vui lòng đợi vài giây rồi hỏi tiếp.");
  });
});

describe("bot: the store fails", () => {
  it("keeps answering from memory when the database cannot be written (locked or disk full)", async () => {
    const broken: BotStore = {
      recordQuery: () => {
        throw new Error("SQLITE_FULL: database or disk is full");
      },
      getQuestion: () => undefined,
      setFeedback: () => {
        throw new Error("SQLITE_BUSY: database is locked");
      },
      getLang: () => {
        throw new Error("SQLITE_BUSY: database is locked");
      },
      setLang: () => undefined,
    };
    const { bot, calls, logs } = await makeBot(broken);
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    const answer = sent(calls)[0]!.payload;
    expect(String(answer.text)).toMatch(/^1\. <b>/);
    expect(buttons(answer).map((b) => b.text)).toEqual(["Toàn văn mục", "Văn bản"]);
    expect(logs.some((l) => l.includes("cannot log the question") && l.includes("SQLITE_FULL"))).toBe(true);
  });
});
