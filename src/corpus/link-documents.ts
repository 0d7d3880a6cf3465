import { fold } from "../search/normalize.ts";
import { findDeadlines } from "./find-deadline.ts";
import { findReferences, findSupersessions } from "./find-references.ts";
import { findRole } from "./find-role.ts";
import type { Corpus, CorpusDocument, DocumentRef } from "./types.ts";

/**
 * Runs once a corpus is parsed: each passage's deadlines and role, and how documents relate — what each cites,
 * what cites it, what it replaces and what replaced it, hence its status. Idempotent: everything is recomputed
 * from the texts and the sidecars' declared values, so a reload (or a parse cache) never keeps a stale link.
 */
export function linkDocuments(corpus: Corpus): Corpus {
  const docs = [...corpus.documents.values()];
  const resolve = createResolver(docs);
  for (const doc of docs) {
    for (const p of doc.passages) {
      p.deadlines = findDeadlines(p.text, doc.meta.date);
      p.role = findRole(p.text, p.actor);
    }
    const own = doc.meta.number;
    const cites = uniqueRefs(findReferences(doc.text).filter((r) => r.number === null || r.number !== own));
    doc.links = {
      cites: cites.map((r) => ({ ...r, docId: resolve(r, doc) })),
      citedBy: [],
      replaces: uniqueRefs(findSupersessions(doc.text, own).map((s) => s.ref)).map((r) => ({ ...r, docId: resolve(r, doc) })),
      replacedBy: null,
    };
  }
  for (const doc of docs) {
    for (const ref of doc.links!.cites) {
      const cited = ref.docId ? corpus.documents.get(ref.docId) : undefined;
      if (cited && !cited.links!.citedBy.includes(doc.meta.docId)) cited.links!.citedBy.push(doc.meta.docId);
    }
  }
  markSuperseded(corpus, docs, resolve);
  return corpus;
}

type Resolve = (ref: Omit<DocumentRef, "docId">, from: CorpusDocument) => string | null;

function markSuperseded(corpus: Corpus, docs: CorpusDocument[], resolve: Resolve): void {
  // Newest replacement wins when two documents say they replace the same one.
  const byDate = [...docs].sort((a, b) => (a.meta.date ?? "").localeCompare(b.meta.date ?? ""));
  const replacedBy = new Map<string, string>();
  for (const doc of byDate) for (const r of doc.links!.replaces) if (r.docId && r.docId !== doc.meta.docId) replacedBy.set(r.docId, doc.meta.docId);
  for (const doc of docs) {
    const declared = doc.declared?.supersededBy;
    if (!declared) continue;
    const target = corpus.documents.has(declared) ? declared : resolve({ type: null, number: declared, date: null }, doc);
    if (!target) continue;
    replacedBy.set(doc.meta.docId, target);
    const links = corpus.documents.get(target)!.links!;
    if (!links.replaces.some((r) => r.docId === doc.meta.docId)) {
      links.replaces.push({ type: doc.meta.type, number: doc.meta.number, date: doc.meta.date, docId: doc.meta.docId });
    }
  }
  for (const doc of docs) {
    const by = replacedBy.get(doc.meta.docId) ?? null;
    const declared = doc.declared?.status;
    doc.links!.replacedBy = by;
    doc.meta.status = declared ?? (by ? "superseded" : "in-force");
    doc.meta.supersededBy = doc.meta.status === "superseded" ? by : null;
  }
}

const numberKey = (n: string) => fold(n).replace(/\s+/g, "").toUpperCase();

function uniqueRefs<T extends Omit<DocumentRef, "docId">>(refs: readonly T[]): Omit<DocumentRef, "docId">[] {
  const seen = new Set<string>();
  const out: Omit<DocumentRef, "docId">[] = [];
  for (const r of refs) {
    const key = r.number ? numberKey(r.number) : `${r.type}|${r.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: r.type, number: r.number, date: r.date });
  }
  return out;
}

/** A reference → the corpus document it names: by number (and date when given), or by type and date. */
function createResolver(docs: readonly CorpusDocument[]): Resolve {
  const byNumber = new Map<string, CorpusDocument[]>();
  for (const d of docs) {
    if (!d.meta.number) continue;
    const key = numberKey(d.meta.number);
    byNumber.set(key, [...(byNumber.get(key) ?? []), d]);
  }
  return (ref, from) => {
    let candidates = ref.number
      ? (byNumber.get(numberKey(ref.number)) ?? [])
      : docs.filter((d) => ref.date && d.meta.date === ref.date && (!ref.type || fold(d.meta.type ?? "") === fold(ref.type)));
    candidates = candidates.filter((d) => d !== from);
    if (ref.date) candidates = candidates.filter((d) => !d.meta.date || d.meta.date === ref.date);
    if (candidates.length > 1 && from.meta.issuer) {
      const same = candidates.filter((d) => d.meta.issuer === from.meta.issuer);
      if (same.length) candidates = same;
    }
    return candidates[0]?.meta.docId ?? null;
  };
}
