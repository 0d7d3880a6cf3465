import { ANSWER_KEYS } from "../helpers/contract.ts";
import type { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { engineFor, type Engine } from "../../src/engine.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createServer } from "../../src/web/create-server.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { escapeHtml, textOf } from "./html.ts";

const BASE = "http://bot.test";
const WEBHOOK_PATH = "/telegram/webhook";
/** The contract's keys (DESIGN.md "Answer JSON"). */
const SET_KEYS = ["answers", "lang", "query"];
const XSS = "<script>alert(1)</script>";
const t = MESSAGES.vi;

let engine: Engine;
let app: Hono;
let webhookBodies: number;

beforeAll(async () => {
  engine = engineFor(await loadCorpus(SEED_DIR, LOAD_OPTIONS), BASE);
  webhookBodies = 0;
  app = createServer({
    engine: () => engine,
    publicBaseUrl: BASE,
    version: "9.9.9-test",
    webhook: {
      path: WEBHOOK_PATH,
      async handle(c) {
        await c.req.text();
        webhookBodies++;
        return c.text("ok");
      },
    },
  });
});

const get = (path: string) => app.request(path);
const q = (s: string) => encodeURIComponent(s);

describe("health and JSON API", () => {
  it("/healthz: 200 JSON with counts, loadedAt and version", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.documents).toBe(5);
    expect(body.passages).toBe(engine.corpus.passages.length);
    expect(body.passages).toBeGreaterThan(5);
    expect(typeof body.loadedAt).toBe("string");
    expect(new Date(body.loadedAt as string).toISOString()).toBe(body.loadedAt);
    expect(body.version).toBe("9.9.9-test");
  });

  it("/api/ask: exactly the DESIGN.md answer JSON, at most `limit` answers", async () => {
    const res = await get(`/api/ask?q=${q("tiêm vắc xin")}&limit=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: string; lang: string; answers: Record<string, unknown>[] };
    expect(Object.keys(body).sort()).toEqual(SET_KEYS);
    expect(body.query).toBe("tiêm vắc xin");
    expect(body.lang).toBe("vi");
    expect(body.answers.length).toBeGreaterThan(0);
    expect(body.answers.length).toBeLessThanOrEqual(2);
    for (const a of body.answers) {
      expect(Object.keys(a).sort()).toEqual([...ANSWER_KEYS].sort());
      expect(a.url).toMatch(new RegExp(`^${BASE}/d/[^#]+#.+`));
      expect(typeof a.passage).toBe("string");
      expect(typeof a.score).toBe("number");
    }
  });

  it.each([
    ["no q", "/api/ask", "q"],
    ["empty q", "/api/ask?q=%20%20", "q"],
    ["limit=0", `/api/ask?q=${q("tiêm vắc xin")}&limit=0`, "limit"],
    ["limit=abc", `/api/ask?q=${q("tiêm vắc xin")}&limit=abc`, "limit"],
    ["limit=51", `/api/ask?q=${q("tiêm vắc xin")}&limit=51`, "limit"],
    ["limit=2.5", `/api/ask?q=${q("tiêm vắc xin")}&limit=2.5`, "limit"],
  ])("/api/ask with %s → 400 JSON naming the parameter", async (_, path, parameter) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: string; parameter: string };
    expect(body.parameter).toBe(parameter);
    expect(body.error).toContain(`"${parameter}"`);
  });

  it("/api/documents: the five seeds, newest first", async () => {
    const res = await get("/api/documents");
    expect(res.status).toBe(200);
    const { documents } = (await res.json()) as {
      documents: { docId: string; date: string | null; url: string; passages: number }[];
    };
    expect(documents).toHaveLength(5);
    expect(documents.map((d) => d.docId).sort()).toEqual(Object.values(SEED).sort());
    for (let i = 1; i < documents.length; i++) {
      // Undated documents go last.
      expect((documents[i - 1]!.date ?? "") >= (documents[i]!.date ?? "")).toBe(true);
    }
    expect(documents[0]!.date).toBe("2021-07-25");
    for (const d of documents) {
      expect(d.url).toBe(`${BASE}/d/${encodeURIComponent(d.docId)}`);
      expect(d.passages).toBe(engine.corpus.documents.get(d.docId)!.passages.length);
    }
  });

  it("unknown /api/ path → 404 JSON", async () => {
    const res = await get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("document viewer /d/:docId", () => {
  it.each(Object.values(SEED))(
    "%s: 200 HTML with the metadata header, an outline and every passage's anchor",
    async (docId) => {
      const res = await get(`/d/${encodeURIComponent(docId)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const page = await res.text();
      const doc = engine.corpus.documents.get(docId)!;
      expect(page).toMatch(/<dl class="meta">.*<dt>/s);
      if (doc.meta.issuer) expect(page).toContain(`<dd>${escapeHtml(doc.meta.issuer)}</dd>`);
      if (doc.meta.number) expect(page).toContain(`<dd>${escapeHtml(doc.meta.number)}</dd>`);
      // The outline lists the numbered sections (1., 1.2., …); a document of plain paragraphs has none.
      const sections = new Set(doc.passages.flatMap((p) => (p.section ? [p.section] : [])));
      if (docId === SEED.namDinh) expect(sections.size).toBeGreaterThan(1);
      if (sections.size) {
        const outline = /<nav class="outline"[^>]*>(.*?)<\/nav>/s.exec(page)?.[1] ?? "";
        const links = [...outline.matchAll(/<a href="#([^"]+)">/g)].map((m) => textOf(m[1]!));
        expect(links).toHaveLength(sections.size);
        for (const anchor of links) expect(page).toContain(`id="${escapeHtml(anchor)}"`);
      } else {
        expect(page).not.toContain('<nav class="outline"');
      }
      for (const p of doc.passages) {
        expect(page).toContain(`id="${escapeHtml(p.anchor)}"`);
        expect(textOf(page)).toContain(p.text);
      }
      // Anchors are unique: one element per cited passage.
      expect(new Set(doc.passages.map((p) => p.anchor)).size).toBe(doc.passages.length);
    },
  );

  it("an unknown id → the 404 page", async () => {
    const res = await get("/d/unknown");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("Không tìm thấy văn bản");
  });

  it.each([
    "/d/..%2f..%2fetc%2fpasswd",
    "/d/..%5cwin.ini",
    "/d/.env",
    "/d/..%2f.env",
    "/d/%2e%2e%2fpackage.json",
    "/d/..%2f..%2fpackage.json",
    "/d/%2e%2e%5c%2e%2e%5cpackage.json",
    "/d/%00",
    "/d/a%2f..%2f..%2fsrc%2fmain.ts",
  ])("traversal attempt %s → 404, no file content", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain("Không tìm thấy văn bản");
    expect(page).not.toMatch(/root:.*:0:0:|\[fonts\]|"name": "directive-bot"|BOT_TOKEN|import /);
  });

  it("/d/%2e%2e is the dot segment `..` (WHATWG URL): it resolves to / before routing and never reaches the viewer", async () => {
    // A fetch client, a browser and @hono/node-server all resolve `%2e%2e` to `..`, so `/d/%2e%2e` *is* `/`.
    for (const path of ["/d/%2e%2e", "/d/%2E%2E", "/d/.."]) {
      const res = await get(path);
      const page = await res.text();
      expect(page).not.toMatch(/root:.*:0:0:|"name": "directive-bot"|BOT_TOKEN/);
      expect(page).not.toContain('class="passage"');
      expect([200, 404]).toContain(res.status);
    }
    // Below /d/ they resolve to a path that is not a document.
    for (const path of ["/d/x/%2e%2e/%2e%2e/package.json", "/d/%2e%2e/%2e%2e/etc/passwd"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/root:.*:0:0:|"name": "directive-bot"/);
    }
  });

  it("?q= highlights matched words in <mark> and is never echoed raw", async () => {
    const res = await get(`/d/${SEED.namDinh}?q=${q(`tiêm vắc xin ${XSS}`)}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain(XSS);
    expect(page).not.toContain("<script");
    expect(page).toMatch(/<mark>(tiêm|vắc xin|vắc|xin)<\/mark>/i);
  });
});

describe("search page /", () => {
  it("with no query: the search box and the examples", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<form class="search" method="get" action="\/"/);
    expect(page).toContain('name="q"');
    expect(page).toContain('class="examples"');
    for (const e of t.examples) expect(page).toContain(`href="/?q=${escapeHtml(encodeURIComponent(e))}"`);
    expect(page).not.toContain('class="answer"');
  });

  it("a question: cited answers linking to the viewer at the passage", async () => {
    const page = await (await get(`/?q=${q("Ai chịu trách nhiệm tiêm vắc xin?")}`)).text();
    const cards = page.match(/<article class="answer">.*?<\/article>/gs) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThanOrEqual(5);
    for (const card of cards) {
      expect(card).toMatch(/<div class="cite">[^<]*(Công văn|Chỉ thị|Thông báo)/);
      expect(card).toMatch(/<a class="open" href="\/d\/[^"?#]+\?q=[^"#]+#[^"]+">Xem văn bản<\/a>/);
    }
  });

  it("an off-topic question: the no-answer message and examples", async () => {
    const res = await get(`/?q=${q("công thức nấu phở bò")}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`<p class="empty">${escapeHtml(t.noAnswer)}</p>`);
    expect(page).toContain('class="examples"');
    expect(page).not.toContain('class="answer"');
  });

  it.each([XSS, `"><script>alert(1)</script>`, `tiêm vắc xin ${XSS}`])(
    "escapes %s in q (value, title, answers)",
    async (query) => {
      const page = await (await get(`/?q=${q(query)}`)).text();
      expect(page).not.toContain(XSS);
      expect(page).not.toContain("<script");
      expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(page).toContain(`value="${escapeHtml(query)}"`);
    },
  );
});

describe("headers, assets, limits", () => {
  const paths = [
    "/",
    `/?q=${q("tiêm vắc xin")}`,
    `/d/${SEED.yenThe}`,
    "/d/unknown",
    "/healthz",
    "/api/ask?q=x",
    "/api/ask",
    "/api/documents",
    "/static/style.css",
    "/nope",
  ];

  it.each(paths)("%s: CSP without 'unsafe-inline', nosniff", async (path) => {
    const res = await get(path);
    const csp = res.headers.get("content-security-policy");
    expect(csp).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("the stylesheet is served locally as text/css", async () => {
    const res = await get("/static/style.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await res.text()).toContain(".passage:target");
  });

  it.each([
    "/",
    `/?q=${q("Ai chịu trách nhiệm tiêm vắc xin?")}`,
    ...Object.values(SEED).map((id) => `/d/${id}?q=${q("tiêm vắc xin")}`),
    "/d/unknown",
  ])("%s: no external asset, no inline script or style", async (path) => {
    const page = await (await get(path)).text();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<style/i);
    expect(page).not.toMatch(/<[^>]*\sstyle=/i);
    expect(page).not.toMatch(/<[^>]*\son[a-z]+=/i);
    for (const m of page.matchAll(/<([a-z]+)\b[^>]*?\s(?:src|href|srcset|action)="[^"]*/gi)) {
      const [tag, name] = [m[0], m[1]!.toLowerCase()];
      const url = /(?:src|href|srcset|action)="([^"]*)/i.exec(tag)![1]!;
      if (!/^(https?:)?\/\//i.test(url)) continue;
      // Only citation and source links may point elsewhere: plain <a> the reader follows, never something the page loads.
      expect(name, tag).toBe("a");
      expect(tag, tag).toMatch(/class="open"|rel="noopener noreferrer"/);
    }
    expect(page).toContain('<link rel="stylesheet" href="/static/style.css">');
  });

  it("a webhook POST over 1 MB → 413, not handled; a small one reaches the handler", async () => {
    const before = webhookBodies;
    const big = "x".repeat(1024 * 1024 + 1);
    const res = await app.request(WEBHOOK_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    // Without Content-Length (chunked): the limit still holds while reading the stream.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(512 * 1024).fill(120));
        controller.close();
      },
    });
    const res2 = await app.request(WEBHOOK_PATH, { method: "POST", body: chunked, duplex: "half" } as RequestInit);
    expect(res2.status).toBe(413);
    expect(webhookBodies).toBe(before);
    const small = await app.request(WEBHOOK_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(small.status).toBe(200);
    expect(webhookBodies).toBe(before + 1);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
