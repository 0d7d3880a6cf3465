import type { AbbreviationIndex } from "./abbreviations.ts";
import { fold } from "./normalize.ts";
import { exactForm, NUMBER_TOKEN, PLURAL_MARKER_WORDS, TOKEN } from "./tokenize.ts";

const PART = /[\p{L}\p{N}]+/gu;
const RUN_BREAK = /[,.;:!?()"“”'\n–]|\s-\s/;

export const TermKind = { Fold: 0, Exact: 1, Bigram: 2 } as const;
export type TermKind = (typeof TermKind)[keyof typeof TermKind];

export interface EncodedText {
  /** Folded syllable ids in reading order, abbreviation expansions included (for term frequencies). */
  fold: number[];
  exact: number[];
  bigrams: number[];
}

/**
 * Interns a corpus's terms as integers: folded syllables, exact syllables (canonical tone) and folded
 * syllable pairs. Passages keep sorted id arrays, far smaller and faster than sets of strings.
 */
export class TermEncoder {
  private readonly strings = new Map<string, number>();
  /** Pair ids by first then second syllable id: small-integer keys hash fast, a packed 44-bit key does not. */
  private readonly pairs = new Map<number, Map<number, number>>();
  private readonly forms = new Map<string, readonly [number, number]>();
  readonly kind: TermKind[] = [];
  readonly df: number[] = [];
  private readonly expand = new Map<number, { ids: number[]; exact: number[] }>();
  private readonly contract = new Map<number, { ids: number[]; abbr: number; exact: number }[]>();

  /** `respell` gives one exact token its canonical spelling (variants data); the identity when there is none. */
  constructor(
    abbreviations: AbbreviationIndex,
    private readonly respell: (exact: string) => string = (e) => e,
  ) {
    for (const [abbr, full] of abbreviations.expand) {
      this.expand.set(this.intern(abbr, TermKind.Fold), {
        ids: full.folded.map((s) => this.intern(s, TermKind.Fold)),
        exact: full.exact.map((s) => this.intern(s, TermKind.Exact)),
      });
    }
    for (const [first, list] of abbreviations.contract) {
      this.contract.set(
        this.intern(first, TermKind.Fold),
        list.map(({ syllables, abbr, exact }) => ({
          ids: syllables.map((s) => this.intern(s, TermKind.Fold)),
          abbr: this.intern(abbr, TermKind.Fold),
          exact: this.intern(exact, TermKind.Exact),
        })),
      );
    }
  }

  get size(): number {
    return this.kind.length;
  }

  /** The vocabulary in id order, for the index cache: each term's string (pairs: "") and the pairs' syllable ids. */
  snapshot(): { kind: Uint8Array; strings: string[]; pairs: Int32Array } {
    const strings: string[] = new Array(this.kind.length).fill("");
    for (const [key, id] of this.strings) strings[id] = key;
    const pairs: number[] = [];
    for (const [a, second] of this.pairs) for (const [b, id] of second) pairs.push(id, a, b);
    return { kind: Uint8Array.from(this.kind), strings, pairs: Int32Array.from(pairs) };
  }

  /**
   * Re-interns a snapshot in id order, so its ids mean the same terms here. False (and nothing usable) when the
   * snapshot disagrees with the terms this encoder already holds (another abbreviation list).
   */
  restore(snap: { kind: Uint8Array; strings: string[]; pairs: Int32Array }): boolean {
    const pairOf = new Map<number, [number, number]>();
    for (let k = 0; k + 2 < snap.pairs.length; k += 3)
      pairOf.set(snap.pairs[k]!, [snap.pairs[k + 1]!, snap.pairs[k + 2]!]);
    for (let id = 0; id < snap.kind.length; id++) {
      const kind = snap.kind[id] as TermKind;
      if (kind === TermKind.Bigram) {
        const ab = pairOf.get(id);
        if (!ab || this.pair(ab[0], ab[1]) !== id) return false;
      } else {
        const key = snap.strings[id] ?? "";
        const term = kind === TermKind.Exact ? key.slice(1) : key;
        if (this.intern(term, kind) !== id) return false;
      }
    }
    return true;
  }

  private intern(term: string, kind: TermKind): number {
    const key = kind === TermKind.Exact ? `=${term}` : term;
    let id = this.strings.get(key);
    if (id === undefined) {
      id = this.kind.length;
      this.strings.set(key, id);
      this.kind.push(kind);
      this.df.push(0);
    }
    return id;
  }

  /** Every folded syllable that `inCorpus` says an index holds (an encoder may be shared by several indexes). */
  *foldWords(inCorpus: (id: number) => boolean): IterableIterator<string> {
    for (const [key, id] of this.strings) if (this.kind[id] === TermKind.Fold && inCorpus(id)) yield key;
  }

  /** The id of a folded syllable, if the corpus has it. */
  foldId(folded: string): number | undefined {
    return this.strings.get(folded);
  }

  exactId(exact: string): number | undefined {
    return this.strings.get(`=${exact}`);
  }

  bigramId(a: number | undefined, b: number | undefined): number | undefined {
    if (a === undefined || b === undefined) return undefined;
    return this.pairs.get(a)?.get(b);
  }

  private pair(a: number, b: number): number {
    let second = this.pairs.get(a);
    if (!second) {
      second = new Map();
      this.pairs.set(a, second);
    }
    let id = second.get(b);
    if (id === undefined) {
      id = this.kind.length;
      second.set(b, id);
      this.kind.push(TermKind.Bigram);
      this.df.push(0);
    }
    return id;
  }

  private formsOf(raw: string): readonly [number, number] {
    let f = this.forms.get(raw);
    if (!f) {
      const exact = this.respell(exactForm(raw));
      f = [this.intern(fold(exact), TermKind.Fold), this.intern(exact, TermKind.Exact)];
      this.forms.set(raw, f);
    }
    return f;
  }

  /** Terms of an NFC text: syllables, document numbers whole and in parts, pairs within a phrase, abbreviations both ways. */
  encode(text: string): EncodedText {
    const out: EncodedText = { fold: [], exact: [], bigrams: [] };
    let run: number[] = [];
    let lastEnd = -1;
    const closeRun = () => {
      // Looked up when the run closes: the text itself may be the first to use a marker.
      const plural = PLURAL_MARKER_WORDS.map((w) => this.strings.get(w));
      for (let k = 0; k < run.length; k++) {
        if (k > 0) out.bigrams.push(this.pair(run[k - 1]!, run[k]!));
        // "UBND các huyện" also pairs "ubnd huyện" (parse-query.ts pairs a question's words the same way).
        if (k > 1 && plural.includes(run[k - 1])) out.bigrams.push(this.pair(run[k - 2]!, run[k]!));
        // The other form joins the phrase around it: "UBND huyện" also pairs "dân huyện", "Ủy ban nhân dân huyện" "ubnd huyện".
        const full = this.expand.get(run[k]!);
        if (full) {
          if (k > 0) out.bigrams.push(this.pair(run[k - 1]!, full.ids[0]!));
          if (k + 1 < run.length) out.bigrams.push(this.pair(full.ids[full.ids.length - 1]!, run[k + 1]!));
        }
        for (const { ids, abbr, exact } of this.contract.get(run[k]!) ?? []) {
          if (k + ids.length <= run.length && ids.every((id, j) => run[k + j] === id)) {
            out.fold.push(abbr);
            out.exact.push(exact);
            if (k > 0) out.bigrams.push(this.pair(run[k - 1]!, abbr));
            if (k + ids.length < run.length) out.bigrams.push(this.pair(abbr, run[k + ids.length]!));
          }
        }
      }
      run = [];
    };
    for (const m of text.matchAll(TOKEN)) {
      const raw = m[0];
      if (lastEnd >= 0 && RUN_BREAK.test(text.slice(lastEnd, m.index))) closeRun();
      lastEnd = m.index + raw.length;
      const [f, e] = this.formsOf(raw);
      out.fold.push(f);
      out.exact.push(e);
      run.push(f);
      const full = this.expand.get(f);
      if (full) {
        out.fold.push(...full.ids);
        out.exact.push(...full.exact);
        for (let k = 1; k < full.ids.length; k++) out.bigrams.push(this.pair(full.ids[k - 1]!, full.ids[k]!));
      }
      if (NUMBER_TOKEN.test(raw)) {
        const parts = [...raw.matchAll(PART)].map((p) => p[0]);
        for (const part of parts) {
          const [pf, pe] = this.formsOf(part);
          out.fold.push(pf);
          out.exact.push(pe);
        }
        // The ways people cite it in part: "111/2022" of 111/2022/NĐ-CP, "146/TU" and "146/CV" of 146-CV/TU.
        for (const form of citedForms(parts)) {
          const [xf, xe] = this.formsOf(form);
          out.fold.push(xf);
          out.exact.push(xe);
        }
      }
    }
    closeRun();
    return out;
  }

  /** Sorted unique ids of all the lists; with `countDf` each counts once towards its document frequency. */
  set(lists: ReadonlyArray<ArrayLike<number>>, countDf: boolean): Int32Array {
    const arr = sortedUnique(lists);
    if (countDf) for (const id of arr) this.df[id]! += 1;
    return arr;
  }
}

/** Parts beyond these are not combined: real numbers have at most five. */
const MAX_COMBINED_PARTS = 5;

/**
 * The leading number joined by "/" with every non-empty subsequence of the other parts: the forms a partial
 * citation takes. `numberForm` gives the query side the same "/" spelling.
 */
export function citedForms(parts: readonly string[]): string[] {
  const rest = parts.slice(1, MAX_COMBINED_PARTS + 1);
  const out: string[] = [];
  for (let mask = 1; mask < 1 << rest.length; mask++) {
    out.push([parts[0], ...rest.filter((_, k) => mask & (1 << k))].join("/"));
  }
  return out;
}

/** A document number with "/" between its parts: "146-CV" → "146/CV". */
export function numberForm(raw: string): string {
  return (raw.match(PART) ?? []).join("/");
}

export function sortedUnique(lists: ReadonlyArray<ArrayLike<number>>): Int32Array {
  let n = 0;
  for (const l of lists) n += l.length;
  const all = new Int32Array(n);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let w = 0;
  for (let r = 0; r < all.length; r++) if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r]!;
  return all.slice(0, w);
}

/**
 * Unions of id lists over one id space (an index build makes one per item and per document): ids are marked in a
 * reusable array, so only the distinct ids are sorted, not every copy of them.
 */
export class IdUnion {
  private marks: Uint32Array;
  private buffer: Int32Array;
  private stamp = 0;

  constructor(size: number) {
    this.marks = new Uint32Array(Math.max(16, size));
    this.buffer = new Int32Array(Math.max(16, size));
  }

  /** Sorted unique ids of all the lists: the same result as sortedUnique. */
  of(lists: ReadonlyArray<ArrayLike<number>>): Int32Array {
    if (++this.stamp === 0xffffffff) {
      this.marks.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    let { marks, buffer } = this;
    let n = 0;
    for (const list of lists)
      for (let k = 0; k < list.length; k++) {
        const id = list[k]!;
        // The encoder may have grown since (terms of headings encoded meanwhile).
        if (id >= marks.length) ({ marks, buffer } = this.grow(id + 1));
        if (marks[id] !== stamp) {
          marks[id] = stamp;
          buffer[n++] = id;
        }
      }
    return buffer.slice(0, n).sort();
  }

  private grow(size: number): { marks: Uint32Array; buffer: Int32Array } {
    const marks = new Uint32Array(Math.max(size, this.marks.length * 2));
    marks.set(this.marks);
    const buffer = new Int32Array(marks.length);
    buffer.set(this.buffer);
    this.marks = marks;
    this.buffer = buffer;
    return { marks, buffer };
  }
}

export function hasTerm(set: Int32Array, id: number | undefined): boolean {
  if (id === undefined) return false;
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
