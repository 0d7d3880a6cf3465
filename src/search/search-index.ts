import { buildAbbreviationIndex } from "./abbreviations.ts";
import { loadLexicon, type Lexicon } from "./glossary.ts";
import type { Corpus } from "../corpus/types.ts";
import { buildIndexData, idf, inCorpus, pairId, type IndexData } from "./index-data.ts";
import { createPlaceMatcher, createTitleMatcher, type NamedByTitle } from "./named-documents.ts";
import { parseQuery } from "./parse-query.ts";
import { articleHit, parseArticleRef } from "./article-ref.ts";
import { restoreFoldedPhrases } from "./folded-phrases.ts";
import { createDocumentLookup, withLookup, type DocumentLookup, type NamedDocument } from "./lookup.ts";
import { rankCandidates, type Candidate, type RankContext, type Ranked } from "./rank.ts";
import type { IndexReuse } from "./index-reuse.ts";
import { createScratch, retrieve, withinDocument, type Scratch } from "./retrieve.ts";
import { hasTerm } from "./term-encoder.ts";
import { createMarks } from "./term-probe.ts";
import { correctTypos } from "./typo-correction.ts";
import type { QueryOptions, SearchHit, SearchIndex, SearchResult } from "./types.ts";

export type { Row } from "./index-data.ts";

export interface SearchIndexOptions {
  /** Folder holding the glossary and abbreviation JSON (default `data`). */
  glossaryDir?: string;
  lexicon?: Lexicon;
  /** The encodings of a previous build (the index serving, or the index cache): unchanged passages are not encoded again. */
  previous?: IndexReuse;
}

/** What a query reads: the index data, its ranking context, the document lookup and the reused score arrays. */
interface QueryState {
  data: IndexData;
  ctx: RankContext;
  lookup: DocumentLookup;
  scratch: Scratch;
  namedByTitle: NamedByTitle;
  namedByPlace: NamedByTitle;
}

function rankContext(data: IndexData): RankContext {
  const { encoder } = data;
  return {
    foldId: (s) => encoder.foldId(s),
    // Only words this corpus uses: the shared encoder also knows the words of documents since removed.
    exactId: (s) => {
      const id = encoder.exactId(s);
      return id !== undefined && inCorpus(data, id) ? id : undefined;
    },
    bigramId: (a, b) => pairId(data, a, b),
    idf: (id) => idf(data, id),
    hasTerm,
    passages: data.total,
    marks: createMarks(data.encoder.size),
  };
}

/** The newest documents first, each by its first passage ("what is new?"). */
function latest(data: IndexData, limit: number): SearchHit[] {
  const docs = [...data.corpus.documents.values()].filter((d) => d.passages.length > 0);
  docs.sort((a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? ""));
  return docs.slice(0, limit).map((document) => ({ passage: document.passages[0]!, document, score: 1, terms: [] }));
}

function query(state: QueryState, raw: string, limit: number, options: QueryOptions = {}): SearchResult {
  const { data } = state;
  const q = restoreFoldedPhrases(data, correctTypos(data, parseQuery(raw, data.lexicon)));
  // A question naming a document ("Công văn 146", "Ai ký Chỉ thị 21/CT-TTg?") gets it first, before content ranking.
  const named = options.docId ? null : state.lookup.find(raw);
  if (q.intent === "latest" && !options.docId && !named)
    return { hits: latest(data, limit), intent: q.intent, lang: q.lang };
  if ((q.concepts.length === 0 || data.total === 0) && !named) return { hits: [], intent: q.intent, lang: q.lang };
  const found = q.concepts.length ? retrieve(data, state.scratch, q) : [];
  const candidates = options.docId ? withinDocument(data, found, options.docId) : found;
  const byTitle = state.namedByTitle(raw);
  const byPlace = state.namedByPlace(raw);
  const rank = (among: Candidate[]) => rankCandidates(among, q, state.ctx, byTitle, byPlace);
  const ranked = inNamedFirst(data, named, found, rank, rank(candidates));
  const hits: SearchHit[] = ranked.slice(0, limit).map((r) => ({
    passage: r.passage,
    document: data.corpus.documents.get(r.passage.docId)!,
    score: r.score,
    coverage: r.coverage,
    terms: r.terms,
    ...(r.merged.length ? { merged: r.merged } : {}),
  }));
  const looked = named ? withLookup(named, hits, q.lang, limit) : hits;
  return { hits: withNamedArticle(state, raw, named, looked, limit), intent: q.intent, lang: q.lang };
}

/** Answers from inside a named document put before the rest: the card cites its start, these what was asked. */
const IN_NAMED = 2;

/**
 * "Kết quả thực hiện Công văn 146 phải báo cáo về cơ quan nào?": the named document's best passages for the words
 * beyond its reference come first; ranked over the whole corpus, its reporting clause lost to other documents'.
 */
function inNamedFirst(
  data: IndexData,
  named: NamedDocument | null,
  found: Candidate[],
  rank: (among: Candidate[]) => Ranked[],
  ranked: Ranked[],
): Ranked[] {
  if (!named?.asksContent) return ranked;
  const best = rank(withinDocument(data, found, named.document.meta.docId)).slice(0, IN_NAMED);
  if (!best.length) return ranked;
  const ids = new Set(best.map((r) => r.passage.id));
  return [...best, ...ranked.filter((r) => !ids.has(r.passage.id))];
}

/**
 * "Điều 6 của Luật Tiếp cận thông tin …", "khoản 2 Điều 5 Nghị định 111/2022": the article of the named document
 * comes first, whole (its clauses merged into one answer).
 */
function withNamedArticle(
  state: QueryState,
  raw: string,
  named: NamedDocument | null,
  hits: SearchHit[],
  limit: number,
): SearchHit[] {
  const ref = parseArticleRef(raw);
  if (!ref) return hits;
  const byTitle = named ? [] : [...state.namedByTitle(raw)];
  const doc = named?.document ?? (byTitle.length === 1 ? state.data.corpus.documents.get(byTitle[0]!) : undefined);
  const hit = doc && articleHit(doc, ref, Math.max(1, hits[0]?.score ?? 0) + 0.01);
  if (!hit) return hits;
  const cited = new Set([hit.passage, ...(hit.merged ?? [])].map((p) => p.id));
  const own = hits.find((h) => cited.has(h.passage.id));
  return [{ ...hit, terms: own?.terms ?? [] }, ...hits.filter((h) => !cited.has(h.passage.id))].slice(0, limit);
}

/**
 * The answer engine's index. Passages: Vietnamese-aware terms in flat postings, retrieved by BM25 over the
 * question's rarest terms and re-ranked by how much of the question a passage covers. Documents: a MiniSearch
 * index of their metadata, for questions that name a document.
 */
export function buildSearchIndex(corpus: Corpus, options: SearchIndexOptions = {}): SearchIndex {
  const lexicon = options.lexicon ?? loadLexicon(options.glossaryDir ?? "data");
  const { data, reuse } = buildIndexData(corpus, lexicon, options.previous);
  const state: QueryState = {
    data,
    ctx: rankContext(data),
    lookup: createDocumentLookup(corpus),
    scratch: createScratch(data),
    namedByTitle: createTitleMatcher(corpus, buildAbbreviationIndex(lexicon)),
    namedByPlace: createPlaceMatcher(corpus),
  };
  return {
    passageCount: data.total,
    search: (raw, limit) => query(state, raw, limit).hits,
    query: (raw, limit, opts) => query(state, raw, limit, opts),
    reuse,
  };
}
