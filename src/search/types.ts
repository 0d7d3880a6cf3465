import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Lang } from "../i18n/lang.ts";

export interface SearchHit {
  passage: Passage;
  document: CorpusDocument;
  score: number;
  /** Share of the question's content (weighted by rarity) the passage and its context hold, 0–1. */
  coverage?: number;
  /** Folded query terms (syllables) that this passage contains, for excerpts and highlighting. */
  terms: string[];
  /** Further passages of the same item merged into this answer. */
  merged?: Passage[];
  /** Set when the question names this hit's document: the metadata it asks for, in the question's language. */
  lookup?: { asks: "signer" | "date" | "issuer" | null; lang: Lang };
}

export type Intent = "who" | "number" | "latest" | "content";

export interface SearchResult {
  hits: SearchHit[];
  intent: Intent;
  lang: Lang;
}

export interface QueryOptions {
  /** Search only this document ("Hỏi về văn bản này"). */
  docId?: string;
}

export interface SearchIndex {
  search(query: string, limit: number): SearchHit[];
  /** Full result with the detected intent and language; `search` is its hits. */
  query(query: string, limit: number, options?: QueryOptions): SearchResult;
  readonly passageCount: number;
}
