/**
 * Document lookups (issue 11, item 6): for every document with a number, three questions name it the ways cadres
 * type them — "Nghị định 111/2022/NĐ-CP", "nghi dinh so 111/2022/nd-cp", "nghị định số 111/2022 quy định gì?" — and
 * hit@1 is the share whose first answer is that document. Over ../shared/realdocs/gazette (gold type and number
 * from gazette-gold.json; skipped with one line when absent) and over the seeds (their metadata is the gold).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { answerQuestion } from "../src/answer/build-answer.ts";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { fold } from "../src/search/normalize.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";
import { SHARED } from "./alqac-corpus.ts";

const MAX_FILE = 64 * 1024 * 1024;
const FORMS = ["full", "folded", "partial"] as const;
type Form = (typeof FORMS)[number];

interface Gold {
  docId: string;
  type: string;
  number: string;
}

/** The number as people shorten it: up to the year ("111/2022"), else its leading number ("175"). */
export function partialNumber(number: string): string {
  const parts = number.split(/[/-]/);
  return /^(19|20)\d\d$/.test(parts[1] ?? "") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export function lookupQuestions(type: string, number: string): Record<Form, string> {
  return {
    full: `${type} ${number}`,
    folded: fold(`${type} số ${number}`.toLowerCase()),
    partial: `${type.toLowerCase()} số ${partialNumber(number)} quy định gì?`,
  };
}

function score(name: string, corpus: Corpus, golds: Gold[], verbose: boolean): void {
  const index = buildSearchIndex(corpus, { glossaryDir: "data" });
  const hits: Record<Form, number> = { full: 0, folded: 0, partial: 0 };
  // A partial number several documents share is answered with all of them: is the one meant among the first 3?
  let partialIn3 = 0;
  const misses: string[] = [];
  for (const g of golds) {
    const questions = lookupQuestions(g.type, g.number);
    for (const form of FORMS) {
      const answers = answerQuestion(questions[form], 3, { index, publicBaseUrl: "http://localhost" }).answers;
      const top = answers[0];
      if (form === "partial" && answers.some((a) => a.docId === g.docId)) partialIn3++;
      if (top?.docId === g.docId) hits[form]++;
      else
        misses.push(
          `${form}: "${questions[form]}" → ${top ? `${top.docId} (${top.number ?? "no number"})` : "no answer"}`,
        );
    }
  }
  const n = golds.length;
  const all = hits.full + hits.folded + hits.partial;
  const f = (x: number) => (n ? (x / n).toFixed(2) : "-");
  console.log(
    `${name.padEnd(8)} number-lookup hit@1 ${n ? (all / (3 * n)).toFixed(2) : "-"} (n=${n} documents × 3 forms; ` +
      `full ${f(hits.full)}, folded ${f(hits.folded)}, partial ${f(hits.partial)} (in the first 3: ` +
      `${f(partialIn3)}); target ≥ 0.95)`,
  );
  for (const m of misses.slice(0, verbose ? 1000 : 5)) console.log(`    miss ${m}`);
  if (!verbose && misses.length > 5) console.log(`    … ${misses.length - 5} more misses (--verbose lists them)`);
}

export async function evalLookup(verbose = false): Promise<void> {
  console.log("\nDocument lookups (bench/eval-lookup.ts)");
  const seeds = await loadCorpus("data/directives", { maxFileBytes: MAX_FILE });
  const seedGolds = [...seeds.documents.values()].flatMap((d) =>
    d.meta.type && d.meta.number ? [{ docId: d.meta.docId, type: d.meta.type, number: d.meta.number }] : [],
  );
  score("seeds", seeds, seedGolds, verbose);

  const dir = join(SHARED, "realdocs/gazette");
  const goldFile = join(SHARED, "realdocs/gazette-gold.json");
  if (!existsSync(dir) || !existsSync(goldFile)) {
    console.log(`gazette  skipped: ${dir} or ${goldFile} not found`);
    return;
  }
  const gold = JSON.parse(await readFile(goldFile, "utf8")) as Record<
    string,
    { type: string | null; number: string | null; readable: boolean }
  >;
  const corpus = await loadCorpus(dir, { maxFileBytes: MAX_FILE });
  const golds = Object.entries(gold).flatMap(([docId, g]) =>
    g.readable && g.type && g.number ? [{ docId, type: g.type, number: g.number }] : [],
  );
  const loaded = golds.filter((g) => corpus.documents.has(g.docId)).length;
  if (loaded < golds.length)
    console.log(`gazette  ${golds.length - loaded} of ${golds.length} gold documents did not load (counted as misses)`);
  score("gazette", corpus, golds, verbose);
}

if (import.meta.url === `file://${process.argv[1]}`) await evalLookup(process.argv.includes("--verbose"));
