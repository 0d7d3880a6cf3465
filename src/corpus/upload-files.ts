import { randomBytes } from "node:crypto";
import { access, link, open, readdir, rename, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { formatOf } from "./read-file.ts";
import { fold } from "../search/normalize.ts";

const SIDECAR_SUFFIX = ".meta.json";
const MAX_DOC_ID = 80;

/** An upload that would overwrite a document without the admin's "Thay thế". */
export class TargetExistsError extends Error {
  override name = "TargetExistsError";
  constructor(readonly file: string) {
    super(`upload: ${file} already exists in the corpus folder`);
  }
}

/** "CV 209 Kiên Giang.docx" → "cv-209-kien-giang": the file name folded to [a-z0-9-]; null when nothing is left. */
export function docIdFromFileName(fileName: string): string | null {
  const stem = basename(fileName, extname(fileName));
  const slug = fold(stem)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_DOC_ID)
    .replace(/-+$/, "");
  return slug || null;
}

/** Files in `dir` that belong to `docId`: a document of any supported format, or its sidecar. Hidden files are not. */
export async function filesOfDocument(dir: string, docId: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => {
    if (n.startsWith(".")) return false;
    if (n === `${docId}${SIDECAR_SUFFIX}`) return true;
    return formatOf(n) !== null && basename(n, extname(n)).normalize("NFC") === docId;
  });
}

export interface UploadFiles {
  docId: string;
  /** Lowercase extension with its dot: ".pdf". */
  ext: string;
  bytes: Uint8Array;
  /** Written as `<docId>.meta.json` when present. */
  sidecar: object | null;
}

/**
 * Puts an upload into the corpus folder. Without `replace`, any file of the same docId refuses the write
 * (TargetExistsError) and nothing is left behind. With `replace`, the document's other files (another format,
 * a sidecar the new upload does not have) are removed, so the folder holds exactly what the preview showed.
 * The sidecar goes in first, so a watcher that sees the document sees its metadata too.
 */
export async function writeUpload(dir: string, files: UploadFiles, replace: boolean): Promise<string> {
  const name = `${files.docId}${files.ext}`;
  const sidecarName = `${files.docId}${SIDECAR_SUFFIX}`;
  const before = await filesOfDocument(dir, files.docId);
  if (!replace && before.length > 0) throw new TargetExistsError(before[0]!);
  const created: string[] = [];
  try {
    if (files.sidecar) {
      await writeAtomically(
        dir,
        sidecarName,
        Buffer.from(`${JSON.stringify(files.sidecar, null, 2)}\n`, "utf8"),
        replace,
      );
      created.push(sidecarName);
    }
    await writeAtomically(dir, name, files.bytes, replace);
  } catch (err) {
    // A refused exclusive write must not leave half an upload (our new sidecar) behind.
    if (!replace) for (const c of created) await rm(join(dir, c), { force: true });
    throw err;
  }
  if (replace) {
    const keep = new Set([name, ...(files.sidecar ? [sidecarName] : [])]);
    for (const old of before) if (!keep.has(old)) await rm(join(dir, old), { force: true });
    await syncDirectory(dir);
  }
  return name;
}

/**
 * Writes `bytes` to a hidden temp file in `dir` (the corpus loader and watcher skip names starting with "."),
 * fsyncs it, then moves it into place: rename when overwriting is allowed, otherwise a hard link, which fails
 * with EEXIST instead of replacing a file that appeared in the meantime.
 */
export async function writeAtomically(dir: string, name: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const target = join(dir, name);
  const temp = join(dir, `.upload-${randomBytes(6).toString("hex")}-${name}`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) await rename(temp, target);
    else await placeExclusively(temp, target, name);
  } finally {
    await rm(temp, { force: true });
  }
  await syncDirectory(dir);
}

async function placeExclusively(temp: string, target: string, name: string): Promise<void> {
  try {
    await link(temp, target);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new TargetExistsError(name);
    // File systems without hard links: check, then rename (a narrow race an admin-only path can live with).
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw err;
  }
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  if (exists) throw new TargetExistsError(name);
  await rename(temp, target);
}

/** Makes the rename itself durable; not every platform can open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
