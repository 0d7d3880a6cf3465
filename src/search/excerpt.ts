import { foldWithOffsets } from "./normalize.ts";

export const EXCERPT_MAX = 400;

export interface Excerpt {
  text: string;
  /** [start, end) offsets into `text` of the words that matched the question. */
  highlights: [number, number][];
}

const SENTENCE = /[^.;!?…]+(?:[.;!?…]+|$)\s*/gu;
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

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  // Never cut inside a word: back off to the last space.
  if (LETTER.test(text[max] ?? "") && LETTER.test(cut[cut.length - 1] ?? "")) cut = cut.slice(0, Math.max(1, cut.lastIndexOf(" ")));
  return `${cut.replace(/[\s,;:–-]+$/u, "")} …`;
}

/** The 1–3 sentences of `passage` that best cover the question's terms, at most EXCERPT_MAX characters, with highlights. */
export function makeExcerpt(passage: string, foldedTerms: readonly string[]): Excerpt {
  const text = passage.replace(/^(\d+(\.\d+)*[.)]|[-–•+]|[a-zđ]\))\s*/u, "").replace(/\s+/g, " ").trim();
  const terms = new Set(foldedTerms);
  const sentences = (text.match(SENTENCE) ?? [text]).map((s) => s.trim()).filter(Boolean);
  const hitsIn = (s: string) => new Set(highlightRanges(s, terms).map(([a, b]) => s.slice(a, b))).size;
  let chosen: string;
  if (text.length <= EXCERPT_MAX) chosen = text;
  else {
    const scores = sentences.map(hitsIn);
    let best = 0;
    scores.forEach((v, i) => {
      if (v > scores[best]!) best = i;
    });
    let from = best;
    let to = best;
    let out = sentences[best]!;
    // Grow towards the neighbour with more matches while it fits: 1–3 sentences.
    while (to - from < 2) {
      const next = to + 1 < sentences.length ? sentences[to + 1]! : null;
      const prev = from > 0 ? sentences[from - 1]! : null;
      const takeNext = next !== null && (prev === null || scores[to + 1]! >= scores[from - 1]!);
      const add = takeNext ? next : prev;
      if (add === null || out.length + add.length + 1 > EXCERPT_MAX) break;
      if (takeNext) {
        out = `${out} ${add}`;
        to++;
      } else {
        out = `${add} ${out}`;
        from--;
      }
    }
    chosen = cutAtWord(out, EXCERPT_MAX);
    if (from > 0) chosen = `… ${chosen}`;
    if (to < sentences.length - 1 && !chosen.endsWith("…")) chosen = `${chosen} …`;
  }
  return { text: chosen, highlights: highlightRanges(chosen, terms) };
}
