import { beforeAll, describe, expect, it } from "vitest";
import { bodyContext, createBodyMatcher, splitBodies, type BodyMatcher } from "../../src/corpus/match-body.ts";
import { loadLexicon } from "../../src/search/glossary.ts";

let matcher: BodyMatcher;
beforeAll(() => {
  matcher = createBodyMatcher(loadLexicon("data").abbreviations);
});
const yenThe = bodyContext("Ban Thường vụ Huyện ủy Yên Thế", ["ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY YÊN THẾ"]);
const namDinh = bodyContext("Ban Thường vụ Tỉnh ủy Nam Định", ["TỈNH ỦY NAM ĐỊNH"]);
/** A national decree: no level of its own. */
const national = bodyContext("Chính phủ", ["CHÍNH PHỦ"]);

describe("body names matched through their forms, not by substring", () => {
  it("the document's level and places come from its issuer and header", () => {
    expect(yenThe.level).toBe("huyen");
    expect(Object.fromEntries(yenThe.places)).toEqual({ huyen: "yen the", tinh: "bac giang" });
  });

  it("splits a list of bodies, keeping names with commas and 'và' whole", () => {
    expect(
      splitBodies(
        "UBND huyện, Ban Chỉ đạo phòng, chống dịch Covid-19, Ban Chỉ đạo tổ Covid cộng đồng huyện và các xã, thị trấn",
      ),
    ).toEqual([
      "UBND huyện",
      "Ban Chỉ đạo phòng, chống dịch Covid-19",
      "Ban Chỉ đạo tổ Covid cộng đồng huyện",
      "các xã",
      "thị trấn",
    ]);
    expect(splitBodies("Ban Tuyên giáo Tỉnh ủy, Sở Thông tin và Truyền thông")).toEqual([
      "Ban Tuyên giáo Tỉnh ủy",
      "Sở Thông tin và Truyền thông",
    ]);
  });

  it.each([
    ["UBND huyện", "Ủy ban nhân dân huyện", yenThe, true],
    // A plural marker before the level is not part of the name: each district's UBND is "UBND huyện".
    ["UBND các huyện", "UBND huyện", yenThe, true],
    ["UBND huyện", "Ủy ban nhân dân các huyện", namDinh, true],
    ["UBND các huyện", "Ủy ban nhân dân các tỉnh", namDinh, false],
    ["ubnd huyen", "UBND huyện", yenThe, true],
    ["UBND huyện Yên Thế", "UBND huyện", yenThe, true],
    ["UBND huyện Tân Lạc", "UBND huyện", yenThe, false],
    ["UBND tỉnh", "Ban cán sự đảng UBND tỉnh", namDinh, false],
    ["UBND huyện", "đơn vị trực thuộc UBND huyện", yenThe, false],
    ["Trung tâm Y tế huyện", "Trung tâm Y tế huyện", yenThe, true],
    ["Trung tâm Y tế huyện", "Trung tâm Y tế tỉnh", namDinh, false],
    ["Sở Y tế", "Sở Y tế tỉnh", namDinh, true],
    ["Sở Y tế tỉnh Nam Định", "Sở Y tế", namDinh, true],
    ["Sở Y tế tỉnh Kiên Giang", "Sở Y tế", namDinh, false],
    ["Bộ Chỉ huy Quân sự huyện", "BCH Quân sự huyện", yenThe, true],
    ["MTTQ", "Ủy ban MTTQ", yenThe, true],
    // "cấp" before the level is not part of the name either.
    ["UBND huyện", "Ủy ban nhân dân cấp huyện", national, true],
    ["UBND các huyện", "Ủy ban nhân dân cấp tỉnh", national, false],
    ["UBND huyện", "Ủy ban nhân dân các cấp", national, true],
    // A decree's "Công an" (the ministry's, among "Các Bộ trưởng: …, Công an") is not a province's police.
    ["Công an tỉnh", "Công an", national, false],
    ["Công an tỉnh", "Công an", namDinh, true],
  ] as const)("%s ~ %s: %s", (query, member, context, expected) => {
    expect(matcher.matches(query, member, context)).toBe(expected);
  });
});
