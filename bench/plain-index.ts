import MiniSearch from "minisearch";
import type { Corpus, Passage } from "../src/corpus/types.ts";
import { fold } from "../src/search/normalize.ts";
import type { SearchIndex } from "../src/search/types.ts";

/** The anchor to beat: MiniSearch with its defaults over the passage text, nothing Vietnamese-aware. */
export function buildPlainIndex(corpus: Corpus): SearchIndex {
  const index = new MiniSearch<Passage>({ fields: ["text"], idField: "id" });
  index.addAll(corpus.passages);
  const byId = new Map(corpus.passages.map((p) => [p.id, p]));
  return {
    passageCount: byId.size,
    search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => {
          const passage = byId.get(String(r.id))!;
          return { passage, document: corpus.documents.get(passage.docId)!, score: r.score, terms: r.terms.map(fold) };
        });
    },
  };
}
