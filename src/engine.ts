import { answerQuestion, type AnswerSet } from "./answer/build-answer.ts";
import { withDuties } from "./answer/with-duties.ts";
import { loadCorpus } from "./corpus/load-corpus.ts";
import type { Corpus, CorpusDocument, Passage } from "./corpus/types.ts";
import { shortKey } from "./answer/short-key.ts";
import type { Config } from "./config.ts";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCitationGraph, type CitationGraph } from "./search/citations.ts";
import { buildAbbreviationIndex } from "./search/abbreviations.ts";
import { ABBREVIATIONS_FILE, extendLexicon, GLOSSARY_FILE, loadLexicon, type Lexicon } from "./search/glossary.ts";
import { VARIANTS_FILE } from "./search/variants.ts";
import { loadIndexCache, type IndexReuse } from "./search/index-reuse.ts";
import { fold } from "./search/normalize.ts";
import { parseQuery } from "./search/parse-query.ts";
import { buildSearchIndex } from "./search/search-index.ts";
import type { QueryOptions, SearchIndex } from "./search/types.ts";

/** The glossary and abbreviation lists ship with the project, whatever DATA_DIR points at. */
export const LEXICON_DIR = fileURLToPath(new URL("../data", import.meta.url));

/** The core every channel shares: the loaded corpus, its index, and asking. */
export interface Engine {
  corpus: Corpus;
  index: SearchIndex;
  /** The one answer path: cited answers with their language and intent, for every channel to render. */
  ask(question: string, limit: number, options?: QueryOptions): AnswerSet;
  /** Passage or document by the short key that buttons and deep links carry. */
  passageByKey(key: string): Passage | undefined;
  documentByKey(key: string): CorpusDocument | undefined;
  /** The lexicon the index was built with (glossary, abbreviations). */
  lexicon: Lexicon;
  /** Which documents cite which (the numbers passages mention), computed once per corpus, on first use. */
  citations(): CitationGraph;
  /** The folded words a question asks about (with this engine's glossary), for highlighting. */
  terms(question: string): string[];
}

export async function createEngine(
  config: Pick<Config, "dataDir" | "corpusMaxFileBytes" | "publicBaseUrl">,
): Promise<Engine> {
  const corpus = await loadCorpus(config.dataDir, { maxFileBytes: config.corpusMaxFileBytes });
  return engineFor(corpus, config.publicBaseUrl);
}

export interface EngineOptions {
  /** Glossary entries admins added (`/glossary add`), on top of data/glossary-en-vi.json. */
  extraGlossary?: readonly { en: string; vi: string[] }[];
  /** Encodings of the previous index (or the index cache): unchanged passages are not encoded again. */
  previous?: IndexReuse | null;
}

const LEXICON_FILES = [GLOSSARY_FILE, ABBREVIATIONS_FILE, VARIANTS_FILE];
let lexiconMemo: { stamp: string; lexicon: Lexicon } | undefined;

/**
 * The project's lexicon, read again only when one of its files changed (size or time): a start reads it twice
 * (index cache, index) and every reload once more, 60 ms each at this size.
 */
function baseLexicon(): Lexicon {
  const stamp = LEXICON_FILES.map((name) => {
    const info = statSync(join(LEXICON_DIR, name), { throwIfNoEntry: false });
    return info ? `${info.size}:${info.mtimeMs}` : "-";
  }).join("|");
  if (lexiconMemo?.stamp !== stamp) lexiconMemo = { stamp, lexicon: loadLexicon(LEXICON_DIR) };
  return lexiconMemo.lexicon;
}

/** The index cache (STATE_DIR/index-cache.bin) for an engine with these options; null when missing or stale. */
export function readIndexCache(path: string, options: EngineOptions = {}): Promise<IndexReuse | null> {
  const lexicon = extendLexicon(baseLexicon(), options.extraGlossary ?? []);
  return loadIndexCache(path, buildAbbreviationIndex(lexicon));
}

/** Indexes an already loaded corpus. */
export function engineFor(corpus: Corpus, publicBaseUrl: string, options: EngineOptions = {}): Engine {
  const lexicon = extendLexicon(baseLexicon(), options.extraGlossary ?? []);
  const built = buildSearchIndex(corpus, { lexicon, ...(options.previous ? { previous: options.previous } : {}) });
  const index = withDuties(built, corpus, lexicon);
  // Built on first use (a button or deep link), not before the first answer: a hash per passage costs ~0.2 s at 50,000.
  let passages: Map<string, Passage> | undefined;
  let documents: Map<string, CorpusDocument> | undefined;
  let citations: CitationGraph | undefined;
  return {
    corpus,
    index,
    lexicon,
    ask: (question, limit, options) => answerQuestion(question, limit, { index, publicBaseUrl }, options),
    passageByKey: (key) => (passages ??= new Map(corpus.passages.map((p) => [shortKey(p.id), p]))).get(key),
    documentByKey: (key) =>
      (documents ??= new Map([...corpus.documents.values()].map((d) => [shortKey(d.meta.docId), d]))).get(key),
    citations: () => (citations ??= buildCitationGraph(corpus)),
    terms: (question) => {
      const concepts = parseQuery(question.normalize("NFC"), lexicon).concepts;
      // A wording's synonyms ("tiêm chủng" for "tiêm vắc xin") are not highlighted: their syllables ("phòng") are
      // everywhere.
      const wordings = concepts.flatMap((c) => (c.scale ? c.alternatives[0]! : c.alternatives.flat()));
      return [...new Set(wordings.map(fold))];
    },
  };
}
