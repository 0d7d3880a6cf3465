/**
 * Answer quality: the dev questions (hit@1, hit@3, MRR, no-answer, who, per language) and ALQAC retrieval
 * (R@1/3/5, MRR), each beside plain MiniSearch defaults over the same passages.
 */
import { readFile, rm } from "node:fs/promises";
import { answerQuestion, type AnswerSet } from "../src/answer/build-answer.ts";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { fold } from "../src/search/normalize.ts";
import { buildPlainIndex } from "./plain-index.ts";
import { RANK_OPTIONS, SMALL_CORPUS_OPTIONS, thresholdsFor } from "../src/search/rank.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";
import type { SearchIndex } from "../src/search/types.ts";
import { ALQAC_SKIPPED, alqacAvailable, SHARED, writeAlqacCorpus } from "./alqac-corpus.ts";
import { evalLookup } from "./eval-lookup.ts";
import { evalAlqacHalves, evalOwn } from "./eval-own.ts";
import { evalRealdocs } from "./eval-realdocs.ts";

interface DevQuestion {
  id: string;
  lang: string;
  q: string;
  gold?: string[];
  who?: string[];
  none?: boolean;
}

type Engine = (q: string, limit: number) => AnswerSet;
const MAX_FILE = 64 * 1024 * 1024;
const LEXICON = process.env.LEXICON_DIR ?? "data";
const verbose = process.argv.includes("--verbose");

function engines(corpus: Corpus, glossaryDir: string): Record<string, Engine> {
  const ours = buildSearchIndex(corpus, { glossaryDir });
  const plain = buildPlainIndex(corpus);
  const make =
    (index: SearchIndex): Engine =>
    (q, limit) =>
      answerQuestion(q, limit, { index, publicBaseUrl: "http://localhost" });
  return { ours: make(ours), plain: make(plain) };
}

const answerText = (a: AnswerSet["answers"][number]) =>
  fold([a.excerpt, a.passage, a.title, a.number, a.section].join(" \n "));

async function evalDev(): Promise<void> {
  const lines = (await readFile("bench/data/dev.jsonl", "utf8")).split("\n").filter(Boolean);
  const questions = lines.map((l) => JSON.parse(l) as DevQuestion);
  const corpus = await loadCorpus("data/directives", { maxFileBytes: MAX_FILE });
  const rows: string[] = [];
  for (const [name, ask] of Object.entries(engines(corpus, LEXICON))) {
    const byLang = new Map<string, { n: number; h1: number; h3: number; rr: number }>();
    let n = 0,
      h1 = 0,
      h3 = 0,
      rr = 0,
      none = 0,
      noneOk = 0,
      whoN = 0,
      whoOk = 0;
    for (const q of questions) {
      const set = ask(q.q, 5);
      if (q.none) {
        none++;
        if (set.answers.length === 0) noneOk++;
        else if (verbose && name === "ours")
          console.log(`  [no-answer miss] ${q.id} ${q.q} → ${set.answers[0]!.docId}#${set.answers[0]!.section}`);
        continue;
      }
      const gold = (q.gold ?? []).map(fold);
      const rank = set.answers.findIndex((a) => gold.some((g) => answerText(a).includes(g))) + 1;
      n++;
      if (rank === 1) h1++;
      if (rank >= 1 && rank <= 3) h3++;
      if (rank >= 1) rr += 1 / rank;
      const lang = byLang.get(q.lang) ?? { n: 0, h1: 0, h3: 0, rr: 0 };
      lang.n++;
      if (rank === 1) lang.h1++;
      if (rank >= 1 && rank <= 3) lang.h3++;
      if (rank >= 1) lang.rr += 1 / rank;
      byLang.set(q.lang, lang);
      if (q.who) {
        whoN++;
        const who = q.who.map(fold);
        const top = set.answers[0];
        if (top?.actor && who.some((w) => fold(top.actor!).includes(w))) whoOk++;
      }
      if (verbose && name === "ours" && rank !== 1) {
        console.log(`  [rank ${rank || "-"}] ${q.id} ${q.q}`);
        for (const a of set.answers.slice(0, 3))
          console.log(`      ${a.docId}#${a.section} ${a.score} | ${a.excerpt.slice(0, 110)}`);
      }
    }
    const f = (x: number, d: number) => (d ? (x / d).toFixed(2) : "-");
    const langs = [...byLang.entries()]
      .map(([l, s]) => `${l} ${f(s.h1, s.n)}/${f(s.h3, s.n)}/${f(s.rr, s.n)} (n=${s.n})`)
      .join("  ");
    rows.push(
      `${name.padEnd(6)} hit@1 ${f(h1, n)}  hit@3 ${f(h3, n)}  MRR ${f(rr, n)}  no-answer ${noneOk}/${none}  who@1 ${f(whoOk, whoN)} (n=${whoN})\n       per language hit@1/hit@3/MRR: ${langs}`,
    );
  }
  console.log(`Dev set (${questions.length} questions, bench/data/dev.jsonl)`);
  for (const r of rows) console.log(r);

  // Users often type without marks: the same Vietnamese questions, folded, must do as well.
  const vi = questions.filter((q) => q.lang === "vi" && !q.none);
  const ours = engines(corpus, LEXICON).ours!;
  const hitsAt = (fn: (q: DevQuestion) => string) => {
    let h1 = 0,
      h3 = 0;
    for (const q of vi) {
      const gold = (q.gold ?? []).map(fold);
      const rank = ours(fn(q), 5).answers.findIndex((a) => gold.some((g) => answerText(a).includes(g))) + 1;
      if (rank === 1) h1++;
      if (rank >= 1 && rank <= 3) h3++;
    }
    return `hit@1 ${(h1 / vi.length).toFixed(2)}  hit@3 ${(h3 / vi.length).toFixed(2)}`;
  };
  // The no-answer trade-off: our own off-topic questions must get [], in-domain ones must not.
  const offTopic = (await readFile("bench/off-topic.txt", "utf8"))
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
  for (const [name, ask] of Object.entries(engines(corpus, LEXICON))) {
    const refused = offTopic.filter((q) => ask(q, 5).answers.length === 0).length;
    const inDomain = questions.filter((q) => !q.none);
    const answered = inDomain.filter((q) => ask(q.q, 5).answers.length > 0).length;
    console.log(
      `${name.padEnd(6)} no-answer on bench/off-topic.txt ${refused}/${offTopic.length}; in-domain dev questions answered ${answered}/${inDomain.length}`,
    );
  }
  // The same trade-off across flat coverage thresholds of the no-answer rule; shipped, it grows with corpus size.
  const shipped = { large: RANK_OPTIONS.minCoverage, small: SMALL_CORPUS_OPTIONS.minCoverage };
  const seedPassages = corpus.passages.length;
  const sweep: string[] = [
    `shipped: ${thresholdsFor(seedPassages).minCoverage.toFixed(2)} at these ${seedPassages} passages (${shipped.small} at ${SMALL_CORPUS_OPTIONS.smallCorpus} → ${shipped.large} at ${SMALL_CORPUS_OPTIONS.largeCorpus})`,
  ];
  for (const t of [0.5, 0.6, 0.7, 0.8]) {
    RANK_OPTIONS.minCoverage = t;
    SMALL_CORPUS_OPTIONS.minCoverage = t;
    const refused =
      offTopic.filter((q) => ours(q, 5).answers.length === 0).length +
      questions.filter((q) => q.none && ours(q.q, 5).answers.length === 0).length;
    const inDomain = questions.filter((q) => !q.none);
    const answered = inDomain.filter((q) => ours(q.q, 5).answers.length > 0).length;
    sweep.push(
      ` ${t.toFixed(1)}: off-topic refused ${refused}/${offTopic.length + 3}, in-domain answered ${answered}/${inDomain.length}`,
    );
  }
  RANK_OPTIONS.minCoverage = shipped.large;
  SMALL_CORPUS_OPTIONS.minCoverage = shipped.small;
  console.log(`ours   no-answer threshold (coverage) trade-off:\n         ${sweep.join("\n         ")}`);
  console.log(
    `ours   the ${vi.length} Vietnamese questions with marks: ${hitsAt((q) => q.q)};  typed without marks: ${hitsAt((q) => fold(q.q))}`,
  );
}

async function evalAlqac(): Promise<void> {
  const { dir, questions } = await writeAlqacCorpus();
  try {
    const corpus = await loadCorpus(dir, { maxFileBytes: MAX_FILE });
    console.log(
      `\nALQAC (${questions.length} questions, ${corpus.documents.size} laws, ${corpus.passages.length} passages)`,
    );
    for (const [name, ask] of Object.entries(engines(corpus, LEXICON))) {
      let r1 = 0,
        r3 = 0,
        r5 = 0,
        rr = 0;
      for (const q of questions) {
        const set = ask(q.text, 5);
        const rank =
          set.answers.findIndex((a) =>
            q.relevant_articles.some(
              (g) =>
                a.title === g.law_id &&
                (a.section === `Điều ${g.article_id}` || a.section?.startsWith(`Điều ${g.article_id},`)),
            ),
          ) + 1;
        if (rank === 1) r1++;
        if (verbose && name === "ours" && rank !== 1 && process.argv.includes("--alqac-misses")) {
          console.log(
            `  [rank ${rank || "-"}] ${q.text.slice(0, 140)} → gold ${q.relevant_articles.map((g) => `${g.law_id} Điều ${g.article_id}`).join(", ")}`,
          );
          for (const a of set.answers.slice(0, 3))
            console.log(`      ${a.title} ${a.section} ${a.score} | ${a.excerpt.slice(0, 90)}`);
        }
        if (rank >= 1 && rank <= 3) r3++;
        if (rank >= 1 && rank <= 5) r5++;
        if (rank >= 1) rr += 1 / rank;
      }
      const n = questions.length;
      console.log(
        `${name.padEnd(6)} R@1 ${(r1 / n).toFixed(2)}  R@3 ${(r3 / n).toFixed(2)}  R@5 ${(r5 / n).toFixed(2)}  MRR ${(rr / n).toFixed(3)}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await evalDev();
// ALQAC lives in ../shared (optional): skipped in one line when absent.
const withAlqac = !process.argv.includes("--dev-only") && alqacAvailable();
if (!process.argv.includes("--dev-only") && !withAlqac) console.log(`\n${ALQAC_SKIPPED}`);
if (withAlqac) await evalAlqac();
if (!process.argv.includes("--dev-only")) await evalLookup(verbose);
if (!process.argv.includes("--dev-only")) await evalOwn();
if (withAlqac) await evalAlqacHalves();
if (!process.argv.includes("--dev-only")) await evalRealdocs(SHARED, verbose);
