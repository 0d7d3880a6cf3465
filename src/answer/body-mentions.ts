import { findPartners } from "../corpus/find-role.ts";
import {
  bodyContext,
  sameBody,
  splitBodies,
  type BodyContext,
  type BodyMatcher,
  type BodyName,
} from "../corpus/match-body.ts";
import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";

/**
 * Where each body is named in a corpus — as a member of an item's actor, or as a partner ("phối hợp với …") — by
 * the base of each reading of its name. Built once per corpus and matcher, so an assignment question costs the
 * items that name a body of that base, not a pass over every passage (which took 200 ms at 50,000 passages).
 */

export interface Mention {
  /** Index into `documents` (newest first). */
  doc: number;
  passage: Passage;
  /** Position in the passage's document, to keep document order. */
  order: number;
  /** Member index in the actor list; -1 for a partner. */
  member: number;
  /** The member's name as written (for its role), and how many members the actor lists. */
  name: string;
  members: number;
  reading: BodyName;
}

export interface MentionIndex {
  documents: CorpusDocument[];
  context(doc: number): BodyContext;
  /** Mentions whose name has a reading of this base. */
  byBase: Map<string, Mention[]>;
}

const newestFirst = (a: CorpusDocument, b: CorpusDocument) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "");

const built = new WeakMap<Corpus, WeakMap<BodyMatcher, MentionIndex>>();

/** The corpus's mention index for this matcher, built on first use. */
export function mentionIndex(corpus: Corpus, matcher: BodyMatcher): MentionIndex {
  let perMatcher = built.get(corpus);
  if (!perMatcher) built.set(corpus, (perMatcher = new WeakMap()));
  let index = perMatcher.get(matcher);
  if (!index) perMatcher.set(matcher, (index = buildMentionIndex(corpus, matcher)));
  return index;
}

function buildMentionIndex(corpus: Corpus, matcher: BodyMatcher): MentionIndex {
  const documents = [...corpus.documents.values()].sort(newestFirst);
  const byBase = new Map<string, Mention[]>();
  const add = (mention: Omit<Mention, "reading">) => {
    for (const reading of matcher.readings(mention.name)) {
      if (!reading.base) continue;
      const list = byBase.get(reading.base);
      if (list) list.push({ ...mention, reading });
      else byBase.set(reading.base, [{ ...mention, reading }]);
    }
  };
  documents.forEach((document, doc) => {
    document.passages.forEach((passage, order) => {
      const members = passage.actor ? splitBodies(passage.actor) : [];
      members.forEach((name, member) => add({ doc, passage, order, member, name, members: members.length }));
      for (const partner of findPartners(passage.text))
        for (const name of leadingNames(partner)) add({ doc, passage, order, member: -1, name, members: 0 });
    });
  });
  const contexts: (BodyContext | undefined)[] = [];
  const context = (doc: number) =>
    (contexts[doc] ??= bodyContext(documents[doc]!.meta.issuer, documents[doc]!.text.split("\n", 12)));
  return { documents, context, byBase };
}

/** "Công an huyện truy vết các trường hợp" → "Công an", "Công an huyện", … (up to eight words). */
function leadingNames(text: string): string[] {
  const words = text.split(/\s+/).slice(0, 8);
  return words.map((_, i) => words.slice(0, i + 1).join(" "));
}

/**
 * The mentions of `body` in the corpus, one per passage, in corpus order (newest document first): the first actor
 * member that names it, else a partner mention.
 */
export function mentionsOf(body: string, index: MentionIndex, matcher: BodyMatcher): Mention[] {
  const best = new Map<Passage, Mention>();
  const tierOfDoc = new Map<number, number>();
  for (const q of matcher.readings(body)) {
    for (const m of index.byBase.get(q.base) ?? []) {
      const known = best.get(m.passage);
      if (known && rank(known) <= rank(m)) continue;
      if (!sameBody(q, m.reading, index.context(m.doc))) continue;
      best.set(m.passage, m);
      const t = tier(m, q);
      if (t < (tierOfDoc.get(m.doc) ?? Number.MAX_SAFE_INTEGER)) tierOfDoc.set(m.doc, t);
    }
  }
  // Documents that give the body work of its own come before those that only name it as a partner or among
  // "các cấp": in a corpus of national decrees and local directives, a district's own tasks are not buried under
  // every decree that mentions "Ủy ban nhân dân các cấp".
  const docTier = (m: Mention) => tierOfDoc.get(m.doc) ?? 0;
  return [...best.values()].sort((a, b) => docTier(a) - docTier(b) || a.doc - b.doc || a.order - b.order);
}

/** 0: an actor member naming the body as asked; 1: one of "các cấp" for a body asked at one level; 2: a partner. */
function tier(m: Mention, q: BodyName): number {
  if (m.member < 0) return 2;
  return m.reading.level === "*" && q.level !== null && q.level !== "*" ? 1 : 0;
}

/** Actor members in list order, partners after every member. */
const rank = (m: Mention) => (m.member < 0 ? Number.MAX_SAFE_INTEGER : m.member);
