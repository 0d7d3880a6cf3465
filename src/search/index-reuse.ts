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
  const buf = await readWhole(path);
  if (!buf) return null;
  try {
    const fingerprint = abbreviationFingerprint(abbreviations);
    const head = readHeader(buf, fingerprint);
    if (!head) return null;
    const s = readSections(buf, head.header, head.length);
    const n = head.header.signatures.length;
    if (!sectionsAgree(s, n)) return null;
    const encoder = new TermEncoder(abbreviations);
    if (!encoder.restore({ kind: s.kind, strings: head.header.strings, pairs: s.pairs })) return null;
    // Every id must be one the encoder has: a damaged section must not index past the postings.
    if (!idsBelow(s.terms, s.kind.length) || !idsBelow(s.rowIds, s.kind.length)) return null;
    return { fingerprint, encoder, passages: entriesOf(head.header.signatures, s), encoded: 0 };
  } catch {
    return null;
  }
}

async function readWhole(path: string): Promise<Buffer | null> {
  try {
    const file = await open(path, "r");
    try {
      return await file.readFile();
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}

/** The header, if it is of this encoder version and abbreviation list and its section lengths fill the file. */
function readHeader(buf: Buffer, fingerprint: string): { header: Header; length: number } | null {
  if (buf.length < 4) return null;
  const length = buf.readUInt32LE(0);
  if (4 + length > buf.length) return null;
  const header = JSON.parse(buf.subarray(4, 4 + length).toString("utf8")) as Header;
  if (header.version !== encoderVersion() || header.fingerprint !== fingerprint) return null;
  if (!Array.isArray(header.lengths) || header.lengths.length !== SECTIONS.length) return null;
  if (4 + length + header.lengths.reduce((a, b) => a + pad8(b), 0) !== buf.length) return null;
  return { header, length };
}

interface Sections {
  kind: Uint8Array;
  pairs: Int32Array;
  termOffsets: Int32Array;
  terms: Int32Array;
  rowOffsets: Int32Array;
  rowIds: Int32Array;
  rowTf: Uint16Array;
  rowLength: Int32Array;
}

/** Views of the binary sections (SECTIONS order); throws when one is not a whole number of elements. */
function readSections(buf: Buffer, header: Header, headLength: number): Sections {
  const view = <T>(k: number, make: (ab: ArrayBufferLike, offset: number, length: number) => T, bytes: number): T => {
    let offset = 4 + headLength;
    for (let j = 0; j < k; j++) offset += pad8(header.lengths[j]!);
    const len = header.lengths[k]!;
    if (len % bytes !== 0) throw new Error("index cache: section length not a whole number of elements");
    const sec = section(buf, offset, len);
    return make(sec.ab, sec.offset, len / bytes);
  };
  return {
    kind: view(0, (ab, o, n) => new Uint8Array(ab, o, n), 1),
    pairs: view(1, (ab, o, n) => new Int32Array(ab, o, n), 4),
    termOffsets: view(2, (ab, o, n) => new Int32Array(ab, o, n), 4),
    terms: view(3, (ab, o, n) => new Int32Array(ab, o, n), 4),
    rowOffsets: view(4, (ab, o, n) => new Int32Array(ab, o, n), 4),
    rowIds: view(5, (ab, o, n) => new Int32Array(ab, o, n), 4),
    rowTf: view(6, (ab, o, n) => new Uint16Array(ab, o, n), 2),
    rowLength: view(7, (ab, o, n) => new Int32Array(ab, o, n), 4),
  };
}

/** The offsets hold `n` entries and end where their sections do. */
function sectionsAgree(s: Sections, n: number): boolean {
  if (s.termOffsets.length !== n + 1 || s.rowOffsets.length !== n + 1 || s.rowLength.length !== n) return false;
  return (
    s.termOffsets[n] === s.terms.length && s.rowOffsets[n] === s.rowIds.length && s.rowTf.length === s.rowIds.length
  );
}

/** Each entry's terms and row, as views of the sections (no copies), by signature. */
function entriesOf(signatures: string[], s: Sections): IndexReuse["passages"] {
  const passages: IndexReuse["passages"] = new Map();
  for (let i = 0; i < signatures.length; i++) {
    passages.set(signatures[i]!, {
      terms: s.terms.subarray(s.termOffsets[i]!, s.termOffsets[i + 1]!),
      row: {
        ids: s.rowIds.subarray(s.rowOffsets[i]!, s.rowOffsets[i + 1]!),
        tf: s.rowTf.subarray(s.rowOffsets[i]!, s.rowOffsets[i + 1]!),
        length: s.rowLength[i]!,
      },
    });
  }
  return passages;
}
