import { fold, foldWithOffsets } from "./normalize.ts";

export const EXCERPT_MAX = 400;

export interface Excerpt {
  text: string;
  /** [start, end) offsets into `text` of the words that matched the question. */
  highlights: [number, number][];
}

/** A sentence ends at . ; ! ? … followed by a space or the end: "2.1", "30.6" and "v.v" stay inside it. */
const SENTENCE = /(?:[^.;!?…]|[.;!?…]+(?=[\p{L}\p{N}]))+(?:[.;!?…]+|$)\s*/gu;
/** Characters of context shown before the first matched word when one sentence is longer than an excerpt. */
const CONTEXT = 60;
const LETTER = /[\p{L}\p{N}]/u;

/** Offsets of whole words of `text` whose folded form is one of `foldedTerms`. */
export function highlightRanges(text: string, foldedTerms: Iterable<string>): [number, number][] {
  const wanted = new Set(foldedTerms);
  if (wanted.size === 0) return [];
  const { folded, map } = foldWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!wanted.has(m[0])) continue;
    const start = map[m.index]!;
    const lastChar = map[m.index + m[0].length - 1]!;
    let end = lastChar + 1;
    // A precomposed letter may map several folded chars back to one original: extend over its code units.
    while (end < text.length && /[\u0300-\u036f]/.test(text[end]!)) end++;
    const prev = ranges[ranges.length - 1];
    // Join adjacent matched words ("tiêm vắc xin") into one highlight.
    if (prev && /^\s+$/.test(text.slice(prev[1], start))) prev[1] = end;
    else ranges.push([start, end]);
  }
  return ranges;
}

/** How many of the question's words a sentence holds: each once, a phrase ("nhập cảnh trái phép") word by word. */
function matchedWords(sentence: string, terms: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const w of fold(sentence).match(/[\p{L}\p{N}]+/gu) ?? []) if (terms.has(w)) found.add(w);
  return found.size;
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  // Never cut inside a word: back off to the last space.
  if (LETTER.test(text[max] ?? "") && LETTER.test(cut[cut.length - 1] ?? ""))
    cut = cut.slice(0, Math.max(1, cut.lastIndexOf(" ")));
  return `${cut.replace(/[\s,;:–-]+$/u, "")} …`;
}

/** Where a window into one over-long sentence should start to hold the most matched words, with a little context. */
function focusStart(text: string, terms: ReadonlySet<string>): number {
  const ranges = highlightRanges(text, terms);
  let best = 0;
  let bestCount = 0;
  for (const [a] of ranges) {
    const space = text.indexOf(" ", Math.max(0, a - CONTEXT));
    const from = a <= CONTEXT ? 0 : space >= 0 && space < a ? space + 1 : a;
    const count = ranges.filter(([x, y]) => x >= from && y <= from + EXCERPT_MAX).length;
    if (count > bestCount) {
      bestCount = count;
      best = from;
    }
  }
  return best;
}

/** The 1–3 sentences of `passage` that best cover the question's terms, at most EXCERPT_MAX characters, with highlights. */
export function makeExcerpt(passage: string, foldedTerms: readonly string[]): Excerpt {
  const text = passage
    .replace(/^(\d+(\.\d+)*[.)](?!\d)|[-–•+]|[a-zđ]\))\s*/u, "")
    .replace(/\s+/g, " ")
    .trim();
  const terms = new Set(foldedTerms);
  let chosen: string;
  if (text.length <= EXCERPT_MAX) chosen = text;
  else {
    // Sentences as [start, end) of `text`: any run of them is the passage as written, never re-joined.
    const spans = [...text.matchAll(SENTENCE)]
      .map((m) => [m.index, m.index + m[0].trimEnd().length] as const)
      .filter(([a, b]) => b > a);
    if (spans.length === 0) spans.push([0, text.length]);
    const slice = (from: number, to: number) => text.slice(spans[from]![0], spans[to]![1]);
    const scores = spans.map((_, i) => matchedWords(slice(i, i), terms));
    let best = 0;
    scores.forEach((v, i) => {
      if (v > scores[best]!) best = i;
    });
    let from = best;
    let to = best;
    // Grow towards the neighbour with more matches while it fits: 1–3 sentences.
    while (to - from < 2) {
      const hasNext = to + 1 < spans.length;
      const hasPrev = from > 0;
      if (!hasNext && !hasPrev) break;
      const takeNext = hasNext && (!hasPrev || scores[to + 1]! >= scores[from - 1]!);
      const [f, t] = takeNext ? [from, to + 1] : [from - 1, to];
      if (slice(f, t).length > EXCERPT_MAX) break;
      from = f;
      to = t;
    }
    let out = slice(from, to);
    let cutBefore = from > 0;
    // One sentence longer than an excerpt: show the part of it that holds the question's words.
    if (out.length > EXCERPT_MAX) {
      const start = focusStart(out, terms);
      if (start > 0) {
        out = out.slice(start);
        cutBefore = true;
      }
    }
    chosen = cutAtWord(out, EXCERPT_MAX);
    if (cutBefore) chosen = `… ${chosen}`;
    if (to < spans.length - 1 && !chosen.endsWith("…")) chosen = `${chosen} …`;
  }
  return { text: chosen, highlights: highlightRanges(chosen, terms) };
}
