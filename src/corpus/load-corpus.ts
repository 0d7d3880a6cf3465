import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { isDocId } from "./doc-id.ts";
import { DuplicateFinder, duplicateReason } from "./duplicates.ts";
import { CorpusFileError, UNREADABLE } from "./errors.ts";
import { linkDocuments } from "./link-documents.ts";
import { parseFile, type ParseCache } from "./parse-cache.ts";
import { formatOf } from "./read-file.ts";
import { sidecarSchema, type Corpus, type CorpusDocument, type FileReport, type Sidecar } from "./types.ts";

export interface LoadOptions {
  maxFileBytes: number;
  /** Parsed files by content hash (STATE_DIR/parse-cache): an unchanged file is not parsed again. */
  cache?: ParseCache;
}

const SIDECAR_SUFFIX = ".meta.json";
/** Editors' and sync tools' scratch files: never documents. */
const TEMP_FILE = /(^\.|~$|\.(swp|swo|swx|tmp|part|crdownload|bak)$|^#.*#$|^~\$)/i;

/** Reads every document in `dir`. A broken file is reported and skipped; it never stops the others. */
export async function loadCorpus(dir: string, options: LoadOptions): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => e.name);
  } catch (err) {
    throw new CorpusFileError(
      dir,
      `cannot list the corpus folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      { cause: err },
    );
  }
  names.sort((a, b) => a.localeCompare(b));
  const documents = new Map<string, CorpusDocument>();
  const reports: FileReport[] = [];
  const sidecarNames = new Set(names.filter((n) => n.endsWith(SIDECAR_SUFFIX)));
  const usedSidecars = new Set<string>();
  const duplicates = new DuplicateFinder();

  for (const name of names) {
    if (TEMP_FILE.test(name) || sidecarNames.has(name)) continue;
    const ext = extname(name);
    const docId = basename(name, ext).normalize("NFC");
    if (!formatOf(name)) {
      reports.push({
        file: name,
        docId: null,
        status: "skipped",
        warnings: [`ignored: unsupported file type "${ext || "(none)"}"`],
      });
      continue;
    }
    if (!isDocId(docId)) {
      reports.push({
        file: name,
        docId: null,
        status: "error",
        error: `file name "${docId}" is not a usable document id (letters, digits, . _ - only)`,
        warnings: [],
      });
      continue;
    }
    if (documents.has(docId)) {
      reports.push({
        file: name,
        docId,
        status: "error",
        error: `duplicate document id "${docId}": ${documents.get(docId)!.file} has the same name`,
        warnings: [],
      });
      continue;
    }
    const warnings: string[] = [];
    const sidecarName = `${docId}${SIDECAR_SUFFIX}`;
    let sidecar: Sidecar | null = null;
    if (sidecarNames.has(sidecarName)) {
      usedSidecars.add(sidecarName);
      const result = await readSidecar(join(dir, sidecarName));
      if ("error" in result) warnings.push(`sidecar ${sidecarName} ignored: ${result.error}`);
      else sidecar = result.sidecar;
    }
    try {
      const path = join(dir, name);
      const parsed = await (options.cache
        ? options.cache.parse(path, docId, sidecar, options.maxFileBytes)
        : parseFile(path, docId, sidecar, options.maxFileBytes));
      const { document, warnings: parseWarnings } = parsed;
      warnings.push(...parseWarnings);
      if (document.passages.length === 0) {
        // Text that cleaning reduced to nothing was page furniture only: a scan whose text layer is its headers.
        const error = parsed.blank ? "no citable passages (empty file or no body text)" : UNREADABLE;
        // A scan's header-only "metadata" warnings say nothing the one line does not.
        reports.push({ file: name, docId, status: "error", error, warnings: error === UNREADABLE ? [] : warnings });
        continue;
      }
      const twin = duplicates.find(document);
      if (twin) {
        const warning = `duplicate of ${twin.file}: ${duplicateReason(twin, document)}; ${name} is not loaded`;
        reports.push({ file: name, docId, status: "skipped", warnings: [...warnings, warning] });
        const first = reports.find((r) => r.file === twin.file);
        first?.warnings.push(
          `${name} holds the same document (${duplicateReason(twin, document)}): loaded once, from ${twin.file}`,
        );
        continue;
      }
      duplicates.add(document);
      documents.set(docId, document);
      reports.push({
        file: name,
        docId,
        status: "ok",
        passages: document.passages.length,
        warnings,
        meta: document.meta,
      });
    } catch (err) {
      const message = err instanceof CorpusFileError ? err.reason : `unexpected error: ${(err as Error).message}`;
      reports.push({ file: name, docId, status: "error", error: message, warnings });
    }
  }
  for (const name of sidecarNames) {
    if (!usedSidecars.has(name))
      reports.push({
        file: name,
        docId: null,
        status: "skipped",
        warnings: ["sidecar without a document of the same name"],
      });
  }
  await options.cache?.prune();
  const passages = [...documents.values()].flatMap((d) => d.passages);
  // Deadlines, roles, citations and validity need the whole corpus: a hook after parsing, not part of it.
  return linkDocuments({ documents, passages, reports, loadedAt: new Date() });
}

async function readSidecar(path: string): Promise<{ sidecar: Sidecar } | { error: string }> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    return { error: `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { error: `invalid JSON (${(err as Error).message})` };
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  }
  const normalised = Object.fromEntries(
    Object.entries(parsed.data).map(([k, v]) => [k, typeof v === "string" ? v.normalize("NFC") : v]),
  );
  return { sidecar: normalised as Sidecar };
}
