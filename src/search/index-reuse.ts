import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, open, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Passage } from "../corpus/types.ts";
import type { AbbreviationIndex } from "./abbreviations.ts";
import type { Row } from "./search-index.ts";
import { TermEncoder } from "./term-encoder.ts";

/**
 * What one index build leaves for the next: the term encoder and each passage's encoded terms. A reload re-encodes
 * only the passages that changed; a restart reads the same from `STATE_DIR/index-cache.bin`.
 */
export interface IndexReuse {
  /** The abbreviation list the ids were made with: another list means other terms, so nothing is reused. */
  fingerprint: string;
  encoder: TermEncoder;
  /** By passage id; `signature` tells whether the passage's text and actor are still the same. */
  passages: Map<string, { signature: string; terms: Int32Array; row: Row }>;
  /** Passages this build encoded afresh (0: nothing new to write to the cache). */
  encoded: number;
}

export function abbreviationFingerprint(a: AbbreviationIndex): string {
  return createHash("sha256").update(JSON.stringify([[...a.expand], [...a.contract]])).digest("hex").slice(0, 16);
}

/** What a passage's encoding depends on: its text and its actor. */
export function passageSignature(p: Pick<Passage, "text" | "actor">): string {
  return createHash("md5").update(p.text).update("\u0000").update(p.actor ?? "").digest("base64url");
}

let version: string | undefined;
/** Bump when the file layout below changes; encoding changes bump the version by themselves (source hash). */
const FORMAT = 1;

/** A hash of the search folder's sources: any change to tokenising or encoding makes old caches stale by itself. */
export function encoderVersion(): string {
  if (version) return version;
  const hash = createHash("sha256").update(`index-cache ${FORMAT}\n`);
  const dir = fileURLToPath(new URL(".", import.meta.url));
  for (const name of readdirSync(dir).filter((n) => /\.(ts|js|mjs)$/.test(n)).sort()) hash.update(`${name}\n`).update(readFileSync(join(dir, name)));
  version = hash.digest("hex").slice(0, 16);
  return version;
}

interface Header {
  version: string;
  fingerprint: string;
  strings: string[];
  ids: string[];
  signatures: string[];
  /** Byte lengths of the binary sections, in SECTIONS order. */
  lengths: number[];
}
const SECTIONS = ["kind", "pairs", "termOffsets", "terms", "rowOffsets", "rowIds", "rowTf", "rowLength"] as const;

/** Writes `reuse` to `path` (beside, then renamed: a crash never leaves half a cache under the real name). */
export async function saveIndexCache(path: string, reuse: IndexReuse): Promise<void> {
  const snap = reuse.encoder.snapshot();
  const entries = [...reuse.passages];
  const n = entries.length;
  const termOffsets = new Int32Array(n + 1);
  const rowOffsets = new Int32Array(n + 1);
  const rowLength = new Int32Array(n);
  entries.forEach(([, e], i) => {
    termOffsets[i + 1] = termOffsets[i]! + e.terms.length;
    rowOffsets[i + 1] = rowOffsets[i]! + e.row.ids.length;
    rowLength[i] = e.row.length;
  });
  const terms = new Int32Array(termOffsets[n]!);
  const rowIds = new Int32Array(rowOffsets[n]!);
  const rowTf = new Uint16Array(rowOffsets[n]!);
  entries.forEach(([, e], i) => {
    terms.set(e.terms, termOffsets[i]!);
    rowIds.set(e.row.ids, rowOffsets[i]!);
    rowTf.set(e.row.tf, rowOffsets[i]!);
  });
  const arrays = { kind: snap.kind, pairs: snap.pairs, termOffsets, terms, rowOffsets, rowIds, rowTf, rowLength };
  const buffers = SECTIONS.map((s) => Buffer.from(arrays[s].buffer, arrays[s].byteOffset, arrays[s].byteLength));
  const header: Header = {
    version: encoderVersion(),
    fingerprint: reuse.fingerprint,
    strings: snap.strings,
    ids: entries.map(([id]) => id),
    signatures: entries.map(([, e]) => e.signature),
    lengths: buffers.map((b) => b.length),
  };
  const head = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, [size, head, ...buffers]);
  await rename(tmp, path);
}

/** Copies `len` bytes at `at` into a fresh, aligned typed array. */
function section<T>(buf: Buffer, at: number, len: number, make: (ab: ArrayBuffer) => T): T {
  const ab = new ArrayBuffer(len);
  new Uint8Array(ab).set(buf.subarray(at, at + len));
  return make(ab);
}

/**
 * Reads an index cache for an encoder over `abbreviations`. Null when it is missing, of another version or list,
 * or damaged in any way: the caller then encodes everything, as without a cache.
 */
export async function loadIndexCache(path: string, abbreviations: AbbreviationIndex): Promise<IndexReuse | null> {
  let buf: Buffer;
  try {
    const file = await open(path, "r");
    try {
      buf = await file.readFile();
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
  try {
    if (buf.length < 4) return null;
    const headLength = buf.readUInt32LE(0);
    if (4 + headLength > buf.length) return null;
    const header = JSON.parse(buf.subarray(4, 4 + headLength).toString("utf8")) as Header;
    const fingerprint = abbreviationFingerprint(abbreviations);
    if (header.version !== encoderVersion() || header.fingerprint !== fingerprint) return null;
    if (!Array.isArray(header.lengths) || header.lengths.length !== SECTIONS.length) return null;
    let at = 4 + headLength;
    if (at + header.lengths.reduce((a, b) => a + b, 0) !== buf.length) return null;
    const s: Record<string, ArrayBuffer> = {};
    SECTIONS.forEach((name, k) => {
      s[name] = section(buf, at, header.lengths[k]!, (ab) => ab);
      at += header.lengths[k]!;
    });
    const kind = new Uint8Array(s.kind!);
    const termOffsets = new Int32Array(s.termOffsets!);
    const terms = new Int32Array(s.terms!);
    const rowOffsets = new Int32Array(s.rowOffsets!);
    const rowIds = new Int32Array(s.rowIds!);
    const rowTf = new Uint16Array(s.rowTf!);
    const rowLength = new Int32Array(s.rowLength!);
    const n = header.ids.length;
    if (termOffsets.length !== n + 1 || rowOffsets.length !== n + 1 || rowLength.length !== n || header.signatures.length !== n) return null;
    if (termOffsets[n] !== terms.length || rowOffsets[n] !== rowIds.length || rowTf.length !== rowIds.length) return null;
    const encoder = new TermEncoder(abbreviations);
    if (!encoder.restore({ kind, strings: header.strings, pairs: new Int32Array(s.pairs!) })) return null;
    // Every id must be one the encoder has: a damaged section must not index past the postings.
    for (const id of terms) if (id < 0 || id >= kind.length) return null;
    for (const id of rowIds) if (id < 0 || id >= kind.length) return null;
    const passages: IndexReuse["passages"] = new Map();
    for (let i = 0; i < n; i++) {
      passages.set(header.ids[i]!, {
        signature: header.signatures[i]!,
        terms: terms.subarray(termOffsets[i]!, termOffsets[i + 1]!),
        row: { ids: rowIds.subarray(rowOffsets[i]!, rowOffsets[i + 1]!), tf: rowTf.subarray(rowOffsets[i]!, rowOffsets[i + 1]!), length: rowLength[i]! },
      });
    }
    return { fingerprint, encoder, passages, encoded: 0 };
  } catch {
    return null;
  }
}
