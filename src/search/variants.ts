import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "./data-file.ts";
import { fold } from "./normalize.ts";
import { TOKEN } from "./tokenize.ts";

/**
 * Spelling variation, as data (data/variants-vi.json): loanwords written several ways ("vắc xin", "vắc-xin",
 * "vacxin", "vaccine"), and syllables spelt with i or y ("quý"/"quí", "kỹ"/"kĩ"). The index and the question both
 * see one canonical spelling, so either finds the other.
 */
export const VARIANTS_FILE = "variants-vi.json";

const variantsFile = z.object({
  version: z.literal(1),
  /** Groups of spellings of one word; the first is canonical. Hyphens and spaces split syllables. */
  words: z.array(z.array(z.string().min(1)).min(2)),
  /** Folded syllable pairs [canonical, variant] that differ only in their vowel letter; the tone moves with it. */
  syllables: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
});
export type VariantData = z.infer<typeof variantsFile>;
export const NO_VARIANTS: VariantData = { version: 1, words: [], syllables: [] };

export class VariantsError extends Error {
  override name = "VariantsError";
}

/** Reads `dir/variants-vi.json`; a folder without one has no variants (tests' own lexicon folders). */
export function loadVariants(dir: string): VariantData {
  const path = join(dir, VARIANTS_FILE);
  if (!existsSync(path)) return NO_VARIANTS;
  return readDataFile(path, variantsFile, "variants", VariantsError);
}

const syllablesOf = (spelling: string) => (spelling.normalize("NFC").toLowerCase().match(TOKEN) ?? []).map(fold);

export interface VariantIndex {
  /** Folded one-token spelling → the folded one-token canonical spelling ("côvid" → "covid"). */
  tokens: Map<string, string>;
  /**
   * One-token spellings and the several-syllable spelling they stand for, as abbreviation pairs. `respelling`: the
   * one token is the word ("covid") and the syllables only spell it out ("cô vít"): they are no words of their own,
   * so a passage writing the word is not given them (a passage of "massage" holds no "xa").
   */
  pairs: { abbr: string; full: string; respelling: boolean }[];
  /** Folded syllable → folded canonical syllable ("qui" → "quy"). */
  syllables: Map<string, string>;
}

/**
 * Each variant is tied to the canonical spelling the cheapest way: one token to one token by renaming it, one token
 * to several syllables as an abbreviation is (both ways, in the index). Several to several syllables is not
 * supported: folding and tone placement already join most of those.
 */
export function buildVariantIndex(data: VariantData): VariantIndex {
  const tokens = new Map<string, string>();
  const pairs: VariantIndex["pairs"] = [];
  for (const group of data.words) {
    const canonical = group[0]!;
    const canon = syllablesOf(canonical);
    for (const variant of group.slice(1)) {
      const v = syllablesOf(variant);
      if (v.join(" ") === canon.join(" ")) continue;
      if (v.length === 1 && canon.length === 1) tokens.set(v[0]!, canon[0]!);
      else if (v.length === 1) pairs.push({ abbr: v[0]!, full: canon.join(" "), respelling: false });
      else if (canon.length === 1) pairs.push({ abbr: canon[0]!, full: v.join(" "), respelling: true });
    }
  }
  const syllables = new Map<string, string>();
  for (const [canonical, variant] of data.syllables) syllables.set(fold(variant), fold(canonical));
  return { tokens, pairs, syllables };
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

/**
 * The canonical spelling of one exact token (lowercase, canonical tone): a one-token variant becomes its canonical
 * token, an i/y syllable takes the canonical vowel and keeps its tone ("quí" → "quý").
 */
export function createRespeller(index: VariantIndex): (exact: string) => string {
  const cache = new Map<string, string>();
  return (exact) => {
    let out = cache.get(exact);
    if (out !== undefined) return out;
    const folded = fold(exact);
    out = exact;
    const token = index.tokens.get(folded);
    const syllable = index.syllables.get(folded);
    if (token !== undefined) out = token;
    else if (syllable !== undefined) {
      const tone = exact.normalize("NFD").match(TONES)?.[0] ?? "";
      out = `${syllable}${tone}`.normalize("NFC");
    }
    if (cache.size < 100_000) cache.set(exact, out);
    return out;
  };
}

/** Folded spelled-out syllables of a one-token word ("co vit" of covid), by their first syllable, longest first. */
export type Respellings = Map<string, { syllables: string[]; word: string }[]>;

export function respellingsOf(index: VariantIndex): Respellings {
  const out: Respellings = new Map();
  for (const { abbr, full, respelling } of index.pairs) {
    if (!respelling) continue;
    const syllables = fold(full).split(/\s+/);
    const list = out.get(syllables[0]!) ?? [];
    list.push({ syllables, word: fold(abbr) });
    list.sort((a, b) => b.syllables.length - a.syllables.length);
    out.set(syllables[0]!, list);
  }
  return out;
}

/**
 * A question's kept syllables with each spelled-out word ("ka ra ô kê") contracted to its one token ("karaoke"),
 * the syllables after the first left empty so positions still line up with the question's tokens.
 */
export function contractRespellings(kept: (string | null)[], respellings: Respellings): (string | null)[] {
  if (respellings.size === 0) return kept;
  const out = kept.slice();
  for (let k = 0; k < out.length; k++) {
    const first = out[k];
    if (!first) continue;
    for (const { syllables, word } of respellings.get(fold(first)) ?? []) {
      if (!syllables.every((syl, j) => out[k + j] != null && fold(out[k + j]!) === syl)) continue;
      out[k] = word;
      for (let j = 1; j < syllables.length; j++) out[k + j] = null;
      k += syllables.length - 1;
      break;
    }
  }
  return out;
}
