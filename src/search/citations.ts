import type { Corpus } from "../corpus/types.ts";
import { findNumbers, numberKey } from "./document-ref.ts";

/** A document number a passage mentions; `target` is the document it names when the corpus holds it. */
export interface CitedNumber {
  raw: string;
  start: number;
  end: number;
  target: string | null;
}

export interface CitingPassage {
  docId: string;
  passageId: string;
  anchor: string;
  section: string | null;
}

/** Which documents cite which, by the numbers their passages mention. */
export interface CitationGraph {
  /** Numbers mentioned in one passage, in text order. */
  inPassage(passageId: string): readonly CitedNumber[];
  /** Passages of other documents that cite `docId`, in corpus order. */
  citedBy(docId: string): readonly CitingPassage[];
}

/**
 * Pure: the citation graph of a corpus, built once per load. A number names a document when it has the same parts
 * ("146-CV/TU" = "146/CV-TU"); a number two documents share (no year in it) names neither, rather than a guess.
 * A document mentioning its own number does not cite itself.
 */
export function buildCitationGraph(corpus: Corpus): CitationGraph {
  const byKey = new Map<string, string | null>();
  for (const doc of corpus.documents.values()) {
    if (!doc.meta.number) continue;
    const key = numberKey(doc.meta.number);
    byKey.set(key, byKey.has(key) && byKey.get(key) !== doc.meta.docId ? null : doc.meta.docId);
  }
  const mentions = new Map<string, CitedNumber[]>();
  const cited = new Map<string, CitingPassage[]>();
  for (const p of corpus.passages) {
    const found = findNumbers(p.text);
    if (found.length === 0) continue;
    const list: CitedNumber[] = [];
    for (const m of found) {
      const target = byKey.get(m.key) ?? null;
      const external = target !== null && target !== p.docId;
      list.push({ raw: m.raw, start: m.start, end: m.end, target: external ? target : null });
      if (!external) continue;
      const citing = cited.get(target) ?? [];
      if (!citing.some((c) => c.passageId === p.id))
        citing.push({ docId: p.docId, passageId: p.id, anchor: p.anchor, section: p.section });
      cited.set(target, citing);
    }
    mentions.set(p.id, list);
  }
  return {
    inPassage: (passageId) => mentions.get(passageId) ?? [],
    citedBy: (docId) => cited.get(docId) ?? [],
  };
}
