import { answerQuestion, type AnswerSet } from "./answer/build-answer.ts";
import { loadCorpus } from "./corpus/load-corpus.ts";
import type { Corpus } from "./corpus/types.ts";
import type { Config } from "./config.ts";
import { fileURLToPath } from "node:url";
import { buildSearchIndex } from "./search/search-index.ts";
import type { SearchIndex } from "./search/types.ts";

/** The glossary and abbreviation lists ship with the project, whatever DATA_DIR points at. */
export const LEXICON_DIR = fileURLToPath(new URL("../data", import.meta.url));

/** The core every channel shares: the loaded corpus, its index, and asking. */
export interface Engine {
  corpus: Corpus;
  index: SearchIndex;
  ask(question: string, limit: number): AnswerSet;
}

export async function createEngine(config: Pick<Config, "dataDir" | "corpusMaxFileBytes" | "publicBaseUrl">): Promise<Engine> {
  const corpus = await loadCorpus(config.dataDir, { maxFileBytes: config.corpusMaxFileBytes });
  const index = buildSearchIndex(corpus, { glossaryDir: LEXICON_DIR });
  return {
    corpus,
    index,
    ask: (question, limit) => answerQuestion(question, limit, { index, publicBaseUrl: config.publicBaseUrl }),
  };
}
