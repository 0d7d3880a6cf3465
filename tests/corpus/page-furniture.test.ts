import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/corpus/clean-text.ts";
import { extractHeader } from "../../src/corpus/extract-metadata.ts";
import { PAGE_BREAK, removePageFurniture } from "../../src/corpus/page-furniture.ts";
import { pdfPageLines, type PdfTextItem } from "../../src/corpus/pdf-lines.ts";
import { reportJson } from "../../src/corpus/report-json.ts";

/** Three gazette pages as the text extractor gives them (real lines; the body wraps over the page breaks). */
const PAGES = [
  "CÔNG BÁO/Số 237/Ngày 21-04-2026 ",
  "3",
  " ",
  "Điều 5. Báo cáo",
  "1. Hằng năm, cơ sở giáo dục đại học báo cáo kết quả thực hiện (qua hệ thống",
  "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Cơ quan: VĂN PHÒNG CHÍNH PHỦ",
  "Ngày ký: 2026-04-21 14:20:47 +07:00",
  "",
  "CÔNG BÁO/Số 237/Ngày 21-04-2026 ",
  "4",
  " ",
  "thông tin) về Bộ Giáo dục và Đào tạo trước ngày 31 tháng 12 hằng năm và bảo đảm",
  "số liệu đầy đủ.",
  "",
  "CÔNG BÁO/Số 237/Ngày 21-04-2026 ",
  "5",
  " ",
  "2. Bộ Giáo dục và Đào tạo tổng hợp, công bố kết quả.",
];

describe("page furniture", () => {
  it("drops running headers that repeat with a changing page number, the numbers, and the stamp block", () => {
    expect(removePageFurniture(PAGES).filter((l) => l.trim())).toEqual([
      "Điều 5. Báo cáo",
      "1. Hằng năm, cơ sở giáo dục đại học báo cáo kết quả thực hiện (qua hệ thống",
      "thông tin) về Bộ Giáo dục và Đào tạo trước ngày 31 tháng 12 hằng năm và bảo đảm",
      "số liệu đầy đủ.",
      "2. Bộ Giáo dục và Đào tạo tổng hợp, công bố kết quả.",
    ]);
  });

  it("drops a stamp whose value wraps onto its own line and whose time is written day first", () => {
    const lines = [
      "1. Người lao động làm việc theo chế độ hợp đồng lao động xác định thời hạn",
      "Người ký: Cổng Thông tin điện tử Chính",
      "phủ",
      "Email: thongtinchinhphu@chinhphu.vn",
      "Cơ quan: Văn phòng Chính phủ",
      "Thời gian ký: 25.01.2022 14:44:27 +07:00",
      "có thời hạn từ đủ 12 tháng đến 36 tháng.",
    ];
    expect(removePageFurniture(lines).filter((l) => l.trim())).toEqual([lines[0], lines[6]]);
  });

  it("keeps a short line after a stamp when no stamp field follows it", () => {
    const lines = [
      "Ký bởi: Cổng Thông tin điện tử Chính phủ",
      "Ngày ký: 2026-01-02 10:00:00 +07:00",
      "Điều 3.",
      "Nội dung",
    ];
    expect(removePageFurniture(lines).filter((l) => l.trim())).toEqual(["Điều 3.", "Nội dung"]);
  });

  it("keeps a line that repeats without page numbers beside it (a form's heading), and a table's number cells", () => {
    const form = [
      "Mẫu số 01",
      "Tên tổ chức: ....",
      "1",
      "2",
      "Mẫu số 02",
      "Tên tổ chức: ....",
      "Mẫu số 03",
      "Tên tổ chức: ....",
    ];
    expect(removePageFurniture(form)).toEqual(form);
  });

  it("at PDF page breaks, a line at the top of most pages is a running header even without a number", () => {
    const lines = [
      "NGHỊ ĐỊNH VỀ KHOA HỌC",
      "Điều 1. Một",
      PAGE_BREAK,
      "NGHỊ ĐỊNH VỀ KHOA HỌC",
      "câu tiếp.",
      PAGE_BREAK,
      "NGHỊ ĐỊNH VỀ KHOA HỌC",
      "Điều 2. Hai",
    ];
    expect(removePageFurniture(lines)).toEqual(["Điều 1. Một", "câu tiếp.", "Điều 2. Hai"]);
  });

  it("cleaning rejoins the paragraph the page break cut, so no passage ends in '(qua'", () => {
    const paragraphs = cleanText(PAGES.join("\n"));
    expect(paragraphs).toContain(
      "1. Hằng năm, cơ sở giáo dục đại học báo cáo kết quả thực hiện (qua hệ thống thông tin) về Bộ Giáo dục và Đào tạo " +
        "trước ngày 31 tháng 12 hằng năm và bảo đảm số liệu đầy đủ.",
    );
  });

  it("rejoins a word hyphenated at a line end, but keeps a spaced dash", () => {
    const lines = [
      "Cổng thông tin điện tử của Bộ được cập nhật hằng ngày trên trang web-",
      "site của Bộ; phát triển kinh tế -",
      "xã hội bền vững.",
    ];
    expect(cleanText(lines.join("\n"), { hardWrapped: true })).toEqual([
      "Cổng thông tin điện tử của Bộ được cập nhật hằng ngày trên trang website của Bộ; phát triển kinh tế - xã hội bền vững.",
    ]);
  });

  it("a footnote mark glued to a heading in capitals goes: THÔNG TƯ1 → THÔNG TƯ", () => {
    expect(cleanText("THÔNG TƯ1\nHướng dẫn một số nội dung")).toEqual(["THÔNG TƯ", "Hướng dẫn một số nội dung"]);
  });
});

describe("two-column headers", () => {
  it("PDF items on one baseline, far apart, become two lines: the left column and the right", () => {
    const item = (str: string, x: number, y: number, width: number): PdfTextItem => ({
      str,
      transform: [13, 0, 0, 13, x, y],
      width,
      height: 13,
    });
    const lines = pdfPageLines([
      item("CHÍNH PHỦ", 135, 759, 75),
      item("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 270, 759, 271),
      item("Số:", 117, 711, 17),
      item("125/2026/NĐ", 137, 711, 71),
      item("-", 209, 711, 4),
      item("CP", 213, 711, 16),
      item("Hà Nội, ngày 06 tháng 4 năm 2026", 307, 711, 200),
    ]);
    expect(lines).toEqual([
      "CHÍNH PHỦ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: 125/2026/NĐ-CP",
      "Hà Nội, ngày 06 tháng 4 năm 2026",
    ]);
  });

  it("a header flattened with its columns interleaved reads the same metadata", () => {
    const header = [
      "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 13/2023/TT-BLĐTBXH",
      "Hà Nội, ngày 29 tháng 12 năm 2023",
      "THÔNG TƯ",
      "Ban hành định mức kinh tế - kỹ thuật về đào tạo trình độ trung cấp",
      "Căn cứ Luật Giáo dục nghề nghiệp ngày 27 tháng 11 năm 2014;",
      "Điều 1. Ban hành kèm theo Thông tư này định mức kinh tế - kỹ thuật.",
      "KT. BỘ TRƯỞNG",
      "THỨ TRƯỞNG",
      "Lê Tấn Dũng",
    ];
    const h = extractHeader(cleanText(header.join("\n")));
    expect(h).toMatchObject({
      type: "Thông tư",
      number: "13/2023/TT-BLĐTBXH",
      date: "2023-12-29",
      signer: "Lê Tấn Dũng",
      signerTitle: "Thứ trưởng",
    });
    expect(h.title).toBe("Ban hành định mức kinh tế - kỹ thuật về đào tạo trình độ trung cấp");
    expect(h.legalBases).toEqual(["Căn cứ Luật Giáo dục nghề nghiệp ngày 27 tháng 11 năm 2014;"]);
    // Same lines, the two columns in the other order: the same answers.
    const swapped = [header[1]!, header[2]!, header[0]!, header[4]!, header[3]!, ...header.slice(5)];
    expect(extractHeader(cleanText(swapped.join("\n")))).toMatchObject({
      type: "Thông tư",
      number: "13/2023/TT-BLĐTBXH",
      date: "2023-12-29",
    });
  });

  it("KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / name: signer and signer title", () => {
    const lines = [
      "NGHỊ ĐỊNH",
      "Quy định về thử nghiệm",
      "Điều 1. Nghị định này có hiệu lực từ ngày ký./.",
      "TM. CHÍNH PHỦ",
      "KT. THỦ TƯỚNG",
      "PHÓ THỦ TƯỚNG",
      "Phạm Thị Thanh Trà",
    ];
    expect(extractHeader(lines)).toMatchObject({ signer: "Phạm Thị Thanh Trà", signerTitle: "Phó Thủ tướng" });
  });
});

describe("corpus:check --json line", () => {
  it("has exactly the contract's fields, status and supersededBy null until known", () => {
    const meta = {
      docId: "d",
      title: "T",
      type: "Nghị định",
      number: "1/2026/NĐ-CP",
      date: "2026-01-01",
      issuer: "Chính phủ",
      signer: "A B",
      signerTitle: "Thủ tướng",
      recipients: [],
      legalBases: ["Căn cứ X;"],
      sourceUrl: null,
      tags: [],
      copiedBy: null,
    };
    const ok = reportJson({ file: "d.txt", docId: "d", status: "ok", passages: 3, warnings: [], meta });
    expect(Object.keys(ok)).toEqual(["file", "ok", "error", "warnings", "meta", "passages"]);
    expect(Object.keys(ok.meta!)).toEqual([
      "docId",
      "type",
      "number",
      "date",
      "issuer",
      "title",
      "signer",
      "signerTitle",
      "recipients",
      "legalBases",
      "status",
      "supersededBy",
    ]);
    expect(ok.meta).toMatchObject({ legalBases: ["Căn cứ X;"], status: null, supersededBy: null });
    const bad = reportJson({ file: "s.pdf", docId: "s", status: "error", error: "no text", warnings: [] });
    expect(bad).toEqual({ file: "s.pdf", ok: false, error: "no text", warnings: [], meta: null, passages: 0 });
  });
});
