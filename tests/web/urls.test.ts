import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerSet } from "../../src/answer/build-answer.ts";
import { ROOT, runTs } from "../helpers/run.ts";
import { elementById, textOf } from "./html.ts";
import { startWebProcess, type WebProcess } from "./web-process.ts";

/** The dev questions kept in the repo (one JSON object a line, `q` the question). */
const DEV = new URL("../../bench/data/dev.jsonl", import.meta.url);
const questions = readFileSync(DEV, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

describe("every url in `ask --json` for the dev questions resolves on the running server (no BOT_TOKEN)", () => {
  let web: WebProcess;
  let sets: AnswerSet[];

  beforeAll(async () => {
    web = await startWebProcess();
    // `npm run --silent ask -- --json` with the questions on stdin, against the same PUBLIC_BASE_URL.
    const res = await runTs("src/cli.ts", ["ask", "--json"], {
      env: { DATA_DIR: `${ROOT}/data/directives`, PUBLIC_BASE_URL: web.base },
      input: `${questions.join("\n")}\n`,
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    sets = res.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AnswerSet);
  }, 45_000);

  afterAll(async () => {
    expect(await web?.stop()).toBe(0);
  });

  it("answers every dev question with local viewer links", () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(sets).toHaveLength(questions.length);
    const answers = sets.flatMap((s) => s.answers);
    expect(answers.length).toBeGreaterThan(questions.length);
    // The seeds have no public source, so every citation opens this server's viewer at the passage.
    for (const a of answers) expect(a.url).toMatch(new RegExp(`^${web.base}/d/[^/?#]+#[^#]+$`));
  });

  it("each url → 200 HTML whose element with id = the fragment holds the cited paragraph and the excerpt", async () => {
    const pages = new Map<string, Promise<{ status: number; body: string }>>();
    const load = (page: string) => {
      let p = pages.get(page);
      if (!p) pages.set(page, (p = fetch(page).then(async (r) => ({ status: r.status, body: await r.text() }))));
      return p;
    };
    let checked = 0;
    for (const set of sets) {
      for (const a of set.answers) {
        const url = new URL(a.url);
        const anchor = decodeURIComponent(url.hash.slice(1));
        const { status, body } = await load(`${url.origin}${url.pathname}`);
        const where = `${set.query} → ${a.url}`;
        expect(status, where).toBe(200);
        const element = elementById(body, anchor);
        expect(element, `${where}: no element with id="${anchor}"`).toBeDefined();
        // The answer gives its whole cited part; the fragment opens the paragraph it cites within it.
        const paragraphs = a.passage.split("\n\n");
        expect(
          paragraphs.some((p) => textOf(element!).includes(p)),
          where,
        ).toBe(true);
        expect(textOf(element!), where).toContain(a.excerpt.replace(/^…\s*|\s*…$/g, ""));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(questions.length);
  });

  it("the real server answers /healthz and a raw dot-segment or traversal path is no document", async () => {
    const health = (await (await fetch(`${web.base}/healthz`)).json()) as { documents: number };
    expect(health.documents).toBe(5);
    // Raw request lines, exactly as sent (no client-side URL normalisation).
    for (const path of [
      "/d/%2e%2e",
      "/d/..%2f..%2fetc%2fpasswd",
      "/d/../../etc/passwd",
      "/d/..%5c..%5cpackage.json",
      "/d/.env",
    ]) {
      const { status, body } = await rawGet(web.base, path);
      expect(body, path).not.toMatch(/root:.*:0:0:|"name": "directive-bot"|BOT_TOKEN/);
      expect(body, path).not.toContain('class="passage"');
      expect([200, 404], path).toContain(status);
      if (status === 200) expect(body, path).toContain('<form class="search"');
    }
  });
});

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
