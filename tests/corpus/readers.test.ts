import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus, CorpusDocument } from "../../src/corpus/types.ts";
import {
  FIXTURE_DIR,
  LOAD_OPTIONS,
  documentOf,
  fixtureCorpusDir,
  makeCorpusDir,
  passageWith,
  removeCorpusDirs,
  reportOf,
} from "../helpers/corpus.ts";

// Binary fixtures come from tests/fixtures/make-fixtures.ts (real docx and pdf-lib output, committed).
const DOCX = "cv-88-kim-bang.docx";
const PDF = "ct-05-ha-nam.pdf";
const SCAN = "scan-no-text.pdf";
const MD = "tb-45-tan-lac.md";

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(await fixtureCorpusDir([DOCX, PDF, SCAN, MD]), LOAD_OPTIONS);
});
afterAll(removeCorpusDirs);

const sections = (d: CorpusDocument) => d.passages.map((p) => [p.section, p.actor]);

describe(".docx reader (mammoth)", () => {
  it("reads the header table, the date and the signature table into metadata", () => {
    const d = documentOf(corpus, "cv-88-kim-bang");
    expect(d.meta).toMatchObject({
      type: "Công văn",
      number: "88-CV/HU",
      date: "2021-08-16",
      issuer: "Ban Thường vụ Huyện ủy Kim Bảng",
      signer: "Trần Văn Hùng",
      title: "V/v tăng cường tiêm vắc xin phòng Covid-19",
      recipients: ["UBND huyện", "Trung tâm Y tế huyện", "Các chi, đảng bộ cơ sở", "Thường trực Tỉnh ủy"],
    });
    expect(reportOf(corpus, DOCX)).toMatchObject({ status: "ok", warnings: [] });
  });

  it("splits the numbered items with their actors, and keeps the footer out", () => {
    const d = documentOf(corpus, "cv-88-kim-bang");
    expect(sections(d)).toEqual([
      [null, null],
      ["1", "UBND huyện"],
      ["2", "Trung tâm Y tế huyện"],
      ["3", "Văn phòng Huyện ủy"],
    ]);
    expect(d.passages[2]!.text).toBe(
      "2. Trung tâm Y tế huyện chuẩn bị đủ nhân lực, trang thiết bị, bố trí các điểm tiêm an toàn; theo dõi, xử trí kịp thời các phản ứng sau tiêm.",
    );
    expect(d.passages.map((p) => p.text).join("\n")).not.toMatch(/Nơi nhận|Như trên|T\/M|Trần Văn Hùng/);
  });
});

describe(".pdf reader (unpdf), with a text layer", () => {
  it("the fixture really has two pages and cuts item 2 between them", async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await readFile(join(FIXTURE_DIR, PDF))));
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    expect(totalPages).toBe(2);
    expect(text[0]).toMatch(/cách ly, khu$/);
    expect(text[1]).toMatch(/^phong tỏa; công khai/);
  });

  it("reads number, date, type, issuer, subject and signer from visual lines", () => {
    const d = documentOf(corpus, "ct-05-ha-nam");
    expect(d.meta).toMatchObject({
      type: "Chỉ thị",
      number: "05-CT/TU",
      date: "2021-08-20",
      issuer: "Ban Thường vụ Tỉnh ủy Hà Nam",
      signer: "Lê Thị Thủy",
      title: "Về tăng cường bảo đảm an sinh xã hội cho người dân bị ảnh hưởng bởi dịch bệnh Covid-19 trên địa bàn tỉnh",
      recipients: ["Ban Bí thư Trung ương Đảng", "Các huyện ủy, thành ủy"],
    });
    expect(reportOf(corpus, PDF)).toMatchObject({ status: "ok", warnings: [] });
  });

  it("rebuilds paragraphs from wrapped lines: one passage per item, actors found", () => {
    const d = documentOf(corpus, "ct-05-ha-nam");
    expect(sections(d)).toEqual([
      [null, null],
      ["1", "Ban cán sự đảng UBND tỉnh"],
      ["2", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
      ["3", "Sở Lao động - Thương binh và Xã hội"],
    ]);
    // A full line ending in ";" is a wrap, not the end of the item.
    expect(d.passages[1]!.text).toContain(
      "bởi dịch Covid-19; bảo đảm không để người dân nào thiếu lương thực, thực phẩm.",
    );
    // The page break falls inside item 2.
    expect(passageWith(d, "khu cách ly, khu phong tỏa; công khai, minh bạch").section).toBe("2");
    expect(d.passages[3]!.text).toMatch(/trước ngày 15 hằng tháng\.\/\.$/);
    expect(d.passages.map((p) => p.text).join("\n")).not.toMatch(/Nơi nhận|Lưu Văn phòng|T\/M|Lê Thị Thủy/);
  });
});

describe(".pdf reader without a text layer", () => {
  it("reports the scan as an error that says OCR is not supported", () => {
    const report = reportOf(corpus, SCAN);
    expect(report.status).toBe("error");
    expect(report.status === "error" && report.error).toContain("no text layer; OCR is not supported");
    expect(corpus.documents.has("scan-no-text")).toBe(false);
  });
});

describe(".md reader", () => {
  it("strips headings, bold, italics and links, and reads the metadata", () => {
    const d = documentOf(corpus, "tb-45-tan-lac");
    expect(d.meta).toMatchObject({
      type: "Thông báo",
      number: "45-TB/HU",
      date: "2021-09-03",
      issuer: "Ban Thường vụ Huyện ủy Tân Lạc",
      signer: "Hoàng Văn Minh",
      title:
        "Kết luận của Ban Thường vụ Huyện ủy về công tác phòng, chống dịch Covid-19 trong dịp khai giảng năm học mới",
      recipients: ["Thường trực Tỉnh ủy", "Các đồng chí Huyện ủy viên"],
    });
  });

  it("turns '**1.**' items into sections with actors; link text stays, its URL goes", () => {
    const d = documentOf(corpus, "tb-45-tan-lac");
    expect(sections(d)).toEqual([
      [null, null],
      ["1", "Phòng Giáo dục và Đào tạo huyện"],
      ["2", "Công an huyện"],
      ["3", "Văn phòng Huyện ủy"],
    ]);
    expect(d.passages[3]!.text).toBe(
      "3. Giao Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện, báo cáo Thường trực Huyện ủy./.",
    );
    expect(d.text).not.toMatch(/[*#]|https?:/);
  });
});

describe("damaged .docx and .pdf", () => {
  it("reports a download cut short as an unreadable .docx / PDF, naming the format", async () => {
    const cut = async (name: string) => (await readFile(join(FIXTURE_DIR, name))).subarray(0, 400);
    const dir = await makeCorpusDir({ "cut.docx": await cut(DOCX), "cut.pdf": await cut(PDF) });
    // pdf.js warns "Indexing all PDF objects" while it tries to recover: keep the test output clean.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const c = await loadCorpus(dir, LOAD_OPTIONS).finally(() => warn.mockRestore());
    const docx = reportOf(c, "cut.docx");
    const pdf = reportOf(c, "cut.pdf");
    expect(docx.status === "error" && docx.error).toMatch(/^not a readable \.docx: /);
    expect(pdf.status === "error" && pdf.error).toMatch(/^not a readable PDF: /);
    expect(c.documents.size).toBe(0);
  });
});
