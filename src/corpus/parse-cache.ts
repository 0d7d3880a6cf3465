import { createHash } from "node:crypto";
import { readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rememberTextKey, textKey } from "./duplicates.ts";
import { CorpusFileError } from "./errors.ts";
import { findingsOf, rememberFindings, type Findings } from "./link-documents.ts";
import { parseDocument } from "./parse-document.ts";
import { decodeSource, formatOf, readSourceFile, type SourceFormat, utf8Text } from "./read-file.ts";
import type { CorpusDocument, Passage, Sidecar } from "./types.ts";

/** Bump when the entry layout below changes; parsing changes bump the version by themselves (loaderVersion). */
const ENTRY_FORMAT = 2;
/** Packages whose output is part of a parse: a new reader version is a new parse. */
const READERS = ["unpdf", "mammoth"];

let version: string | undefined;

/**
 * The loader's version: a hash of every source file of the corpus folder (this one included) and of the reader
 * packages' versions. Any change to parsing code changes it by itself — no constant to forget to bump.
 */
export function loaderVersion(): string {
  if (version) return version;
  const hash = createHash("sha256").update(`format ${ENTRY_FORMAT}\n`);
  const dir = fileURLToPath(new URL(".", import.meta.url));
  for (const name of readdirSync(dir)
    .filter((n) => /\.(ts|js|mjs)$/.test(n))
    .sort()) {
    hash.update(`${name}\n`).update(readFileSync(join(dir, name)));
  }
  const require = createRequire(import.meta.url);
  for (const pkg of READERS) {
    try {
      hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}\n`);
    } catch {
      hash.update(`${pkg}@?\n`);
    }
  }
  version = hash.digest("hex").slice(0, 16);
  return version;
}

export interface ParsedFile {
  /** The parsed document, before the corpus links it (links, deadlines and status are the corpus's, not the file's). */
  document: CorpusDocument;
  warnings: string[];
  /** The file had no text at all (as opposed to text that was only page furniture). */
  blank: boolean;
}

interface Entry {
  key: string;
  parsed?: ParsedFile;
  /** What the corpus's per-file passes found in it (link-documents.ts, duplicates.ts), computed once. */
  findings?: Findings;
  textKey?: string;
  /** A file that cannot be read the same way every time (a scan without text): its reason, not re-read. */
  error?: string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found but not trusted (unreadable JSON, another key, wrong shape): rebuilt. */
  rejected: number;
}

/** Parsed files in `STATE_DIR/parse-cache/`, one JSON entry per content hash. */
export interface ParseCache {
  readonly dir: string;
  readonly stats: CacheStats;
  /** Reads and parses one file, from the cache when its bytes, name, sidecar and the loader are unchanged. */
  parse(path: string, docId: string, sidecar: Sidecar | null, maxBytes: number): Promise<ParsedFile>;
  /** At the end of a load: deletes the entries it did not use (files changed or removed since). */
  prune(): Promise<number>;
}

/** Parses without a cache: what `loadCorpus` does when none is given. */
export async function parseFile(
  path: string,
  docId: string,
  sidecar: Sidecar | null,
  maxBytes: number,
): Promise<ParsedFile> {
  const source = await readSourceFile(path, maxBytes);
  return parseSource(path, docId, sidecar, source.text, source.hardWrapped);
}

function parseSource(
  path: string,
  docId: string,
  sidecar: Sidecar | null,
  text: string,
  hardWrapped: boolean | undefined,
): ParsedFile {
  const { document, warnings } = parseDocument({ docId, file: basename(path), text, hardWrapped, sidecar });
  return { document, warnings, blank: text.trim() === "" };
}

/**
 * A passage as stored: its text, when it is a span of the document's text (nearly always), as that span's offsets
 * `at: [start, end]` — a third less JSON to read at a start, and the strings come back as slices of one text.
 * Keys keep their order, so a passage reads back exactly as it was made.
 */
function storedPassages(d: CorpusDocument): unknown[] {
  let from = 0;
  return d.passages.map((p) => {
    let start = d.text.indexOf(p.text, from);
    if (start < 0) start = d.text.indexOf(p.text);
    if (start < 0) return p;
    from = start;
    return Object.fromEntries(
      Object.entries(p).map(([k, v]) => (k === "text" ? ["at", [start, start + p.text.length]] : [k, v])),
    );
  });
}

function storedEntry(entry: Entry): unknown {
  if (!entry.parsed) return entry;
  const document = { ...entry.parsed.document, passages: storedPassages(entry.parsed.document) };
  return { ...entry, parsed: { ...entry.parsed, document } };
}

/** A stored passage back as a passage; null when its span is not one of `text`. */
function readPassage(x: unknown, text: string): Passage | null {
  if (!x || typeof x !== "object") return null;
  const o = x as Record<string, unknown>;
  if (typeof o.text === "string") return o as unknown as Passage;
  const at = o.at;
  if (!Array.isArray(at) || at.length !== 2) return null;
  const [start, end] = at as unknown[];
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  if ((start as number) < 0 || (start as number) > (end as number) || (end as number) > text.length) return null;
  // Rebuilt key by key (not mutated), so that "text" is where "at" was: a for-in allocates one object, no arrays.
  const out: Record<string, unknown> = {};
  for (const k in o) out[k === "at" ? "text" : k] = k === "at" ? text.slice(start as number, end as number) : o[k];
  return out as unknown as Passage;
}

/** An entry is trusted only when it is whole JSON of the expected key and shape. */
function validEntry(raw: string, key: string, docId: string): Entry | null {
  let entry: Entry;
  try {
    entry = JSON.parse(raw) as Entry;
  } catch {
    return null;
  }
  if (!entry || typeof entry !== "object" || entry.key !== key) return null;
  if (typeof entry.error === "string") return entry;
  const p = entry.parsed;
  const d = p?.document;
  if (!d || typeof d.text !== "string" || !Array.isArray(d.passages)) return null;
  const passages = d.passages.map((x) => readPassage(x, d.text));
  if (passages.some((x) => x === null)) return null;
  d.passages = passages as Passage[];
  const ok =
    d?.meta?.docId === docId &&
    Array.isArray(d.passages) &&
    d.passages.every((x) => typeof x?.id === "string" && typeof x.text === "string") &&
    typeof d.text === "string" &&
    typeof d.contentHash === "string" &&
    Array.isArray(p?.warnings) &&
    typeof p?.blank === "boolean" &&
    (entry.findings === undefined ||
      (Array.isArray(entry.findings.references) &&
        Array.isArray(entry.findings.supersessions) &&
        Array.isArray(entry.findings.roles) &&
        Array.isArray(entry.findings.deadlines) &&
        entry.findings.deadlines.length === d.passages.length)) &&
    (entry.textKey === undefined || typeof entry.textKey === "string");
  return ok ? entry : null;
}

/**
 * A copy of a parsed document that linking may change (links, status, each passage's deadlines and role) without
 * changing the one kept: the strings are shared, only the objects around them are new.
 */
function fresh(parsed: ParsedFile): ParsedFile {
  const d = parsed.document;
  const meta = {
    ...d.meta,
    recipients: [...d.meta.recipients],
    legalBases: [...d.meta.legalBases],
    tags: [...d.meta.tags],
  };
  const passages = d.passages.map((p) => ({ ...p }));
  const { links: _links, ...rest } = d;
  const document: CorpusDocument = { ...rest, meta, passages, ...(d.declared ? { declared: { ...d.declared } } : {}) };
  return { document, warnings: [...parsed.warnings], blank: parsed.blank };
}

/** Hands out a fresh copy of a kept entry, with the per-file passes' results the linker would otherwise redo. */
function fromEntry(entry: Entry): ParsedFile {
  const parsed = fresh(entry.parsed!);
  if (entry.findings) rememberFindings(parsed.document, entry.findings);
  if (entry.textKey) rememberTextKey(parsed.document, entry.textKey);
  return parsed;
}

/** A file's stat, or null; synchronous, as readSmall's reads are: a thread-pool round trip costs ten times more. */
function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Files up to this size are read synchronously: a corpus of small files loads many times faster. */
const SYNC_READ_MAX = 4 << 20;

/**
 * A file's bytes, or null when it cannot be read. A small one synchronously: through fs/promises, each file costs
 * four round trips to the thread pool (open, stat, read, close), 0.3 ms where a local read takes 0.02; at 1,000
 * files and their cache entries that was a tenth of a restart. The event loop waits at most one small read.
 */
async function readSmall(path: string, size?: number): Promise<Buffer | null> {
  try {
    return (size ?? 0) <= SYNC_READ_MAX ? readFileSync(path) : await readFile(path);
  } catch {
    return null;
  }
}

export interface ParseCacheOptions {
  /** The loader's version (default loaderVersion()): entries of another version are never used. */
  version?: string;
}

export function createParseCache(stateDir: string, options: ParseCacheOptions = {}): ParseCache {
  const state: CacheState = {
    dir: join(stateDir, "parse-cache"),
    loader: options.version ?? loaderVersion(),
    used: new Set(),
    memory: new Map(),
    stats: { hits: 0, misses: 0, rejected: 0 },
    ready: null,
  };
  return {
    dir: state.dir,
    stats: state.stats,
    parse: (path, docId, sidecar, maxBytes) => parseCached(state, path, docId, sidecar, maxBytes),
    prune: () => prune(state),
  };
}

interface CacheState {
  dir: string;
  loader: string;
  /** Keys this load asked for: prune deletes the others. */
  used: Set<string>;
  /**
   * The entries of the last load, by key, as they were before linking: a reload takes its unchanged files from here
   * instead of reading their JSON again. Only what the last load used is kept (prune).
   */
  memory: Map<string, Entry>;
  stats: CacheStats;
  /** The cache folder, made at the first write. */
  ready: Promise<unknown> | null;
}

/** One file, from the cache when its key (bytes, name, sidecar, loader) is there, else parsed and kept. */
async function parseCached(
  state: CacheState,
  path: string,
  docId: string,
  sidecar: Sidecar | null,
  maxBytes: number,
): Promise<ParsedFile> {
  const name = basename(path);
  const format = formatOf(name);
  const info = statOf(path);
  // Anything unusual (too large, unreadable, not a file) takes the uncached path for its exact error.
  if (!format || !info?.isFile() || info.size > maxBytes) return parseFile(path, docId, sidecar, maxBytes);
  const bytes = await readSmall(path, info.size);
  if (!bytes) return parseFile(path, docId, sidecar, maxBytes);
  const key = createHash("sha256")
    .update(`${state.loader}\n${name}\n${docId}\n${JSON.stringify(sidecar)}\n`)
    .update(bytes)
    .digest("hex")
    .slice(0, 40);
  state.used.add(key);
  const entry = await keptEntry(state, key, docId);
  if (entry) {
    state.stats.hits++;
    if (entry.error !== undefined) throw new CorpusFileError(name, entry.error);
    return fromEntry(entry);
  }
  state.stats.misses++;
  return parseAndStore(state, key, { path, name, format, docId, sidecar, bytes });
}

/** An entry file's JSON text; a file that is not UTF-8 is as untrusted as one that is not JSON (""). */
function entryText(bytes: Buffer | null): string | null {
  if (bytes === null) return null;
  try {
    // A start reads every entry: this decoding is several times faster than toString("utf8") (read-file.ts).
    return utf8Text(bytes);
  } catch {
    return "";
  }
}

/** The entry of `key` from the last load, else from its JSON file if that is trusted. */
async function keptEntry(state: CacheState, key: string, docId: string): Promise<Entry | null> {
  let entry = state.memory.get(key) ?? null;
  if (!entry) {
    const raw = entryText(await readSmall(join(state.dir, `${key}.json`)));
    entry = raw === null ? null : validEntry(raw, key, docId);
    if (raw !== null && !entry) state.stats.rejected++;
    if (entry) state.memory.set(key, entry);
  }
  return entry;
}

/** Parses a file not in the cache and keeps the result (or its reading error) under `key`. */
async function parseAndStore(
  state: CacheState,
  key: string,
  file: { path: string; name: string; format: SourceFormat; docId: string; sidecar: Sidecar | null; bytes: Buffer },
): Promise<ParsedFile> {
  let parsed: ParsedFile;
  try {
    const source = await decodeSource(file.name, file.format, file.bytes);
    parsed = parseSource(file.path, file.docId, file.sidecar, source.text, source.hardWrapped);
  } catch (err) {
    if (err instanceof CorpusFileError) {
      const error: Entry = { key, error: err.message.replace(/^corpus: [^:]+: /, "") };
      state.memory.set(key, error);
      await store(state, key, error).catch(() => undefined);
    }
    throw err;
  }
  // A cache that cannot be written only costs the next start a parse.
  // Serialised before the corpus links (and so changes) the document; the per-file passes go with it.
  const findings = findingsOf(parsed.document);
  const made: Entry = { key, parsed: fresh(parsed), findings, textKey: textKey(parsed.document) };
  state.memory.set(key, made);
  await store(state, key, made).catch(() => undefined);
  return parsed;
}

async function store(state: CacheState, key: string, entry: Entry): Promise<void> {
  state.ready ??= mkdir(state.dir, { recursive: true });
  await state.ready;
  // Written beside and renamed: a crash mid-write leaves no half entry under the real name.
  const tmp = join(state.dir, `.${key}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(storedEntry(entry)));
  await rename(tmp, join(state.dir, `${key}.json`));
}

async function prune(state: CacheState): Promise<number> {
  const { memory, used, dir } = state;
  for (const key of memory.keys()) if (!used.has(key)) memory.delete(key);
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.endsWith(".json") && !used.has(n.slice(0, -5)));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  // The next load (a reload) starts its own list.
  used.clear();
  return stale.length;
}
