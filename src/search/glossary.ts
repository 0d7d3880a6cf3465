import { join } from "node:path";
import { stemmer } from "stemmer";
import { z } from "zod";
import { readDataFile } from "./data-file.ts";
import { loadSynonyms, NO_SYNONYMS, type SynonymIndex } from "./synonyms.ts";
import {
  buildVariantIndex,
  createRespeller,
  respellingsOf,
  type Respellings,
  loadVariants,
  NO_VARIANTS,
  type VariantData,
  type VariantIndex,
} from "./variants.ts";

const glossaryFile = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ en: z.string().min(1), vi: z.array(z.string().min(1)).min(1) })),
});
const abbreviationFile = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ abbr: z.string().min(1), full: z.string().min(1) })),
});

export interface Lexicon {
  /** Lowercase English phrase → Vietnamese alternatives, most common first. */
  english: Map<string, string[]>;
  /**
   * The same phrases by their Porter stems ("vaccinated" and "vaccination" are both "vaccin"): word forms come
   * from the stemmer, not from listing them. Phrases sharing a stem pool their alternatives.
   */
  stems: Map<string, string[]>;
  /** Longest English phrase, in words. */
  maxPhraseWords: number;
  abbreviations: { abbr: string; full: string }[];
  /** Spelling variants (data/variants-vi.json) and the respelling of one exact token they imply. */
  variants: VariantIndex;
  respell: (exact: string) => string;
  /** Spelled-out one-token words ("cô vít" of covid), contracted to the word in questions. */
  respellings: Respellings;
  /** Wordings of one idea (data/synonyms-vi.json): a question's wording also looks for the others. */
  synonyms: SynonymIndex;
}

export const GLOSSARY_FILE = "glossary-en-vi.json";
export const ABBREVIATIONS_FILE = "abbreviations-vi.json";

export class LexiconError extends Error {
  override name = "LexiconError";
}

const readJson = <T>(path: string, schema: z.ZodType<T>): T => readDataFile(path, schema, "lexicon", LexiconError);

/** The Porter stem of each word of an English phrase ("work from home" → "work from home", "pensions" → "pension"). */
export function stemPhrase(phrase: string): string {
  return phrase
    .split(" ")
    .map((w) => stemmer(w))
    .join(" ");
}

function stemsOf(english: Map<string, string[]>): Map<string, string[]> {
  const stems = new Map<string, string[]>();
  for (const [key, vi] of english) {
    const stem = stemPhrase(key);
    stems.set(stem, [...new Set([...(stems.get(stem) ?? []), ...vi])]);
  }
  return stems;
}

export function buildLexicon(
  glossary: { en: string; vi: string[] }[],
  abbreviations: { abbr: string; full: string }[],
  variantData: VariantData = NO_VARIANTS,
  synonyms: SynonymIndex = NO_SYNONYMS,
): Lexicon {
  const variants = buildVariantIndex(variantData);
  const english = new Map<string, string[]>();
  let maxPhraseWords = 1;
  for (const { en, vi } of glossary) {
    const key = en.toLowerCase().trim().replace(/\s+/g, " ");
    const merged = [...new Set([...(english.get(key) ?? []), ...vi.map((v) => v.normalize("NFC"))])];
    english.set(key, merged);
    maxPhraseWords = Math.max(maxPhraseWords, key.split(" ").length);
  }
  return {
    english,
    stems: stemsOf(english),
    maxPhraseWords,
    abbreviations: abbreviations.map((a) => ({ abbr: a.abbr.normalize("NFC"), full: a.full.normalize("NFC") })),
    variants,
    respell: createRespeller(variants),
    respellings: respellingsOf(variants),
    synonyms,
  };
}

/** The lexicon with more English entries (those admins added from the chat); later entries add alternatives. */
export function extendLexicon(base: Lexicon, extra: readonly { en: string; vi: string[] }[]): Lexicon {
  if (extra.length === 0) return base;
  const english = new Map(base.english);
  let maxPhraseWords = base.maxPhraseWords;
  for (const { en, vi } of extra) {
    const key = en.toLowerCase().trim().replace(/\s+/g, " ");
    english.set(key, [...new Set([...vi.map((v) => v.normalize("NFC")), ...(english.get(key) ?? [])])]);
    maxPhraseWords = Math.max(maxPhraseWords, key.split(" ").length);
  }
  return { ...base, english, stems: stemsOf(english), maxPhraseWords };
}

/** Reads the admin-editable glossary and abbreviation list from `dir` (the project's `data/`). */
export function loadLexicon(dir: string): Lexicon {
  const g = readJson(join(dir, GLOSSARY_FILE), glossaryFile);
  const a = readJson(join(dir, ABBREVIATIONS_FILE), abbreviationFile);
  return buildLexicon(g.entries, a.entries, loadVariants(dir), loadSynonyms(dir));
}
