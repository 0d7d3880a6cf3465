import { describe, expect, it } from "vitest";
import { toOrgCase } from "../../src/corpus/org-case.ts";

describe("toOrgCase: capitals of a header → the way the body writes the name", () => {
  it.each([
    ["BAN THƯỜNG VỤ TỈNH ỦY NAM ĐỊNH", "Ban Thường vụ Tỉnh ủy Nam Định"],
    ["HUYỆN ỦY YÊN THẾ", "Huyện ủy Yên Thế"],
    ["ĐẢNG BỘ TỈNH BẮC GIANG", "Đảng bộ tỉnh Bắc Giang"],
    ["BAN CÁN SỰ ĐẢNG UBND TỈNH", "Ban cán sự đảng UBND tỉnh"],
    ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "Ủy ban nhân dân tỉnh Kiên Giang"],
    ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
    ["ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh"],
    ["BAN TUYÊN GIÁO TỈNH ỦY", "Ban Tuyên giáo Tỉnh ủy"],
    ["THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"],
    ["SỞ Y TẾ", "Sở Y tế"],
    ["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"],
    ["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ"],
    ["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"],
    ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH KIÊN GIANG", "Sở Lao động - Thương binh và Xã hội tỉnh Kiên Giang"],
    ["QUỐC HỘI", "Quốc hội"],
  ])("%j → %j", (caps, expected) => {
    expect(toOrgCase(caps)).toBe(expected);
  });

  it("writes the old tone placement 'UỶ' the common way 'ủy'", () => {
    expect(toOrgCase("TỈNH UỶ QUẢNG NGÃI")).toBe("Tỉnh ủy Quảng Ngãi");
  });

  it("accepts decomposed (NFD) input and returns NFC", () => {
    const out = toOrgCase("HUYỆN ỦY YÊN THẾ".normalize("NFD"));
    expect(out).toBe("Huyện ủy Yên Thế");
    expect(out).toBe(out.normalize("NFC"));
  });

  it("collapses extra spaces", () => {
    expect(toOrgCase("  HUYỆN   ỦY  YÊN THẾ ")).toBe("Huyện ủy Yên Thế");
  });
});
