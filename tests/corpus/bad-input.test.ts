import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus, CorpusDocument, FileReport } from "../../src/corpus/types.ts";
import {
  LOAD_OPTIONS,
  SEED,
  SEED_DIR,
  documentOf,
  makeCorpusDir,
  removeCorpusDirs,
  reportOf,
  seedsLoaded,
} from "../helpers/corpus.ts";

afterEach(removeCorpusDirs);

const ALL_SEEDS = Object.values(SEED);
const seedText = (docId: string) => readFile(join(SEED_DIR, `${docId}.txt`), "utf8");
const errorOf = (report: FileReport) => (report.status === "error" ? report.error : `(status ${report.status})`);

/** Loads `files` beside copies of the five seeds. */
async function loadWithSeeds(
  files: Record<string, string | Uint8Array>,
  maxFileBytes = LOAD_OPTIONS.maxFileBytes,
): Promise<Corpus> {
  return loadCorpus(await makeCorpusDir(files, { withSeeds: true }), { maxFileBytes });
}

/** Deterministic bytes that look like a binary file: every value, NULs included. */
function garbage(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = i % 97 === 0 ? 0 : x >>> 24;
  }
  return bytes;
}

/** What a reader sees of a document: everything but its id and file name. */
function visible(doc: CorpusDocument) {
  const { docId: _docId, ...meta } = doc.meta;
  return {
    meta,
    text: doc.text,
    contentHash: doc.contentHash,
    passages: doc.passages.map((p) => ({
      anchor: p.anchor,
      section: p.section,
      heading: p.heading,
      actor: p.actor,
      text: p.text,
      order: p.order,
    })),
  };
}

describe("bad files never stop the good ones", () => {
  it("an empty file and a blank one are errors that say so", async () => {
    const c = await loadWithSeeds({ "rong.txt": "", "trang.txt": "\n \n\t\n\r\n" });
    for (const file of ["rong.txt", "trang.txt"]) {
      const report = reportOf(c, file);
      expect(report.status).toBe("error");
      expect(errorOf(report)).toBe("no citable passages (empty file or no body text)");
      expect(report.warnings).toContain("empty file: no text after cleaning");
    }
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("binary garbage named .txt is an error that names the problem", async () => {
    const c = await loadWithSeeds({ "rac.txt": garbage(8192) });
    const report = reportOf(c, "rac.txt");
    expect(report.status).toBe("error");
    expect(errorOf(report)).toMatch(/^not UTF-8 text \(binary file or a legacy encoding/);
    expect(c.documents.has("rac")).toBe(false);
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("valid UTF-8 full of control characters (NULs) is reported as binary content", async () => {
    const c = await loadWithSeeds({ "nul.txt": `Số 1-CV/TU\n${"\u0000\u0001 chữ ".repeat(200)}` });
    expect(errorOf(reportOf(c, "nul.txt"))).toMatch(/^binary content: 400 control characters in \d+ characters$/);
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("a file over the size limit is refused before it is read", async () => {
    const big = `${(await seedText(SEED.namDinh)).slice(0, 2000)}\n${"Nội dung lặp lại. ".repeat(120_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    const c = await loadWithSeeds({ "qua-lon.txt": big }, 1024 * 1024);
    expect(errorOf(reportOf(c, "qua-lon.txt"))).toMatch(/^file too large: 2\.\d MB exceeds the 1 MB limit$/);
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("unsupported types are skipped with a reason; an unusable file name is an error", async () => {
    const c = await loadWithSeeds({ "anh.jpg": garbage(100), "bad name!.txt": "Số 1-CV/TU" });
    expect(reportOf(c, "anh.jpg")).toMatchObject({
      status: "skipped",
      warnings: ['ignored: unsupported file type ".jpg"'],
    });
    expect(errorOf(reportOf(c, "bad name!.txt"))).toMatch(/is not a usable document id/);
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("editor and sync scratch files are ignored without a report", async () => {
    const scratch = [
      ".2021-05-04-nam-dinh-cv-146.txt.swp",
      "ghi-chu.txt~",
      "ghi-chu.txt.swp",
      "~$bao-cao.docx",
      ".an.txt",
      "tai-ve.pdf.part",
    ];
    const c = await loadWithSeeds(Object.fromEntries(scratch.map((n) => [n, garbage(64)])));
    expect(c.reports.map((r) => r.file).filter((f) => scratch.includes(f))).toEqual([]);
    expect(c.reports).toHaveLength(ALL_SEEDS.length);
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("two files with the same document id (x.txt, x.md): the first loads, the second is an error naming both", async () => {
    // Not a copy of a seed: that would be the same document in two files, loaded once (tests/corpus/duplicates.test.ts).
    const text = (await seedText(SEED.yenThe)).replace("Nông Văn Tâm", "Nông Văn Tám");
    const c = await loadWithSeeds({ "x.txt": text, "x.md": text });
    expect(reportOf(c, "x.md").status).toBe("ok");
    expect(errorOf(reportOf(c, "x.txt"))).toBe('duplicate document id "x": x.md has the same name');
    expect(documentOf(c, "x").file).toBe("x.md");
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });
});

describe("sidecar NAME.meta.json", () => {
  it("invalid JSON: the document still loads with its extracted metadata, and the warning names the sidecar", async () => {
    const c = await loadWithSeeds({ [`${SEED.namDinh}.meta.json`]: '{"title": "thiếu ngoặc"' });
    const report = reportOf(c, `${SEED.namDinh}.txt`);
    expect(report.status).toBe("ok");
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(new RegExp(`^sidecar ${SEED.namDinh}\\.meta\\.json ignored: invalid JSON \\(`));
    expect(documentOf(c, SEED.namDinh).meta.number).toBe("146-CV/TU");
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });

  it("a sidecar with a bad value or an unknown key is ignored, and the warning names the field", async () => {
    const c = await loadWithSeeds({ [`${SEED.namDinh}.meta.json`]: JSON.stringify({ date: "04/05/2021", so: "146" }) });
    const warning = reportOf(c, `${SEED.namDinh}.txt`).warnings.join("\n");
    expect(warning).toMatch(new RegExp(`^sidecar ${SEED.namDinh}\\.meta\\.json ignored: .*date: `));
    expect(warning).toContain('"so"');
    expect(documentOf(c, SEED.namDinh).meta.date).toBe("2021-05-04");
  });

  it("overrides title (verbatim), number, date and sourceUrl, adds tags, and keeps what it does not mention", async () => {
    const sidecar = {
      title: "Công văn của BTV Huyện ủy Yên Thế về phòng, chống Covid-19 (bản cập nhật)",
      number: "312-CV/HU",
      date: "2021-07-26",
      sourceUrl: "https://yenthe.bacgiang.gov.vn/cv-312",
      tags: ["covid-19", "huyện"],
    };
    const c = await loadWithSeeds({ [`${SEED.yenThe}.meta.json`]: JSON.stringify(sidecar) });
    const d = documentOf(c, SEED.yenThe);
    expect(d.meta).toMatchObject({
      ...sidecar,
      type: "Công văn",
      issuer: "Ban Thường vụ Huyện ủy Yên Thế",
      signer: "Nông Văn Tâm",
    });
    // The sidecar filled the blank number, so the warning about it is gone.
    expect(reportOf(c, `${SEED.yenThe}.txt`).warnings).toEqual([]);
    expect(d.passages.length).toBeGreaterThan(10);
  });

  it("null in a sidecar means 'known to be unknown' and clears an extracted value", async () => {
    const c = await loadWithSeeds({ [`${SEED.namDinh}.meta.json`]: JSON.stringify({ signer: null }) });
    expect(documentOf(c, SEED.namDinh).meta.signer).toBeNull();
  });

  it("changes the content hash, so a reload sees the document as changed", async () => {
    const plain = await loadWithSeeds({});
    const withSidecar = await loadWithSeeds({ [`${SEED.yenThe}.meta.json`]: JSON.stringify({ number: "312-CV/HU" }) });
    expect(documentOf(withSidecar, SEED.yenThe).contentHash).not.toBe(documentOf(plain, SEED.yenThe).contentHash);
    expect(documentOf(withSidecar, SEED.namDinh).contentHash).toBe(documentOf(plain, SEED.namDinh).contentHash);
  });

  it("a sidecar without its document is reported and skipped", async () => {
    const c = await loadWithSeeds({ "mo-coi.meta.json": "{}" });
    expect(reportOf(c, "mo-coi.meta.json")).toMatchObject({
      status: "skipped",
      warnings: ["sidecar without a document of the same name"],
    });
    expect(seedsLoaded(c)).toEqual(ALL_SEEDS);
  });
});

describe("encodings and line endings give the same document", () => {
  it("Windows CRLF line endings give the same metadata and passages as LF, for every seed", async () => {
    // Each variant in a folder of its own: in one folder, two copies of a document are loaded once.
    const lf: Record<string, string> = {};
    const crlf: Record<string, string> = {};
    for (const id of ALL_SEEDS) {
      const text = await seedText(id);
      lf[`${id}.txt`] = text.replace(/\r\n/g, "\n");
      crlf[`${id}.txt`] = text.replace(/\r?\n/g, "\r\n");
    }
    const a = await loadCorpus(await makeCorpusDir(lf), LOAD_OPTIONS);
    const b = await loadCorpus(await makeCorpusDir(crlf), LOAD_OPTIONS);
    for (const id of ALL_SEEDS) {
      expect(crlf[`${id}.txt`]).toContain("\r\n");
      expect(visible(documentOf(b, id))).toEqual(visible(documentOf(a, id)));
    }
  });

  it("decomposed (NFD) Vietnamese gives NFC output identical to the NFC file, for every seed", async () => {
    const nfc: Record<string, string> = {};
    const nfd: Record<string, string> = {};
    for (const id of ALL_SEEDS) {
      const text = (await seedText(id)).normalize("NFC");
      nfc[`${id}.txt`] = text;
      nfd[`${id}.txt`] = text.normalize("NFD");
      expect(nfd[`${id}.txt`]).not.toBe(text);
    }
    const a = await loadCorpus(await makeCorpusDir(nfc), LOAD_OPTIONS);
    const b = await loadCorpus(await makeCorpusDir(nfd), LOAD_OPTIONS);
    for (const id of ALL_SEEDS) {
      const decomposed = documentOf(b, id);
      expect(visible(decomposed)).toEqual(visible(documentOf(a, id)));
      expect(decomposed.text).toBe(decomposed.text.normalize("NFC"));
    }
  });

  it("a UTF-16 file with a byte-order mark and a UTF-8 file with a BOM read like plain UTF-8", async () => {
    const text = await seedText(SEED.yenThe);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const seeds = await loadWithSeeds({});
    const c = await loadCorpus(await makeCorpusDir({ "utf16.txt": utf16 }), LOAD_OPTIONS);
    const d = await loadCorpus(await makeCorpusDir({ "bom.txt": `\uFEFF${text}` }), LOAD_OPTIONS);
    expect(visible(documentOf(c, "utf16"))).toEqual(visible(documentOf(seeds, SEED.yenThe)));
    expect(visible(documentOf(d, "bom"))).toEqual(visible(documentOf(seeds, SEED.yenThe)));
  });
});
