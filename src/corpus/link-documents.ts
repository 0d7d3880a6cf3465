import {
  matchDocuments,
  numberKey,
  numberParts,
  type DocumentRef as LookupRef,
  type RefTarget,
} from "../search/document-ref.ts";
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
    const found = findingsOf(doc);
    doc.passages.forEach((p, i) => {
      p.deadlines = found.deadlines[i] ?? [];
      p.role = found.roles[i] ?? null;
    });
    const own = doc.meta.number;
    const cites = uniqueRefs(found.references.filter((r) => r.number === null || r.number !== own));
    doc.links = {
      cites: cites.map((r) => ({ ...r, docId: resolve(r, doc) })),
      citedBy: [],
      replaces: uniqueRefs(found.supersessions.map((s) => s.ref)).map((r) => ({ ...r, docId: resolve(r, doc) })),
      replacedBy: null,
      replacedByName: null,
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

/** What one document's own text says (references, supersessions, deadlines, roles): the linker's per-file work. */
export interface Findings {
  references: ReturnType<typeof findReferences>;
  supersessions: ReturnType<typeof findSupersessions>;
  deadlines: ReturnType<typeof findDeadlines>[];
  roles: ReturnType<typeof findRole>[];
}

/** Findings the parse cache already holds for a document (it stores them with the parsed file). */
const known = new WeakMap<CorpusDocument, Findings>();

export function rememberFindings(doc: CorpusDocument, findings: Findings): void {
  known.set(doc, findings);
}

/** Pure in the document: computed once per parsed file, so a restart from the parse cache skips it. */
export function findingsOf(doc: CorpusDocument): Findings {
  const cached = known.get(doc);
  if (cached && cached.deadlines.length === doc.passages.length) return cached;
  const findings: Findings = {
    references: findReferences(doc.text),
    supersessions: findSupersessions(doc.text, doc.meta.number),
    deadlines: doc.passages.map((p) => findDeadlines(p.text, doc.meta.date)),
    roles: doc.passages.map((p) => findRole(p.text, p.actor)),
  };
  known.set(doc, findings);
  return findings;
}

type Resolve = (ref: Omit<DocumentRef, "docId">, from: CorpusDocument) => string | null;

function markSuperseded(corpus: Corpus, docs: CorpusDocument[], resolve: Resolve): void {
  // Newest replacement wins when two documents say they replace the same one.
  const byDate = [...docs].sort((a, b) => (a.meta.date ?? "").localeCompare(b.meta.date ?? ""));
  const replacedBy = new Map<string, string>();
  for (const doc of byDate)
    for (const r of doc.links!.replaces)
      if (r.docId && r.docId !== doc.meta.docId) replacedBy.set(r.docId, doc.meta.docId);
  for (const doc of docs) {
    const declared = doc.declared?.supersededBy;
    if (!declared) continue;
    const target = corpus.documents.has(declared)
      ? declared
      : resolve({ type: null, number: declared, date: null }, doc);
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
    const replacer = by ? corpus.documents.get(by) : undefined;
    doc.links!.replacedByName = replacer ? documentName(replacer) : null;
    doc.meta.status = declared ?? (by ? "superseded" : "in-force");
    doc.meta.supersededBy = doc.meta.status === "superseded" ? by : null;
  }
}

/** "Công văn số 300-CV/HU ngày 10/8/2021", from what is known. */
export function documentName(doc: CorpusDocument): string {
  const m = doc.meta;
  const date = m.date ? ` ngày ${Number(m.date.slice(8))}/${Number(m.date.slice(5, 7))}/${m.date.slice(0, 4)}` : "";
  return m.number
    ? `${m.type ?? "Văn bản"} số ${m.number}${date}`
    : `${m.type ?? "Văn bản"}${date}${m.title ? ` ${m.title}` : ""}`;
}

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

/**
 * A reference → the corpus document it names, through the document lookup's own matching (search/document-ref.ts:
 * number parts, type, date, issuer words), so a cited number resolves here exactly as a question naming it does.
 */
function createResolver(docs: readonly CorpusDocument[]): Resolve {
  // Indexed once: a reference can only match a document whose number starts with its own first part (partsMatch),
  // and one without a number only a document of its date; scanning every document per reference cost the most.
  const byFirstPart = new Map<string, RefTarget[]>();
  const byDate = new Map<string, RefTarget[]>();
  const byId = new Map(docs.map((d) => [d.meta.docId, d]));
  const add = (map: Map<string, RefTarget[]>, key: string, t: RefTarget) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const d of docs) {
    const { docId, type, number, date, issuer } = d.meta;
    const parts = number ? numberParts(number) : [];
    const target: RefTarget = { docId, type, number, date, issuer, parts };
    if (parts[0]) add(byFirstPart, parts[0], target);
    if (date) add(byDate, date, target);
  }
  return (ref, from) => {
    const parts = ref.number ? numberParts(ref.number) : null;
    const pool = parts ? (byFirstPart.get(parts[0] ?? "") ?? []) : ref.date ? (byDate.get(ref.date) ?? []) : [];
    const words = from.meta.issuer ? fold(from.meta.issuer.toLowerCase()).split(/\s+/) : [];
    const query: LookupRef = { type: ref.type, parts, number: ref.number, date: ref.date, words, asks: null };
    const found = matchDocuments(
      query,
      pool.filter((t) => t.docId !== from.meta.docId && (!ref.date || !t.date || t.date === ref.date)),
    );
    const best = found[0];
    // A whole number must be whole: "215-CV/HU" never names "215-CV/TU"'s neighbour by a shared first part.
    if (!best) return null;
    const doc = byId.get(best.docId)!;
    if (parts && doc.meta.number && numberKey(doc.meta.number) !== numberKey(ref.number!)) return null;
    return best.docId;
  };
}
