import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { relatedDocuments, supersededLabel, type RelatedEntry } from "../answer/render-duties.ts";
import type { CorpusDocument } from "../corpus/types.ts";
import type { DutyMessages } from "../i18n/duties.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
type Lookup = (docId: string) => CorpusDocument | undefined;

const link = (e: RelatedEntry): Html =>
  e.docId ? html`<a href="/d/${encodeURIComponent(e.docId)}">${e.name}</a>` : html`${e.name}`;

/** The viewer's banner on a superseded document, linking to its replacement. */
export function supersededBanner(doc: CorpusDocument, d: DutyMessages, lookup: Lookup): Html {
  const label = supersededLabel(doc, d);
  if (!label) return html``;
  const by = doc.meta.supersededBy && lookup(doc.meta.supersededBy) ? doc.meta.supersededBy : null;
  return html`<p class="banner superseded" role="alert">${by ? html`<a href="/d/${encodeURIComponent(by)}">${label}</a>` : label}</p>`;
}

/** Cites / cited by / replaces / replaced by, each a link when the document is in the corpus. */
export function relatedBlock(doc: CorpusDocument, d: DutyMessages, lookup: Lookup): Html {
  const g = relatedDocuments(doc, lookup);
  const rows: [string, RelatedEntry[]][] = [
    [d.replacedBy, g.replacedBy],
    [d.replacesList, g.replaces],
    [d.cites, g.cites],
    [d.citedBy, g.citedBy],
  ];
  const shown = rows.filter(([, list]) => list.length);
  if (!shown.length) return html``;
  return html`<section class="related" aria-label="${d.related}"><h2>${d.related}</h2><dl class="meta">${shown.map(
    ([label, list]) => html`<dt>${label}</dt><dd>${list.map((e, i) => html`${i ? "; " : ""}${link(e)}`)}</dd>`,
  )}</dl></section>`;
}

/** Notes under a web answer: validity label, deadline, role. */
export function answerNotes(notes: readonly string[]): Html {
  return notes.length
    ? html`<ul class="notes">${notes.map((n) => html`<li${n.startsWith("⚠") ? html` class="superseded"` : ""}>${n}</li>`)}</ul>`
    : html``;
}
