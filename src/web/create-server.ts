import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import { documentUrl, newestFirst } from "../answer/document-card.ts";
import { isDocId } from "../corpus/doc-id.ts";
import type { Engine } from "../engine.ts";
import { MESSAGES, type Messages } from "../i18n/messages.ts";
import { documentPage, notFoundPage, searchPage } from "./pages.ts";
import { STYLE } from "./style.ts";

export interface ServerDeps {
  engine(): Engine;
  publicBaseUrl: string;
  version: string;
  /** Telegram webhook handler (BOT_MODE=webhook); it checks the secret token itself. */
  webhook?: { path: string; handle(c: Context): Response | Promise<Response> };
  /** Other channels' routes (the Zalo webhook), mounted before the not-found handler. */
  mount?: readonly ((app: Hono) => void)[];
}

const askParams = z.object({
  q: z.string().trim().min(1, "must not be empty").max(4096, "must be at most 4096 characters"),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(50, "must be at most 50")
    .default(5),
});

/**
 * No inline scripts or styles, nothing from elsewhere: every asset is served by this server. HSTS is the HTTPS
 * proxy's to decide (this server speaks plain HTTP on HOST:PORT).
 */
const SECURITY_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "no-referrer",
  xFrameOptions: "DENY",
  strictTransportSecurity: false,
});

/** The web channel: document viewer, search page, JSON API, health, and the Telegram webhook. Creating it does no I/O. */
export function createServer(deps: ServerDeps): Hono {
  const app = new Hono();
  const t = MESSAGES.vi;

  app.use("*", SECURITY_HEADERS);
  app.use(
    "*",
    bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: "request body too large (limit 1 MB)" }, 413) }),
  );

  app.get("/static/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  addApi(app, deps);
  addPages(app, deps, t);

  if (deps.webhook) {
    const { path, handle } = deps.webhook;
    app.post(path, (c) => handle(c));
  }
  for (const m of deps.mount ?? []) m(app);
  app.notFound((c) =>
    c.req.path.startsWith("/api/") ? c.json({ error: "not found" }, 404) : c.html(notFoundPage(), 404),
  );
  return app;
}

/** /healthz and the JSON API: questions and the document list. */
function addApi(app: Hono, deps: ServerDeps): void {
  app.get("/healthz", (c) => {
    const { corpus } = deps.engine();
    return c.json({
      status: "ok",
      documents: corpus.documents.size,
      passages: corpus.passages.length,
      loadedAt: corpus.loadedAt.toISOString(),
      version: deps.version,
    });
  });

  app.get("/api/ask", (c) => {
    const parsed = askParams.safeParse({ q: c.req.query("q"), limit: c.req.query("limit") });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const parameter = String(issue.path[0] ?? "q");
      return c.json({ error: `invalid parameter "${parameter}": ${issue.message}`, parameter }, 400);
    }
    return c.json(deps.engine().ask(parsed.data.q, parsed.data.limit));
  });

  app.get("/api/documents", (c) => {
    const docs = newestFirst(deps.engine().corpus.documents.values()).map((d) => ({
      docId: d.meta.docId,
      title: d.meta.title,
      type: d.meta.type,
      number: d.meta.number,
      date: d.meta.date,
      issuer: d.meta.issuer,
      signer: d.meta.signer,
      passages: d.passages.length,
      url: documentUrl(deps.publicBaseUrl, d.meta),
    }));
    return c.json({ documents: docs });
  });
}

/** The HTML pages: the document viewer every citation links to, and the search page. */
function addPages(app: Hono, deps: ServerDeps, t: Messages): void {
  app.get("/d/:docId", (c) => {
    const docId = c.req.param("docId").normalize("NFC");
    // Only a known id is looked up; anything else (../, encoded slashes) is simply not a document.
    const doc = isDocId(docId) ? deps.engine().corpus.documents.get(docId) : undefined;
    if (!doc) return c.html(notFoundPage(), 404);
    const q = (c.req.query("q") ?? "").slice(0, 4096);
    const terms = q ? deps.engine().terms(q) : [];
    const engine = deps.engine();
    return c.html(documentPage(doc, terms, t, { graph: engine.citations(), documents: engine.corpus.documents }));
  });

  app.get("/", (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 4096);
    return c.html(searchPage(q, q ? deps.engine().ask(q, 5) : null, t));
  });
}
