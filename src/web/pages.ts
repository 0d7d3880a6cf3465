import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AnswerSet, CitedAnswer } from "../answer/build-answer.ts";
import { citeDocument, documentUrl, formatDate, viewerUrl } from "../answer/document-card.ts";
import type { CorpusDocument } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";
import type { CitationGraph, CitedNumber } from "../search/citations.ts";
import { highlightRanges } from "../search/excerpt.ts";
import { dutyNotes } from "../answer/render-duties.ts";
import { answerNotes, relatedBlock, supersededBanner } from "./duty-blocks.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** `text` with the given ranges in <mark>, everything escaped (html`` escapes every interpolation). */
export function marked(text: string, ranges: readonly [number, number][]): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    parts.push(html`${text.slice(at, start)}<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="site"><a href="/">Tra cứu văn bản chỉ đạo</a></header>
<main>${body}</main>
<footer>Trích dẫn từ kho văn bản của đơn vị · <a href="/api/documents">API</a></footer>
</body>
</html>`;
}

function answerCard(a: CitedAnswer, n: number, t: Messages, query: string): Html {
  // The viewer on this server, relative and with the question so it marks the words; else the document's own link.
  const href = documentUrl("", a, { anchor: a.anchor, q: query });
  return html`<article class="answer">
<div>${n}. <span class="actor">${a.actor ? a.actor : (a.title ?? a.docId)}</span></div>
<div class="cite">${citeDocument(a, t)}${a.section ? html` · ${t.section} ${a.section}` : ""}</div>
${answerNotes(dutyNotes(a, t.duties))}
<p>${marked(a.excerpt, a.highlights)}</p>
<a class="open" href="${href}">${t.open}</a>
</article>`;
}

/** The search page; `set` is null before any question. */
export function searchPage(query: string, set: AnswerSet | null, t: Messages): Html {
  const form = html`<form class="search" method="get" action="/" role="search">
<input type="search" name="q" value="${query}" placeholder="Ai chịu trách nhiệm tiêm vắc xin?" aria-label="Câu hỏi" maxlength="4096" autofocus>
<button type="submit">Tìm</button>
</form>`;
  let results: Html;
  const items = t.examples.map((e) => html`<li><a href="/?q=${encodeURIComponent(e)}">${e}</a></li>`);
  const examples = html`<ul class="examples">${items}</ul>`;
  if (set === null) {
    results = html`<h2>Ví dụ</h2>${examples}`;
  } else if (set.answers.length === 0) {
    results = html`<p class="empty">${t.noAnswer}</p>${examples}`;
  } else {
    const cards = set.answers.map((a, i) => answerCard(a, i + 1, t, query));
    results = html`<section aria-label="Kết quả">${cards}</section>`;
  }
  return layout(
    query ? `${query} — Tra cứu văn bản` : "Tra cứu văn bản chỉ đạo",
    html`<h1>Hỏi về văn bản chỉ đạo</h1>${form}${results}`,
  );
}

/** `text` highlighted, each cited number that names a corpus document a link to it. */
function withLinks(text: string, ranges: readonly [number, number][], cited: readonly CitedNumber[]): Html {
  const links = cited.filter((c) => c.target);
  if (links.length === 0) return marked(text, ranges);
  const parts: Html[] = [];
  let at = 0;
  const inside = (from: number, to: number) =>
    ranges.filter(([a, b]) => a >= from && b <= to).map(([a, b]) => [a - from, b - from] as [number, number]);
  for (const c of links) {
    if (c.start < at) continue;
    parts.push(marked(text.slice(at, c.start), inside(at, c.start)));
    parts.push(html`<a class="cited" href="${viewerUrl("", c.target!)}">${marked(c.raw, inside(c.start, c.end))}</a>`);
    at = c.end;
  }
  parts.push(marked(text.slice(at), inside(at, text.length)));
  return html`${parts}`;
}

/** "Văn bản dẫn chiếu": the passages of other documents that cite this one. */
function citedBySection(
  doc: CorpusDocument,
  citations: CitationGraph,
  documents: ReadonlyMap<string, CorpusDocument>,
  t: Messages,
): Html | "" {
  const citing = citations.citedBy(doc.meta.docId);
  if (citing.length === 0) return "";
  const items = citing.map((c) => {
    const from = documents.get(c.docId);
    const label = from ? citeDocument(from.meta, t) : c.docId;
    return html`<li><a href="${viewerUrl("", c.docId, { anchor: c.anchor })}">${label}${c.section ? html` · ${t.section} ${c.section}` : ""}</a></li>`;
  });
  return html`<section class="cited-by" aria-label="Văn bản dẫn chiếu"><h2>Văn bản dẫn chiếu văn bản này</h2><ul>${items}</ul></section>`;
}

export interface CitationView {
  graph: CitationGraph;
  documents: ReadonlyMap<string, CorpusDocument>;
}

/** The whole document: metadata, outline, every passage with its anchor; `terms` highlighted, cited numbers linked. */
export function documentPage(
  doc: CorpusDocument,
  foldedTerms: readonly string[],
  t: Messages,
  citations?: CitationView,
): Html {
  const m = doc.meta;
  const rows: [string, string | null][] = [
    ["Loại", m.type],
    ["Số", m.number],
    ["Ngày", m.date ? formatDate(m.date) : null],
    ["Cơ quan ban hành", m.issuer],
    ["Người ký", m.signer ? (m.signerTitle ? `${m.signer} (${m.signerTitle})` : m.signer) : null],
  ];
  // The preamble is metadata: shown with the card, never among the passages that answer questions.
  const bases = m.legalBases.length
    ? html`<details class="legal-bases"><summary>Căn cứ ban hành (${m.legalBases.length})</summary><ul>${m.legalBases.map((b) => html`<li>${b}</li>`)}</ul></details>`
    : "";
  const sections: { anchor: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.section || seen.has(p.section)) continue;
    seen.add(p.section);
    const full =
      p.heading && p.heading.startsWith(p.section)
        ? p.heading
        : p.text.startsWith(p.section)
          ? p.text
          : `${p.section}. ${p.text}`;
    sections.push({
      anchor: p.anchor,
      label: full.length > 120 ? `${full.slice(0, full.lastIndexOf(" ", 120))} …` : full,
    });
  }
  const lookup = (id: string) => citations?.documents.get(id);
  const body = html`${supersededBanner(doc, t.duties, lookup)}<h1>${citeDocument(m, t)}</h1>
${m.title ? html`<p><strong>${m.title}</strong></p>` : ""}
<dl class="meta">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}${m.sourceUrl ? html`<dt>Nguồn</dt><dd><a href="${m.sourceUrl}" rel="noopener noreferrer">${m.sourceUrl}</a></dd>` : ""}</dl>
${bases}
${sections.length ? html`<nav class="outline" aria-label="Mục lục"><h2>Mục lục</h2><ol>${sections.map((s) => html`<li><a href="#${s.anchor}">${s.label}</a></li>`)}</ol></nav>` : ""}
${relatedBlock(doc, t.duties, lookup)}
<h2>Toàn văn</h2>
${doc.passages.map((p, i) => {
  // The label only where the text does not already start with it, once per section.
  const showLabel = p.section && !p.text.startsWith(p.section) && doc.passages[i - 1]?.section !== p.section;
  const text = withLinks(p.text, highlightRanges(p.text, foldedTerms), citations?.graph.inPassage(p.id) ?? []);
  return html`<div class="passage" id="${p.anchor}">${showLabel ? html`<span class="label">${p.section}</span>` : ""}${text}</div>`;
})}
${citations ? citedBySection(doc, citations.graph, citations.documents, t) : ""}`;
  return layout(`${citeDocument(m, t)} — ${m.title ?? m.docId}`, body);
}

export function notFoundPage(): Html {
  return layout(
    "Không tìm thấy",
    html`<h1>Không tìm thấy văn bản</h1><p>Văn bản này không có trong kho (có thể đã được gỡ hoặc đổi tên). <a href="/">Tìm văn bản khác</a>.</p>`,
  );
}
