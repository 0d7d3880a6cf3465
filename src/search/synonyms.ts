import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readDataFile } from "./data-file.ts";
import { fold } from "./normalize.ts";
import { TOKEN } from "./tokenize.ts";

/**
 * Wordings of one idea in administrative Vietnamese (data/synonyms-vi.json): "đóng cửa" is what a cadre types,
 * "tạm dừng hoạt động" what a directive writes. A question holding one wording also looks for the others; the
 * wording typed counts as it always did (its syllables' weights), and any of the group's wordings covers it.
 */
export const SYNONYMS_FILE = "synonyms-vi.json";

const synonymsFile = z.object({
  version: z.literal(1),
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

export class SynonymsError extends Error {
  override name = "SynonymsError";
}

export interface SynonymIndex {
  /** By the folded first syllable of a wording: the wording's folded syllables and its group's wordings (exact). */
  byFirst: Map<string, { folded: string[]; group: string[][] }[]>;
}

export const NO_SYNONYMS: SynonymIndex = { byFirst: new Map() };

const syllablesOf = (wording: string) => wording.normalize("NFC").toLowerCase().match(TOKEN) ?? [];

export function buildSynonymIndex(groups: readonly string[][]): SynonymIndex {
  const byFirst: SynonymIndex["byFirst"] = new Map();
  for (const group of groups) {
    const wordings = group.map(syllablesOf).filter((w) => w.length > 0);
    for (const wording of wordings) {
      const folded = wording.map(fold);
      const list = byFirst.get(folded[0]!) ?? [];
      list.push({ folded, group: wordings });
      // Longest first: "tạm dừng hoạt động" before "tạm dừng".
      list.sort((a, b) => b.folded.length - a.folded.length);
      byFirst.set(folded[0]!, list);
    }
  }
  return { byFirst };
}

/** Reads `dir/synonyms-vi.json`; a folder without one has no synonyms (tests' own lexicon folders). */
export function loadSynonyms(dir: string): SynonymIndex {
  const path = join(dir, SYNONYMS_FILE);
  if (!existsSync(path)) return NO_SYNONYMS;
  return buildSynonymIndex(readDataFile(path, synonymsFile, "synonyms", SynonymsError).groups);
}

/** The wording of a group that starts at `k` of the question's kept syllables, and its group; null if none. */
export function synonymAt(
  index: SynonymIndex,
  kept: readonly (string | null)[],
  k: number,
): { length: number; group: string[][] } | null {
  const first = kept[k];
  if (!first) return null;
  for (const entry of index.byFirst.get(fold(first)) ?? []) {
    if (entry.folded.every((s, j) => kept[k + j] != null && fold(kept[k + j]!) === s))
      return { length: entry.folded.length, group: entry.group };
  }
  return null;
}
