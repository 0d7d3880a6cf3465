import type { CorpusDocument } from "../corpus/types.ts";

const ASSIGNMENTS = 3;
const ASSIGNMENT_CHARS = 180;

/** The first 2–3 items that assign work to a named body: who must do what. */
export function keyAssignments(doc: CorpusDocument): { actor: string; task: string }[] {
  const out: { actor: string; task: string }[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.actor || seen.has(p.actor)) continue;
    seen.add(p.actor);
    const text = p.text.replace(/^(\d+(\.\d+)*[.)]|[-–•+])\s*/, "");
    const first = /^.+?[.;](?=\s|$)/u.exec(text)?.[0] ?? text;
    const cut = first.lastIndexOf(" ", ASSIGNMENT_CHARS);
    const task = first.length > ASSIGNMENT_CHARS ? `${first.slice(0, cut)} …` : first;
    out.push({ actor: p.actor, task });
    if (out.length === ASSIGNMENTS) break;
  }
  return out;
}
