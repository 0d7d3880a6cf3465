import { ANSWER_KEYS } from "../helpers/contract.ts";
import { describe, expect, it } from "vitest";
import { ROOT, runTs } from "../helpers/run.ts";

const ENV = { DATA_DIR: `${ROOT}/data/directives`, PUBLIC_BASE_URL: "http://bot.test" };

describe("ask CLI (DESIGN.md contract)", () => {
  it("prints one answer object with exactly the contract's fields for --json QUESTION", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--json", "--limit", "3", "tiêm vắc xin"], { env: ENV });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const set = JSON.parse(lines[0]!);
    expect(Object.keys(set).sort()).toEqual(["answers", "lang", "query"]);
    expect(set.query).toBe("tiêm vắc xin");
    expect(set.lang).toBe("vi");
    expect(set.answers.length).toBeGreaterThan(0);
    expect(set.answers.length).toBeLessThanOrEqual(3);
    for (const a of set.answers) {
      expect(Object.keys(a).sort()).toEqual([...ANSWER_KEYS].sort());
      expect(a.url).toMatch(/^http:\/\/bot\.test\/d\/[^#]+#.+$/);
      expect(a.url.startsWith(`http://bot.test/d/${encodeURIComponent(a.docId)}#`)).toBe(true);
      expect(a.passage).toContain(a.excerpt.replace(/^… | …$/g, "").slice(0, 40));
      expect(a.excerpt.length).toBeLessThanOrEqual(410);
      expect(typeof a.score).toBe("number");
    }
  });

  it("answers each stdin line in turn, one JSON line per question", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--json"], {
      env: ENV,
      input: "giải ngân vốn đầu tư công\n\nnhap canh trai phep\n",
    });
    expect(r.code).toBe(0);
    const sets = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(sets.map((s) => s.query)).toEqual(["giải ngân vốn đầu tư công", "nhap canh trai phep"]);
    expect(sets[1].answers[0].passage).toContain("nhập cảnh trái phép");
  });

  it("defaults --limit to 5", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--json", "phòng chống dịch"], { env: ENV });
    expect(JSON.parse(r.stdout).answers).toHaveLength(5);
  });

  it("prints readable text without --json, with the citation link", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--limit", "1", "Trung tâm Y tế huyện"], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\? Trung tâm Y tế huyện\n1\. /);
    expect(r.stdout).toContain("http://bot.test/d/");
  });

  it("refuses a bad --limit with a message naming it", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--limit", "zero", "x"], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit must be a whole number from 1 to 50 (got "zero")');
  });

  it("stops on a bad environment variable with one line naming it", async () => {
    const r = await runTs("src/cli.ts", ["ask", "x"], { env: { ...ENV, PORT: "-1" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^config: PORT: .*\(got "-1"\)$/);
  });
});

describe("ask: nothing in the corpus answers", () => {
  it("returns answers [] for web-page chrome and the recipients block, which are never passages", async () => {
    const r = await runTs("src/cli.ts", ["ask", "--json"], {
      env: ENV,
      input: "Thống kê truy cập\nNơi nhận\ngiá vàng hôm nay bao nhiêu\n",
    });
    expect(r.code).toBe(0);
    const sets = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(sets.map((s) => [s.query, s.answers])).toEqual([
      ["Thống kê truy cập", []],
      ["Nơi nhận", []],
      ["giá vàng hôm nay bao nhiêu", []],
    ]);
  });
});

describe("corpus:check", () => {
  it("lists every seed with its metadata and exits 0", async () => {
    const r = await runTs("src/cli.ts", ["corpus-check"], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("number: 146-CV/TU | date: 2021-05-04");
    expect(r.stdout).toContain("signer: Nông Văn Tâm");
    expect(r.stdout).toMatch(/5 documents, \d+ passages, 0 unreadable file\(s\)/);
  });
});
