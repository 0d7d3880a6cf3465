import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { renderReloadReport } from "../../src/bot/render-report.ts";
import type { AuditEntry, ReloadReport, Reloader } from "../../src/admin/types.ts";
import { engineFor, type Engine } from "../../src/engine.ts";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import type { UploadDeps } from "../../src/bot/features/upload.ts";
import { telegramDownloader } from "../../src/bot/telegram-download.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { sidecarSchema, type Corpus } from "../../src/corpus/types.ts";
import { openStore } from "../../src/store/open-store.ts";
import { FIXTURE_DIR, LOAD_OPTIONS, SEED, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";
import { makeBot, privateText, type Call } from "./harness.ts";

const ADMIN = 7001; // the harness's user
const OTHER_ADMIN = 7002;
const STRANGER = 8001;
const MAX_BYTES = 20 * 1024 * 1024;
const MINUTE = 60_000;

afterAll(removeCorpusDirs);

/** Reloads like the real reloader: loadCorpus, a new engine swapped in, a ReloadReport of the differences. */
class FakeReloader implements Reloader {
  calls: { source: string; by: number | null }[] = [];
  async settled(): Promise<void> {}
  constructor(
    private dir: string,
    public corpus: Corpus,
    private swap: (engine: Engine) => void,
  ) {}
  async reload(source: Parameters<Reloader["reload"]>[0], by: number | null): Promise<ReloadReport> {
    this.calls.push({ source, by });
    const started = performance.now();
    const next = await loadCorpus(this.dir, LOAD_OPTIONS);
    const before = this.corpus.documents;
    const ids = [...next.documents.keys()];
    const report: ReloadReport = {
      ok: next.documents.size > 0,
      added: ids.filter((id) => !before.has(id)),
      changed: ids.filter(
        (id) => before.has(id) && before.get(id)!.contentHash !== next.documents.get(id)!.contentHash,
      ),
      removed: [...before.keys()].filter((id) => !next.documents.has(id)),
      documents: next.documents.size,
      passages: next.passages.length,
      fileErrors: next.reports.flatMap((r) => (r.status === "error" ? [{ file: r.file, error: r.error }] : [])),
      fileWarnings: next.reports.flatMap((r) => (r.warnings.length ? [{ file: r.file, warnings: r.warnings }] : [])),
      ms: Math.round(performance.now() - started),
      queued: 0,
    };
    this.corpus = next;
    this.swap(engineFor(next, "http://bot.test"));
    return report;
  }
}

async function setup(files: Record<string, string | Uint8Array> = {}) {
  const dir = await makeCorpusDir(files, { withSeeds: true });
  const corpus = await loadCorpus(dir, LOAD_OPTIONS);
  let engine = engineFor(corpus, "http://bot.test");
  const audit: AuditEntry[] = [];
  const downloads: string[] = [];
  let clock = Date.UTC(2021, 7, 20);
  const reloader = new FakeReloader(dir, corpus, (e) => (engine = e));
  const upload: UploadDeps = {
    dataDir: dir,
    maxBytes: MAX_BYTES,
    reloader,
    audit: { record: (e) => void audit.push(e) },
    // file_id is the fixture's name: the fake Telegram serves the fixture's bytes.
    download: async (fileId) => {
      downloads.push(fileId);
      return new Uint8Array(await readFile(join(FIXTURE_DIR, fileId)));
    },
    renderReport: renderReloadReport,
    now: () => clock,
  };
  const { bot, calls } = await makeBot(botStoreFrom(openStore(":memory:")), undefined, 1000, {
    engine: () => engine,
    adminIds: [ADMIN, OTHER_ADMIN],
    upload,
  });
  return {
    dir,
    bot,
    calls,
    audit,
    downloads,
    reloader,
    engine: () => engine,
    advance: (ms: number) => (clock += ms),
    sent: () => calls.filter((c) => c.method === "sendMessage").map((c) => c.payload),
    lastText: () => String(calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.text),
    alerts: () => calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload),
    files: async () => (await readdir(dir)).sort(),
  };
}

let updateId = 90_000;
function documentMessage(o: {
  fileName: string;
  fileId?: string;
  from?: number;
  size?: number;
  caption?: string;
}): Update {
  const from = o.from ?? ADMIN;
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: from, type: "private", first_name: "Lan" },
      from: { id: from, is_bot: false, first_name: "Lan", language_code: "vi" },
      document: {
        file_id: o.fileId ?? o.fileName,
        file_unique_id: `u${updateId}`,
        file_name: o.fileName,
        ...(o.size !== undefined ? { file_size: o.size } : {}),
      },
      ...(o.caption ? { caption: o.caption } : {}),
    },
  } as Update;
}

function press(data: string, from = ADMIN): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: from, is_bot: false, first_name: "Lan", language_code: "vi" },
      chat_instance: "ci",
      data,
      message: { message_id: 555, date: 0, chat: { id: from, type: "private", first_name: "Lan" }, text: "…" },
    },
  } as Update;
}

const buttonsOf = (payload: Record<string, unknown> | undefined) =>
  (
    (payload?.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] })?.inline_keyboard ?? []
  ).flat();

describe("upload: refusals before any download", () => {
  it("a non-admin who sends a file gets a polite refusal, audited; nothing is downloaded or written", async () => {
    const s = await setup();
    const before = await s.files();
    await s.bot.handleUpdate(documentMessage({ fileName: "cv-88-kim-bang.docx", from: STRANGER }));
    expect(s.lastText()).toMatch(/^Cảm ơn bạn! Tuy nhiên chỉ quản trị viên của bot mới được thêm văn bản/);
    expect(s.downloads).toEqual([]);
    expect(s.audit).toEqual([
      {
        actorId: STRANGER,
        action: "upload",
        target: "cv-88-kim-bang.docx",
        outcome: "refused",
        detail: "not an admin",
      },
    ]);
    expect(await s.files()).toEqual(before);
  });

  it("an unsupported type and a file over the limit are refused, naming the types and the limit", async () => {
    const s = await setup();
    await s.bot.handleUpdate(documentMessage({ fileName: "ảnh chụp.jpg", size: 1000 }));
    expect(s.lastText()).toBe("Không nhận tệp «.jpg». Chỉ nhận tệp .txt, .md, .docx hoặc .pdf.");
    await s.bot.handleUpdate(documentMessage({ fileName: "công văn lớn.pdf", size: 25 * 1024 * 1024 }));
    expect(s.lastText()).toBe("Tệp quá lớn (25 MB). Giới hạn là 20 MB.");
    expect(s.downloads).toEqual([]);
    expect(s.audit.map((a) => [a.outcome, a.detail])).toEqual([
      ["refused", 'unsupported file type ".jpg"'],
      ["refused", `too large: ${25 * 1024 * 1024} bytes > ${MAX_BYTES}`],
    ]);
  });

  it("a PDF without a text layer gets a clear error and no buttons; the failure is audited", async () => {
    const s = await setup();
    await s.bot.handleUpdate(documentMessage({ fileName: "scan-no-text.pdf" }));
    expect(s.lastText()).toMatch(/^Không đọc được «scan-no-text\.pdf»: PDF has no text layer; OCR is not supported/);
    expect(buttonsOf(s.sent().at(-1))).toEqual([]);
    expect(s.audit).toMatchObject([{ actorId: ADMIN, action: "upload", target: "scan-no-text", outcome: "failed" }]);
  });
});

describe("upload: each format round-trips into an answerable document", () => {
  it.each([
    {
      fixture: "statute-luat-mau.txt",
      name: "Luật mẫu 12.TXT",
      docId: "luat-mau-12",
      ext: ".txt",
      number: "12/2021/QH15",
      date: "15/11/2021",
      question: "cách ly tại nhà",
    },
    {
      fixture: "tb-45-tan-lac.md",
      name: "TB 45 Tân Lạc.md",
      docId: "tb-45-tan-lac",
      ext: ".md",
      number: "45-TB/HU",
      date: "3/9/2021",
      question: "tổ chức lễ khai giảng an toàn",
    },
    {
      fixture: "cv-88-kim-bang.docx",
      name: "CV 88 Kim Bảng.docx",
      docId: "cv-88-kim-bang",
      ext: ".docx",
      number: "88-CV/HU",
      date: "16/8/2021",
      question: "điểm tiêm an toàn, phản ứng sau tiêm",
    },
    {
      fixture: "ct-05-ha-nam.pdf",
      name: "Chỉ thị 05 Hà Nam.pdf",
      docId: "chi-thi-05-ha-nam",
      ext: ".pdf",
      number: "05-CT/TU",
      date: "20/8/2021",
      question: "an sinh xã hội cho người dân bị ảnh hưởng",
    },
  ])("$ext: preview, «Thêm vào kho», reload, answer", async ({ fixture, name, docId, ext, number, date, question }) => {
    const s = await setup();
    await s.bot.handleUpdate(documentMessage({ fileName: name, fileId: fixture, size: 5000 }));
    const preview = s.sent().at(-1)!;
    expect(preview.parse_mode).toBe("HTML");
    const text = String(preview.text);
    expect(text).toContain(`→ <code>${docId}${ext}</code>`);
    expect(text).toContain(`Số: <b>${number}</b>`);
    expect(text).toContain(date ? `Ngày: <b>${date}</b>` : "Ngày: —");
    expect(text).toMatch(/Số đoạn trích: <b>\d+<\/b>/);
    if (!date) expect(text).toContain("• no issue date found");
    const buttons = buttonsOf(preview);
    expect(buttons.map((b) => b.text)).toEqual(["Thêm vào kho", "Hủy"]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(await s.files()).not.toContain(`${docId}${ext}`);

    await s.bot.handleUpdate(press(buttons[0]!.callback_data));
    expect(await readFile(join(s.dir, `${docId}${ext}`))).toEqual(await readFile(join(FIXTURE_DIR, fixture)));
    expect(await s.files()).not.toContain(`${docId}.meta.json`);
    expect((await readdir(s.dir)).filter((f) => f.startsWith("."))).toEqual([]);
    expect(s.reloader.calls).toEqual([{ source: "upload", by: ADMIN }]);
    const reply = s.lastText();
    expect(reply).toContain(`Đã lưu «${docId}${ext}» vào kho.`);
    expect(reply).toContain(`• ${docId}`);
    expect(s.audit).toEqual([
      { actorId: ADMIN, action: "upload", target: docId, outcome: "ok", detail: `added ${docId}${ext}` },
    ]);

    // A fresh engine over the folder answers from the new document; so does the bot, over the swapped one.
    const rebuilt = engineFor(await loadCorpus(s.dir, LOAD_OPTIONS), "http://bot.test");
    expect(rebuilt.corpus.documents.get(docId)?.meta.number).toBe(number);
    expect(rebuilt.ask(question, 3).answers.map((a) => a.docId)).toContain(docId);
    await s.bot.handleUpdate(privateText(question));
    expect(s.lastText()).toContain(`http://bot.test/d/${docId}`);
  });
});

describe("upload: existing documents, cancel, buttons", () => {
  it("an upload whose docId exists offers «Thay thế» and overwrites nothing until it is pressed", async () => {
    const s = await setup();
    const seedFile = `${SEED.kienGiang}.txt`;
    const original = await readFile(join(s.dir, seedFile));
    await s.bot.handleUpdate(documentMessage({ fileName: `${SEED.kienGiang}.md`, fileId: "tb-45-tan-lac.md" }));
    const preview = s.sent().at(-1)!;
    expect(String(preview.text)).toContain(`⚠️ Kho đã có văn bản «${SEED.kienGiang}». Bấm «Thay thế»`);
    const [replace, cancel] = buttonsOf(preview);
    expect([replace?.text, cancel?.text]).toEqual(["Thay thế", "Hủy"]);

    // The "add" the preview did not offer is refused.
    await s.bot.handleUpdate(press(replace!.callback_data.replace("|replace", "|add")));
    expect(s.alerts().at(-1)).toMatchObject({ show_alert: true, text: expect.stringMatching(/không còn hiệu lực/) });
    expect(await readFile(join(s.dir, seedFile))).toEqual(original);
    expect(await s.files()).not.toContain(`${SEED.kienGiang}.md`);
    expect(s.reloader.calls).toEqual([]);

    await s.bot.handleUpdate(press(replace!.callback_data));
    const files = await s.files();
    expect(files).toContain(`${SEED.kienGiang}.md`);
    expect(files).not.toContain(seedFile);
    expect(s.lastText()).toContain(`Đã thay thế «${SEED.kienGiang}.md» trong kho.`);
    expect(s.engine().corpus.documents.get(SEED.kienGiang)?.meta.number).toBe("45-TB/HU");
    expect(s.audit.at(-1)).toMatchObject({
      target: SEED.kienGiang,
      outcome: "ok",
      detail: `replaced ${SEED.kienGiang}.md`,
    });
  });

  it("a file on disk that did not load (broken) also counts as existing", async () => {
    const s = await setup({ "chi-thi-05-ha-nam.txt": "" });
    await s.bot.handleUpdate(documentMessage({ fileName: "Chỉ thị 05 Hà Nam.pdf", fileId: "ct-05-ha-nam.pdf" }));
    expect(buttonsOf(s.sent().at(-1)).map((b) => b.text)).toEqual(["Thay thế", "Hủy"]);
  });

  it("«Hủy» writes nothing and the buttons are dead afterwards", async () => {
    const s = await setup();
    const before = await s.files();
    await s.bot.handleUpdate(documentMessage({ fileName: "cv-88-kim-bang.docx" }));
    const [add, cancel] = buttonsOf(s.sent().at(-1));
    await s.bot.handleUpdate(press(cancel!.callback_data));
    expect(s.lastText()).toBe("Đã hủy, không lưu gì.");
    expect(s.calls.some((c) => c.method === "editMessageReplyMarkup")).toBe(true);
    await s.bot.handleUpdate(press(add!.callback_data));
    expect(s.alerts().at(-1)).toMatchObject({ show_alert: true, text: expect.stringMatching(/không còn hiệu lực/) });
    expect(await s.files()).toEqual(before);
    expect(s.reloader.calls).toEqual([]);
  });

  it("forged, foreign, non-admin and expired presses are refused and audited; nothing is written", async () => {
    const s = await setup();
    const before = await s.files();
    await s.bot.handleUpdate(documentMessage({ fileName: "cv-88-kim-bang.docx" }));
    const add = buttonsOf(s.sent().at(-1))[0]!.callback_data;
    s.audit.length = 0;

    await s.bot.handleUpdate(press("u|AAAAAAAA|add"));
    await s.bot.handleUpdate(press("u|../../etc|add"));
    await s.bot.handleUpdate(press(add, OTHER_ADMIN));
    await s.bot.handleUpdate(press(add, STRANGER));
    s.advance(31 * MINUTE);
    await s.bot.handleUpdate(press(add));
    expect(s.alerts().map((a) => [a.show_alert, a.text])).toEqual([
      [true, expect.stringMatching(/không còn hiệu lực/)],
      [true, expect.stringMatching(/không còn hiệu lực/)],
      [true, "Chỉ người đã gửi tệp mới được xác nhận."],
      [true, expect.stringMatching(/^Cảm ơn bạn! Tuy nhiên chỉ quản trị viên/)],
      [true, expect.stringMatching(/không còn hiệu lực/)],
    ]);
    expect(s.audit.map((a) => [a.actorId, a.outcome, a.detail])).toEqual([
      [ADMIN, "refused", "unknown or expired upload"],
      [ADMIN, "refused", "malformed upload button"],
      [OTHER_ADMIN, "refused", "button pressed by another admin"],
      [STRANGER, "refused", "button pressed by a non-admin"],
      [ADMIN, "refused", "unknown or expired upload"],
    ]);
    expect(await s.files()).toEqual(before);
    expect(s.reloader.calls).toEqual([]);
  });
});

describe("upload: caption overrides", () => {
  it("land in <docId>.meta.json and in the loaded metadata; values that do not parse are warned about", async () => {
    const s = await setup();
    const caption =
      "số: 12/2021/QH15; ngày: 13/11/2021; cơ quan: Quốc hội khóa XV; tiêu đề: Luật mẫu phòng, chống dịch; người ký: Nguyễn Văn An; nguồn: chưa có; màu: đỏ";
    await s.bot.handleUpdate(documentMessage({ fileName: "luat-mau.txt", fileId: "statute-luat-mau.txt", caption }));
    const text = String(s.sent().at(-1)!.text);
    expect(text).toContain("Ngày: <b>13/11/2021</b> <i>(theo chú thích)</i>");
    expect(text).toContain("Cơ quan: <b>Quốc hội khóa XV</b> <i>(theo chú thích)</i>");
    expect(text).toContain("• «nguồn: chưa có» không phải đường dẫn http(s) hợp lệ, đã bỏ qua");
    expect(text).toContain("• không hiểu trường «màu»");
    expect(text).not.toContain("no issue date found");

    await s.bot.handleUpdate(press(buttonsOf(s.sent().at(-1))[0]!.callback_data));
    const sidecar = sidecarSchema.parse(JSON.parse(await readFile(join(s.dir, "luat-mau.meta.json"), "utf8")));
    expect(sidecar).toEqual({
      number: "12/2021/QH15",
      date: "2021-11-13",
      issuer: "Quốc hội khóa XV",
      title: "Luật mẫu phòng, chống dịch",
      signer: "Nguyễn Văn An",
    });
    expect(s.engine().corpus.documents.get("luat-mau")?.meta).toMatchObject({
      date: "2021-11-13",
      issuer: "Quốc hội khóa XV",
      title: "Luật mẫu phòng, chống dịch",
    });
  });

  it("English users get an English preview", async () => {
    const s = await setup();
    const update = documentMessage({ fileName: "cv-88-kim-bang.docx", caption: "date: 2021-08-17" });
    (update.message!.from as { language_code: string }).language_code = "en";
    await s.bot.handleUpdate(update);
    const preview = s.sent().at(-1)!;
    expect(String(preview.text)).toContain("Date: <b>17/8/2021</b> <i>(from the caption)</i>");
    expect(buttonsOf(preview).map((b) => b.text)).toEqual(["Add to corpus", "Cancel"]);
  });
});

describe("telegramDownloader", () => {
  const TOKEN = "123456:SECRET-token-abcdefghijklmnopqrstuvwxyz";
  const api = {
    getFile: async (fileId: string) => ({ file_id: fileId, file_unique_id: "u", file_path: "documents/file_7.pdf" }),
  };

  it("gets the file path, then the bytes from <apiRoot>/file/bot<token>/<path>", async () => {
    const urls: string[] = [];
    const fetchFile = (async (url: string) => {
      urls.push(url);
      return new Response(new Uint8Array([1, 2, 3]));
    }) as typeof fetch;
    const download = telegramDownloader(api as never, TOKEN, "http://127.0.0.1:9000", fetchFile);
    expect(await download("F1")).toEqual(new Uint8Array([1, 2, 3]));
    expect(urls).toEqual([`http://127.0.0.1:9000/file/bot${TOKEN}/documents/file_7.pdf`]);
  });

  it("refuses a non-200 answer with the status and without the token", async () => {
    const fetchFile = (async () => new Response("nope", { status: 404, statusText: "Not Found" })) as typeof fetch;
    const error = await telegramDownloader(api as never, TOKEN, "http://x", fetchFile)("F1").catch((e: Error) => e);
    expect((error as Error).message).toBe("upload: download of documents/file_7.pdf failed: HTTP 404 Not Found");
    const network = (async (url: string) => {
      throw new TypeError(`fetch failed for ${url}`);
    }) as typeof fetch;
    const message = (
      (await telegramDownloader(api as never, TOKEN, "http://x", network)("F1").catch((e: Error) => e)) as Error
    ).message;
    expect(message).not.toContain(TOKEN);
    expect(message).toContain("<bot token>");
  });
});

describe("upload: ignored elsewhere", () => {
  it("a bot without upload deps answers a file with the usual notice", async () => {
    const { bot, calls } = await makeBot(botStoreFrom(openStore(":memory:")));
    await bot.handleUpdate(documentMessage({ fileName: "cv-88-kim-bang.docx" }));
    expect(calls.filter((c: Call) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([
      "Tôi chỉ hỗ trợ câu hỏi bằng chữ.",
    ]);
  });
});
