import MiniSearch from "minisearch";
import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import type { Lexicon } from "./glossary.ts";
import { buildAbbreviationIndex } from "./abbreviations.ts";
import { DocumentSearch, processDocumentTerm, type DocumentIndex } from "./document-search.ts";
import { buildPostings, type PostingLists } from "./postings.ts";
import { itemOf } from "./rank.ts";
import { abbreviationFingerprint, signatureOf, type IndexReuse } from "./index-reuse.ts";
import { IdUnion, TermEncoder, TermKind, type EncodedText } from "./term-encoder.ts";
import type { TypoIndex } from "./typo.ts";

export const EMPTY = new Int32Array(0);

export interface Row {
  ids: Int32Array;
  tf: Uint16Array;
  length: number;
}

/** One text's encoding: its term set and its (term, frequency) row. */
export interface Encoded {
  terms: Int32Array;
  row: Row;
}

/** Items: the clauses of one article, the bullets and paragraphs of one numbered item. */
export interface Items {
  ofPassage: Int32Array;
  members: number[][];
  headingTerms: Int32Array[];
  /** The heading's pairs, when it has at least two (EMPTY otherwise). */
  headingBigrams: Int32Array[];
}

/** Everything a built index answers from; the query-time steps (retrieve.ts, typo-correction.ts) read it. */
export interface IndexData {
  corpus: Corpus;
  lexicon: Lexicon;
  encoder: TermEncoder;
  passages: Passage[];
  total: number;
  passageIndex: Map<string, number>;
  /** The encoded metadata (type, number, subject, issuer) of each document. */
  docTerms: Map<string, Int32Array>;
  /** Documents by their metadata, for questions that name one. */
  docSearch: DocumentSearch;
  items: Items;
  /** Each passage's own terms (its text and actor; its heading counts with the item). */
  passageTerms: Int32Array[];
  /** Passages holding each term. Per index, not per encoder: a shared encoder also holds removed passages' terms. */
  df: Int32Array;
  postings: PostingLists;
  headingPostings: PostingLists;
  union: IdUnion;
  /** Made when a question first ranks the item or document (see itemTermsOf, wholeDocTermsOf). */
  itemTerms: (Int32Array | undefined)[];
  wholeDocTerms: Map<string, Int32Array>;
  /** The corpus's words by edit, made at the first question with a word the corpus never uses. */
  typos?: TypoIndex;
}

/** The encoder and the encodings of a previous build, and what this build leaves for the next. */
interface Encoding {
  encoder: TermEncoder;
  previous: IndexReuse | undefined;
  reuse: IndexReuse;
  signatures: NonNullable<IndexReuse["signatures"]>;
}

/** What a question may name a document by: its type, number, subject and issuer. */
function documentText(doc: CorpusDocument): string {
  const m = doc.meta;
  return [m.type, m.number, m.title, m.issuer].filter(Boolean).join(". ");
}

/** (term id, frequency) pairs of the folded syllables and pairs of an encoded text. */
function rowOf(encoded: EncodedText): Row {
  const all = new Int32Array(encoded.fold.length + encoded.bigrams.length);
  all.set(encoded.fold, 0);
  all.set(encoded.bigrams, encoded.fold.length);
  all.sort();
  const ids = new Int32Array(all.length);
  const tf = new Uint16Array(all.length);
  let n = 0;
  for (let r = 0; r < all.length; r++) {
    if (n > 0 && ids[n - 1] === all[r]) tf[n - 1] = Math.min(65535, tf[n - 1]! + 1);
    else {
      ids[n] = all[r]!;
      tf[n++] = 1;
    }
  }
  return { ids: ids.slice(0, n), tf: tf.slice(0, n), length: encoded.fold.length };
}

function startEncoding(lexicon: Lexicon, previousBuild: IndexReuse | undefined): Encoding {
  const abbreviations = buildAbbreviationIndex(lexicon);
  const fingerprint = abbreviationFingerprint(abbreviations);
  const previous = previousBuild?.fingerprint === fingerprint ? previousBuild : undefined;
  // Ids only ever grow, so an index still serving can share its encoder with the one built beside it.
  const encoder = previous?.encoder ?? new TermEncoder(abbreviations, lexicon.respell);
  const signatures: Encoding["signatures"] = new Map();
  const reuse: IndexReuse = { fingerprint, encoder, passages: new Map(), encoded: 0, signatures };
  return { encoder, previous, reuse, signatures };
}

const signature = (enc: Encoding, p: Pick<Passage, "text" | "actor">) =>
  signatureOf(p, enc.previous?.signatures, enc.signatures);

/**
 * A document's metadata or an item's heading, encoded as a passage of that text would be, so the previous build's
 * (or the cache's) encoding serves, and a heading that is also the lead of its item is encoded once.
 */
function encodeStandalone(enc: Encoding, text: string): Encoded {
  const key = signature(enc, { text, actor: null });
  let encoded = enc.reuse.passages.get(key) ?? enc.previous?.passages.get(key);
  if (!encoded) {
    const e = enc.encoder.encode(text);
    encoded = { terms: enc.encoder.set([e.fold, e.exact, e.bigrams], false), row: rowOf(e) };
  }
  enc.reuse.passages.set(key, encoded);
  return encoded;
}

function encodeDocuments(enc: Encoding, corpus: Corpus): Pick<IndexData, "docTerms" | "docSearch"> {
  const docTerms = new Map<string, Int32Array>();
  const docIndex: DocumentIndex = new MiniSearch({ fields: ["meta"], processTerm: processDocumentTerm });
  for (const [docId, doc] of corpus.documents) {
    const text = documentText(doc);
    docTerms.set(docId, encodeStandalone(enc, text).terms);
    docIndex.add({ id: docId, meta: text });
  }
  return { docTerms, docSearch: new DocumentSearch(docIndex, [...corpus.documents.keys()]) };
}

/** Groups passages into items; a passage outside any item is an item of its own. */
function groupItems(passages: Passage[]): Pick<Items, "ofPassage" | "members"> {
  const keys = new Map<string, number>();
  const ofPassage = new Int32Array(passages.length);
  const members: number[][] = [];
  passages.forEach((p, i) => {
    const item = itemOf(p.section);
    const key = item ? `${p.docId}|${item}` : `#${i}`;
    let id = keys.get(key);
    if (id === undefined) {
      id = members.length;
      keys.set(key, id);
      members.push([]);
    }
    ofPassage[i] = id;
    members[id]!.push(i);
  });
  return { ofPassage, members };
}

/**
 * Each passage's terms and row, from the previous build where its text and actor are unchanged. Headings count as
 * context, not as the passage's own words: a continuation paragraph must not win over the one that actually says it.
 */
function encodePassages(enc: Encoding, passages: Passage[]): { terms: Int32Array[]; rows: Row[] } {
  const { encoder, previous, reuse } = enc;
  const terms: Int32Array[] = new Array(passages.length);
  const rows: Row[] = new Array(passages.length);
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i]!;
    const key = signature(enc, p);
    const old = previous?.passages.get(key);
    if (old) {
      terms[i] = old.terms;
      rows[i] = old.row;
    } else {
      const text = encoder.encode(p.actor ? `${p.text}\n${p.actor}` : p.text);
      terms[i] = encoder.set([text.fold, text.exact, text.bigrams], false);
      rows[i] = rowOf(text);
      reuse.encoded++;
    }
    reuse.passages.set(key, { terms: terms[i]!, row: rows[i]! });
  }
  return { terms, rows };
}

function documentFrequencies(passageTerms: Int32Array[], size: number): Int32Array {
  const df = new Int32Array(size);
  for (const terms of passageTerms) for (const id of terms) df[id]! += 1;
  return df;
}

/** The heading terms, pairs and rows of each item (its first passage's heading). */
function encodeHeadings(enc: Encoding, passages: Passage[], members: number[][]) {
  const headingTerms: Int32Array[] = new Array(members.length);
  const headingBigrams: Int32Array[] = new Array(members.length);
  const rows: Row[] = new Array(members.length);
  members.forEach((m, item) => {
    const encoded = encodeStandalone(enc, passages[m[0]!]!.heading ?? "");
    rows[item] = encoded.row;
    const bigrams = encoded.terms.filter((id) => enc.encoder.kind[id] === TermKind.Bigram);
    headingBigrams[item] = bigrams.length >= 2 ? bigrams : EMPTY;
    headingTerms[item] = encoded.terms;
  });
  return { headingTerms, headingBigrams, rows };
}

/**
 * Encodes the corpus (documents, then passages, then item headings: the order the ids are made in) and builds
 * the postings of passages and of item headings.
 */
export function buildIndexData(
  corpus: Corpus,
  lexicon: Lexicon,
  previousBuild?: IndexReuse,
): { data: IndexData; reuse: IndexReuse } {
  const enc = startEncoding(lexicon, previousBuild);
  const { encoder } = enc;
  const passages: Passage[] = corpus.passages;
  const { docTerms, docSearch } = encodeDocuments(enc, corpus);
  const passageIndex = new Map(passages.map((p, i) => [p.id, i]));
  const { ofPassage, members } = groupItems(passages);
  const encoded = encodePassages(enc, passages);
  const df = documentFrequencies(encoded.terms, encoder.size);
  const headings = encodeHeadings(enc, passages, members);
  const data: IndexData = {
    corpus,
    lexicon,
    encoder,
    passages,
    total: passages.length,
    passageIndex,
    docTerms,
    docSearch,
    items: { ofPassage, members, headingTerms: headings.headingTerms, headingBigrams: headings.headingBigrams },
    passageTerms: encoded.terms,
    df,
    // Sized after the headings: they may add terms no passage has.
    union: new IdUnion(encoder.size),
    postings: buildPostings(encoded.rows, encoder.size),
    headingPostings: buildPostings(headings.rows, encoder.size),
    itemTerms: new Array(members.length),
    wholeDocTerms: new Map(),
  };
  return { data, reuse: enc.reuse };
}

/**
 * The terms of a whole item are the union of its heading's and its passages': made when a question first ranks
 * it, not at build time, where they cost more than the postings (a restart waits for the build).
 */
export function itemTermsOf(data: IndexData, item: number): Int32Array {
  let terms = data.itemTerms[item];
  if (!terms) {
    const members = data.items.members[item]!;
    const heading = data.items.headingTerms[item]!;
    terms = members.length === 1 ? heading : data.union.of([heading, ...members.map((m) => data.passageTerms[m]!)]);
    data.itemTerms[item] = terms;
  }
  return terms;
}

/** The terms of a whole document (its metadata and every passage), made as itemTermsOf's are. */
export function wholeDocTermsOf(data: IndexData, docId: string): Int32Array {
  let terms = data.wholeDocTerms.get(docId);
  if (!terms) {
    const doc = data.corpus.documents.get(docId);
    const members = (doc?.passages ?? []).map((p) => data.passageIndex.get(p.id)).filter((i) => i !== undefined);
    terms = data.union.of([data.docTerms.get(docId) ?? EMPTY, ...members.map((m) => data.passageTerms[m]!)]);
    data.wholeDocTerms.set(docId, terms);
  }
  return terms;
}

/** BM25's inverse document frequency of a term id (a term no passage has weighs most). */
export function idf(data: IndexData, id: number | undefined): number {
  const n = id === undefined ? 0 : (data.df[id] ?? 0);
  return Math.log(1 + (data.total - n + 0.5) / (n + 0.5));
}

/** Does this corpus use the term (the shared encoder also knows the words of documents since removed)? */
export const inCorpus = (data: IndexData, id: number): boolean => (data.df[id] ?? 0) > 0;

/** The id of the pair of folded words `x`, `y` ("x_y"), if the encoder has it. */
export function pairId(data: IndexData, x: string | undefined, y: string | undefined): number | undefined {
  return data.encoder.bigramId(data.encoder.foldId(x ?? ""), data.encoder.foldId(y ?? ""));
}
