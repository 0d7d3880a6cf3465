import { findRole } from "../corpus/find-role.ts";
import { looksLikeBody, type BodyMatcher } from "../corpus/match-body.ts";
import type { Corpus, CorpusDocument, Passage, Role } from "../corpus/types.ts";
import type { Lexicon } from "../search/glossary.ts";
import { fold } from "../search/normalize.ts";
import { itemOf } from "../search/rank.ts";
import type { SearchHit } from "../search/types.ts";
import { mentionIndex, mentionsOf, type Mention } from "./body-mentions.ts";

/**
 * "UBND huyện phải làm gì?", "Trung tâm Y tế huyện được giao những việc gì?", "what must the district health
 * center do?", `/viec <đơn vị>`: every item that assigns work to one body, newest document first, grouped by
 * document, with the body's role and the item's deadline.
 */

/** Folded question forms: the body is the named group. */
const VI_FORMS = [
  /^(?:nhiem vu|cong viec|nhung viec|cac viec|viec|trach nhiem)(?: duoc giao)? cua (?<body>.+?)(?: la gi| gom nhung gi| la nhung gi| gom gi)?$/,
  /^(?<body>.+?) (?:phai |can |se )?lam (?:nhung )?(?:(?:viec|cong viec) )?gi$/,
  /^(?<body>.+?) (?:duoc giao|duoc phan cong|co|phai thuc hien|phu trach)(?: (?:nhung|cac))? (?:viec|nhiem vu|cong viec|trach nhiem)(?: gi| nao)$/,
];
const EN_FORMS = [
  /^what (?:must|should|does|do|has|have|is|are) (?:the )?(?<body>.+?) (?:do|to do|have to do|has to do|need to do|been assigned|assigned|responsible for|tasked with)$/,
  /^(?:what are |list )?(?:the )?(?:tasks?|assignments?|duties) (?:of|for|assigned to) (?:the )?(?<body>.+)$/,
];

export interface AssignmentQuestion {
  /** The body as asked, in Vietnamese (English names through the glossary). */
  body: string;
  lang: "vi" | "en";
}

const tidy = (q: string) =>
  q
    .normalize("NFC")
    .trim()
    .replace(/[?!.\s]+$/u, "")
    .replace(/\s+/g, " ");

/** The body a question asks the assignments of, or null when it asks something else. */
export function parseAssignmentQuestion(question: string, lexicon: Lexicon): AssignmentQuestion | null {
  const q = tidy(question);
  const folded = fold(q).replace(/[,;:]/g, "");
  for (const re of VI_FORMS) {
    const body = re.exec(folded)?.groups?.body;
    if (!body || !looksLikeBody(body)) continue;
    // Same words, marks kept: the folded match has the same number of words as the question.
    const words = q.replace(/[,;:]/g, "").split(" ");
    return { body: words.slice(0, body.split(" ").length).join(" "), lang: "vi" };
  }
  const lower = q.toLowerCase().replace(/[’']/g, "'");
  for (const re of EN_FORMS) {
    const body = re.exec(lower)?.groups?.body;
    if (!body) continue;
    const vi = lexicon.english.get(body) ?? lexicon.english.get(body.replace(/s$/, ""));
    if (vi?.[0] && looksLikeBody(vi[0])) return { body: vi[0], lang: "en" };
  }
  return null;
}

export interface Assignment {
  passages: Passage[];
  document: CorpusDocument;
  role: Role | null;
  inList: boolean;
}

/** The role a mention gives its body: an actor's own role when it is the only member, else read from the text. */
function roleOf(m: Mention): { role: Role | null; inList: boolean } {
  if (m.member < 0) return { role: "phối hợp", inList: false };
  if (m.members === 1) return { role: m.passage.role ?? null, inList: false };
  return { role: findRole(m.passage.text, m.name), inList: true };
}

/** Every item assigning work to `body`, one entry per item, newest document first, items in document order. */
export function findAssignments(body: string, corpus: Corpus, matcher: BodyMatcher): Assignment[] {
  const index = mentionIndex(corpus, matcher);
  const out: Assignment[] = [];
  const byItem = new Map<string, Assignment>();
  for (const mention of mentionsOf(body, index, matcher)) {
    const { passage, doc } = mention;
    const found = roleOf(mention);
    const item = `${doc}\u0000${itemOf(passage.section) ?? passage.id}`;
    const known = byItem.get(item);
    if (known) {
      known.passages.push(passage);
      known.role ??= found.role;
    } else {
      const a = { passages: [passage], document: index.documents[doc]!, ...found };
      byItem.set(item, a);
      out.push(a);
    }
  }
  return out;
}

/** Assignments as search hits: each channel renders them like any answer, with role and deadline. */
export function assignmentHits(body: string, assignments: readonly Assignment[]): SearchHit[] {
  const terms = fold(body).split(/\s+/).filter(Boolean);
  return assignments.map((a, i) => {
    const deadline =
      a.passages
        .flatMap((p) => p.deadlines ?? [])
        .sort((x, y) => (x.date ?? "9999").localeCompare(y.date ?? "9999"))[0] ?? null;
    const [first, ...rest] = a.passages;
    return {
      passage: first!,
      document: a.document,
      score: Math.round((1 - i / (assignments.length + 1)) * 1000) / 1000,
      terms,
      ...(rest.length ? { merged: rest } : {}),
      role: a.role,
      deadline,
      inList: a.inList,
    };
  });
}
