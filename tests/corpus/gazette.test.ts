/**
 * Real gazette documents (issue 11): page furniture out, metadata of every family, legal bases, appendices,
 * unreadable files, duplicates — on files copied from the Official Gazette into tests/fixtures/gazette/.
 */
import { copyFile, readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNREADABLE } from "../../src/corpus/errors.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import {
  FIXTURE_DIR,
  LOAD_OPTIONS,
  documentOf,
  fixtureCorpusDir,
  makeCorpusDir,
  removeCorpusDirs,
  reportOf,
} from "../helpers/corpus.ts";

const ND = "nghi-dinh-so-125-2026-nd-cp-469327";
const VBHN = "van-ban-hop-nhat-so-04-vbhn-byt-26289";
const TT_QUY_CHE = "thong-tu-so-16-2023-tt-bkhdt-41231";
const TT_SHORT = "thong-tu-so-18-2022-tt-bkhdt-37689";
const NQ = "nghi-quyet-so-78-2025-ubtvqh15-45003";
const SCAN_NQ = "nghi-quyet-so-99-nq-cp-469343";
const SCAN_TT = "thong-tu-so-19-2026-tt-btc-469385";
const TT_FLOATED = "thong-tu-so-32-2026-tt-bkhcn-469766";
const TEXTS = [ND, VBHN, TT_QUY_CHE, TT_SHORT, NQ, SCAN_NQ, SCAN_TT, TT_FLOATED].map((id) => `${id}.txt`);
const FURNITURE = [/CÔNG BÁO\s*\/\s*Số/u, /Ký bởi/u, /Ngày ký/u, /\+07:00/u];

/** A corpus folder with the named files of tests/fixtures/gazette/. */
async function gazetteDir(names: string[]): Promise<string> {
  const dir = await makeCorpusDir({});
  for (const name of names) await copyFile(`${FIXTURE_DIR}gazette/${name}`, `${dir}/${name}`);
  return dir;
}

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(await gazetteDir(TEXTS), LOAD_OPTIONS);
});
afterAll(removeCorpusDirs);

describe("page furniture out, text whole", () => {
  it("no passage and no cleaned text holds a running header, a signature stamp or a bare page number", () => {
    for (const doc of corpus.documents.values()) {
      for (const re of FURNITURE) expect(doc.text, `${doc.meta.docId} ${re}`).not.toMatch(re);
      for (const p of doc.passages) expect(p.text, p.id).not.toMatch(/^\d{1,4}$/u);
    }
  });

  it("a paragraph cut by a page break reads whole: no passage ends mid-sentence where a page ended", () => {
    const doc = documentOf(corpus, ND);
    // "2. Nhóm nghiên cứu mạnh …" opens page 4: it is its own clause, and clause 1 before it is whole.
    const clause1 = doc.passages.find((p) => p.section === "Điều 2, khoản 1")!;
    expect(clause1.text).toMatch(/^1\. Nhóm nghiên cứu tiềm năng .* đào tạo nhân lực chất lượng cao\.$/u);
    const clause2 = doc.passages.find((p) => p.section === "Điều 2, khoản 2")!;
    expect(clause2.text).toMatch(
      /^2\. Nhóm nghiên cứu mạnh trong cơ sở giáo dục đại học là tập hợp giảng viên, người học/u,
    );
  });
});

describe("metadata of every family", () => {
  it("Nghị định: number, date, issuer, the subject joined across its lines, signer and signer title", () => {
    const m = documentOf(corpus, ND).meta;
    expect(m).toMatchObject({
      type: "Nghị định",
      number: "125/2026/NĐ-CP",
      date: "2026-04-06",
      issuer: "Chính phủ",
      title: "Quy định về hoạt động khoa học, công nghệ và đổi mới sáng tạo trong cơ sở giáo dục đại học",
      signer: "Nguyễn Chí Dũng",
      signerTitle: "Phó Thủ tướng",
    });
  });

  it("Nghị quyết of the UBTVQH: 'Nghị quyết số:' and a 'Về việc' subject over three lines", () => {
    const m = documentOf(corpus, NQ).meta;
    expect(m.type).toBe("Nghị quyết");
    expect(m.number).toBe("78/2025/UBTVQH15");
    expect(m.date?.slice(0, 4)).toBe("2025");
    expect(m.title).toBe(
      "Về việc ghi nhận thời gian đóng bảo hiểm xã hội bắt buộc của chủ hộ kinh doanh đã tham gia trước ngày " +
        "Luật Bảo hiểm xã hội số 41/2024/QH15 có hiệu lực thi hành",
    );
  });

  it("a two-page Thông tư whose running header shows once: the title is the subject, not a header or page number", () => {
    const m = documentOf(corpus, TT_SHORT).meta;
    expect(m.type).toBe("Thông tư");
    expect(m.number).toBe("18/2022/TT-BKHĐT");
    expect(m.title).toMatch(/^Quy định danh mục và thời hạn định kỳ chuyển đổi vị trí công tác .* ở địa phương$/u);
  });

  it("a consolidated text (number and date only at its end): Văn bản hợp nhất, its number, date and signer", () => {
    const m = documentOf(corpus, VBHN).meta;
    expect(m).toMatchObject({
      type: "Văn bản hợp nhất",
      number: "04/VBHN-BYT",
      date: "2018-04-13",
      signer: "Phạm Lê Tuấn",
      signerTitle: "Thứ trưởng",
      issuer: "Bộ Y tế",
    });
    expect(m.title).toMatch(/^Ban hành Danh mục thuốc đông y, thuốc từ dược liệu và vị thuốc y học cổ truyền/u);
  });
});

describe("a header block that text extraction moved to the foot of page one", () => {
  it("gives the number, date and issuer, and its lines are in no passage", () => {
    const doc = documentOf(corpus, TT_FLOATED);
    expect(doc.meta).toMatchObject({ type: "Thông tư", number: "32/2026/TT-BKHCN", date: "2026-06-11" });
    expect(doc.meta.issuer).toMatch(/^Bộ Khoa học và công nghệ$/iu);
    expect(reportOf(corpus, `${TT_FLOATED}.txt`).warnings).not.toContain("no document number");
    for (const p of doc.passages) {
      expect(p.text, p.id).not.toMatch(
        /CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Độc lập - Tự do|Số: 32\/2026|BỘ KHOA HỌC VÀ CÔNG NGHỆ/u,
      );
    }
    // The clause the block interrupted reads on as one passage.
    const clause = doc.passages.find((p) => p.section === "Điều 2, khoản 1")!;
    expect(clause.text).toMatch(/thuộc phạm vi quản lý của Bộ Khoa học và Công nghệ và các cơ quan, tổ chức, cá nhân/u);
  });
});

describe("preamble is metadata", () => {
  it("the legal bases are listed in order, and no passage is a 'Căn cứ' line or the enacting formula", () => {
    const doc = documentOf(corpus, ND);
    expect(doc.meta.legalBases[0]).toBe("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;");
    expect(doc.meta.legalBases.at(-1)).toBe("Theo đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo;");
    expect(doc.meta.legalBases[3]).toMatch(
      /^Căn cứ Luật Sở hữu trí tuệ số 50\/2005\/QH11, .* Luật số 131\/2025\/QH15;$/u,
    );
    for (const p of doc.passages) expect(p.text).not.toMatch(/^(Căn cứ|Theo đề nghị|Chính phủ ban hành Nghị định)/u);
    expect(doc.passages[0]!.section).toBe("Điều 1, khoản 1");
  });
});

describe("appendices and attached texts", () => {
  it("a Quy chế issued with a Thông tư is split by its own articles, labelled, not glued onto the last article", () => {
    const doc = documentOf(corpus, TT_QUY_CHE);
    const last = doc.passages.find((p) => p.section === "Điều 3")!;
    expect(last.text).toMatch(/thi hành Thông tư này\.\/\.$/u);
    const article = doc.passages.find((p) => p.section === "Quy chế, Điều 1")!;
    expect(article.text).toBe(
      "Quy chế này quy định về công tác bảo vệ bí mật nhà nước của Bộ Kế hoạch và Đầu tư.\n" +
        "Những nội dung không quy định trong Quy chế này thì thực hiện theo các văn bản quy phạm pháp luật hiện hành có liên quan.",
    );
    expect(article.anchor).toBe("quy-che-dieu-1");
  });

  it("a consolidated text's list after its authentication block is a 'Danh mục' passage", () => {
    const doc = documentOf(corpus, VBHN);
    const list = doc.passages.filter((p) => p.section === "Danh mục");
    expect(list.length).toBeGreaterThan(3);
    expect(list[0]!.heading).toMatch(/^Danh mục\. THUỐC ĐÔNG Y/u);
    const lastArticle = doc.passages.filter((p) => p.section?.startsWith("Điều")).at(-1)!;
    expect(lastArticle.text).not.toMatch(/DANH MỤC|XÁC THỰC/u);
  });
});

describe("unreadable files are refused with one clear line", () => {
  it("gazette pages whose text is only headers, stamps and a signature", () => {
    for (const id of [SCAN_NQ, SCAN_TT]) {
      const r = reportOf(corpus, `${id}.txt`);
      expect(r.status).toBe("error");
      expect(r.status === "error" && r.error).toBe(UNREADABLE);
      expect(corpus.documents.has(id)).toBe(false);
    }
  });

  it("a text of only page headers, page numbers and stamps", async () => {
    const page = (n: number) =>
      `CÔNG BÁO/Số 302/Ngày 02-06-2026\n${n}\n\nKý bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n` +
      `Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-06-02 10:19:19 +07:00\n\n`;
    const c = await loadCorpus(await makeCorpusDir({ "headers.txt": [3, 4, 5, 6].map(page).join("") }), LOAD_OPTIONS);
    const r = reportOf(c, "headers.txt");
    expect(r.status === "error" && r.error).toBe(UNREADABLE);
  });

  it("a PDF whose pages are all images", async () => {
    const c = await loadCorpus(await fixtureCorpusDir(["scan-no-text.pdf"]), LOAD_OPTIONS);
    const r = reportOf(c, "scan-no-text.pdf");
    expect(r.status === "error" && r.error).toMatch(/OCR is not supported/u);
    expect(c.documents.size).toBe(0);
  });
});

describe("the gazette's own PDF", () => {
  it("reads the same metadata as its text, with no page furniture", async () => {
    const c = await loadCorpus(await gazetteDir([`${NQ}.pdf`]), LOAD_OPTIONS);
    const doc = [...c.documents.values()][0]!;
    const fromText = documentOf(corpus, NQ).meta;
    expect(doc.meta).toMatchObject({
      type: fromText.type,
      number: fromText.number,
      date: fromText.date,
      title: fromText.title,
    });
    for (const re of FURNITURE) expect(doc.text).not.toMatch(re);
  });
});

describe("duplicates: one document in two files is loaded once", () => {
  it("the same text under two names: the first loads, the second is skipped, and both warnings name both files", async () => {
    const text = await readFile(`${FIXTURE_DIR}gazette/${TT_SHORT}.txt`);
    const c = await loadCorpus(await makeCorpusDir({ "a.txt": text, "b.txt": text }), LOAD_OPTIONS);
    expect([...c.documents.keys()]).toEqual(["a"]);
    const b = reportOf(c, "b.txt");
    expect(b.status).toBe("skipped");
    expect(b.warnings.at(-1)).toBe(
      "duplicate of a.txt: same Thông tư 18/2022/TT-BKHĐT of 2022-08-08; b.txt is not loaded",
    );
    expect(reportOf(c, "a.txt").warnings.at(-1)).toMatch(
      /^b\.txt holds the same document .*: loaded once, from a\.txt$/u,
    );
  });

  it("the gazette's text and its PDF (same type, number and date, different extraction): loaded once", async () => {
    const pdf = await readFile(`${FIXTURE_DIR}gazette/${NQ}.pdf`);
    const txt = await readFile(`${FIXTURE_DIR}gazette/${NQ}.txt`);
    const c = await loadCorpus(await makeCorpusDir({ "nq-78.pdf": pdf, "nq-78-text.txt": txt }), LOAD_OPTIONS);
    expect([...c.documents.keys()]).toEqual(["nq-78-text"]);
    expect(reportOf(c, "nq-78.pdf").warnings.at(-1)).toBe(
      "duplicate of nq-78-text.txt: same Nghị quyết 78/2025/UBTVQH15 of 2025-05-17; nq-78.pdf is not loaded",
    );
  });
});
