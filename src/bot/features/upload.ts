import { randomBytes } from "node:crypto";
import { extname } from "node:path";
import { Composer, InlineKeyboard, type Api } from "grammy";
import type { AuditEntry, AuditLog, ReloadReport, Reloader } from "../../admin/types.ts";
import { formatDate } from "../../answer/document-card.ts";
import { cutHtml, escapeHtml, HTML, MESSAGE_LIMIT } from "../render-telegram.ts";
import { CorpusFileError } from "../../corpus/errors.ts";
import { parseDocument } from "../../corpus/parse-document.ts";
import { decodeSource, formatOf } from "../../corpus/read-file.ts";
import type { CorpusDocument, Sidecar } from "../../corpus/types.ts";
import { decodeCallback, encodeCallback } from "../callback-data.ts";
import type { BotContext, FeatureDeps } from "../context.ts";
import type { Messages } from "../../i18n/messages.ts";
import { parseCaption, type CaptionWarning } from "../../corpus/parse-caption.ts";
import { docIdFromFileName, filesOfDocument, TargetExistsError, writeUpload } from "../../corpus/upload-files.ts";

export interface UploadDeps {
  dataDir: string;
  /** Largest accepted file, in bytes (the Bot API's getFile stops at 20 MB). */
  maxBytes: number;
  reloader: Reloader;
  audit: AuditLog;
  /** Downloads a Telegram file by file_id (getFile + GET apiRoot/file/bot<token>/<file_path>); tests pass a fake. */
  download(fileId: string): Promise<Uint8Array>;
  /** Renders a ReloadReport for the admin, as Telegram HTML. */
  renderReport(report: ReloadReport, t: Messages): string;
  /** Clock for the pending uploads' expiry, in ms (tests move it). */
  now?(): number;
}

/** A parsed upload waiting for the admin's button. Kept in memory only: a restart simply asks for the file again. */
interface PendingUpload {
  userId: number;
  docId: string;
  ext: string;
  bytes: Uint8Array;
  sidecar: Sidecar | null;
  /** The docId already has files: only "replace" may write. */
  replace: boolean;
  createdAt: number;
}

const EXPIRY_MS = 30 * 60 * 1000;
/** Pending uploads kept per admin; the oldest goes first (each holds the file's bytes). */
const PER_USER = 10;
const MB = 1024 * 1024;

/** Admins send a directive file in a private chat; the bot previews what it read and writes it on "Thêm vào kho". */
export function uploadFeature(deps: FeatureDeps, upload: UploadDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const pending = new Map<string, PendingUpload>();
  const now = upload.now ?? Date.now;
  const audit = (entry: Omit<AuditEntry, "action">) => {
    try {
      upload.audit.record({ action: "upload", ...entry });
    } catch (err) {
      deps.log.error("upload: audit failed", { error: String(err) });
    }
  };
  // Writes and reloads one upload at a time, so two confirmations of the same docId cannot interleave.
  let writing: Promise<unknown> = Promise.resolve();

  composer.chatType("private").on("message:document", async (ctx) => {
    const doc = ctx.msg.document;
    const userId = ctx.from.id;
    const name = (doc.file_name ?? "").normalize("NFC");
    const t = ctx.t.upload;
    if (!deps.isAdmin(ctx)) {
      audit({ actorId: userId, target: name || null, outcome: "refused", detail: "not an admin" });
      return ctx.reply(t.notAdmin);
    }
    const format = formatOf(name);
    if (!format) {
      audit({ actorId: userId, target: name || null, outcome: "refused", detail: `unsupported file type "${extname(name)}"` });
      return ctx.reply(t.badType(extname(name)));
    }
    if (doc.file_size !== undefined && doc.file_size > upload.maxBytes) {
      audit({ actorId: userId, target: name, outcome: "refused", detail: `too large: ${doc.file_size} bytes > ${upload.maxBytes}` });
      return ctx.reply(t.tooLarge(megabytes(doc.file_size), megabytes(upload.maxBytes)));
    }
    const docId = docIdFromFileName(name);
    if (!docId) {
      audit({ actorId: userId, target: name, outcome: "refused", detail: "file name gives no document id" });
      return ctx.reply(t.badName);
    }

    let bytes: Uint8Array;
    try {
      bytes = await upload.download(doc.file_id);
    } catch (err) {
      deps.log.warn("upload: download failed", { file: name, error: String(err) });
      audit({ actorId: userId, target: docId, outcome: "failed", detail: `download: ${(err as Error).message}` });
      return ctx.reply(t.downloadFailed);
    }
    if (bytes.length > upload.maxBytes) {
      audit({ actorId: userId, target: name, outcome: "refused", detail: `too large: ${bytes.length} bytes > ${upload.maxBytes}` });
      return ctx.reply(t.tooLarge(megabytes(bytes.length), megabytes(upload.maxBytes)));
    }

    const caption = parseCaption(ctx.msg.caption);
    const sidecar = Object.keys(caption.sidecar).length > 0 ? caption.sidecar : null;
    const ext = extname(name).toLowerCase();
    let parsed: { document: CorpusDocument; warnings: string[] };
    try {
      const source = await decodeSource(name, format, bytes);
      parsed = parseDocument({ docId, file: `${docId}${ext}`, text: source.text, hardWrapped: source.hardWrapped, sidecar });
    } catch (err) {
      const reason = err instanceof CorpusFileError ? err.message.replace(/^corpus: .*?: /, "") : String(err);
      audit({ actorId: userId, target: docId, outcome: "failed", detail: reason });
      return ctx.reply(t.unreadable(name, reason));
    }
    if (parsed.document.passages.length === 0) {
      audit({ actorId: userId, target: docId, outcome: "failed", detail: "no citable passages" });
      return ctx.reply(t.unreadable(name, t.noPassages));
    }

    const replace = deps.engine().corpus.documents.has(docId) || (await filesOfDocument(upload.dataDir, docId)).length > 0;
    const id = remember(pending, { userId, docId, ext, bytes, sidecar, replace, createdAt: now() }, now());
    const keyboard = new InlineKeyboard()
      .text(replace ? t.replace : t.add, encodeCallback({ kind: "upload", id, action: replace ? "replace" : "add" }))
      .text(t.cancel, encodeCallback({ kind: "upload", id, action: "cancel" }));
    await ctx.reply(renderPreview(parsed, name, sidecar, caption.warnings, replace, ctx.t), { ...HTML, reply_markup: keyboard });
  });

  composer.callbackQuery(/^u\|/, async (ctx) => {
    const t = ctx.t.upload;
    const userId = ctx.from.id;
    const decoded = decodeCallback(ctx.callbackQuery.data);
    const refuse = async (text: string, detail: string, target: string | null = null) => {
      audit({ actorId: userId, target, outcome: "refused", detail });
      await ctx.answerCallbackQuery({ text, show_alert: true });
    };
    if (!deps.isAdmin(ctx)) return refuse(ctx.t.upload.notAdmin, "button pressed by a non-admin");
    if (decoded?.kind !== "upload") return refuse(t.expired, "malformed upload button");
    const { id, action } = decoded;
    const item = pending.get(id);
    if (!item || now() - item.createdAt > EXPIRY_MS) {
      pending.delete(id);
      return refuse(t.expired, "unknown or expired upload");
    }
    if (item.userId !== userId) return refuse(t.notYours, "button pressed by another admin", item.docId);
    // A button the preview did not offer (add on an existing docId, or the reverse) is forged.
    if (action !== "cancel" && (action === "replace") !== item.replace) return refuse(t.expired, `forged "${action}" button`, item.docId);
    pending.delete(id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch((err) => deps.log.debug("upload: could not remove the buttons", { error: String(err) }));
    if (action === "cancel") return ctx.reply(t.cancelled);

    const run = writing.then(() => commit(ctx, item));
    writing = run.catch(() => undefined);
    await run;
  });

  async function commit(ctx: BotContext, item: PendingUpload): Promise<void> {
    const t = ctx.t.upload;
    const userId = item.userId;
    let file: string;
    try {
      file = await writeUpload(upload.dataDir, item, item.replace);
    } catch (err) {
      if (err instanceof TargetExistsError) {
        audit({ actorId: userId, target: item.docId, outcome: "refused", detail: err.message });
        await ctx.reply(t.targetExists(err.file));
        return;
      }
      deps.log.error("upload: write failed", { docId: item.docId, error: String(err) });
      audit({ actorId: userId, target: item.docId, outcome: "failed", detail: `write: ${(err as Error).message}` });
      await ctx.reply(t.failed((err as Error).message));
      return;
    }
    let report: ReloadReport;
    try {
      report = await upload.reloader.reload("upload", userId);
    } catch (err) {
      deps.log.error("upload: reload failed", { docId: item.docId, error: String(err) });
      audit({ actorId: userId, target: item.docId, outcome: "failed", detail: `${file} written; reload threw: ${(err as Error).message}` });
      await ctx.reply(`${t.saved(file, item.replace)}\n${ctx.t.admin.reloadFailed} ${(err as Error).message}`);
      return;
    }
    const fileError = report.fileErrors.find((e) => e.file === file);
    const ok = report.ok && !fileError;
    audit({
      actorId: userId,
      target: item.docId,
      outcome: ok ? "ok" : "failed",
      detail: ok ? `${item.replace ? "replaced" : "added"} ${file}` : `${file} written; reload: ${fileError?.error ?? report.error ?? "failed"}`,
    });
    const text = `${escapeHtml(t.saved(file, item.replace))}\n\n${upload.renderReport(report, ctx.t)}`;
    await ctx.reply(text.length > MESSAGE_LIMIT ? cutHtml(text, MESSAGE_LIMIT) : text, HTML);
  }

  return composer;
}

/** Stores an upload under a fresh short id; drops expired ones and the admin's oldest beyond PER_USER. */
function remember(pending: Map<string, PendingUpload>, item: PendingUpload, now: number): string {
  for (const [key, p] of pending) if (now - p.createdAt > EXPIRY_MS) pending.delete(key);
  const mine = [...pending].filter(([, p]) => p.userId === item.userId);
  for (const [key] of mine.slice(0, Math.max(0, mine.length - PER_USER + 1))) pending.delete(key);
  let id: string;
  do id = randomBytes(6).toString("base64url");
  while (pending.has(id));
  pending.set(id, item);
  return id;
}

function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
}

/** What the bot read from the file, field by field, so the admin can check it before it enters the corpus. HTML. */
export function renderPreview(
  parsed: { document: CorpusDocument; warnings: string[] },
  fileName: string,
  sidecar: Sidecar | null,
  captionWarnings: readonly CaptionWarning[],
  replace: boolean,
  t: Messages,
): string {
  const u = t.upload;
  const m = parsed.document.meta;
  const field = (label: string, value: string | null, key: keyof Sidecar) =>
    `${escapeHtml(label)}: ${value ? `<b>${escapeHtml(value)}</b>` : u.unknown}${sidecar?.[key] !== undefined ? ` <i>(${escapeHtml(u.fromCaption)})</i>` : ""}`;
  const lines = [
    `📄 <b>${escapeHtml(u.preview)}</b>`,
    `${escapeHtml(u.labels.file)}: ${escapeHtml(fileName)} → <code>${escapeHtml(parsed.document.file)}</code>`,
    field(u.labels.type, m.type, "type"),
    field(u.labels.number, m.number, "number"),
    field(u.labels.date, m.date && formatDate(m.date), "date"),
    field(u.labels.issuer, m.issuer, "issuer"),
    field(u.labels.title, m.title, "title"),
  ];
  if (m.signer || sidecar?.signer !== undefined) lines.push(field(u.labels.signer, m.signer, "signer"));
  if (m.sourceUrl) lines.push(field(u.labels.source, m.sourceUrl, "sourceUrl"));
  lines.push(`${escapeHtml(u.labels.passages)}: <b>${parsed.document.passages.length}</b>`);
  const warnings = [...captionWarnings.map((w) => u.captionWarning(w)), ...parsed.warnings];
  if (warnings.length) {
    lines.push(`⚠️ ${escapeHtml(u.labels.warnings)}:`);
    lines.push(...warnings.slice(0, 12).map((w) => `• ${escapeHtml(w)}`));
    if (warnings.length > 12) lines.push(`• … +${warnings.length - 12}`);
  }
  if (replace) lines.push("", escapeHtml(u.exists(m.docId)));
  const text = lines.join("\n");
  return text.length > MESSAGE_LIMIT ? cutHtml(text, MESSAGE_LIMIT) : text;
}

/**
 * `download` for production: getFile, then GET `<apiRoot>/file/bot<token>/<file_path>`.
 * Errors name the file path and the HTTP status, never the URL (it carries the token).
 */
export function telegramDownloader(api: Pick<Api, "getFile">, token: string, apiRoot = "https://api.telegram.org", fetchFile: typeof fetch = fetch): (fileId: string) => Promise<Uint8Array> {
  return async (fileId) => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error(`upload: Telegram gave no file_path for the file (larger than the Bot API's 20 MB download limit?)`);
    let response: Response;
    try {
      response = await fetchFile(`${apiRoot}/file/bot${token}/${file.file_path}`);
    } catch (err) {
      throw new Error(`upload: download of ${file.file_path} failed: ${redactToken((err as Error).message, token)}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`upload: download of ${file.file_path} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

function redactToken(text: string, token: string): string {
  return token ? text.split(token).join("<bot token>") : text;
}
