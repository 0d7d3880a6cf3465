import MiniSearch from "minisearch";
import type { Corpus, Passage } from "../corpus/types.ts";
import { loadLexicon, type Lexicon } from "./glossary.ts";
import { buildAbbreviationIndex, documentText, exactTerm, textTerms } from "./index-terms.ts";
import { fold } from "./normalize.ts";
import { parseQuery, type ParsedQuery } from "./parse-query.ts";
import { itemOf, rankCandidates, type Candidate } from "./rank.ts";
import type { SearchHit, SearchIndex, SearchResult } from "./types.ts";

export interface SearchIndexOptions {
  /** Folder holding the glossary and abbreviation JSON (default `data`). */
  glossaryDir?: string;
  lexicon?: Lexicon;
}

interface IndexedPassage {
  id: number;
  text: string;
  actor: string;
  heading: string;
  doc: string;
}

/** Candidates re-ranked per query; enough to hold every plausible answer, few enough to stay fast. */
const CANDIDATES = 200;
/** Syllables in more than this share of passages are too common to retrieve by ("phòng", "dịch" in a Covid corpus). */
const COMMON_SHARE = 0.35;
const BOOST = { text: 1, actor: 1.5, heading: 1, doc: 0.6 };

export class TermTable {
  readonly ids = new Map<string, number>();
  readonly df: number[] = [];
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.ids.set(term, id);
      this.df.push(0);
    }
    return id;
  }
  /** Sorted unique ids of `terms`, counting document frequency once per call. */
  set(terms: Iterable<string>, countDf: boolean): Int32Array {
    const unique = new Set<number>();
    for (const t of terms) unique.add(this.id(t));
    const arr = Int32Array.from(unique).sort();
    if (countDf) for (const id of arr) this.df[id]! += 1;
    return arr;
  }
}

export function hasTerm(set: Int32Array, id: number | undefined): boolean {
  if (id === undefined) return false;
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The answer engine's index: Vietnamese-aware terms in MiniSearch, re-ranked by how much of the question a passage covers. */
export function buildSearchIndex(corpus: Corpus, options: SearchIndexOptions = {}): SearchIndex {
  const lexicon = options.lexicon ?? loadLexicon(options.glossaryDir ?? "data");
  const abbreviations = buildAbbreviationIndex(lexicon);
  const table = new TermTable();
  const passages: Passage[] = corpus.passages;
  const passageTerms: Int32Array[] = [];
  const docTerms = new Map<string, Int32Array>();
  const docField = new Map<string, string>();

  for (const [docId, doc] of corpus.documents) {
    const t = textTerms(documentText(doc), abbreviations);
    docTerms.set(docId, table.set([...t.fold, ...t.exact, ...t.bigram], false));
    docField.set(docId, [...t.fold, ...t.exact].join(" "));
  }
  const mini = new MiniSearch<IndexedPassage>({
    fields: ["text", "actor", "heading", "doc"],
    storeFields: [],
    tokenize: (s) => (s ? s.split(" ") : []),
    processTerm: (t) => t,
  });
  const batch: IndexedPassage[] = [];
  // Headings count as context, not as the passage's own words: a continuation paragraph must not win
  // over the paragraph that actually says it.
  const headingTerms: Int32Array[] = [];
  const headingBigrams: Int32Array[] = [];
  passages.forEach((p, i) => {
    const text = textTerms(p.text, abbreviations);
    const actor = textTerms(p.actor ?? "", abbreviations);
    const heading = textTerms(p.heading ?? "", abbreviations);
    passageTerms.push(table.set([...text.fold, ...text.exact, ...text.bigram, ...actor.fold, ...actor.exact, ...actor.bigram], true));
    headingTerms.push(table.set([...heading.fold, ...heading.exact, ...heading.bigram], false));
    headingBigrams.push(table.set(heading.bigram.filter((b) => !/^(dieu|khoan|diem)_/.test(b)), false));
    batch.push({
      id: i,
      text: [...text.fold, ...text.exact, ...text.bigram].join(" "),
      actor: [...actor.fold, ...actor.exact, ...actor.bigram].join(" "),
      heading: [...heading.fold, ...heading.exact, ...heading.bigram].join(" "),
      doc: docField.get(p.docId) ?? "",
    });
  });
  mini.addAll(batch);
  const total = passages.length;
  // Item context: the union of the terms of every passage of one article or numbered item, and its heading.
  const contextKeyOf = (p: Passage, i: number) => {
    const item = itemOf(p.section);
    return item ? `${p.docId}|${item}` : `#${i}`;
  };
  const contextMembers = new Map<string, number[]>();
  passages.forEach((p, i) => {
    const key = contextKeyOf(p, i);
    contextMembers.set(key, [...(contextMembers.get(key) ?? []), i]);
  });
  const EMPTY = new Int32Array(0);
  const contextTerms = new Map<string, Int32Array>();
  const contextHeading = new Map<string, Int32Array>();
  for (const [key, members] of contextMembers) {
    const first = headingBigrams[members[0]!]!;
    if (first.length >= 2) contextHeading.set(key, first);
    const union = new Set<number>();
    for (const i of members) {
      if (members.length > 1) for (const id of passageTerms[i]!) union.add(id);
      for (const id of headingTerms[i]!) union.add(id);
    }
    if (union.size) contextTerms.set(key, Int32Array.from(union).sort());
  }
  headingTerms.length = 0;
  headingBigrams.length = 0;

  const idf = (term: string) => {
    const id = table.ids.get(term);
    const df = id === undefined ? 0 : table.df[id]!;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };

  function retrieve(q: ParsedQuery): Candidate[] {
    const foldTerms = new Set<string>();
    const exactTerms = new Set<string>();
    for (const c of q.concepts) {
      for (const alt of c.alternatives) {
        for (const s of alt) {
          foldTerms.add(fold(s));
          if (q.diacritics) exactTerms.add(exactTerm(s));
        }
      }
    }
    const isCommon = (t: string) => {
      const id = table.ids.get(t);
      return id !== undefined && table.df[id]! / Math.max(1, total) > COMMON_SHARE;
    };
    let retrieval = [...foldTerms, ...exactTerms].filter((t) => !isCommon(t.replace(/^=/, "")) && !isCommon(t));
    const bigrams = q.bigrams.filter((b) => table.ids.has(b));
    if (retrieval.length === 0 && bigrams.length === 0) retrieval = [...foldTerms];
    const results = mini.search([...retrieval, ...bigrams].join(" "), {
      fields: ["text", "actor", "heading", "doc"],
      boost: q.intent === "who" ? { ...BOOST, actor: 3 } : BOOST,
      combineWith: "OR",
      prefix: false,
      fuzzy: false,
      tokenize: (s) => s.split(" ").filter(Boolean),
      processTerm: (t) => t,
    });
    return results.slice(0, CANDIDATES).map((r) => {
      const index = r.id as number;
      const passage = passages[index]!;
      return { index, passage, bm25: r.score, terms: passageTerms[index]!, docTerms: docTerms.get(passage.docId)!, itemTerms: contextTerms.get(contextKeyOf(passage, index)) ?? EMPTY, headingBigrams: contextHeading.get(contextKeyOf(passage, index)) ?? EMPTY };
    });
  }

  function latest(limit: number): SearchHit[] {
    const docs = [...corpus.documents.values()].filter((d) => d.passages.length > 0);
    docs.sort((a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? ""));
    return docs.slice(0, limit).map((document) => ({ passage: document.passages[0]!, document, score: 1, terms: [] }));
  }

  function query(raw: string, limit: number): SearchResult {
    const q = parseQuery(raw, lexicon);
    if (q.intent === "latest") return { hits: latest(limit), intent: q.intent, lang: q.lang };
    if (q.concepts.length === 0 || total === 0) return { hits: [], intent: q.intent, lang: q.lang };
    const ranked = rankCandidates(retrieve(q), q, { ids: table.ids, idf, hasTerm });
    const hits = ranked.slice(0, limit).map((r) => ({
      passage: r.passage,
      document: corpus.documents.get(r.passage.docId)!,
      score: r.score,
      coverage: r.coverage,
      terms: r.terms,
      ...(r.merged.length ? { merged: r.merged } : {}),
    }));
    return { hits, intent: q.intent, lang: q.lang };
  }

  return {
    passageCount: total,
    search: (raw, limit) => query(raw, limit).hits,
    query,
  };
}
