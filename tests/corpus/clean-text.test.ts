import { describe, expect, it } from "vitest";
import { cleanText, isAllCaps, normalizeUnicode, stripMarkdown } from "../../src/corpus/clean-text.ts";

describe("stripMarkdown", () => {
  it.each([
    ["**1.** Trước tình hình", "1. Trước tình hình"],
    ["**T/M BAN THƯỜNG VỤ**", "T/M BAN THƯỜNG VỤ"],
    ["# ĐẢNG BỘ TỈNH", "ĐẢNG BỘ TỈNH"],
    ["## HUYỆN ỦY", "HUYỆN ỦY"],
    ["*V/v tiếp tục tăng cường*", "V/v tiếp tục tăng cường"],
    ["* Thường trực Tỉnh ủy,", "- Thường trực Tỉnh ủy,"],
    ["Giao [Văn phòng](https://x.vn/a) theo dõi", "Giao Văn phòng theo dõi"],
    ["![ảnh](a.png)Nội dung", "Nội dung"],
    ["_nhấn mạnh_ ở đây", "nhấn mạnh ở đây"],
    ["Số 5\\-CV", "Số 5-CV"],
    ["- Thường trực Tỉnh ủy, | (báo cáo)  |", "- Thường trực Tỉnh ủy, | (báo cáo)"],
  ])("%j → %j", (input, expected) => {
    expect(stripMarkdown(input)).toBe(expected);
  });

  it("keeps underscores inside words and dates with slashes", () => {
    expect(stripMarkdown("ten_tep ngày 21/7/2021")).toBe("ten_tep ngày 21/7/2021");
  });
});

describe("normalizeUnicode", () => {
  it("composes NFD to NFC, drops zero-width characters and turns odd spaces into plain ones", () => {
    expect(normalizeUnicode("Tỉnh ủy".normalize("NFD"))).toBe("Tỉnh ủy");
    expect(normalizeUnicode("Tỉnh\u200B ủy\uFEFF")).toBe("Tỉnh ủy");
    expect(normalizeUnicode("Số\u00A0146\u2009CV")).toBe("Số 146 CV");
  });
});

describe("isAllCaps", () => {
  it.each([
    ["CỦA BAN THƯỜNG VỤ TỈNH ỦY", true],
    ["T/M BAN THƯỜNG VỤ", true],
    ["Số 146-CV/TU", false],
    ["146", false],
    ["A", false],
  ])("%j → %s", (line, expected) => {
    expect(isAllCaps(line)).toBe(expected);
  });
});

describe("cleanText", () => {
  it("returns one element per paragraph, without blank lines or separator lines", () => {
    expect(cleanText("Đoạn một.\n\n*\n\n---\n\nĐoạn hai.\n")).toEqual(["Đoạn một.", "Đoạn hai."]);
  });

  it("collapses tabs and runs of spaces", () => {
    expect(cleanText("ĐẾN\tSố:   332")).toEqual(["ĐẾN Số: 332"]);
    expect(cleanText("Số:    332   ngày  5")).toEqual(["Số: 332 ngày 5"]);
    expect(cleanText("Số: \v 332")).toEqual(["Số: 332"]);
  });

  it("rejoins a paragraph cut by a page break when the rest starts in lowercase", () => {
    expect(cleanText("- Xây dựng kế hoạch của cán bộ, công\n\nchức, viên chức.")).toEqual([
      "- Xây dựng kế hoạch của cán bộ, công chức, viên chức.",
    ]);
  });

  it("rejoins a line break inside a header line: 'V/v tăng cường, nâng cao hiệu quả' + 'công tác …'", () => {
    expect(cleanText("V/v tăng cường, nâng cao hiệu quả\ncông tác phòng, chống dịch")).toEqual([
      "V/v tăng cường, nâng cao hiệu quả công tác phòng, chống dịch",
    ]);
  });

  it("does not join after a full stop, a colon or a semicolon", () => {
    expect(cleanText("Câu một.\nchữ thường")).toEqual(["Câu một.", "chữ thường"]);
    expect(cleanText("như sau:\nchữ thường")).toEqual(["như sau:", "chữ thường"]);
    expect(cleanText("việc một;\nviệc hai")).toEqual(["việc một;", "việc hai"]);
  });

  it("never joins onto a line in capitals or before a new item, bullet, point or article", () => {
    expect(cleanText("CỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề công tác phòng, chống dịch")).toEqual([
      "CỦA BAN THƯỜNG VỤ TỈNH ỦY",
      "về công tác phòng, chống dịch",
    ]);
    for (const next of ["2. Tiếp", "2.1. Tiếp", "- tiếp", "a) tiếp", "đ) tiếp", "Điều 3. Tiếp", "Chương II"]) {
      expect(cleanText(`đang dở dang\n${next}`)).toEqual(["đang dở dang", next]);
    }
  });

  it("removes the web page's chrome lines", () => {
    const page = [
      "Tiêu đề bài viết",
      "Thứ tư - 21/07/2021 11:15 64 0",
      "img 1536 1",
      "Nội dung thật.",
      "Tổng số điểm của bài viết là: 0 trong 0 đánh giá",
      "Click để đánh giá bài viết",
    ].join("\n");
    expect(cleanText(page)).toEqual(["Tiêu đề bài viết", "Nội dung thật."]);
  });

  it("stops at the sidebar: nothing after 'Ý kiến bạn đọc' or 'Thống kê truy cập' is kept", () => {
    expect(cleanText("Nội dung thật.\n\n  Ý kiến bạn đọc\n\nGiao Văn phòng Tỉnh ủy tổng hợp.\n")).toEqual([
      "Nội dung thật.",
    ]);
    expect(cleanText("Nội dung thật.\nThống kê truy cập\n  • Đang truy cập10\n")).toEqual(["Nội dung thật."]);
  });

  it("drops a photo's caption together with its credit, but keeps text after an image that has no credit", () => {
    expect(
      cleanText(
        "Mở đầu.\nimg 1536 1\n \nKiên Giang dãn cách xã hội toàn tỉnh.\nẢnh: Mai Tưởng\n\nHiện nay, tình hình.",
      ),
    ).toEqual(["Mở đầu.", "Hiện nay, tình hình."]);
    expect(cleanText("Mở đầu.\nimg 1536 1\nĐoạn một.\nĐoạn hai.\nĐoạn ba.\nẢnh: Mai Tưởng")).toEqual([
      "Mở đầu.",
      "Đoạn một.",
      "Đoạn hai.",
      "Đoạn ba.",
    ]);
  });

  it("treats CRLF, CR and LF alike and a form feed as a paragraph break", () => {
    const lf = cleanText("Số 146-CV/TU\n\nĐoạn một, còn\ntiếp.\n");
    expect(cleanText("Số 146-CV/TU\r\n\r\nĐoạn một, còn\r\ntiếp.\r\n")).toEqual(lf);
    expect(cleanText("Số 146-CV/TU\r\rĐoạn một, còn\rtiếp.\r")).toEqual(lf);
    expect(cleanText("Dòng một.\fDòng hai.")).toEqual(["Dòng một.", "Dòng hai."]);
  });

  it("outputs NFC whatever the input's normalisation", () => {
    const out = cleanText("Ban Thường vụ Tỉnh ủy yêu cầu".normalize("NFD"));
    expect(out).toEqual(["Ban Thường vụ Tỉnh ủy yêu cầu"]);
    expect(out[0]).toBe(out[0]!.normalize("NFC"));
  });
});

describe("cleanText on hard-wrapped (PDF) text", () => {
  const full = "1. Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo rà soát, hỗ trợ kịp";
  const full2 = "thời người lao động, hộ nghèo, hộ cận nghèo bị ảnh hưởng bởi dịch Covid-19;";

  it("joins every wrapped line of a paragraph, even a full line that ends in ';'", () => {
    const text = [full, full2, "bảo đảm không để ai thiếu lương thực.", "2. Mục hai."].join("\n");
    expect(cleanText(text, { hardWrapped: true })).toEqual([
      `${full} ${full2} bảo đảm không để ai thiếu lương thực.`,
      "2. Mục hai.",
    ]);
    // Without hardWrapped the ';' ends the paragraph, as it does in a .txt file.
    expect(cleanText(text)).toHaveLength(3);
  });

  it("keeps short header lines apart: a short line ends its paragraph", () => {
    const text = [
      "TỈNH ỦY HÀ NAM",
      "Số 05-CT/TU",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Hà Nam, ngày 20 tháng 8 năm 2021",
      full,
      full2,
      "hết.",
    ].join("\n");
    expect(cleanText(text, { hardWrapped: true }).slice(0, 4)).toEqual([
      "TỈNH ỦY HÀ NAM",
      "Số 05-CT/TU",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Hà Nam, ngày 20 tháng 8 năm 2021",
    ]);
  });

  it("a full line ending a sentence does not swallow the next capitalised line", () => {
    const ends = "thời người lao động, hộ nghèo, hộ cận nghèo bị ảnh hưởng bởi dịch bệnh này.";
    expect(cleanText([full, ends, "Đoạn sau bắt đầu ở đây"].join("\n"), { hardWrapped: true })).toEqual([
      `${full} ${ends}`,
      "Đoạn sau bắt đầu ở đây",
    ]);
  });

  it("a blank line is a paragraph break", () => {
    expect(cleanText([full, "", "Thường trực Tỉnh ủy yêu cầu"].join("\n"), { hardWrapped: true })).toEqual([
      full,
      "Thường trực Tỉnh ủy yêu cầu",
    ]);
  });
});

describe("isAllCaps, answered from a case table", () => {
  /** The whole-line definition the table stands in for. */
  const byMapping = (line: string) =>
    !/[a-z]/.test(line) && line === line.toUpperCase() && line !== line.toLowerCase() && /\p{L}[^]*\p{L}/u.test(line);

  it("agrees with the case-mapping definition for every character beside capitals, lowercase and digits", () => {
    for (let c = 0; c < 0x2200; c++) {
      const ch = String.fromCharCode(c);
      for (const line of [ch, `${ch}A`, `CỦA ${ch}`, `1${ch}2`, `ĐẢNG${ch}`, `Ab${ch}`, `${ch}ư`, `${ch}Σ`]) {
        expect(isAllCaps(line), `${c.toString(16)} ${line}`).toBe(byMapping(line));
      }
    }
  });
});

describe("normalizeUnicode in one pass", () => {
  it("drops zero-width characters and plains other spaces, wherever they stand beside each other", () => {
    const text = "a\u00A0b\u200Bc \u200C\u2009d\uFEFF\u3000e\u2060f\u205F\u202Fg\u200A\u2000\u200D";
    expect(normalizeUnicode(text)).toBe("a bc  d ef  g  ");
  });
});
