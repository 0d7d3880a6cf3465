import MiniSearch from "minisearch";
import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import { loadLexicon, type Lexicon } from "./glossary.ts";
import { buildAbbreviationIndex } from "./abbreviations.ts";
import { fold } from "./normalize.ts";
import { parseQuery, TYPO_WEIGHT, type ParsedQuery } from "./parse-query.ts";
import { createDocumentLookup, withLookup } from "./lookup.ts";
import { accumulate, buildPostings, postingCount, topRows, touchedFor } from "./postings.ts";
import { itemOf, rankCandidates, type Candidate, type RankContext } from "./rank.ts";
import { abbreviationFingerprint, signatureOf, type IndexReuse } from "./index-reuse.ts";
import { hasTerm, IdUnion, TermEncoder, TermKind, type EncodedText } from "./term-encoder.ts";
import { TYPO_FREE_LENGTH, TYPO_MIN_LENGTH, TypoIndex } from "./typo.ts";
import type { QueryOptions, SearchHit, SearchIndex, SearchResult } from "./types.ts";

export interface SearchIndexOptions {
  /** Folder holding the glossary and abbreviation JSON (default `data`). */
  glossaryDir?: string;
  lexicon?: Lexicon;
  /** The encodings of a previous build (the index serving, or the index cache): unchanged passages are not encoded again. */
  previous?: IndexReuse;
}

/** Candidates re-ranked per query; enough to hold every plausible answer, few enough to stay fast. */
const CANDIDATES = 100;
/**
 * Retrieval reads the postings of the question's rarest terms only, up to this many postings in all: common
 * syllables ("phòng", "quy định") cost most and decide nothing. The re-ranking still counts every term.
 */
const POSTINGS_BUDGET = 35_000;
/** Items whose heading matched, passed on to their passages: the best few are enough. */
const HEADING_ITEMS = 300;
const MIN_RETRIEVAL_TERMS = 4;
/** A term of the item's heading (an article's title) weighs this much, in retrieval, for each of its passages. */
const HEADING_WEIGHT = 0.8;
/** Passages of a document whose number or title the question names, added as candidates. */
const DOC_PASSAGES = 12;
const EMPTY = new Int32Array(0);

export interface Row {
  ids: Int32Array;
  tf: Uint16Array;
  length: number;
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

/**
 * The answer engine's index. Passages: Vietnamese-aware terms in flat postings, retrieved by BM25 over the
 * question's rarest terms and re-ranked by how much of the question a passage covers. Documents: a MiniSearch
 * index of their metadata, for questions that name a document.
 */
export function buildSearchIndex(corpus: Corpus, options: SearchIndexOptions = {}): SearchIndex {
  const lexicon = options.lexicon ?? loadLexicon(options.glossaryDir ?? "data");
  const abbreviations = buildAbbreviationIndex(lexicon);
  const fingerprint = abbreviationFingerprint(abbreviations);
  const previous = options.previous?.fingerprint === fingerprint ? options.previous : undefined;
  // Ids only ever grow, so an index still serving can share its encoder with the one built beside it.
  const encoder = previous?.encoder ?? new TermEncoder(abbreviations, lexicon.respell);
  const signatures: NonNullable<IndexReuse["signatures"]> = new Map();
  const reuse: IndexReuse = { fingerprint, encoder, passages: new Map(), encoded: 0, signatures };
  const signature = (p: Pick<Passage, "text" | "actor">) => signatureOf(p, previous?.signatures, signatures);
  const passages: Passage[] = corpus.passages;
  const total = passages.length;

  const docTerms = new Map<string, Int32Array>();
  const docIndex = new MiniSearch<{ id: string; meta: string }>({
    fields: ["meta"],
    processTerm: (t) => fold(t) || null,
  });
  for (const [docId, doc] of corpus.documents) {
    const text = documentText(doc);
    // Encoded as a passage of that text would be, so the previous build's (or the cache's) encoding serves.
    const key = signature({ text, actor: null });
    let encoded = previous?.passages.get(key);
    if (!encoded) {
      const e = encoder.encode(text);
      encoded = { terms: encoder.set([e.fold, e.exact, e.bigrams], false), row: rowOf(e) };
    }
    reuse.passages.set(key, encoded);
    docTerms.set(docId, encoded.terms);
    docIndex.add({ id: docId, meta: text });
  }

  const passageIndex = new Map(passages.map((p, i) => [p.id, i]));
  // Items: the clauses of one article, the bullets and paragraphs of one numbered item. A passage outside any item
  // is an item of its own.
  const itemKeys = new Map<string, number>();
  const itemOfPassage = new Int32Array(total);
  const itemMembers: number[][] = [];
  passages.forEach((p, i) => {
    const item = itemOf(p.section);
    const key = item ? `${p.docId}|${item}` : `#${i}`;
    let id = itemKeys.get(key);
    if (id === undefined) {
      id = itemMembers.length;
      itemKeys.set(key, id);
      itemMembers.push([]);
    }
    itemOfPassage[i] = id;
    itemMembers[id]!.push(i);
  });
  itemKeys.clear();

  // Headings count as context, not as the passage's own words: a continuation paragraph must not win over the
  // paragraph that actually says it.
  const passageTerms: Int32Array[] = new Array(total);
  const rows: Row[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const p = passages[i]!;
    const key = signature(p);
    const old = previous?.passages.get(key);
    if (old) {
      passageTerms[i] = old.terms;
      rows[i] = old.row;
    } else {
      const text = encoder.encode(p.actor ? `${p.text}\n${p.actor}` : p.text);
      passageTerms[i] = encoder.set([text.fold, text.exact, text.bigrams], false);
      rows[i] = rowOf(text);
      reuse.encoded++;
    }
    reuse.passages.set(key, { terms: passageTerms[i]!, row: rows[i]! });
  }
  // Per index, not per encoder: a shared encoder also holds the terms of passages this corpus no longer has.
  const df = new Int32Array(encoder.size);
  for (const terms of passageTerms) for (const id of terms) df[id]! += 1;
  const itemHeadingTerms: Int32Array[] = new Array(itemMembers.length);
  const itemHeadingBigrams: Int32Array[] = new Array(itemMembers.length);
  const headingRows: Row[] = new Array(itemMembers.length);
  itemMembers.forEach((members, item) => {
    // A heading is encoded as a passage of that text would be (it often is one: the lead of its item).
    const headingText = passages[members[0]!]!.heading ?? "";
    const key = signature({ text: headingText, actor: null });
    let encoded = reuse.passages.get(key) ?? previous?.passages.get(key);
    if (!encoded) {
      const heading = encoder.encode(headingText);
      encoded = { terms: encoder.set([heading.fold, heading.exact, heading.bigrams], false), row: rowOf(heading) };
    }
    reuse.passages.set(key, encoded);
    const headingIds = encoded.terms;
    headingRows[item] = encoded.row;
    const bigrams = headingIds.filter((id) => encoder.kind[id] === TermKind.Bigram);
    itemHeadingBigrams[item] = bigrams.length >= 2 ? bigrams : EMPTY;
    itemHeadingTerms[item] = headingIds;
  });
  // The terms of a whole item and of a whole document are unions of their passages': made when a question first
  // ranks one of them, not at build time, where they cost more than the postings (a restart waits for the build).
  const union = new IdUnion(encoder.size);
  const itemTerms: (Int32Array | undefined)[] = new Array(itemMembers.length);
  const itemTermsOf = (item: number): Int32Array => {
    let terms = itemTerms[item];
    if (!terms) {
      const members = itemMembers[item]!;
      const heading = itemHeadingTerms[item]!;
      terms = members.length === 1 ? heading : union.of([heading, ...members.map((m) => passageTerms[m]!)]);
      itemTerms[item] = terms;
    }
    return terms;
  };
  const wholeDocTerms = new Map<string, Int32Array>();
  const wholeDocTermsOf = (docId: string): Int32Array => {
    let terms = wholeDocTerms.get(docId);
    if (!terms) {
      const doc = corpus.documents.get(docId);
      const members = (doc?.passages ?? []).map((p) => passageIndex.get(p.id)).filter((i) => i !== undefined);
      terms = union.of([docTerms.get(docId) ?? EMPTY, ...members.map((m) => passageTerms[m]!)]);
      wholeDocTerms.set(docId, terms);
    }
    return terms;
  };
  const postings = buildPostings(rows, encoder.size);
  const headingPostings = buildPostings(headingRows, encoder.size);
  headingRows.length = 0;

  const idf = (id: number | undefined) => {
    const n = id === undefined ? 0 : (df[id] ?? 0);
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  };
  const ctx: RankContext = {
    foldId: (s) => encoder.foldId(s),
    // Only words this corpus uses: the shared encoder also knows the words of documents since removed.
    exactId: (s) => {
      const id = encoder.exactId(s);
      return id !== undefined && (df[id] ?? 0) > 0 ? id : undefined;
    },
    bigramId: (a, b) => encoder.bigramId(encoder.foldId(a), encoder.foldId(b)),
    idf,
    hasTerm,
    passages: total,
  };

  // One score array reused by every query: questions are answered one at a time on this thread.
  const scores = new Float64Array(total);
  const itemScores = new Float64Array(itemMembers.length);
  const touched = touchedFor(total);
  const touchedItems = touchedFor(itemMembers.length);

  function candidate(index: number, bm25: number): Candidate {
    const passage = passages[index]!;
    const item = itemOfPassage[index]!;
    return {
      index,
      passage,
      bm25,
      terms: passageTerms[index]!,
      docTerms: docTerms.get(passage.docId) ?? EMPTY,
      itemTerms: itemTermsOf(item),
      headingBigrams: itemHeadingBigrams[item]!,
      wholeDocTerms: wholeDocTermsOf(passage.docId),
    };
  }

  function retrieve(q: ParsedQuery): Candidate[] {
    const ids = new Set<number>();
    for (const c of q.concepts)
      for (const alt of c.alternatives)
        for (const s of alt) {
          const id = encoder.foldId(fold(s));
          if (id !== undefined) ids.add(id);
        }
    for (const b of q.bigrams) {
      const [x, y] = b.split("_");
      const id = encoder.bigramId(encoder.foldId(x ?? ""), encoder.foldId(y ?? ""));
      if (id !== undefined) ids.add(id);
    }
    const byRarity = [...ids].filter((id) => (df[id] ?? 0) > 0).sort((a, b) => df[a]! - df[b]!);
    touched.count = 0;
    touchedItems.count = 0;
    let budget = POSTINGS_BUDGET;
    byRarity.forEach((id, k) => {
      const cost = postingCount(postings, id) + postingCount(headingPostings, id);
      if (k >= MIN_RETRIEVAL_TERMS && cost > budget) return;
      budget -= cost;
      const weight = idf(id) * (encoder.kind[id] === TermKind.Bigram ? 1.5 : 1);
      accumulate(postings, id, weight, scores, touched);
      accumulate(headingPostings, id, weight * HEADING_WEIGHT, itemScores, touchedItems);
    });
    for (const item of topRows(itemScores, touchedItems, HEADING_ITEMS)) {
      for (const m of itemMembers[item]!) {
        if (scores[m] === 0) touched.rows[touched.count++] = m;
        scores[m]! += itemScores[item]!;
      }
    }
    for (let t = 0; t < touchedItems.count; t++) itemScores[touchedItems.rows[t]!] = 0;
    const best = topRows(scores, touched, CANDIDATES);
    const out = best.map((i) => candidate(i, scores[i]!));
    for (let t = 0; t < touched.count; t++) scores[touched.rows[t]!] = 0;

    // A question naming a document ("Công văn 146", "Luật Cư trú") also looks inside that document.
    const seen = new Set(best);
    const docs = docIndex
      .search(q.concepts.flatMap((c) => c.alternatives[0] ?? []).join(" "), { combineWith: "OR" })
      .slice(0, 3);
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

  const lookup = createDocumentLookup(corpus);

  function latest(limit: number): SearchHit[] {
    const docs = [...corpus.documents.values()].filter((d) => d.passages.length > 0);
    docs.sort((a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? ""));
    return docs.slice(0, limit).map((document) => ({ passage: document.passages[0]!, document, score: 1, terms: [] }));
  }

  /** Candidates from one document only: what retrieval found there, then the rest of its passages. */
  function withinDocument(found: Candidate[], docId: string): Candidate[] {
    const doc = corpus.documents.get(docId);
    if (!doc) return [];
    const out = found.filter((c) => c.passage.docId === docId);
    const seen = new Set(out.map((c) => c.index));
    for (const p of doc.passages) {
      const index = passageIndex.get(p.id);
      if (index !== undefined && !seen.has(index)) out.push(candidate(index, 0));
    }
    return out;
  }

  let typos: TypoIndex | undefined;
  /** The corpus word one edit from `word` that makes most of the question's phrases, or the commonest if long. */
  function bestCorrection(word: string, bigrams: string[]): { word: string; bigrams: string[] } | null {
    typos ??= new TypoIndex(encoder.foldWords((id) => (df[id] ?? 0) > 0));
    let best: { word: string; bigrams: string[]; rank: number } | null = null;
    for (const w of typos.near(word)) {
      const made = bigrams
        .map((b) => b.split("_").map((x) => (x === word ? w : x)))
        .filter(
          ([x, y]) =>
            (x === w || y === w) && encoder.bigramId(encoder.foldId(x ?? ""), encoder.foldId(y ?? "")) !== undefined,
        )
        .map(([x, y]) => `${x}_${y}`);
      if (made.length === 0 && word.length < TYPO_FREE_LENGTH) continue;
      // Rarer phrases made are more telling ("khau trang" over "tra noi"); then the commoner word.
      const phrases = made.reduce((n, b) => {
        const [x, y] = b.split("_");
        return n + idf(encoder.bigramId(encoder.foldId(x ?? ""), encoder.foldId(y ?? "")));
      }, 0);
      const rank = phrases * 1e6 + (df[encoder.foldId(w)!] ?? 0);
      if (!best || rank > best.rank) best = { word: w, bigrams: made, rank };
    }
    return best;
  }

  /** A word of the question the corpus never uses may be a typo: its correction joins as a weaker alternative. */
  function correctTypos(q: ParsedQuery): ParsedQuery {
    let changed = false;
    const bigrams = new Set(q.bigrams);
    const concepts = q.concepts.map((c) => {
      const alt = c.alternatives.length === 1 && c.alternatives[0]!.length === 1 ? c.alternatives[0]![0]! : null;
      const word = alt === null ? "" : fold(alt);
      if (word.length < TYPO_MIN_LENGTH || !/^[a-z]+$/.test(word) || encoder.foldId(word) !== undefined) return c;
      const fix = bestCorrection(word, q.bigrams);
      if (!fix) return c;
      changed = true;
      for (const b of fix.bigrams) bigrams.add(b);
      return { alternatives: [...c.alternatives, [fix.word]], weights: [1, TYPO_WEIGHT] };
    });
    return changed ? { ...q, concepts, bigrams: [...bigrams] } : q;
  }

  function query(raw: string, limit: number, options: QueryOptions = {}): SearchResult {
    const q = correctTypos(parseQuery(raw, lexicon));
    // A question naming a document ("Công văn 146", "Ai ký Chỉ thị 21/CT-TTg?") gets it first, before content ranking.
    const named = options.docId ? null : lookup.find(raw);
    if (q.intent === "latest" && !options.docId && !named)
      return { hits: latest(limit), intent: q.intent, lang: q.lang };
    if ((q.concepts.length === 0 || total === 0) && !named) return { hits: [], intent: q.intent, lang: q.lang };
    const found = q.concepts.length ? retrieve(q) : [];
    const ranked = rankCandidates(options.docId ? withinDocument(found, options.docId) : found, q, ctx);
    const hits: SearchHit[] = ranked.slice(0, limit).map((r) => ({
      passage: r.passage,
      document: corpus.documents.get(r.passage.docId)!,
      score: r.score,
      coverage: r.coverage,
      terms: r.terms,
      ...(r.merged.length ? { merged: r.merged } : {}),
    }));
    return { hits: named ? withLookup(named, hits, q.lang, limit) : hits, intent: q.intent, lang: q.lang };
  }

  return { passageCount: total, search: (raw, limit) => query(raw, limit).hits, query, reuse };
}
