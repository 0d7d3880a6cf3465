import { answerQuestion, type AnswerSet } from "./answer/build-answer.ts";
import { loadCorpus } from "./corpus/load-corpus.ts";
import type { Corpus } from "./corpus/types.ts";
import type { Config } from "./config.ts";
import { buildSearchIndex, type SearchIndex } from "./search/search-index.ts";

/** The core every channel shares: the loaded corpus, its index, and asking. */
export interface Engine {
  corpus: Corpus;
  index: SearchIndex;
  ask(question: string, limit: number): AnswerSet;
}

export async function createEngine(config: Pick<Config, "dataDir" | "corpusMaxFileBytes" | "publicBaseUrl">): Promise<Engine> {
  const corpus = await loadCorpus(config.dataDir, { maxFileBytes: config.corpusMaxFileBytes });
  const index = buildSearchIndex(corpus);
  return {
    corpus,
    index,
    ask: (question, limit) => answerQuestion(question, limit, { index, publicBaseUrl: config.publicBaseUrl }),
  };
}
