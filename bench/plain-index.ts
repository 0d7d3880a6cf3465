import MiniSearch from "minisearch";
import type { Corpus, Passage } from "../src/corpus/types.ts";
import { fold } from "../src/search/normalize.ts";
import { detectLanguage } from "../src/search/parse-query.ts";
import type { SearchHit, SearchIndex } from "../src/search/types.ts";

/** The anchor to beat: MiniSearch with its defaults over the passage text, nothing Vietnamese-aware. */
export function buildPlainIndex(corpus: Corpus): SearchIndex {
  const index = new MiniSearch<Passage>({ fields: ["text"], idField: "id" });
  index.addAll(corpus.passages);
  const byId = new Map(corpus.passages.map((p) => [p.id, p]));
  const search = (query: string, limit: number): SearchHit[] =>
    index
      .search(query)
      .slice(0, limit)
      .map((r) => {
        const passage = byId.get(String(r.id))!;
        return { passage, document: corpus.documents.get(passage.docId)!, score: r.score, terms: r.terms.map(fold) };
      });
  return {
    passageCount: byId.size,
    search,
    // The baseline knows no intents; its language is the plain detector's, without the glossary.
    query: (query, limit) => ({ hits: search(query, limit), intent: "content", lang: detectLanguage(query) }),
  };
}
