import { describe, expect, it } from "vitest";
import { parseCaption, parseDate } from "../../src/corpus/parse-caption.ts";
import { sidecarSchema } from "../../src/corpus/types.ts";

describe("parseCaption: upload captions → sidecar overrides", () => {
  it("reads the Vietnamese keys, dates to ISO, and validates as a sidecar", () => {
    const caption =
      "số: 209-CV/TU; ngày: 21/7/2021; loại: Công văn; cơ quan: Ban Thường vụ Tỉnh ủy Kiên Giang; tiêu đề: Về tăng cường phòng, chống dịch; người ký: Đỗ Thanh Bình; nguồn: https://kiengiang.dcs.vn/cv-209";
    const { sidecar, warnings } = parseCaption(caption);
    expect(warnings).toEqual([]);
    expect(sidecar).toEqual({
      number: "209-CV/TU",
      date: "2021-07-21",
      type: "Công văn",
      issuer: "Ban Thường vụ Tỉnh ủy Kiên Giang",
      title: "Về tăng cường phòng, chống dịch",
      signer: "Đỗ Thanh Bình",
      sourceUrl: "https://kiengiang.dcs.vn/cv-209",
    });
    expect(sidecarSchema.parse(sidecar)).toEqual(sidecar);
  });

  it("reads English keys, keys without diacritics or in capitals, new lines as separators, and tags", () => {
    const { sidecar, warnings } = parseCaption(
      "Number: 88-CV/HU\nDATE: 2021-08-17\nissuer: Huyện ủy Kim Bảng\nso hieu: 89-CV/HU\ntags: tiêm chủng, vắc xin",
    );
    expect(sidecar).toEqual({
      number: "89-CV/HU",
      date: "2021-08-17",
      issuer: "Huyện ủy Kim Bảng",
      tags: ["tiêm chủng", "vắc xin"],
    });
    expect(warnings).toEqual([{ kind: "repeated", key: "so hieu" }]);
  });

  it("keeps a title's own ';' (a piece without a key continues the previous value)", () => {
    expect(parseCaption("tiêu đề: Về phòng dịch; bảo đảm an sinh; số: 5-CT/TU").sidecar).toEqual({
      title: "Về phòng dịch; bảo đảm an sinh",
      number: "5-CT/TU",
    });
  });

  it("reports what it could not apply instead of dropping it silently", () => {
    const { sidecar, warnings } = parseCaption(
      "ngày: 31/2/2021; nguồn: không có; màu: đỏ; người ký: ; xem kỹ trước khi thêm",
    );
    expect(sidecar).toEqual({});
    expect(warnings).toEqual([
      { kind: "unknown-field", key: "màu" },
      { kind: "not-understood", text: "xem kỹ trước khi thêm" },
      { kind: "invalid-date", key: "ngày", value: "31/2/2021" },
      { kind: "invalid-url", key: "nguồn", value: "không có" },
      { kind: "empty-value", key: "người ký" },
    ]);
  });

  it("an empty or missing caption sets nothing", () => {
    expect(parseCaption(undefined)).toEqual({ sidecar: {}, warnings: [] });
    expect(parseCaption("  ;\n ")).toEqual({ sidecar: {}, warnings: [] });
  });

  it("a URL's own ':' is not a key, and a non-web link is refused", () => {
    expect(parseCaption("source: http://example.org:8080/a?b=c").sidecar).toEqual({
      sourceUrl: "http://example.org:8080/a?b=c",
    });
    expect(parseCaption("link: javascript:alert(1)").warnings).toEqual([
      { kind: "invalid-url", key: "link", value: "javascript:alert(1)" },
    ]);
  });
});

describe("parseDate", () => {
  it.each([
    ["21/7/2021", "2021-07-21"],
    ["01-07-2021", "2021-07-01"],
    ["21.07.2021", "2021-07-21"],
    ["2021-7-21", "2021-07-21"],
    ["ngày 21 tháng 7 năm 2021", "2021-07-21"],
    ["29/2/2024", "2024-02-29"],
  ])("%s → %s", (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(["29/2/2021", "32/1/2021", "21/13/2021", "7/2021", "hôm qua", "21/7/21", "1/1/1800"])("%s → null", (text) =>
    expect(parseDate(text)).toBeNull(),
  );
});
