import { citeDocument, documentUrl } from "../answer/document-card.ts";
import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";

/** What a deadline reminder says, in plain text; each channel only marks it up (Telegram HTML, Zalo plain text). */
export interface ReminderCard {
  heading: string;
  deadline: string;
  actor: string | null;
  /** The document and the item: "Công văn số … · Mục 2". */
  cite: string;
  task: string;
  url: string;
}

export function reminderCard(
  doc: CorpusDocument,
  p: Passage,
  deadline: string,
  daysLeft: number,
  t: Messages,
  publicBaseUrl: string,
): ReminderCard {
  const where = p.section ? ` · ${t.section} ${p.section}` : "";
  return {
    heading: t.duties.reminder(daysLeft),
    deadline: t.duties.deadline(deadline),
    actor: p.actor,
    cite: `${citeDocument(doc.meta, t)}${where}`,
    task: p.text,
    url: documentUrl(publicBaseUrl, doc.meta, { anchor: p.anchor }),
  };
}
