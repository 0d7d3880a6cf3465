import type { Lexicon } from "./glossary.ts";
import { fold, normalizeText } from "./normalize.ts";
import { tokenize } from "./tokenize.ts";

export interface AbbreviationIndex {
  /** Folded abbreviation → syllables of its full form, folded and exact (a question with marks matches them exactly). */
  expand: Map<string, { folded: string[]; exact: string[] }>;
  /** Folded full forms, as syllable arrays with their abbreviation (folded and exact), by first syllable, longest first. */
  contract: Map<string, { syllables: string[]; abbr: string; exact: string }[]>;
}

/** Two-letter codes ("CT", "CV", "TU") are mostly parts of document numbers; expanding them adds noise. */
export function buildAbbreviationIndex(lexicon: Lexicon): AbbreviationIndex {
  const expand: AbbreviationIndex["expand"] = new Map();
  const contract: AbbreviationIndex["contract"] = new Map();
  // A one-token spelling of a several-syllable word ("vacxin" for "vắc xin") is tied to it the way an abbreviation is.
  const entries = [...lexicon.abbreviations.map((a) => ({ ...a, respelling: false })), ...lexicon.variants.pairs];
  for (const { abbr, full, respelling } of entries) {
    const a = fold(abbr);
    if (a.replace(/[^a-z0-9]/g, "").length < 3) continue;
    const tokens = tokenize(full).filter((t) => !t.part);
    const syllables = tokens.map((t) => t.folded);
    if (syllables.length < 2) continue;
    // A spelled-out word ("cô vít") is contracted to the word in texts and questions, never expanded from it.
    if (!respelling && !expand.has(a)) expand.set(a, { folded: syllables, exact: tokens.map((t) => t.exact) });
    const list = contract.get(syllables[0]!) ?? [];
    list.push({ syllables, abbr: a, exact: normalizeText(abbr) });
    list.sort((x, y) => y.syllables.length - x.syllables.length);
    contract.set(syllables[0]!, list);
  }
  return { expand, contract };
}
