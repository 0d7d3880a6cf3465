import MiniSearch from "minisearch";
import type { Corpus, Passage } from "../corpus/types.ts";
import { loadLexicon, type Lexicon } from "./glossary.ts";
import { buildAbbreviationIndex, documentText, textTerms, type PassageTerms } from "./index-terms.ts";
import { fold } from "./normalize.ts";
import { parseQuery, type ParsedQuery } from "./parse-query.ts";
import { itemOf, rankCandidates, type Candidate } from "./rank.ts";
import { hasTerm, TermTable } from "./term-table.ts";
import type { SearchHit, SearchIndex, SearchResult } from "./types.ts";

export interface SearchIndexOptions {
  /** Folder holding the glossary and abbreviation JSON (default `data`). */
  glossaryDir?: string;
  lexicon?: Lexicon;
}

interface Indexed {
  id: number;
  text: string;
  actor: string;
  heading: string;
}

/** Candidates re-ranked per query; enough to hold every plausible answer, few enough to stay fast. */
const CANDIDATES = 200;
/**
 * Retrieval asks MiniSearch only for the question's rarest terms: common syllables ("phòng", "quy định") match
 * most passages, cost most and decide nothing. The re-ranking still counts every term.
 */
const RETRIEVAL_TERMS = 14;
const COMMON_SHARE = 0.1;
/** Passages of a document whose number or title the question names, added as candidates. */
const DOC_PASSAGES = 12;
const BOOST = { text: 1, actor: 1.5, heading: 1 };
const EMPTY = new Int32Array(0);

const retrievable = (t: PassageTerms) => t.fold.join(" ");

/** The answer engine's index: Vietnamese-aware terms in MiniSearch, re-ranked by how much of the question a passage covers. */
export function buildSearchIndex(corpus: Corpus, options: SearchIndexOptions = {}): SearchIndex {
  const lexicon = options.lexicon ?? loadLexicon(options.glossaryDir ?? "data");
  const abbreviations = buildAbbreviationIndex(lexicon);
  const table = new TermTable();
  const passages: Passage[] = corpus.passages;
  const total = passages.length;

  const docTerms = new Map<string, Int32Array>();
  const docIndex = new MiniSearch<{ id: string; meta: string }>({ fields: ["meta"], tokenize: (s) => (s ? s.split(" ") : []), processTerm: (t) => t });
  for (const [docId, doc] of corpus.documents) {
    const t = textTerms(documentText(doc), abbreviations);
    docTerms.set(docId, table.set([...t.fold, ...t.exact, ...t.bigram], false));
    docIndex.add({ id: docId, meta: retrievable(t) });
  }

  // Headings repeat for every clause of an article and every bullet of an item: compute their terms once.
  const headingCache = new Map<string, { terms: PassageTerms; ids: Int32Array; bigrams: Int32Array }>();
  const headingOf = (heading: string) => {
    let h = headingCache.get(heading);
    if (!h) {
      const terms = textTerms(heading, abbreviations);
      h = {
        terms,
        ids: table.set([...terms.fold, ...terms.exact, ...terms.bigram], false),
        bigrams: table.set(terms.bigram.filter((b) => !/^(dieu|khoan|diem)_/.test(b)), false),
      };
      headingCache.set(heading, h);
    }
    return h;
  };

  const mini = new MiniSearch<Indexed>({ fields: ["text", "actor", "heading"], storeFields: [], tokenize: (s) => (s ? s.split(" ") : []), processTerm: (t) => t });
  const passageTerms: Int32Array[] = new Array(total);
  const contextMembers = new Map<string, number[]>();
  const contextKeyOf = (p: Passage, i: number) => {
    const item = itemOf(p.section);
    return item ? `${p.docId}|${item}` : `#${i}`;
  };
  for (let i = 0; i < total; i++) {
    const p = passages[i]!;
    const text = textTerms(p.text, abbreviations);
    const actor = textTerms(p.actor ?? "", abbreviations);
    const heading = headingOf(p.heading ?? "");
    // Headings count as context, not as the passage's own words: a continuation paragraph must not win
    // over the paragraph that actually says it.
    passageTerms[i] = table.set([...text.fold, ...text.exact, ...text.bigram, ...actor.fold, ...actor.exact, ...actor.bigram], true);
    mini.add({ id: i, text: retrievable(text), actor: retrievable(actor), heading: retrievable(heading.terms) });
    const key = contextKeyOf(p, i);
    const members = contextMembers.get(key);
    if (members) members.push(i);
    else contextMembers.set(key, [i]);
  }

  // Item context: the union of the terms of every passage of one article or numbered item, and its heading.
  const contextTerms = new Map<string, Int32Array>();
  const contextHeading = new Map<string, Int32Array>();
  for (const [key, members] of contextMembers) {
    const heading = headingOf(passages[members[0]!]!.heading ?? "");
    if (heading.bigrams.length >= 2) contextHeading.set(key, heading.bigrams);
    if (members.length === 1) {
      if (heading.ids.length) contextTerms.set(key, heading.ids);
      continue;
    }
    const union = new Set<number>(heading.ids);
    for (const i of members) for (const id of passageTerms[i]!) union.add(id);
    contextTerms.set(key, Int32Array.from(union).sort());
  }
  headingCache.clear();

  const df = (term: string) => {
    const id = table.ids.get(term);
    return id === undefined ? 0 : table.df[id]!;
  };
  const idf = (term: string) => Math.log(1 + (total - df(term) + 0.5) / (df(term) + 0.5));

  function candidate(index: number, bm25: number): Candidate {
    const passage = passages[index]!;
    const key = contextKeyOf(passage, index);
    return {
      index,
      passage,
      bm25,
      terms: passageTerms[index]!,
      docTerms: docTerms.get(passage.docId) ?? EMPTY,
      itemTerms: contextTerms.get(key) ?? EMPTY,
      headingBigrams: contextHeading.get(key) ?? EMPTY,
    };
  }

  function retrieve(q: ParsedQuery): Candidate[] {
    const foldTerms = new Set<string>();
    for (const c of q.concepts) for (const alt of c.alternatives) for (const s of alt) foldTerms.add(fold(s));
    const present = [...foldTerms].filter((t) => df(t) > 0).sort((a, b) => df(a) - df(b));
    let terms = present.filter((t, k) => k < RETRIEVAL_TERMS && (k < 4 || df(t) <= COMMON_SHARE * total));
    if (terms.length === 0) terms = present.slice(0, RETRIEVAL_TERMS);
    if (terms.length === 0) return [];
    const query = terms.join(" ");
    const results = mini.search(query, {
      boost: q.intent === "who" ? { ...BOOST, actor: 3 } : BOOST,
      combineWith: "OR",
      tokenize: (s) => s.split(" "),
      processTerm: (t) => t,
    });
    const out = results.slice(0, CANDIDATES).map((r) => candidate(r.id as number, r.score));
    // A question naming a document ("Công văn 146", "Luật Cư trú") also looks inside that document.
    const seen = new Set(out.map((c) => c.index));
    const docs = docIndex.search(query, { tokenize: (s) => s.split(" "), processTerm: (t) => t, combineWith: "OR" }).slice(0, 3);
    for (const d of docs) {
      const doc = corpus.documents.get(String(d.id));
      if (!doc || d.score < (docs[0]?.score ?? 0) * 0.8) continue;
      for (const p of doc.passages.slice(0, DOC_PASSAGES)) {
        const index = passageIndex.get(p.id);
        if (index !== undefined && !seen.has(index)) {
          seen.add(index);
          out.push(candidate(index, 0));
        }
      }
    }
    return out;
  }
  const passageIndex = new Map(passages.map((p, i) => [p.id, i]));

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

  return { passageCount: total, search: (raw, limit) => query(raw, limit).hits, query };
}
