import { afterAll, describe, expect, it } from "vitest";
import { CorpusFileError } from "../../src/corpus/errors.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createParsePool } from "../../src/corpus/parse-pool.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { FIXTURE_DIR, LOAD_OPTIONS, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterAll(removeCorpusDirs);

/** Workers for every folder, however small: the tests' folders are far below the default threshold. */
const POOLED = { ...LOAD_OPTIONS, workers: 2, poolMinBytes: 0 };
const SINGLE = { ...LOAD_OPTIONS, workers: 1 };
const CRASH_WORKER = new URL("../helpers/crash-parse-worker.ts", import.meta.url);

/** Everything a load yields but its time. */
const yielded = (c: Corpus) => JSON.stringify({ docs: [...c.documents], passages: c.passages, reports: c.reports });

const letter = (n: number) =>
  `UỶ BAN NHÂN DÂN TỈNH\nSố: ${n}/UBND-VX\nV/v tổ chức tiêm vắc xin đợt ${n}\n\n` +
  `1. Sở Y tế chủ trì tổ chức tiêm vắc xin đợt ${n} trước ngày 30/9/2022.\n` +
  `2. Ủy ban nhân dân các huyện phối hợp thực hiện Công văn số 12-CV/TU ngày 1/7/2021.\n`;

describe("parsing on worker threads (parse-pool.ts)", () => {
  it("a pool load of the fixtures (text, markdown, docx, PDFs, a scan) equals the single-thread load", async () => {
    const pool = createParsePool({ size: 2 });
    const pooled = await loadCorpus(FIXTURE_DIR, { ...LOAD_OPTIONS, pool }).finally(() => pool.close());
    const single = await loadCorpus(FIXTURE_DIR, SINGLE);
    expect(pooled.documents.size).toBeGreaterThan(3);
    expect(pooled.reports.some((r) => r.status === "error")).toBe(true);
    expect(yielded(pooled)).toEqual(yielded(single));
  });

  it("broken files in a pool load are reported as the single-thread load reports them, and skipped", async () => {
    const dir = await makeCorpusDir({
      "a-good.txt": letter(1),
      "b-broken.pdf": "%PDF-1.7\nnot a PDF at all",
      "c-binary.txt": new Uint8Array(4000).map((_, i) => (i * 7) % 32),
      "d-good.txt": letter(2),
    });
    const pooled = await loadCorpus(dir, POOLED);
    expect([...pooled.documents.keys()]).toEqual(["a-good", "d-good"]);
    const errors = pooled.reports.filter((r) => r.status === "error").map((r) => [r.file, r.error]);
    expect(errors.map(([file]) => file)).toEqual(["b-broken.pdf", "c-binary.txt"]);
    expect(errors[0]![1]).toMatch(/^not a readable PDF: /);
    expect(errors[1]![1]).toMatch(/^binary content: /);
    expect(yielded(pooled)).toEqual(yielded(await loadCorpus(dir, SINGLE)));
  });

  it("a worker that dies on a file fails that file only, after a second try; the files after it still parse", async () => {
    // The largest file: a load hands it to a worker first (shared-parse.ts), never to its own thread.
    const dir = await makeCorpusDir({ "a.txt": letter(1), "b-crash.txt": letter(2).repeat(3), "c.txt": letter(3) });
    const pool = createParsePool({ size: 1, entry: CRASH_WORKER });
    try {
      const results = await Promise.allSettled(
        ["a.txt", "b-crash.txt", "c.txt"].map((f) => pool.parse(`${dir}/${f}`, f.slice(0, -4), null, 1 << 20)),
      );
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const error = (results[1] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(CorpusFileError);
      expect(error.reason).toBe("the parser stopped on this file (exit code 7)");
      // Through the loader: one error report, the other documents loaded, the pool still usable after.
      const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, pool });
      expect(corpus.reports.map((r) => [r.file, r.status])).toEqual([
        ["a.txt", "ok"],
        ["b-crash.txt", "error"],
        ["c.txt", "ok"],
      ]);
      const single = await loadCorpus(dir, SINGLE);
      expect([...corpus.documents.keys()]).toEqual(["a", "c"]);
      expect(JSON.stringify(corpus.documents.get("a"))).toEqual(JSON.stringify(single.documents.get("a")));
    } finally {
      await pool.close();
    }
  });

  it("a load parses the smallest files on its own thread while the workers take the largest", async () => {
    // The crash worker dies on any file named "crash": here the smallest one, so this thread parses it.
    const dir = await makeCorpusDir({
      "a.txt": letter(1).repeat(4),
      "b.txt": letter(2).repeat(4),
      "c-crash.txt": letter(3),
    });
    const pool = createParsePool({ size: 1, entry: CRASH_WORKER });
    try {
      const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, pool });
      expect(corpus.reports.map((r) => [r.file, r.status])).toEqual([
        ["a.txt", "ok"],
        ["b.txt", "ok"],
        ["c-crash.txt", "ok"],
      ]);
      expect(yielded(corpus)).toEqual(yielded(await loadCorpus(dir, SINGLE)));
    } finally {
      await pool.close();
    }
  });

  it("workers that cannot start (their module does not load): the files are parsed on this thread", async () => {
    const pool = createParsePool({ size: 2, entry: new URL("./no-such-parse-worker.js", import.meta.url) });
    try {
      const pooled = await loadCorpus(FIXTURE_DIR, { ...LOAD_OPTIONS, pool });
      expect(pooled.documents.size).toBeGreaterThan(3);
      expect(yielded(pooled)).toEqual(yielded(await loadCorpus(FIXTURE_DIR, SINGLE)));
    } finally {
      await pool.close();
    }
  });

  it("a closed pool refuses new files", async () => {
    const pool = createParsePool({ size: 1 });
    await pool.close();
    await expect(pool.parse("/nowhere/x.txt", "x", null, 1)).rejects.toThrow("parse pool: closed");
  });
});
