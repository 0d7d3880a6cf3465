/**
 * Quality on questions the engine was not fitted to: our own question set (bench/data/own.jsonl, seeds and the
 * real gazette documents) and the 400 ALQAC dev questions, each split into a tuning half and a held-out half.
 * Every threshold or weight is chosen on the tuning half; both halves are printed so the lead can see the gap.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnswerSet } from "../src/answer/build-answer.ts";
import { engineFor } from "../src/engine.ts";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { loadLexicon } from "../src/search/glossary.ts";
import { fold } from "../src/search/normalize.ts";
import { uncoveredEnglishWords } from "../src/search/parse-query.ts";
import { SHARED, writeAlqacCorpus, type AlqacQuestion } from "./alqac-corpus.ts";

export interface OwnQuestion {
  id: string;
  lang: "vi" | "vi-nodiac" | "en";
  q: string;
  gold?: string[];
  who?: string[];
  none?: boolean;
  /** "gazette": answered by a document of ../shared/realdocs/gazette, not by the seeds. */
  corpus?: "gazette";
  /** "spelling": loanword spellings, abbreviations or typos. */
  tags?: string[];
}

type Ask = (q: string) => AnswerSet;
const MAX_FILE = 64 * 1024 * 1024;
const GAZETTE = join(SHARED, "realdocs/gazette");
const verbose = process.argv.includes("--verbose");

/** The tuning half: odd-numbered ids (own001, own003, …) and even positions of ALQAC. */
export const isTuning = (id: string) => Number(id.replace(/\D/g, "")) % 2 === 1;

/** Seeds and, when ../shared is present, the gazette texts, as one corpus folder of links. */
async function ownCorpus(withGazette = true): Promise<{ corpus: Corpus; gazette: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), "own-corpus-"));
  try {
    const link = async (from: string, names: string[]) => {
      for (const n of names) await symlink(join(from, n), join(dir, n));
    };
    await link(join(process.cwd(), "data/directives"), await readdir("data/directives"));
    const gazette = withGazette && existsSync(GAZETTE);
    if (gazette)
      await link(
        GAZETTE,
        (await readdir(GAZETTE)).filter((n) => n.endsWith(".txt")),
      );
    return { corpus: await loadCorpus(dir, { maxFileBytes: MAX_FILE }), gazette };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rank (1-based) of the first answer whose passage holds a gold phrase; 0 when none does. */
function rankOf(set: AnswerSet, gold: string[]): number {
  const phrases = gold.map(fold);
  return set.answers.findIndex((a) => phrases.some((g) => fold(`${a.passage}\n${a.excerpt}`).includes(g))) + 1;
}

interface Tally {
  n: number;
  h1: number;
  h3: number;
  rr: number;
}
const tally = (): Tally => ({ n: 0, h1: 0, h3: 0, rr: 0 });
function add(t: Tally, rank: number): void {
  t.n++;
  if (rank === 1) t.h1++;
  if (rank >= 1 && rank <= 3) t.h3++;
  if (rank >= 1) t.rr += 1 / rank;
}
const f2 = (x: number, d: number) => (d ? (x / d).toFixed(2) : "-");
const show = (t: Tally) => `hit@1 ${f2(t.h1, t.n)}  hit@3 ${f2(t.h3, t.n)}  MRR ${f2(t.rr, t.n)} (n=${t.n})`;

function scoreOwn(questions: OwnQuestion[], ask: Ask): Map<string, Tally> {
  const groups = new Map<string, Tally>();
  const bump = (key: string, rank: number) => {
    const t = groups.get(key) ?? tally();
    add(t, rank);
    groups.set(key, t);
  };
  for (const q of questions) {
    if (q.none) continue;
    const set = ask(q.q);
    const rank = rankOf(set, q.gold ?? []);
    const half = isTuning(q.id) ? "tuning" : "held-out";
    for (const key of ["all", half, q.lang, q.corpus ?? "seeds", ...(q.tags ?? [])]) bump(key, rank);
    if (verbose && rank !== 1) {
      console.log(`  [rank ${rank || "-"}] ${q.id} ${q.q}`);
      for (const a of set.answers.slice(0, 3))
        console.log(`      ${a.docId}#${a.section} ${a.score} | ${a.excerpt.slice(0, 100)}`);
    }
  }
  return groups;
}

export async function evalOwn(): Promise<void> {
  const all = (await readFile("bench/data/own.jsonl", "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OwnQuestion);
  const { corpus, gazette } = await ownCorpus();
  const questions = gazette ? all : all.filter((q) => q.corpus !== "gazette");
  console.log(
    `\nOwn set (bench/data/own.jsonl, ${questions.length} questions; ${corpus.documents.size} documents, ${corpus.passages.length} passages)`,
  );
  if (!gazette) console.log(`  skipped ${all.length - questions.length} gazette questions: ${GAZETTE} is absent`);
  // What users get: the engine every channel asks (assignments, validity, lookups on top of ranking).
  const engine = engineFor(corpus, "http://localhost");
  const ask: Ask = (q) => engine.ask(q, 5);

  const groups = scoreOwn(questions, ask);
  for (const key of ["all", "tuning", "held-out", "seeds", "gazette", "vi", "vi-nodiac", "en", "spelling"]) {
    const t = groups.get(key);
    if (t) console.log(`  ${key.padEnd(9)} ${show(t)}`);
  }
  // The same Vietnamese questions typed without marks must do exactly as well.
  const marked = questions.filter((q) => q.lang === "vi" && !q.none);
  const withMarks = tally();
  const withoutMarks = tally();
  for (const q of marked) {
    add(withMarks, rankOf(ask(q.q), q.gold ?? []));
    add(withoutMarks, rankOf(ask(fold(q.q)), q.gold ?? []));
  }
  console.log(
    `  the ${marked.length} questions with marks: ${show(withMarks)};  typed without marks: ${show(withoutMarks)}`,
  );

  const offTopic = questions.filter((q) => q.none);
  const refusedBy = (half: string) =>
    offTopic.filter((q) => (half === "tuning") === isTuning(q.id)).filter((q) => ask(q.q).answers.length === 0).length;
  const count = (half: string) => offTopic.filter((q) => (half === "tuning") === isTuning(q.id)).length;
  const inDomain = questions.filter((q) => !q.none);
  const refusedReal = inDomain.filter((q) => ask(q.q).answers.length === 0);
  console.log(
    `  off-topic refused ${refusedBy("tuning") + refusedBy("held-out")}/${offTopic.length} (tuning ${refusedBy("tuning")}/${count("tuning")}, held-out ${refusedBy("held-out")}/${count("held-out")}); in-domain refused ${refusedReal.length}/${inDomain.length}`,
  );
  if (verbose) for (const q of refusedReal) console.log(`  [refused] ${q.id} ${q.q}`);
  for (const q of offTopic) {
    const set = ask(q.q);
    if (verbose && set.answers.length)
      console.log(`  [answered off-topic] ${q.id} ${q.q} → ${set.answers[0]!.docId}#${set.answers[0]!.section}`);
  }

  const lexicon = loadLexicon(process.env.LEXICON_DIR ?? "data");
  const uncovered = new Map<string, number>();
  for (const q of questions.filter((x) => x.lang === "en" && !x.none))
    for (const w of uncoveredEnglishWords(q.q, lexicon)) uncovered.set(w, (uncovered.get(w) ?? 0) + 1);
  const words = [...uncovered.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(
    `  English content words the glossary does not cover (${words.length}): ${words.map(([w, n]) => (n > 1 ? `${w}×${n}` : w)).join(", ") || "none"}`,
  );
  await evalSeedsAlone(all);
}

/** The seed questions against the five seed directives alone: a unit's own small corpus, as deployed first. */
async function evalSeedsAlone(all: OwnQuestion[]): Promise<void> {
  const { corpus } = await ownCorpus(false);
  const engine = engineFor(corpus, "http://localhost");
  const ask: Ask = (q) => engine.ask(q, 5);
  const questions = all.filter((q) => q.corpus !== "gazette");
  console.log(
    `\nOwn set, seed questions on the seeds alone (${corpus.documents.size} documents, ${corpus.passages.length} passages)`,
  );
  const groups = scoreOwn(questions, ask);
  for (const key of ["all", "tuning", "held-out", "vi", "vi-nodiac", "en", "spelling"]) {
    const t = groups.get(key);
    if (t) console.log(`  ${key.padEnd(9)} ${show(t)}`);
  }
  const offTopic = questions.filter((q) => q.none);
  const refused = offTopic.filter((q) => ask(q.q).answers.length === 0).length;
  const inDomain = questions.filter((q) => !q.none);
  const refusedReal = inDomain.filter((q) => ask(q.q).answers.length === 0).length;
  console.log(`  off-topic refused ${refused}/${offTopic.length}; in-domain refused ${refusedReal}/${inDomain.length}`);
}

const articleMatch = (q: AlqacQuestion, a: AnswerSet["answers"][number]) =>
  q.relevant_articles.some(
    (g) =>
      a.title === g.law_id && (a.section === `Điều ${g.article_id}` || a.section?.startsWith(`Điều ${g.article_id},`)),
  );

/** ALQAC's 400 dev questions, halves by position: even positions tune, odd positions are held out. */
export async function evalAlqacHalves(): Promise<void> {
  if (!existsSync(join(SHARED, "bench/alqac/articles.json"))) {
    console.log(`\nALQAC halves: skipped, ${join(SHARED, "bench/alqac")} is absent`);
    return;
  }
  const { dir, questions } = await writeAlqacCorpus();
  try {
    const corpus = await loadCorpus(dir, { maxFileBytes: MAX_FILE });
    const engine = engineFor(corpus, "http://localhost");
    const halves = [0, 1].map(() => ({ n: 0, r1: 0, r3: 0, r5: 0, rr: 0, refused: 0 }));
    questions.forEach((q, i) => {
      const set = engine.ask(q.text, 5);
      const rank = set.answers.findIndex((a) => articleMatch(q, a)) + 1;
      const h = halves[i % 2]!;
      h.n++;
      if (rank === 1) h.r1++;
      if (rank >= 1 && rank <= 3) h.r3++;
      if (rank >= 1 && rank <= 5) h.r5++;
      if (rank >= 1) h.rr += 1 / rank;
      if (set.answers.length === 0) h.refused++;
      if (verbose && process.argv.includes("--alqac-misses") && rank !== 1) {
        console.log(
          `  [rank ${rank || "-"}] #${i} ${q.text.slice(0, 150)} → gold ${q.relevant_articles.map((g) => `${g.law_id} Điều ${g.article_id}`).join(", ")}`,
        );
        for (const a of set.answers.slice(0, 3))
          console.log(`      ${a.title} ${a.section} ${a.score} | ${a.excerpt.slice(0, 90)}`);
      }
    });
    const line = (h: (typeof halves)[number]) =>
      `R@1 ${f2(h.r1, h.n)}  R@3 ${f2(h.r3, h.n)}  R@5 ${f2(h.r5, h.n)}  MRR ${(h.rr / h.n).toFixed(3)}  refused ${h.refused} (n=${h.n})`;
    const sum = halves.reduce((s, h) => ({
      n: s.n + h.n,
      r1: s.r1 + h.r1,
      r3: s.r3 + h.r3,
      r5: s.r5 + h.r5,
      rr: s.rr + h.rr,
      refused: s.refused + h.refused,
    }));
    console.log(`\nALQAC dev by half (${questions.length} questions)`);
    console.log(`  all      ${line(sum)}`);
    console.log(`  tuning   ${line(halves[0]!)}`);
    console.log(`  held-out ${line(halves[1]!)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
