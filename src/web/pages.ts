import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { citeDocument, formatDate } from "../answer/render-telegram.ts";
import type { Messages } from "../bot/i18n.ts";
import type { CorpusDocument } from "../corpus/types.ts";
import { highlightRanges, makeExcerpt } from "../search/excerpt.ts";
import type { SearchHit } from "../search/types.ts";
import { citationUrl } from "../answer/build-answer.ts";
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

function answerCard(hit: SearchHit, n: number, t: Messages, publicBaseUrl: string, query: string): Html {
  const excerpt = makeExcerpt(hit.passage.text, hit.terms);
  const local = `/d/${encodeURIComponent(hit.passage.docId)}?q=${encodeURIComponent(query)}#${encodeURIComponent(hit.passage.anchor)}`;
  const href = hit.document.meta.sourceUrl ? citationUrl(hit, publicBaseUrl) : local;
  return html`<article class="answer">
<div>${n}. ${hit.passage.actor ? html`<span class="actor">${hit.passage.actor}</span>` : html`<span class="actor">${hit.document.meta.title ?? hit.document.meta.docId}</span>`}</div>
<div class="cite">${citeDocument(hit.document, t)}${hit.passage.section ? html` · ${t.section} ${hit.passage.section}` : ""}</div>
${answerNotes(dutyNotes(hit, t.duties))}
<p>${marked(excerpt.text, excerpt.highlights)}</p>
<a class="open" href="${href}">${t.open}</a>
</article>`;
}

export function searchPage(query: string, hits: readonly SearchHit[] | null, t: Messages, publicBaseUrl: string): Html {
  const form = html`<form class="search" method="get" action="/" role="search">
<input type="search" name="q" value="${query}" placeholder="Ai chịu trách nhiệm tiêm vắc xin?" aria-label="Câu hỏi" maxlength="4096" autofocus>
<button type="submit">Tìm</button>
</form>`;
  let results: Html;
  if (hits === null) {
    results = html`<h2>Ví dụ</h2><ul class="examples">${t.examples.map((e) => html`<li><a href="/?q=${encodeURIComponent(e)}">${e}</a></li>`)}</ul>`;
  } else if (hits.length === 0) {
    results = html`<p class="empty">${t.noAnswer}</p><ul class="examples">${t.examples.map((e) => html`<li><a href="/?q=${encodeURIComponent(e)}">${e}</a></li>`)}</ul>`;
  } else {
    results = html`<section aria-label="Kết quả">${hits.map((h, i) => answerCard(h, i + 1, t, publicBaseUrl, query))}</section>`;
  }
  return layout(query ? `${query} — Tra cứu văn bản` : "Tra cứu văn bản chỉ đạo", html`<h1>Hỏi về văn bản chỉ đạo</h1>${form}${results}`);
}

/** The whole document: metadata, outline, every passage with its anchor; `terms` highlighted. */
export function documentPage(doc: CorpusDocument, foldedTerms: readonly string[], t: Messages, lookup: (docId: string) => CorpusDocument | undefined = () => undefined): Html {
  const m = doc.meta;
  const rows: [string, string | null][] = [
    ["Loại", m.type],
    ["Số", m.number],
    ["Ngày", m.date ? formatDate(m.date) : null],
    ["Cơ quan ban hành", m.issuer],
    ["Người ký", m.signer],
  ];
  const sections: { anchor: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.section || seen.has(p.section)) continue;
    seen.add(p.section);
    const full = p.heading && p.heading.startsWith(p.section) ? p.heading : p.text.startsWith(p.section) ? p.text : `${p.section}. ${p.text}`;
    sections.push({ anchor: p.anchor, label: full.length > 120 ? `${full.slice(0, full.lastIndexOf(" ", 120))} …` : full });
  }
  const body = html`${supersededBanner(doc, t.duties, lookup)}<h1>${citeDocument(doc, t)}</h1>
${m.title ? html`<p><strong>${m.title}</strong></p>` : ""}
<dl class="meta">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}${m.sourceUrl ? html`<dt>Nguồn</dt><dd><a href="${m.sourceUrl}" rel="noopener noreferrer">${m.sourceUrl}</a></dd>` : ""}</dl>
${sections.length ? html`<nav class="outline" aria-label="Mục lục"><h2>Mục lục</h2><ol>${sections.map((s) => html`<li><a href="#${s.anchor}">${s.label}</a></li>`)}</ol></nav>` : ""}
${relatedBlock(doc, t.duties, lookup)}
<h2>Toàn văn</h2>
${doc.passages.map((p, i) => {
  // The label only where the text does not already start with it, once per section.
  const showLabel = p.section && !p.text.startsWith(p.section) && doc.passages[i - 1]?.section !== p.section;
  return html`<div class="passage" id="${p.anchor}">${showLabel ? html`<span class="label">${p.section}</span>` : ""}${marked(p.text, highlightRanges(p.text, foldedTerms))}</div>`;
})}`;
  return layout(`${citeDocument(doc, t)} — ${m.title ?? m.docId}`, body);
}

export function notFoundPage(): Html {
  return layout("Không tìm thấy", html`<h1>Không tìm thấy văn bản</h1><p>Văn bản này không có trong kho (có thể đã được gỡ hoặc đổi tên). <a href="/">Tìm văn bản khác</a>.</p>`);
}

