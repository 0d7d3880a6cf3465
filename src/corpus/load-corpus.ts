import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, extname, join } from "node:path";
import { isDocId } from "./doc-id.ts";
import { DuplicateFinder, duplicateReason } from "./duplicates.ts";
import { CorpusFileError, UNREADABLE } from "./errors.ts";
import { linkDocuments } from "./link-documents.ts";
import { parseFile, type ParseCache, type ParsedFile } from "./parse-cache.ts";
import { createParsePool, type ParsePool } from "./parse-pool.ts";
import { formatOf } from "./read-file.ts";
import { costOf, sharedParse } from "./shared-parse.ts";
import { sidecarSchema, type Corpus, type CorpusDocument, type FileReport, type Sidecar } from "./types.ts";

export interface LoadOptions {
  maxFileBytes: number;
  /** Parsed files by content hash (STATE_DIR/parse-cache): an unchanged file is not parsed again. */
  cache?: ParseCache;
  /**
   * Parse workers kept by the caller (a server: warm workers make a reload faster); loadCorpus leaves it open.
   * Without one, a load worth it (openPool) starts its own and stops it at the end.
   */
  pool?: ParsePool;
  /**
   * Threads that parse files, this one included (default: the cores available): this thread and `workers - 1`
   * worker threads. Below 2, files are parsed on this thread alone.
   */
  workers?: number;
  /**
   * Folders with less text than this (in bytes; a PDF or .docx byte counts PDF_BYTE_COST times) are parsed on
   * this thread: workers started for one load would cost more than they save.
   */
  poolMinBytes?: number;
}

type Parse = typeof parseFile;

const SIDECAR_SUFFIX = ".meta.json";
/**
 * Files read ahead of the one being loaded: their reads, hashes and cache entries overlap the work on it. Results
 * are still taken in name order, so reports, duplicates and ids come out as a one-at-a-time load gives them.
 */
const READ_AHEAD = 8;
/**
 * With parse workers, every file is handed out at once (the pool queues them): a large file taken in its turn
 * would otherwise leave the workers idle once they are READ_AHEAD files past it. Parsed, they join the corpus anyway.
 */
const POOL_READ_AHEAD = Number.POSITIVE_INFINITY;
/**
 * Workers started for one load pay their start-up (≈ 0.1 s compiled to a first parse, 0.4 s from the sources
 * through tsx) and a cold JIT: on 2 cores, 20 MB of text on this thread plus one new compiled worker took 2.2–2.9 s
 * of CPU against 1.5–1.7 s on this thread alone, and no less time by the clock (2026-12-02, load average ≈ 3.9).
 * Below this much text a load stays here; kept workers (LoadOptions.pool) pay off sooner.
 */
const POOL_MIN_BYTES = 64 << 20;
/** Editors' and sync tools' scratch files: never documents. */
const TEMP_FILE = /(^\.|~$|\.(swp|swo|swx|tmp|part|crdownload|bak)$|^#.*#$|^~\$)/i;

/** Reads every document in `dir`. A broken file is reported and skipped; it never stops the others. */
export async function loadCorpus(dir: string, options: LoadOptions): Promise<Corpus> {
  const names = await listFolder(dir);
  if (options.pool && !options.cache) return loadNames(dir, names, options, poolParse(options.pool), POOL_READ_AHEAD);
  const pool = openPool(dir, names, options);
  try {
    if (pool) return await loadNames(dir, names, options, poolParse(pool), POOL_READ_AHEAD);
    return await loadNames(dir, names, options, options.cache?.parse ?? parseFile, READ_AHEAD);
  } finally {
    await pool?.close();
  }
}

/**
 * The pool's workers and this thread, each parsing a share (shared-parse.ts). This thread is one of the cores:
 * beside it, one worker per other core (a third thread on 2 cores only adds clones and switches).
 */
const poolParse = (pool: ParsePool): Parse =>
  sharedParse(pool, { lanes: Math.max(1, Math.min(pool.size, availableParallelism() - 1)), here: true });

async function loadNames(
  dir: string,
  names: string[],
  options: LoadOptions,
  parse: Parse,
  readAheadCount: number,
): Promise<Corpus> {
  const state: LoadState = { documents: new Map(), reports: [], duplicates: new DuplicateFinder() };
  const sidecarNames = new Set(names.filter((n) => n.endsWith(SIDECAR_SUFFIX)));
  const usedSidecars = new Set<string>();
  const ahead = readAhead({ dir, names, sidecarNames, count: readAheadCount }, (path, docId, sidecar) =>
    parse(path, docId, sidecar, options.maxFileBytes),
  );
  for (const name of names) {
    if (TEMP_FILE.test(name) || sidecarNames.has(name)) continue;
    const docId = idOf(name);
    const refused = refusal(name, docId, state.documents);
    if (refused) {
      state.reports.push(refused);
      continue;
    }
    const sidecarName = `${docId}${SIDECAR_SUFFIX}`;
    if (sidecarNames.has(sidecarName)) usedSidecars.add(sidecarName);
    addFile(state, name, docId, await ahead.take(name, docId));
  }
  for (const name of sidecarNames) {
    if (!usedSidecars.has(name))
      state.reports.push({
        file: name,
        docId: null,
        status: "skipped",
        warnings: ["sidecar without a document of the same name"],
      });
  }
  await options.cache?.prune();
  const { documents, reports } = state;
  const passages = [...documents.values()].flatMap((d) => d.passages);
  // Deadlines, roles, citations and validity need the whole corpus: a hook after parsing, not part of it.
  return linkDocuments({ documents, passages, reports, loadedAt: new Date() });
}

/** What the files loaded so far left: the documents, one report per file, and the texts a twin would repeat. */
interface LoadState {
  documents: Map<string, CorpusDocument>;
  reports: FileReport[];
  duplicates: DuplicateFinder;
}

/**
 * A pool of parse workers when the folder is worth it: no cache (a cached load parses little), more than one
 * core, and at least `poolMinBytes` of text (or its cost in PDFs) — counted only until that much is found.
 */
function openPool(dir: string, names: readonly string[], options: LoadOptions): ParsePool | null {
  const size = options.workers ?? availableParallelism();
  if (options.cache || size < 2) return null;
  const min = options.poolMinBytes ?? POOL_MIN_BYTES;
  let bytes = 0;
  for (const name of names) {
    if (bytes >= min) break;
    const format = formatOf(name);
    if (TEMP_FILE.test(name) || !format) continue;
    try {
      bytes += costOf(name, statSync(join(dir, name)).size);
    } catch {
      // The file's own read reports it.
    }
  }
  return bytes >= min ? createParsePool({ size: size - 1 }) : null;
}

const idOf = (name: string) => basename(name, extname(name)).normalize("NFC");

/** The folder's files (and links), in name order. */
async function listFolder(dir: string): Promise<string[]> {
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
  return names.sort((a, b) => a.localeCompare(b));
}

/** Why a file is not read at all, from its name alone: its type, its id, or an id already loaded. */
function refusal(name: string, docId: string, documents: ReadonlyMap<string, CorpusDocument>): FileReport | null {
  const ext = extname(name);
  if (!formatOf(name))
    return {
      file: name,
      docId: null,
      status: "skipped",
      warnings: [`ignored: unsupported file type "${ext || "(none)"}"`],
    };
  if (!isDocId(docId))
    return {
      file: name,
      docId: null,
      status: "error",
      error: `file name "${docId}" is not a usable document id (letters, digits, . _ - only)`,
      warnings: [],
    };
  const loaded = documents.get(docId);
  if (loaded)
    return {
      file: name,
      docId,
      status: "error",
      error: `duplicate document id "${docId}": ${loaded.file} has the same name`,
      warnings: [],
    };
  return null;
}

/** Reports one file read (or its failure) and loads its document unless it is empty or a twin of one loaded. */
function addFile(state: LoadState, name: string, docId: string, read: FileRead): void {
  const warnings: string[] = [];
  if (read.sidecarError) warnings.push(`sidecar ${docId}${SIDECAR_SUFFIX} ignored: ${read.sidecarError}`);
  try {
    if ("error" in read) throw read.error;
    addParsed(state, name, docId, read.parsed, warnings);
  } catch (err) {
    const message = err instanceof CorpusFileError ? err.reason : `unexpected error: ${(err as Error).message}`;
    state.reports.push({ file: name, docId, status: "error", error: message, warnings });
  }
}

function addParsed(state: LoadState, name: string, docId: string, parsed: ParsedFile, warnings: string[]): void {
  const { document, warnings: parseWarnings } = parsed;
  warnings.push(...parseWarnings);
  if (document.passages.length === 0) {
    // Text that cleaning reduced to nothing was page furniture only: a scan whose text layer is its headers.
    const error = parsed.blank ? "no citable passages (empty file or no body text)" : UNREADABLE;
    // A scan's header-only "metadata" warnings say nothing the one line does not.
    state.reports.push({ file: name, docId, status: "error", error, warnings: error === UNREADABLE ? [] : warnings });
    return;
  }
  const twin = state.duplicates.find(document);
  if (twin) {
    const reason = duplicateReason(twin, document);
    const warning = `duplicate of ${twin.file}: ${reason}; ${name} is not loaded`;
    state.reports.push({ file: name, docId, status: "skipped", warnings: [...warnings, warning] });
    const first = state.reports.find((r) => r.file === twin.file);
    first?.warnings.push(`${name} holds the same document (${reason}): loaded once, from ${twin.file}`);
    return;
  }
  state.duplicates.add(document);
  state.documents.set(docId, document);
  state.reports.push({
    file: name,
    docId,
    status: "ok",
    passages: document.passages.length,
    warnings,
    meta: document.meta,
  });
}

type FileRead = { sidecarError: string | null } & ({ parsed: ParsedFile } | { error: unknown });

type ParseOne = (path: string, docId: string, sidecar: Sidecar | null) => Promise<ParsedFile>;

/** One file's sidecar and parse, never rejecting: a failure is the loader's to report, in order. */
async function readOne(dir: string, name: string, docId: string, hasSidecar: boolean, parse: ParseOne) {
  let sidecar: Sidecar | null = null;
  let sidecarError: string | null = null;
  if (hasSidecar) {
    const result = await readSidecar(join(dir, `${docId}${SIDECAR_SUFFIX}`));
    if ("error" in result) sidecarError = result.error;
    else sidecar = result.sidecar;
  }
  const path = join(dir, name);
  try {
    const parsed = await parse(path, docId, sidecar);
    return { sidecarError, parsed } satisfies FileRead;
  } catch (error) {
    return { sidecarError, error } satisfies FileRead;
  }
}

/**
 * Reads files up to `count` ahead of the loader. Only files whose id no other file shares are read early: for
 * the others, whether they load at all depends on the files before them.
 */
/** The folder being loaded, and how many files are read ahead of the one being taken. */
interface ReadPlan {
  dir: string;
  names: readonly string[];
  sidecarNames: ReadonlySet<string>;
  count: number;
}

function readAhead({ dir, names, sidecarNames, count }: ReadPlan, parse: ParseOne) {
  const candidates = names.filter(
    (n) => !TEMP_FILE.test(n) && !sidecarNames.has(n) && formatOf(n) !== null && isDocId(idOf(n)),
  );
  const idCount = new Map<string, number>();
  for (const n of candidates) idCount.set(idOf(n), (idCount.get(idOf(n)) ?? 0) + 1);
  const early = candidates.filter((n) => idCount.get(idOf(n)) === 1);
  const started = new Map<string, Promise<FileRead>>();
  let next = 0;
  const start = (name: string, docId: string) =>
    readOne(dir, name, docId, sidecarNames.has(`${docId}${SIDECAR_SUFFIX}`), parse);
  return {
    take(name: string, docId: string): Promise<FileRead> {
      const own = started.get(name) ?? start(name, docId);
      started.delete(name);
      const at = early.indexOf(name, next);
      if (at >= 0) next = at + 1;
      for (let k = next; k < Math.min(early.length, next + count); k++) {
        const n = early[k]!;
        if (!started.has(n)) started.set(n, start(n, idOf(n)));
      }
      return own;
    },
  };
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
