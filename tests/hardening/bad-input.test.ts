/**
 * Bad-input suite (issue 8, item 1): whatever arrives, the bot does not crash, writes only the HTML its renderer
 * writes, stays within Telegram's limits, and either replies or deliberately stays silent.
 * Bots are driven with `bot.handleUpdate` over the seed corpus and the real SQLite store (in memory).
 */
import fc from "fast-check";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import type { UploadDeps } from "../../src/bot/features/upload.ts";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { openStore } from "../../src/store/open-store.ts";
import { BOT_INFO, makeBot, type Call } from "../bot/harness.ts";

const USER = 7001;
const ADMIN = 9001;
const GROUP = -100500;
const CHANNEL = -100777;
/** Telegram's placeholder sender for anonymous group administrators. */
const ANONYMOUS_ADMIN = 1087968824;
/** Runs per property; BAD_INPUT_RUNS=400 for a longer hunt. */
const NUM_RUNS = Number(process.env.BAD_INPUT_RUNS ?? 40);
const vi = MESSAGES.vi;

// ---------------------------------------------------------------------------------------------------------------
// Updates

let updateId = 500_000;
let messageId = 500_000;
type Chat =
  | { id: number; type: "private"; first_name: string }
  | { id: number; type: "supergroup"; title: string }
  | { id: number; type: "channel"; title: string };
const privateChat = (id = USER, first_name = "Lan"): Chat => ({ id, type: "private", first_name });
const groupChat: Chat = { id: GROUP, type: "supergroup", title: "Chi bộ" };
const channelChat: Chat = { id: CHANNEL, type: "channel", title: "Thông báo" };
const person = (id = USER, first_name = "Lan") => ({ id, is_bot: false, first_name, language_code: "vi" });
const anonymousAdmin = { id: ANONYMOUS_ADMIN, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };

/** Entities as Telegram computes them (UTF-16 offsets): a leading bot_command, and every @VanBanBot mention. */
function entitiesOf(text: string) {
  const entities: { type: "bot_command" | "mention"; offset: number; length: number }[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (let at = text.indexOf("@VanBanBot"); at >= 0; at = text.indexOf("@VanBanBot", at + 1)) {
    if (command && at < command[0].length) continue;
    entities.push({ type: "mention", offset: at, length: "@VanBanBot".length });
  }
  return entities.length ? { entities } : {};
}

interface MessageOptions {
  chat?: Chat;
  from?: Record<string, unknown> | null;
  senderChat?: Chat;
  kind?: "message" | "edited_message" | "channel_post" | "edited_channel_post";
  replyToBot?: boolean;
}

/** A message update of any kind with the given content (text, sticker, photo…); entities are added for text. */
function messageUpdate(content: Record<string, unknown>, o: MessageOptions = {}): Update {
  const chat = o.chat ?? privateChat();
  const kind = o.kind ?? (chat.type === "channel" ? "channel_post" : "message");
  const from = o.from === null || chat.type === "channel" ? {} : { from: o.from ?? person() };
  const text = typeof content.text === "string" ? entitiesOf(content.text) : {};
  return {
    update_id: updateId++,
    [kind]: {
      message_id: ++messageId,
      date: 1_700_000_000,
      chat,
      ...from,
      ...(o.senderChat ? { sender_chat: o.senderChat } : {}),
      ...(kind.startsWith("edited") ? { edit_date: 1_700_000_100 } : {}),
      ...content,
      ...text,
      ...(o.replyToBot ? { reply_to_message: { message_id: 5, date: 0, chat, from: BOT_INFO, text: "…" } } : {}),
    },
  } as unknown as Update;
}
const textUpdate = (text: string, o: MessageOptions = {}) => messageUpdate({ text }, o);

function callbackUpdate(data: string, from = USER, where: "chat" | "inline" = "chat"): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from: person(from),
      chat_instance: "ci",
      data,
      // A button under a message sent via inline mode: no message, no chat, only an inline_message_id.
      ...(where === "chat"
        ? { message: { message_id: 555, date: 0, chat: privateChat(from), text: "…" } }
        : { inline_message_id: "AAAAinline" }),
    },
  } as unknown as Update;
}

function inlineUpdate(query: string): Update {
  return {
    update_id: updateId++,
    inline_query: { id: `iq${updateId}`, from: person(), query, offset: "", chat_type: "sender" },
  } as unknown as Update;
}

const file = (id: string) => ({ file_id: id, file_unique_id: `u${id}` });
const NON_TEXT: Record<string, Record<string, unknown>> = {
  sticker: {
    sticker: {
      ...file("st"),
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: "😀",
    },
  },
  photo: { photo: [{ ...file("ph"), width: 90, height: 90 }], caption: "@VanBanBot tiêm vắc xin <b>" },
  voice: { voice: { ...file("vo"), duration: 3, mime_type: "audio/ogg" } },
  video_note: { video_note: { ...file("vn"), length: 240, duration: 2 } },
  audio: { audio: { ...file("au"), duration: 60 } },
  animation: { animation: { ...file("an"), width: 1, height: 1, duration: 1 } },
  location: { location: { latitude: 21.03, longitude: 105.85 } },
  contact: { contact: { phone_number: "+84000000000", first_name: "Lan" } },
  dice: { dice: { emoji: "🎲", value: 3 } },
  document: {
    document: { ...file("doc"), file_name: "cv-88-kim-bang.docx", file_size: 1234 },
    caption: "<a href=javascript:alert(1)>x</a>",
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Bots and the invariants every update must keep

const REPLY_METHODS = new Set([
  "sendMessage",
  "editMessageText",
  "answerCallbackQuery",
  "answerInlineQuery",
  "sendDocument",
]);

async function setup(options: { upload?: boolean; alerts?: boolean } = {}) {
  const raw = openStore(":memory:");
  const downloads: string[] = [];
  const upload: UploadDeps | undefined = options.upload
    ? {
        dataDir: "/nonexistent-bad-input-suite",
        maxBytes: 20 * 1024 * 1024,
        reloader: {
          reload: () => Promise.reject(new Error("no reload in the bad-input suite")),
          settled: () => Promise.resolve(),
        },
        audit: { record: () => undefined },
        download: async (id) => {
          downloads.push(id);
          throw new Error("no download in the bad-input suite");
        },
        renderReport: () => "",
      }
    : undefined;
  const alerts = options.alerts ? { subscriptions: createSubscriptions(raw.db), recentCounts: () => [] } : undefined;
  const made = await makeBot(botStoreFrom(raw), undefined, 1_000_000, {
    adminIds: [ADMIN],
    ...(upload ? { upload } : {}),
    ...(alerts ? { alerts } : {}),
  });
  let seen = 0;
  /** HTML payloads checked so far: a property whose inputs never reach the renderer would prove nothing. */
  const stats = { html: 0 };
  /** Sends one update; checks every API call it caused; returns those calls. */
  const send = async (update: Update): Promise<Call[]> => {
    await expect(made.bot.handleUpdate(update)).resolves.toBeUndefined();
    const calls = made.calls.slice(seen);
    seen = made.calls.length;
    checkCalls(calls);
    stats.html += htmlPayloads(calls);
    // bot.catch swallows handler errors, so a crash shows up only in the log: there must be none.
    const failures = made.logs.filter((l) => l.includes("update failed"));
    expect(failures, failures.join("\n")).toEqual([]);
    return calls;
  };
  return { ...made, raw, send, downloads, stats };
}

/** Only the tags the renderer writes: <b>, </b>, <a href="…">, </a>; every & starts an entity. */
function expectSafeHtml(text: string): void {
  const stripped = text.replace(/<\/?b>|<a href="[^"<>]*">|<\/a>/g, "");
  expect(stripped, `unexpected markup in ${JSON.stringify(text.slice(0, 300))}`).not.toMatch(/[<>]/);
  expect(stripped, `bare & in ${JSON.stringify(text.slice(0, 300))}`).not.toMatch(
    /&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)/,
  );
  // Tags are balanced, so Telegram's parser never sees an unclosed entity.
  expect((text.match(/<b>/g) ?? []).length).toBe((text.match(/<\/b>/g) ?? []).length);
  expect((text.match(/<a /g) ?? []).length).toBe((text.match(/<\/a>/g) ?? []).length);
  for (const [, href] of text.matchAll(/<a href="([^"]*)">/g)) expect(href).toMatch(/^https?:\/\//);
}

function checkText(text: unknown, parseMode: unknown): void {
  expect(typeof text).toBe("string");
  const s = text as string;
  expect(s.length).toBeGreaterThan(0);
  expect(s.length).toBeLessThanOrEqual(4096);
  if (parseMode === "HTML") expectSafeHtml(s);
  else expect(parseMode).toBeUndefined(); // no Markdown: user text can never become formatting
}

function checkKeyboard(markup: unknown): void {
  const rows = (markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
  for (const b of rows.flat())
    if (b.callback_data !== undefined) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
}

function checkCalls(calls: readonly Call[]): void {
  for (const { method, payload } of calls) {
    if (method === "sendMessage" || method === "editMessageText") {
      checkText(payload.text, payload.parse_mode);
      checkKeyboard(payload.reply_markup);
    } else if (method === "answerInlineQuery") {
      const results = payload.results as {
        id: string;
        title: string;
        input_message_content: { message_text: string; parse_mode?: string };
      }[];
      expect(results.length).toBeLessThanOrEqual(50);
      expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
      for (const r of results) {
        expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
        expect(r.title.length).toBeGreaterThan(0);
        checkText(r.input_message_content.message_text, r.input_message_content.parse_mode);
      }
    } else if (method === "answerCallbackQuery") {
      if (payload.text !== undefined) expect(String(payload.text).length).toBeLessThanOrEqual(200);
    }
  }
}

function htmlPayloads(calls: readonly Call[]): number {
  let n = 0;
  for (const { method, payload } of calls) {
    if ((method === "sendMessage" || method === "editMessageText") && payload.parse_mode === "HTML") n++;
    if (method === "answerInlineQuery") n += (payload.results as unknown[]).length;
  }
  return n;
}

const replies = (calls: readonly Call[]) => calls.filter((c) => REPLY_METHODS.has(c.method));
const sentTexts = (calls: readonly Call[]) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
const queryCount = (raw: ReturnType<typeof openStore>) =>
  (raw.db.prepare("SELECT COUNT(*) AS n FROM query_log").get() as { n: number }).n;

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const NASTY = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff", // zero-width
  "\u202e",
  "\u202d",
  "\u200f",
  "\u200e",
  "\u061c",
  "\u2067", // bidi
  "e\u0301",
  "a\u0323\u0302",
  "tie\u0302\u0301m va\u0306\u0301c xin", // NFD
  "👨‍👩‍👧",
  "🇻🇳",
  "👍🏽",
  "🧪💉", // emoji
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\u0085",
  "\u2028",
  "\u2029",
  "\u3000",
  "\u00a0", // control, separators
  "<b>",
  "</b>",
  "<i>",
  '<a href="javascript:alert(1)">',
  "<a href=javascript:alert(1)>x</a>",
  "</a>",
  "<script>",
  "<",
  ">",
  '"',
  "'",
  "&",
  "&amp;",
  "&lt;",
  "&#60;",
  "&#x3C;",
  "&bogus;",
  "*",
  "**",
  "_",
  "__",
  "[x](http://evil)",
  "(",
  ")",
  "~",
  "~~",
  "`",
  "```",
  "||",
  "\\",
  "tiêm vắc xin",
  "Ủy ban nhân dân",
  "phòng chống dịch",
  "karaoke",
  "who is responsible",
  "@VanBanBot",
  "/hoi",
  "m|1|3",
  "%s%n",
  "${x}",
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 2 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.constantFrom(" ", "  ", "\n"), weight: 2 },
);
/** Random Unicode text: nasty pieces, graphemes, any code point, lone surrogates, Vietnamese and English words. */
const nastyText = fc.array(piece, { minLength: 1, maxLength: 24 }).map((p) => p.join(""));
/** What Telegram could actually deliver as message text: not empty, no lone surrogates (UTF-8 on the wire). */
const deliverableText = nastyText
  .map((t) =>
    t.replace(/[\ud800-\udfff]/g, (c, i: number, s: string) =>
      (/[\ud800-\udbff]/.test(c) && /[\udc00-\udfff]/.test(s[i + 1] ?? "")) ||
      (/[\udc00-\udfff]/.test(c) && /[\ud800-\udbff]/.test(s[i - 1] ?? ""))
        ? c
        : "\ufffd",
    ),
  )
  .filter((t) => t.length > 0 && !t.startsWith("/"));

const QUESTIONS = [
  "tiêm vắc xin",
  "Ai chịu trách nhiệm xét nghiệm?",
  "tam dung karaoke quan bar",
  "phòng chống dịch",
  "who is responsible for vaccination",
];
/** A real question wrapped in random text, so that the renderer's HTML path (answers with excerpts) is exercised. */
const aroundQuestion = fc.tuple(nastyText, fc.constantFrom(...QUESTIONS), nastyText).map((p) => p.join(" "));

// ---------------------------------------------------------------------------------------------------------------

describe("bad input: the HTML check itself", () => {
  it("accepts what the renderer writes and rejects anything else", () => {
    expectSafeHtml(
      '1. <b>UBND</b>\n📄 A &amp; B &lt;x&gt; &quot;q&quot;\n<a href="http://bot.test/d/x?a=1&amp;b=2">Mở</a>',
    );
    for (const bad of [
      "<i>x</i>",
      "a & b",
      "<b>open",
      '<a href="javascript:alert(1)">x</a>',
      "<a href=x>y</a>",
      "1 < 2",
      "<script>",
      "&bogus",
    ]) {
      expect(() => expectSafeHtml(bad), bad).toThrow();
    }
  });
});

describe("bad input: random Unicode text", () => {
  it("private chats: every message gets a reply, in safe HTML or plain text, within limits", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof({ arbitrary: nastyText, weight: 1 }, { arbitrary: aroundQuestion, weight: 2 })
          .filter((t) => !t.startsWith("/")),
        async (text) => {
          const calls = await s.send(textUpdate(text));
          expect(replies(calls).length).toBeGreaterThan(0);
          expect(calls.every((c) => c.method === "sendMessage" || c.method === "sendChatAction")).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
    // Dozens of runs reach the renderer (about a quarter of them, by measure); at least a handful must.
    expect(s.stats.html).toBeGreaterThanOrEqual(5);
  });

  it("private chats: the same text in NFD and NFC gets the same answer", async () => {
    const s = await setup();
    for (const question of ["tiêm vắc xin", "Ủy ban nhân dân tỉnh làm gì về xét nghiệm?", "tạm dừng karaoke"]) {
      const nfc = sentTexts(await s.send(textUpdate(question.normalize("NFC"))));
      const nfd = sentTexts(await s.send(textUpdate(question.normalize("NFD"))));
      const zw = sentTexts(await s.send(textUpdate(`\u200b${question.normalize("NFC")}\u200b`)));
      expect(nfd).toEqual(nfc);
      expect(zw.length).toBeGreaterThan(0);
    }
  });

  it("groups: chatter is ignored, a mention or a reply to the bot is answered as a reply", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(
        deliverableText.filter((t) => !t.toLowerCase().includes("@vanbanbot")),
        fc.constantFrom("chatter", "mention", "reply"),
        async (text, how) => {
          const before = queryCount(s.raw);
          const update =
            how === "chatter"
              ? textUpdate(text, { chat: groupChat })
              : how === "mention"
                ? textUpdate(`@VanBanBot ${text}`, { chat: groupChat })
                : textUpdate(text, { chat: groupChat, replyToBot: true });
          const calls = await s.send(update);
          if (how === "chatter") {
            expect(calls).toEqual([]);
            expect(queryCount(s.raw)).toBe(before); // chatter is not even logged
          } else {
            const sent = calls.filter((c) => c.method === "sendMessage");
            expect(sent.length).toBeGreaterThan(0);
            // Nothing left to ask (whitespace only): the "what do you want to ask" hint; otherwise an answer threaded to the question.
            if (text.normalize("NFC").trim() === "") expect(sentTexts(calls)).toEqual([vi.askWhat]);
            else expect(sent[0]!.payload.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
          }
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it("inline queries: one answer per query, at most ten safe results", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nastyText, aroundQuestion, fc.constant(""), fc.string({ unit: "grapheme", maxLength: 256 })),
        async (query) => {
          const calls = await s.send(inlineUpdate(query.slice(0, 256)));
          const answers = calls.filter((c) => c.method === "answerInlineQuery");
          expect(answers).toHaveLength(1);
          expect((answers[0]!.payload.results as unknown[]).length).toBeLessThanOrEqual(10);
          expect(answers[0]!.payload.cache_time).toBeLessThanOrEqual(60);
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
    expect(s.stats.html).toBeGreaterThan(NUM_RUNS);
  });
});

describe("bad input: size and emptiness", () => {
  const long = (unit: string) => unit.repeat(Math.ceil(4096 / unit.length)).slice(0, 4096);
  const LONG: Record<string, string> = {
    words: long("tiêm vắc xin phòng chống dịch Ủy ban nhân dân "),
    html: long("<b>&amp;<a href=x>"),
    emoji: long("💉"), // 2,048 emoji, 4,096 UTF-16 units
    zeroWidth: long("\u200b"),
    oneWord: long("a"),
    nfd: long("tie\u0302\u0301m "),
    markdown: long("*_[]()~`"),
    control: long("\u0001\u0002\u001b"),
  };

  it.each(Object.keys(LONG))("a 4,096-character message (%s) is answered in time, within limits", async (name) => {
    const s = await setup();
    const text = LONG[name]!;
    expect(text.length).toBe(4096);
    const t0 = performance.now();
    const calls = await s.send(textUpdate(text));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(replies(calls).length).toBeGreaterThan(0);
    const group = await s.send(textUpdate(`@VanBanBot ${text}`.slice(0, 4096), { chat: groupChat }));
    expect(replies(group).length).toBeGreaterThan(0);
  });

  it("random 4,096-character messages are answered within limits", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 200, maxLength: 400 }), async (pieces) => {
        const text = pieces.join("").padEnd(4096, " x").slice(0, 4096).replace(/^\//, "x");
        const t0 = performance.now();
        const calls = await s.send(textUpdate(text));
        expect(performance.now() - t0).toBeLessThan(3000);
        expect(replies(calls).length).toBeGreaterThan(0);
      }),
      { numRuns: 8 },
    );
  });

  it("empty and whitespace-only messages get 'what do you want to ask' (or the text-only notice), never a search", async () => {
    const s = await setup();
    for (const text of ["", " ", "   \n\t  ", "\u00a0", "\u3000\u2003", "\r\n\r\n"]) {
      const before = queryCount(s.raw);
      const texts = sentTexts(await s.send(textUpdate(text)));
      expect(texts).toHaveLength(1);
      expect([vi.askWhat, vi.onlyText]).toContain(texts[0]);
      expect(queryCount(s.raw)).toBe(before);
    }
    for (const text of ["/hoi", "/hoi    ", "/hoi@VanBanBot \n\t"]) {
      expect(sentTexts(await s.send(textUpdate(text)))).toEqual([vi.askWhat]);
      expect(sentTexts(await s.send(textUpdate(text, { chat: groupChat })))).toEqual([vi.askWhat]);
    }
    expect(sentTexts(await s.send(textUpdate("@VanBanBot  ", { chat: groupChat })))).toEqual([vi.askWhat]);
    expect(queryCount(s.raw)).toBe(0);
  });
});

describe("bad input: HTML and Markdown injection", () => {
  const INJECTIONS = [
    "<b>tiêm vắc xin</b>",
    '<a href="javascript:alert(1)">tiêm vắc xin</a>',
    "<a href=javascript:alert(document.cookie)>x",
    "tiêm & vắc xin &amp; &lt;b&gt; &#60;i&#62;",
    "*tiêm* _vắc_ [xin](http://evil.example) ~dịch~ `code` ||spoiler||",
    "<script>alert(1)</script> Ủy ban nhân dân",
    "</b></a><pre>phòng chống dịch",
    '"><img src=x onerror=alert(1)> karaoke',
    "<tg-spoiler>x</tg-spoiler><blockquote>y</blockquote>",
  ];

  it("questions, mentions, inline queries and names never inject markup", async () => {
    const s = await setup();
    for (const text of INJECTIONS) {
      expect(replies(await s.send(textUpdate(text))).length).toBeGreaterThan(0);
      expect(replies(await s.send(textUpdate(`@VanBanBot ${text}`, { chat: groupChat }))).length).toBeGreaterThan(0);
      expect(replies(await s.send(textUpdate(`/hoi ${text}`, { chat: groupChat }))).length).toBeGreaterThan(0);
      expect(replies(await s.send(inlineUpdate(text)))).toHaveLength(1);
      // The user's first name is the one piece of user text the bot writes into HTML (/start's greeting).
      const greeting = sentTexts(
        await s.send(
          textUpdate("/start", { chat: privateChat(USER, text.slice(0, 64)), from: person(USER, text.slice(0, 64)) }),
        ),
      );
      expect(greeting).toHaveLength(1);
    }
  });

  it("random first names in /start are escaped", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(fc.oneof(nastyText, fc.string({ unit: "grapheme", maxLength: 64 })), async (name) => {
        const first = name.slice(0, 64) || "x";
        const texts = sentTexts(
          await s.send(textUpdate("/start", { chat: privateChat(USER, first), from: person(USER, first) })),
        );
        expect(texts).toHaveLength(1);
        expect(texts[0]).toMatch(/^Xin chào /);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("bad input: forged callback_data", () => {
  const KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".split("");
  const key = fc.array(fc.constantFrom(...KEY_CHARS), { minLength: 12, maxLength: 12 }).map((c) => c.join(""));
  const within64 = (s: string) => s.length > 0 && Buffer.byteLength(s) <= 64;

  it("random payloads up to 64 bytes get the polite 'ask again' alert and change nothing", async () => {
    const s = await setup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", minLength: 1, maxLength: 64 }).filter(within64),
          fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter(within64),
          fc
            .tuple(
              fc.constantFrom("m", "s", "d", "t", "f", "l", "u", "x", ""),
              fc.array(
                fc.oneof(
                  fc.string({ maxLength: 14 }),
                  key,
                  fc.constantFrom("999999999999", "-1", "1e3", "+", "-", "0x10"),
                ),
                { maxLength: 3 },
              ),
            )
            .map(([k, rest]) => [k, ...rest].join("|"))
            .filter(within64),
          key.map((k) => `s|${k}`),
          key.map((k) => `d|${k}`),
          key.map((k) => `t|${k}`),
        ),
        async (data) => {
          const calls = await s.send(callbackUpdate(data));
          const answers = calls.filter((c) => c.method === "answerCallbackQuery");
          expect(answers).toHaveLength(1);
          // A random l|<digits> is a real page of the document list; anything else is stale.
          if (!/^l\|\d{1,12}$/.test(data)) {
            expect(answers[0]!.payload).toMatchObject({ text: vi.stale, show_alert: true });
            expect(calls.filter((c) => c.method !== "answerCallbackQuery")).toEqual([]);
          }
        },
      ),
      { numRuns: NUM_RUNS * 3 },
    );
    expect(s.raw.db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: 0 });
  });

  it("crafted payloads: huge ids and offsets, someone else's query, a removed page", async () => {
    const s = await setup();
    // One real question, so some crafted payloads name a query that exists.
    await s.send(textUpdate("phòng chống dịch"));
    const id = (s.raw.db.prepare("SELECT MAX(id) AS id FROM query_log").get() as { id: number }).id;
    const stale = [
      "m|999999999999|0",
      "m|0|0",
      `m|${id}|`,
      `m|${id}|3|x`,
      "f|999999999999|+",
      `f|${id}|x`,
      "f|-1|+",
      `s|${"A".repeat(12)}`,
      "s|../../etc/pas",
      `d|${"_".repeat(12)}`,
      `t|${"-".repeat(12)}`,
      "l|-1",
      "l|1.5",
      "u|AAAAAAAA|add",
    ];
    for (const data of stale) {
      const calls = await s.send(callbackUpdate(data));
      expect(
        calls.map((c) => c.method),
        data,
      ).toEqual(["answerCallbackQuery"]);
      expect(calls[0]!.payload, data).toMatchObject({ text: vi.stale, show_alert: true });
    }
    // Out-of-range offsets of a real query: "no more results", quickly, whatever the offset.
    for (const offset of ["999999999999", "999999999998", "1000000", String(s.engine.corpus.passages.length)]) {
      const t0 = performance.now();
      const calls = await s.send(callbackUpdate(`m|${id}|${offset}`));
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
      expect(calls[0]!.payload).toMatchObject({ text: vi.noMore });
    }
    // An offset inside the results is a real page even if the bot never offered it.
    const page = await s.send(callbackUpdate(`m|${id}|1`));
    expect(page.map((c) => c.method)).toEqual(["answerCallbackQuery", "editMessageText"]);
    // Huge and negative list pages are clamped to a real page.
    for (const data of ["l|999999999999", "l|0"])
      expect((await s.send(callbackUpdate(data))).map((c) => c.method)).toEqual([
        "answerCallbackQuery",
        "editMessageText",
      ]);
    // Real payloads pressed under a message with no chat (sent via inline mode): an answer, never a crash.
    const answer = (await s.send(textUpdate("Ban cán sự đảng Ủy ban nhân dân tỉnh mua vắc xin"))).find(
      (c) => c.method === "sendMessage",
    )!;
    const real = (answer.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard
      .flat()
      .map((b) => b.callback_data);
    for (const data of [...real, "l|0", `m|${id}|3`]) {
      const calls = await s.send(callbackUpdate(data, USER, "inline"));
      expect(
        calls.filter((c) => c.method === "answerCallbackQuery"),
        data,
      ).toHaveLength(1);
    }
    // Feedback on someone else's query is a vote by the presser (ids are not secret), stored once per user.
    const vote = await s.send(callbackUpdate(`f|${id}|-`, 7002));
    expect(vote[0]!.payload).toMatchObject({ text: vi.thanks });
  });
});

describe("bad input: commands", () => {
  const commandName = fc.string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".split("")),
    minLength: 1,
    maxLength: 32,
  });
  const KNOWN = new Set([
    "start",
    "help",
    "hoi",
    "ask",
    "vanban",
    "docs",
    "moi",
    "latest",
    "lang",
    "dangky",
    "subscribe",
    "huydangky",
    "unsubscribe",
    "subscriptions",
    "dangkycuatoi",
    "alerts",
    "reload",
    "stats",
    "unanswered",
    "glossary",
  ]);

  it("unknown commands: 'no such command' in private chats, silence in groups", async () => {
    const s = await setup({ alerts: true });
    await fc.assert(
      fc.asyncProperty(
        commandName.filter((c) => !KNOWN.has(c)),
        fc.oneof(
          fc.constant(""),
          nastyText.map((t) => ` ${t}`),
        ),
        async (name, args) => {
          expect(sentTexts(await s.send(textUpdate(`/${name}${args}`)))).toEqual([vi.unknownCommand]);
          expect(await s.send(textUpdate(`/${name}${args}`, { chat: groupChat }))).toEqual([]);
          expect(await s.send(textUpdate(`/${name}@VanBanBot${args}`, { chat: groupChat }))).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // Odd command shapes in a private chat still get a word.
    for (const text of ["/", "//", "/\u200b", "/HOI tiêm", "/start@OtherBot", "/hoi@OtherBot tiêm", "/ hoi"])
      expect(replies(await s.send(textUpdate(text))).length, text).toBeGreaterThan(0);
  });

  it("known commands with random arguments: a reply, never a crash", async () => {
    const s = await setup({ alerts: true });
    const command = fc.constantFrom(
      "/start",
      "/start doc_",
      "/start ask_",
      "/help",
      "/hoi",
      "/vanban",
      "/moi",
      "/lang",
      "/dangky",
      "/huydangky",
      "/subscriptions",
      "/alerts",
      "/reload",
      "/stats",
    );
    await fc.assert(
      fc.asyncProperty(command, nastyText, async (cmd, args) => {
        const text = cmd.endsWith("_") ? `${cmd}${args}` : `${cmd} ${args}`;
        expect(replies(await s.send(textUpdate(text))).length, text).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("bad input: what is not text", () => {
  it.each(Object.keys(NON_TEXT))(
    "%s from a non-admin in a private chat, no upload feature: the text-only notice",
    async (kind) => {
      const s = await setup();
      expect(sentTexts(await s.send(messageUpdate(NON_TEXT[kind]!)))).toEqual([vi.onlyText]);
      // In a group it is chatter, even with a caption that mentions the bot.
      expect(await s.send(messageUpdate(NON_TEXT[kind]!, { chat: groupChat }))).toEqual([]);
    },
  );

  it.each(Object.keys(NON_TEXT))(
    "%s from a non-admin with the upload feature on: documents get the admins-only refusal, the rest the text-only notice",
    async (kind) => {
      const s = await setup({ upload: true });
      const texts = sentTexts(await s.send(messageUpdate(NON_TEXT[kind]!)));
      expect(texts).toEqual([kind === "document" ? vi.upload.notAdmin : vi.onlyText]);
      expect(s.downloads).toEqual([]);
      expect(await s.send(messageUpdate(NON_TEXT[kind]!, { chat: groupChat }))).toEqual([]);
    },
  );

  it("documents with hostile names from a non-admin: refused without a download, in safe text", async () => {
    const s = await setup({ upload: true });
    await fc.assert(
      fc.asyncProperty(nastyText, fc.option(nastyText, { nil: undefined }), async (name, caption) => {
        const content = {
          document: { ...file("d"), file_name: name.slice(0, 255), file_size: 10 },
          ...(caption ? { caption } : {}),
        };
        expect(sentTexts(await s.send(messageUpdate(content)))).toEqual([vi.upload.notAdmin]);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(s.downloads).toEqual([]);
  });
});

describe("bad input: edits, channels and anonymous admins", () => {
  it("edited messages are ignored in every chat (the answer to the original stands)", async () => {
    const s = await setup({ alerts: true, upload: true });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nastyText,
          fc.constantFrom("tiêm vắc xin", "/hoi tiêm vắc xin", "@VanBanBot tiêm vắc xin", "/start", "/dangky"),
        ),
        fc.constantFrom<Chat>(privateChat(), groupChat),
        async (text, chat) => {
          expect(await s.send(textUpdate(text, { chat, kind: "edited_message" }))).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(await s.send(messageUpdate(NON_TEXT.document!, { kind: "edited_message" }))).toEqual([]);
    expect(await s.send(textUpdate("/hoi tiêm vắc xin", { chat: channelChat, kind: "edited_channel_post" }))).toEqual(
      [],
    );
    expect(queryCount(s.raw)).toBe(0);
  });

  it("channel posts: chatter and media are ignored; an explicit /hoi is answered in the channel", async () => {
    const s = await setup({ alerts: true, upload: true });
    await fc.assert(
      fc.asyncProperty(deliverableText, async (text) => {
        expect(await s.send(textUpdate(text, { chat: channelChat, senderChat: channelChat }))).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
    for (const kind of Object.keys(NON_TEXT))
      expect(await s.send(messageUpdate(NON_TEXT[kind]!, { chat: channelChat, senderChat: channelChat }))).toEqual([]);
    const asked = await s.send(textUpdate("/hoi tiêm vắc xin", { chat: channelChat, senderChat: channelChat }));
    expect(asked.filter((c) => c.method === "sendMessage").every((c) => c.payload.chat_id === CHANNEL)).toBe(true);
    expect(replies(asked).length).toBeGreaterThan(0);
    // Commands with no sender (from is absent in channels) do not crash.
    for (const text of [
      "/start",
      "/help",
      "/lang en",
      "/vanban",
      "/dangky",
      "/huydangky",
      "/alerts",
      "/reload",
      "/hoi",
      "/hoi <b>",
    ])
      await s.send(textUpdate(text, { chat: channelChat, senderChat: channelChat }));
    // A channel post auto-forwarded into the linked discussion group is chatter there.
    expect(
      await s.send(
        textUpdate("tiêm vắc xin", {
          chat: groupChat,
          from: { id: 777000, is_bot: false, first_name: "Telegram" },
          senderChat: channelChat,
        }),
      ),
    ).toEqual([]);
  });

  it("anonymous group admins: chatter ignored, mentions and /hoi answered, /dangky allowed without getChatMember", async () => {
    const s = await setup({ alerts: true });
    const asAnon = { chat: groupChat, from: anonymousAdmin, senderChat: groupChat };
    await fc.assert(
      fc.asyncProperty(
        deliverableText.filter((t) => !t.toLowerCase().includes("@vanbanbot")),
        async (text) => {
          expect(await s.send(textUpdate(text, asAnon))).toEqual([]);
          const answered = await s.send(textUpdate(`@VanBanBot ${text}`, asAnon));
          expect(answered.filter((c) => c.method === "sendMessage").length).toBeGreaterThan(0);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(replies(await s.send(textUpdate("/hoi tiêm vắc xin", asAnon))).length).toBeGreaterThan(0);
    const subscribed = await s.send(textUpdate("/dangky Nam Định", asAnon));
    expect(subscribed.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(String(subscribed[0]!.payload.text)).not.toBe(vi.alerts.notAllowed);
    // Someone else's channel posting as the placeholder user is not this group's admin.
    const spoofed = await s.send(
      textUpdate("/dangky", { chat: groupChat, from: anonymousAdmin, senderChat: channelChat }),
    );
    expect(sentTexts(spoofed)).toEqual([vi.alerts.notAllowed]);
    for (const kind of Object.keys(NON_TEXT)) expect(await s.send(messageUpdate(NON_TEXT[kind]!, asAnon))).toEqual([]);
  });
});
