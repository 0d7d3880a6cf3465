import type { Lexicon } from "./glossary.ts";
import { fold } from "./normalize.ts";
import { tokenize } from "./tokenize.ts";

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
