import { afterAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createParseCache } from "../../src/corpus/parse-cache.ts";
import { LOAD_OPTIONS, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterAll(removeCorpusDirs);

/** A small readable directive: a number, a subject line and two numbered items. */
const letter = (n: number) =>
  `UỶ BAN NHÂN DÂN TỈNH\nSố: ${n}/UBND-VX\nV/v tổ chức tiêm vắc xin đợt ${n}\n\n` +
  `1. Sở Y tế chủ trì tổ chức tiêm vắc xin đợt ${n} cho người cao tuổi.\n` +
  `2. Ủy ban nhân dân các huyện phối hợp lập danh sách đợt ${n}.\n`;

describe("loadCorpus reads files ahead, and reports them in name order", () => {
  it("more files than the read-ahead, broken ones among them: the same reports, in the same order, as file by file", async () => {
    const files: Record<string, string | Uint8Array> = {};
    for (let i = 0; i < 30; i++) files[`cv-${String(i).padStart(2, "0")}.txt`] = letter(i + 1);
    files["cv-07.txt"] = "";
    files["cv-19.txt"] = "CÔNG BÁO/Số 302/Ngày 02-06-2026\n\n6\n\nCÔNG BÁO/Số 302/Ngày 02-06-2026\n\n7\n";
    files["cv-23.meta.json"] = '{"title": "thiếu ngoặc"';
    const dir = await makeCorpusDir(files);
    const corpus = await loadCorpus(dir, LOAD_OPTIONS);
    const names = Object.keys(files).sort((a, b) => a.localeCompare(b));
    expect(corpus.reports.map((r) => r.file)).toEqual(names.filter((n) => !n.endsWith(".meta.json")));
    expect(corpus.reports.filter((r) => r.status === "error").map((r) => r.file)).toEqual(["cv-07.txt", "cv-19.txt"]);
    expect(corpus.reports.find((r) => r.file === "cv-23.txt")?.warnings[0]).toMatch(
      /^sidecar cv-23\.meta\.json ignored/,
    );
    expect([...corpus.documents.keys()]).toEqual(
      names.filter((n) => n.endsWith(".txt") && n !== "cv-07.txt" && n !== "cv-19.txt").map((n) => n.slice(0, -4)),
    );
    // Through the parse cache, cold and warm, the same.
    const state = await makeCorpusDir({});
    const cold = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    const warm = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    expect(cold.reports).toEqual(corpus.reports);
    expect(warm.reports).toEqual(corpus.reports);
  });

  it("two files of one id: when the first is unreadable, the second loads (it is not read before its turn)", async () => {
    const dir = await makeCorpusDir({ "x.md": "", "x.txt": letter(5), "y.txt": letter(6) });
    const corpus = await loadCorpus(dir, LOAD_OPTIONS);
    expect(corpus.reports.map((r) => [r.file, r.status])).toEqual([
      ["x.md", "error"],
      ["x.txt", "ok"],
      ["y.txt", "ok"],
    ]);
    expect(corpus.documents.get("x")?.file).toBe("x.txt");
  });
});
