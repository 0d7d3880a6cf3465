import { randomBytes } from "node:crypto";
import { extname } from "node:path";
import { Composer, InlineKeyboard } from "grammy";
import type { AuditEntry, AuditLog, ReloadReport, Reloader } from "../../admin/types.ts";
import { CorpusFileError } from "../../corpus/errors.ts";
import { parseCaption } from "../../corpus/parse-caption.ts";
import { parseDocument } from "../../corpus/parse-document.ts";
import { decodeSource, formatOf, type SourceFormat } from "../../corpus/read-file.ts";
import type { CorpusDocument, Sidecar } from "../../corpus/types.ts";
import { docIdFromFileName, filesOfDocument, TargetExistsError, writeUpload } from "../../corpus/upload-files.ts";
import type { Messages } from "../../i18n/messages.ts";
import { decodeCallback, encodeCallback, type UploadAction } from "../callback-data.ts";
import type { BotContext, FeatureDeps } from "../context.ts";
import { runLong } from "../long-work.ts";
import { renderPreview } from "../render-preview.ts";
import { cutHtml, escapeHtml, HTML, MESSAGE_LIMIT } from "../render-telegram.ts";

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

/** The feature's state and dependencies, shared by its steps. */
interface Uploads {
  deps: FeatureDeps;
  upload: UploadDeps;
  pending: Map<string, PendingUpload>;
  now: () => number;
  audit(entry: Omit<AuditEntry, "action">): void;
  /** Writes and reloads one upload at a time, so two confirmations of the same docId cannot interleave. */
  writing: Promise<unknown>;
}

/** Why an upload stops before its preview: what the admin is told, and what the audit log records. */
class UploadStopped extends Error {
  override name = "UploadStopped";
  constructor(
    readonly reply: string,
    readonly outcome: "refused" | "failed",
    readonly detail: string,
    readonly target: string | null,
  ) {
    super(`upload: ${detail}`);
  }
}

const EXPIRY_MS = 30 * 60 * 1000;
/** Pending uploads kept per admin; the oldest goes first (each holds the file's bytes). */
const PER_USER = 10;
const MB = 1024 * 1024;

/** Admins send a directive file in a private chat; the bot previews what it read and writes it on "Thêm vào kho". */
export function uploadFeature(deps: FeatureDeps, upload: UploadDeps): Composer<BotContext> {
  const u: Uploads = {
    deps,
    upload,
    pending: new Map(),
    now: upload.now ?? Date.now,
    audit: (entry) => {
      try {
        upload.audit.record({ action: "upload", ...entry });
      } catch (err) {
        deps.log.error("upload: audit failed", { error: String(err) });
      }
    },
    writing: Promise.resolve(),
  };
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message:document", (ctx) => receiveFile(u, ctx));
  composer.callbackQuery(/^u\|/, (ctx) => pressButton(u, ctx));
  return composer;
}

/** A file arrives: check it, download it, parse it, and show the preview with its buttons. */
async function receiveFile(u: Uploads, ctx: BotContext & { from: { id: number } }): Promise<void> {
  const file = ctx.msg!.document!;
  const name = (file.file_name ?? "").normalize("NFC");
  await replyIfStopped(u, ctx, async () => {
    const { docId, format } = checkOffer(u, ctx, name, file.file_size);
    // Download and parsing can outlast a webhook's patience: in webhook mode they run after the update is answered.
    await runLong(u.deps, ctx, "upload preview", () =>
      replyIfStopped(u, ctx, () => showPreview(u, ctx, file, name, docId, format)),
    );
  });
}

async function showPreview(
  u: Uploads,
  ctx: BotContext & { from: { id: number } },
  file: { file_id: string },
  name: string,
  docId: string,
  format: SourceFormat,
) {
  const t = ctx.t.upload;
  const bytes = await fetchFile(u, file.file_id, name, docId, t);
  const caption = parseCaption(ctx.msg?.caption);
  const sidecar = Object.keys(caption.sidecar).length > 0 ? caption.sidecar : null;
  const ext = extname(name).toLowerCase();
  const parsed = await parseUpload({ name, docId, ext, format, bytes, sidecar }, t);
  const known = u.deps.engine().corpus.documents.has(docId);
  const replace = known || (await filesOfDocument(u.upload.dataDir, docId)).length > 0;
  const item = { userId: ctx.from.id, docId, ext, bytes, sidecar, replace, createdAt: u.now() };
  const id = remember(u.pending, item, u.now());
  const preview = renderPreview(parsed, name, sidecar, caption.warnings, replace, ctx.t);
  await ctx.reply(preview, { ...HTML, reply_markup: previewKeyboard(t, id, replace) });
}

/** An UploadStopped is an answer, not a failure: audited, and told to the admin. */
async function replyIfStopped(
  u: Uploads,
  ctx: BotContext & { from: { id: number } },
  step: () => Promise<void>,
): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (!(err instanceof UploadStopped)) throw err;
    u.audit({ actorId: ctx.from.id, target: err.target, outcome: err.outcome, detail: err.detail });
    await ctx.reply(err.reply);
  }
}

/** Who sent it, what kind of file, how large, and whether its name gives a document id; before any download. */
function checkOffer(u: Uploads, ctx: BotContext, name: string, size: number | undefined) {
  const t = ctx.t.upload;
  const max = u.upload.maxBytes;
  if (!u.deps.isAdmin(ctx)) throw new UploadStopped(t.notAdmin, "refused", "not an admin", name || null);
  const format = formatOf(name);
  if (!format) {
    const detail = `unsupported file type "${extname(name)}"`;
    throw new UploadStopped(t.badType(extname(name)), "refused", detail, name || null);
  }
  if (size !== undefined && size > max) {
    const detail = `too large: ${size} bytes > ${max}`;
    throw new UploadStopped(t.tooLarge(megabytes(size), megabytes(max)), "refused", detail, name);
  }
  const docId = docIdFromFileName(name);
  if (!docId) throw new UploadStopped(t.badName, "refused", "file name gives no document id", name);
  return { docId, format };
}

/** The file's bytes from Telegram, checked against the limit again (the size Telegram announced may be absent). */
async function fetchFile(u: Uploads, fileId: string, name: string, docId: string, t: Messages["upload"]) {
  const max = u.upload.maxBytes;
  let bytes: Uint8Array;
  try {
    bytes = await u.upload.download(fileId);
  } catch (err) {
    u.deps.log.warn("upload: download failed", { file: name, error: String(err) });
    throw new UploadStopped(t.downloadFailed, "failed", `download: ${(err as Error).message}`, docId);
  }
  if (bytes.length > max) {
    const detail = `too large: ${bytes.length} bytes > ${max}`;
    throw new UploadStopped(t.tooLarge(megabytes(bytes.length), megabytes(max)), "refused", detail, name);
  }
  return bytes;
}

interface UploadedFile {
  name: string;
  docId: string;
  ext: string;
  format: SourceFormat;
  bytes: Uint8Array;
  sidecar: Sidecar | null;
}

/** The document as the corpus would load it; a file with nothing to cite is refused here, not after writing. */
type ParsedUpload = { document: CorpusDocument; warnings: string[] };

async function parseUpload(f: UploadedFile, t: Messages["upload"]): Promise<ParsedUpload> {
  let parsed: ParsedUpload;
  try {
    const source = await decodeSource(f.name, f.format, f.bytes);
    const { text, hardWrapped } = source;
    parsed = parseDocument({ docId: f.docId, file: `${f.docId}${f.ext}`, text, hardWrapped, sidecar: f.sidecar });
  } catch (err) {
    const reason = err instanceof CorpusFileError ? err.reason : String(err);
    throw new UploadStopped(t.unreadable(f.name, reason), "failed", reason, f.docId);
  }
  if (parsed.document.passages.length === 0) {
    throw new UploadStopped(t.unreadable(f.name, t.noPassages), "failed", "no citable passages", f.docId);
  }
  return parsed;
}

function previewKeyboard(t: Messages["upload"], id: string, replace: boolean): InlineKeyboard {
  const action: UploadAction = replace ? "replace" : "add";
  return new InlineKeyboard()
    .text(replace ? t.replace : t.add, encodeCallback({ kind: "upload", id, action }))
    .text(t.cancel, encodeCallback({ kind: "upload", id, action: "cancel" }));
}

/** A preview's button: only the admin who sent the file, only the button the preview offered, only once. */
async function pressButton(u: Uploads, ctx: BotContext & { from: { id: number }; callbackQuery: { data: string } }) {
  const t = ctx.t.upload;
  const userId = ctx.from.id;
  const decoded = decodeCallback(ctx.callbackQuery.data);
  const refuse = async (text: string, detail: string, target: string | null = null) => {
    u.audit({ actorId: userId, target, outcome: "refused", detail });
    await ctx.answerCallbackQuery({ text, show_alert: true });
  };
  if (!u.deps.isAdmin(ctx)) return refuse(t.notAdmin, "button pressed by a non-admin");
  if (decoded?.kind !== "upload") return refuse(t.expired, "malformed upload button");
  const { id, action } = decoded;
  const item = u.pending.get(id);
  if (!item || u.now() - item.createdAt > EXPIRY_MS) {
    u.pending.delete(id);
    return refuse(t.expired, "unknown or expired upload");
  }
  if (item.userId !== userId) return refuse(t.notYours, "button pressed by another admin", item.docId);
  // A button the preview did not offer (add on an existing docId, or the reverse) is forged.
  if (action !== "cancel" && (action === "replace") !== item.replace) {
    return refuse(t.expired, `forged "${action}" button`, item.docId);
  }
  u.pending.delete(id);
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch((err) => {
    u.deps.log.debug("upload: could not remove the buttons", { error: String(err) });
  });
  if (action === "cancel") return ctx.reply(t.cancelled);

  const run = u.writing.then(() => commit(u, ctx, item));
  u.writing = run.catch(() => undefined);
  // Acknowledged above (buttons removed); in webhook mode the write and reload run after the update is answered.
  await runLong(u.deps, ctx, "upload", () => run);
}

/** Writes the file into DATA_DIR, reloads, and tells the admin what the reload made of it. */
async function commit(u: Uploads, ctx: BotContext, item: PendingUpload): Promise<void> {
  const t = ctx.t.upload;
  const { userId, docId } = item;
  let file: string;
  try {
    file = await writeUpload(u.upload.dataDir, item, item.replace);
  } catch (err) {
    if (err instanceof TargetExistsError) {
      u.audit({ actorId: userId, target: docId, outcome: "refused", detail: err.message });
      await ctx.reply(t.targetExists(err.file));
      return;
    }
    u.deps.log.error("upload: write failed", { docId, error: String(err) });
    u.audit({ actorId: userId, target: docId, outcome: "failed", detail: `write: ${(err as Error).message}` });
    await ctx.reply(t.failed((err as Error).message));
    return;
  }
  let report: ReloadReport;
  try {
    report = await u.upload.reloader.reload("upload", userId);
  } catch (err) {
    const message = (err as Error).message;
    u.deps.log.error("upload: reload failed", { docId, error: String(err) });
    u.audit({ actorId: userId, target: docId, outcome: "failed", detail: `${file} written; reload threw: ${message}` });
    await ctx.reply(`${t.saved(file, item.replace)}\n${ctx.t.admin.reloadFailed} ${message}`);
    return;
  }
  const fileError = report.fileErrors.find((e) => e.file === file);
  const ok = report.ok && !fileError;
  const failure = `${file} written; reload: ${fileError?.error ?? report.error ?? "failed"}`;
  const detail = ok ? `${item.replace ? "replaced" : "added"} ${file}` : failure;
  u.audit({ actorId: userId, target: docId, outcome: ok ? "ok" : "failed", detail });
  const text = `${escapeHtml(t.saved(file, item.replace))}\n\n${u.upload.renderReport(report, ctx.t)}`;
  await ctx.reply(text.length > MESSAGE_LIMIT ? cutHtml(text, MESSAGE_LIMIT) : text, HTML);
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
