import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, open, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Passage } from "../corpus/types.ts";
import type { AbbreviationIndex } from "./abbreviations.ts";
import type { Encoded } from "./index-data.ts";
import { TermEncoder } from "./term-encoder.ts";

/**
 * What one index build leaves for the next: the term encoder and each passage's encoded terms. A reload re-encodes
 * only the passages that changed; a restart reads the same from `STATE_DIR/index-cache.bin`.
 */
export interface IndexReuse {
  /** The abbreviation list the ids were made with: another list means other terms, so nothing is reused. */
  fingerprint: string;
  encoder: TermEncoder;
  /** Encoded texts (passages with their actor, item headings) by passageSignature: the same text, the same terms. */
  passages: Map<string, Encoded>;
  /** Passages this build encoded afresh (0: nothing new to write to the cache). */
  encoded: number;
  /**
   * Signatures of this build's texts, by text (with the actor it was hashed with; "" for none): a reload's
   * passages share their strings with the running corpus's, so a lookup here costs nothing where hashing every
   * text again cost a tenth of a reload. Not written to the index cache (a new process has new strings).
   */
  signatures?: Map<string, readonly [actor: string, signature: string]>;
}

/** `passageSignature(p)`, looked up in `previous` first; recorded in `next` for the build after this one. */
export function signatureOf(
  p: Pick<Passage, "text" | "actor">,
  previous: IndexReuse["signatures"],
  next: NonNullable<IndexReuse["signatures"]>,
): string {
  const actor = p.actor ?? "";
  const known = next.get(p.text) ?? previous?.get(p.text);
  // One text with two actors: the second is hashed again (rare; the map keeps one pair per text).
  const signature = known && known[0] === actor ? known[1] : passageSignature(p);
  next.set(p.text, known && known[0] === actor ? known : [actor, signature]);
  return signature;
}

export function abbreviationFingerprint(a: AbbreviationIndex): string {
  return createHash("sha256")
    .update(JSON.stringify([[...a.expand], [...a.contract]]))
    .digest("hex")
    .slice(0, 16);
}

/**
 * What a passage's encoding depends on: its text and its actor. Two 32-bit string hashes (cyrb53's mixing) and the
 * length: a crypto hash per passage cost more than the encoding it saves.
 */
export function passageSignature(p: Pick<Passage, "text" | "actor">): string {
  const s = p.actor ? `${p.text}\n${p.actor}` : p.text;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${s.length.toString(36)}`;
}

let version: string | undefined;
/** Bump when the file layout below changes; encoding changes bump the version by themselves (source hash). */
const FORMAT = 1;

/** A hash of the search folder's sources: any change to tokenising or encoding makes old caches stale by itself. */
export function encoderVersion(): string {
  if (version) return version;
  const hash = createHash("sha256").update(`index-cache ${FORMAT}\n`);
  const dir = fileURLToPath(new URL(".", import.meta.url));
  for (const name of readdirSync(dir)
    .filter((n) => /\.(ts|js|mjs)$/.test(n))
    .sort())
    hash.update(`${name}\n`).update(readFileSync(join(dir, name)));
  version = hash.digest("hex").slice(0, 16);
  return version;
}

interface Header {
  version: string;
  fingerprint: string;
  strings: string[];
  signatures: string[];
  /** Byte lengths of the binary sections, in SECTIONS order; each is padded to a multiple of 8 in the file. */
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
    signatures: entries.map(([signature]) => signature),
    lengths: buffers.map((b) => b.length),
  };
  // Padded so that every section starts 8-byte aligned: the reader takes views, not copies.
  const json = JSON.stringify(header);
  const head = Buffer.from(json.padEnd(json.length + ((8 - ((Buffer.byteLength(json) + 4) % 8)) % 8), " "));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const padded = buffers.flatMap((b) => (b.length % 8 ? [b, Buffer.alloc(8 - (b.length % 8))] : [b]));
  await writeFile(tmp, [size, head, ...padded]);
  await rename(tmp, path);
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The bytes of one section as an ArrayBuffer slice of the file, copied only when the file is not aligned. */
function section(buf: Buffer, at: number, len: number): { ab: ArrayBufferLike; offset: number } {
  if ((buf.byteOffset + at) % 8 === 0) return { ab: buf.buffer, offset: buf.byteOffset + at };
  const ab = new ArrayBuffer(len);
  new Uint8Array(ab).set(buf.subarray(at, at + len));
  return { ab, offset: 0 };
}

/** Every id in 0 … size − 1 (an indexed loop: these sections hold millions of ids). */
function idsBelow(ids: Int32Array, size: number): boolean {
  let bad = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    bad |= (id < 0 ? 1 : 0) | (id >= size ? 1 : 0);
  }
  return bad === 0;
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
    if (4 + headLength + header.lengths.reduce((a, b) => a + pad8(b), 0) !== buf.length) return null;
    const view = <T>(k: number, make: (ab: ArrayBufferLike, offset: number, length: number) => T, bytes: number): T => {
      let offset = 4 + headLength;
      for (let j = 0; j < k; j++) offset += pad8(header.lengths[j]!);
      const len = header.lengths[k]!;
      if (len % bytes !== 0) throw new Error("index cache: section length not a whole number of elements");
      const sec = section(buf, offset, len);
      return make(sec.ab, sec.offset, len / bytes);
    };
    const kind = view(0, (ab, o, n) => new Uint8Array(ab, o, n), 1);
    const pairs = view(1, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const termOffsets = view(2, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const terms = view(3, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const rowOffsets = view(4, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const rowIds = view(5, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const rowTf = view(6, (ab, o, n) => new Uint16Array(ab, o, n), 2);
    const rowLength = view(7, (ab, o, n) => new Int32Array(ab, o, n), 4);
    const n = header.signatures.length;
    if (termOffsets.length !== n + 1 || rowOffsets.length !== n + 1 || rowLength.length !== n) return null;
    if (termOffsets[n] !== terms.length || rowOffsets[n] !== rowIds.length || rowTf.length !== rowIds.length)
      return null;
    const encoder = new TermEncoder(abbreviations);
    if (!encoder.restore({ kind, strings: header.strings, pairs })) return null;
    // Every id must be one the encoder has: a damaged section must not index past the postings.
    if (!idsBelow(terms, kind.length) || !idsBelow(rowIds, kind.length)) return null;
    const passages: IndexReuse["passages"] = new Map();
    for (let i = 0; i < n; i++) {
      passages.set(header.signatures[i]!, {
        terms: terms.subarray(termOffsets[i]!, termOffsets[i + 1]!),
        row: {
          ids: rowIds.subarray(rowOffsets[i]!, rowOffsets[i + 1]!),
          tf: rowTf.subarray(rowOffsets[i]!, rowOffsets[i + 1]!),
          length: rowLength[i]!,
        },
      });
    }
    return { fingerprint, encoder, passages, encoded: 0 };
  } catch {
    return null;
  }
}
