import MiniSearch from "minisearch";
import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import { fold } from "./normalize.ts";

export interface SearchHit {
  passage: Passage;
  document: CorpusDocument;
  score: number;
  /** Folded query terms that matched this passage. */
  terms: string[];
}

export interface SearchIndex {
  search(query: string, limit: number): SearchHit[];
  readonly passageCount: number;
}

interface IndexedPassage {
  id: string;
  text: string;
  heading: string;
  actor: string;
  doc: string;
}

const tokenize = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Plain baseline: folded syllables, BM25 OR-query. The answer engine issue replaces the ranking. */
export function buildSearchIndex(corpus: Corpus): SearchIndex {
  const index = new MiniSearch<IndexedPassage>({
    fields: ["text", "heading", "actor", "doc"],
    storeFields: [],
    tokenize,
    processTerm: (term) => fold(term) || null,
    searchOptions: { boost: { text: 1, actor: 1.5, heading: 0.5, doc: 0.5 }, combineWith: "OR" },
  });
  const byId = new Map<string, Passage>();
  for (const passage of corpus.passages) {
    const doc = corpus.documents.get(passage.docId)!;
    byId.set(passage.id, passage);
    const m = doc.meta;
    index.add({
      id: passage.id,
      text: passage.text,
      heading: passage.heading ?? "",
      actor: passage.actor ?? "",
      doc: [m.type, m.number, m.title, m.issuer].filter(Boolean).join(" "),
    });
  }
  return {
    passageCount: byId.size,
    search(query, limit) {
      if (!query.trim()) return [];
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => {
          const passage = byId.get(String(r.id))!;
          return { passage, document: corpus.documents.get(passage.docId)!, score: r.score, terms: r.terms };
        });
    },
  };
}
