import { fold, normalizeText } from "./normalize.ts";

/**
 * Document numbers ("146-CV/TU", "940/QĐ-UBND", "16/CT-TTg") are one token and also their parts;
 * everything else splits into syllables. "TT&TT" stays whole. A date ("30/6/2021") is not a number: its day, month
 * and year are words of their own (the lookahead), so "ngày 30/6/2021" matches the date, not a document.
 */
export const TOKEN =
  /(?<!\p{N}[/.-])(?!\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?![\p{L}\p{N}]|[/-][\p{L}\p{N}]))\d+(?:[/-][\p{L}\p{N}]+)+|[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)*/gu;
export const NUMBER_TOKEN = /^\d+(?:[/-][\p{L}\p{N}]+)+$/u;

export interface Token {
  /** Lowercase, canonical tone placement. */
  exact: string;
  folded: string;
  start: number;
  end: number;
  /** Part of a document number ("146", "cv", "tu" of "146-CV/TU"). */
  part?: boolean;
}

export function isDocumentNumber(token: string): boolean {
  return NUMBER_TOKEN.test(token);
}

/** A corpus repeats a few thousand distinct words: normalise each once. Bounded so a hostile input cannot grow it. */
const FORMS = new Map<string, { exact: string; folded: string }>();
const FORMS_MAX = 500_000;

/** The exact form of one raw token: lowercase, canonical tone; a count without leading zeros. */
export function exactForm(raw: string): string {
  // "03 vòng kiểm soát" and "3 vòng kiểm soát" are the same count.
  return /^\d+$/.test(raw) ? raw.replace(/^0+(?=\d)/, "") : normalizeText(raw);
}

function formsOf(raw: string): { exact: string; folded: string } {
  let f = FORMS.get(raw);
  if (!f) {
    const exact = exactForm(raw);
    f = { exact, folded: fold(exact) };
    if (FORMS.size >= FORMS_MAX) FORMS.clear();
    FORMS.set(raw, f);
  }
  return f;
}

/** Tokens of `text` with offsets into `text` itself (which must be NFC). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const { exact, folded } = formsOf(raw);
    out.push({ exact, folded, start: m.index, end: m.index + raw.length });
    if (NUMBER_TOKEN.test(raw)) {
      for (const part of raw.matchAll(/[\p{L}\p{N}]+/gu)) {
        const { exact: e, folded: f } = formsOf(part[0]);
        out.push({
          exact: e,
          folded: f,
          start: m.index + part.index,
          end: m.index + part.index + part[0].length,
          part: true,
        });
      }
    }
  }
  return out;
}

/** Sequences of syllables not broken by punctuation: bigrams never straddle a comma or a full stop. */
export function phraseRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let lastEnd = -1;
  for (const t of tokenize(text)) {
    if (t.part) continue;
    if (lastEnd >= 0 && /[,.;:!?()"“”'\n–]|\s-\s/.test(text.slice(lastEnd, t.start))) {
      if (run.length) runs.push(run);
      run = [];
    }
    run.push(t);
    lastEnd = t.end;
  }
  if (run.length) runs.push(run);
  return runs;
}

export const bigramKey = (a: string, b: string) => `${a}_${b}`;

/** Folded plural markers ("các", "những"): the words on either side of one make a phrase as if it were not there. */
export const PLURAL_MARKER_WORDS = ["cac", "nhung"];
const PLURAL_MARKERS = new Set(PLURAL_MARKER_WORDS);
export const isPluralMarker = (folded: string | null | undefined): boolean => !!folded && PLURAL_MARKERS.has(folded);
