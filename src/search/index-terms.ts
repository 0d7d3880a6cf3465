import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Lexicon } from "./glossary.ts";
import { fold, normalizeText } from "./normalize.ts";
import { bigramKey, phraseRuns, tokenize } from "./tokenize.ts";

/**
 * Index terms live in one namespace, told apart by form: folded syllables ("tiem"), exact syllables
 * prefixed "=" ("=tiêm"), folded bigrams joined by "_" ("tiem_vac").
 */
export const exactTerm = (s: string) => `=${s}`;

export interface PassageTerms {
  fold: string[];
  exact: string[];
  bigram: string[];
}

export interface AbbreviationIndex {
  /** Folded abbreviation → folded syllables of its full form. */
  expand: Map<string, string[]>;
  /** Folded full forms, as syllable arrays with their abbreviation, by first syllable, longest first. */
  contract: Map<string, { syllables: string[]; abbr: string }[]>;
}

/** Two-letter codes ("CT", "CV", "TU") are mostly parts of document numbers; expanding them adds noise. */
export function buildAbbreviationIndex(lexicon: Lexicon): AbbreviationIndex {
  const expand = new Map<string, string[]>();
  const contract: AbbreviationIndex["contract"] = new Map();
  for (const { abbr, full } of lexicon.abbreviations) {
    const a = fold(abbr);
    if (a.replace(/[^a-z0-9]/g, "").length < 3) continue;
    const syllables = tokenize(full).filter((t) => !t.part).map((t) => t.folded);
    if (syllables.length < 2) continue;
    if (!expand.has(a)) expand.set(a, syllables);
    const list = contract.get(syllables[0]!) ?? [];
    list.push({ syllables, abbr: a });
    list.sort((x, y) => y.syllables.length - x.syllables.length);
    contract.set(syllables[0]!, list);
  }
  return { expand, contract };
}

/** Terms of a text for the folded, exact and bigram fields, with abbreviations added both ways. */
export function textTerms(text: string, abbreviations: AbbreviationIndex): PassageTerms {
  const foldTerms: string[] = [];
  const exact: string[] = [];
  const bigram: string[] = [];
  for (const t of tokenize(text)) {
    foldTerms.push(t.folded);
    exact.push(exactTerm(t.exact));
    const full = abbreviations.expand.get(t.folded);
    if (full) {
      foldTerms.push(...full);
      for (let k = 1; k < full.length; k++) bigram.push(bigramKey(full[k - 1]!, full[k]!));
    }
  }
  for (const run of phraseRuns(text)) {
    const f = run.map((t) => t.folded);
    for (let k = 1; k < f.length; k++) bigram.push(bigramKey(f[k - 1]!, f[k]!));
    for (let k = 0; k < f.length; k++) {
      for (const { syllables, abbr } of abbreviations.contract.get(f[k]!) ?? []) {
        if (k + syllables.length <= f.length && syllables.every((s, j) => f[k + j] === s)) foldTerms.push(abbr);
      }
    }
  }
  return { fold: foldTerms, exact, bigram };
}

export function documentText(doc: CorpusDocument): string {
  const m = doc.meta;
  return [m.type, m.number, m.title, m.issuer].filter(Boolean).join(". ");
}

export function passageFields(passage: Passage): { text: string; actor: string; heading: string } {
  return { text: passage.text, actor: passage.actor ?? "", heading: passage.heading ?? "" };
}

export { normalizeText };
