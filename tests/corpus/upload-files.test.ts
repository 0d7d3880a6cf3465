import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { docIdFromFileName, TargetExistsError, writeAtomically, writeUpload } from "../../src/corpus/upload-files.ts";
import { makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterAll(removeCorpusDirs);

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

describe("docIdFromFileName", () => {
  it.each([
    ["CV 209 Kiên Giang.docx", "cv-209-kien-giang"],
    ["Đề án số 1 (bản cuối).PDF", "de-an-so-1-ban-cuoi"],
    ["2021-07-21-kien-giang-cv-209.txt", "2021-07-21-kien-giang-cv-209"],
    ["  __Thông báo__ .md", "thong-bao"],
  ])("%s → %s", (name, id) => expect(docIdFromFileName(name)).toBe(id));

  it("has no id for a name without Latin letters or digits, and caps long names without a trailing dash", () => {
    expect(docIdFromFileName("文件.pdf")).toBeNull();
    const long = docIdFromFileName(`${"a".repeat(79)} b.txt`)!;
    expect(long).toBe("a".repeat(79));
  });
});

describe("writeAtomically / writeUpload", () => {
  it("never replaces an existing file without overwrite, and leaves no temp file behind", async () => {
    const dir = await makeCorpusDir({ "a.txt": "old" });
    await expect(writeAtomically(dir, "a.txt", bytes("new"), false)).rejects.toBeInstanceOf(TargetExistsError);
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("old");
    await writeAtomically(dir, "a.txt", bytes("new"), true);
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["a.txt"]);
  });

  it("without replace, any file of the docId (another format, a lone sidecar) refuses the upload and nothing is written", async () => {
    const dir = await makeCorpusDir({ "x.pdf": "pdf", "y.meta.json": "{}" });
    for (const docId of ["x", "y"]) {
      await expect(
        writeUpload(dir, { docId, ext: ".txt", bytes: bytes("t"), sidecar: { number: "1" } }, false),
      ).rejects.toBeInstanceOf(TargetExistsError);
    }
    expect((await readdir(dir)).sort()).toEqual(["x.pdf", "y.meta.json"]);
  });

  it("with replace, the folder ends with exactly the new file (and sidecar, when given)", async () => {
    const dir = await makeCorpusDir({ "x.pdf": "pdf", "x.meta.json": '{"number":"old"}', "z.txt": "other" });
    await writeUpload(dir, { docId: "x", ext: ".md", bytes: bytes("md"), sidecar: null }, true);
    expect((await readdir(dir)).sort()).toEqual(["x.md", "z.txt"]);
    await writeUpload(dir, { docId: "x", ext: ".md", bytes: bytes("md2"), sidecar: { number: "2" } }, true);
    expect((await readdir(dir)).sort()).toEqual(["x.md", "x.meta.json", "z.txt"]);
    expect(JSON.parse(await readFile(join(dir, "x.meta.json"), "utf8"))).toEqual({ number: "2" });
  });
});
