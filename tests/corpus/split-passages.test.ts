import { describe, expect, it } from "vitest";
import { splitPassages } from "../../src/corpus/split-passages.ts";

const split = (body: string[]) => splitPassages(body, { docId: "vb" });
const rows = (body: string[]) => split(body).map((p) => [p.anchor, p.section, p.actor]);

describe("splitPassages", () => {
  it("gives each numbered item a passage labelled as written, and the paragraphs after it the same label", () => {
    expect(
      rows([
        "Mở đầu: tình hình dịch bệnh còn phức tạp.",
        "1. Công an huyện tăng cường tuần tra.",
        "Xử lý nghiêm các trường hợp vi phạm.",
        "2. Tiếp tục tuyên truyền.",
      ]),
    ).toEqual([
      ["doan-1", null, null],
      ["1", "1", "Công an huyện"],
      ["1-2", "1", "Công an huyện"],
      ["2", "2", null],
    ]);
  });

  it("sub-items ('2.1.') take their parent's actor when they name none, and its text as heading", () => {
    const ps = split([
      "2. Ban Chỉ đạo tỉnh chỉ đạo các địa phương thực hiện tốt các nội dung.",
      "2.1. Quán triệt nhận thức.",
      "2.2. Công an tỉnh bảo đảm an ninh.",
    ]);
    expect(ps.map((p) => [p.anchor, p.section, p.actor, p.heading])).toEqual([
      ["2", "2", "Ban Chỉ đạo tỉnh", null],
      ["2-1", "2.1", "Ban Chỉ đạo tỉnh", "2. Ban Chỉ đạo tỉnh chỉ đạo các địa phương thực hiện tốt các nội dung."],
      ["2-2", "2.2", "Công an tỉnh", "2. Ban Chỉ đạo tỉnh chỉ đạo các địa phương thực hiện tốt các nội dung."],
    ]);
  });

  it("an item that only introduces bullets ('… chỉ đạo:') is no passage; its bullets carry its label and actor", () => {
    expect(
      rows([
        "1. Ban cán sự đảng UBND tỉnh chỉ đạo:",
        "- Rà soát phương án.",
        "- Bảo đảm khu cách ly.",
        "2. Ban Dân vận Tỉnh ủy vận động nhân dân.",
      ]),
    ).toEqual([
      ["1", "1", "Ban cán sự đảng UBND tỉnh"],
      ["1-2", "1", "Ban cán sự đảng UBND tỉnh"],
      ["2", "2", "Ban Dân vận Tỉnh ủy"],
    ]);
  });

  it("unnumbered bullets: a bullet that names a body and ends with ':' lends it to the paragraphs that follow, until the next bullet", () => {
    expect(
      rows([
        "- Các cấp ủy, tổ chức đảng tiếp tục lãnh đạo công tác phòng, chống dịch. Trong đó:",
        "Nâng cao tinh thần trách nhiệm.",
        "- Chỉ đạo vận tải hàng hóa.",
        "Bảo đảm an sinh xã hội.",
      ]),
    ).toEqual([
      ["doan-1", null, "Các cấp ủy, tổ chức đảng"],
      ["doan-2", null, "Các cấp ủy, tổ chức đảng"],
      ["doan-3", null, null],
      ["doan-4", null, null],
    ]);
  });

  it("a closing paragraph ('Đề nghị …', 'Ban Thường vụ … yêu cầu …') leaves the last item", () => {
    const ps = split(["7. Tăng cường phối hợp.", "Đề nghị các cấp ủy, tổ chức đảng khẩn trương triển khai thực hiện."]);
    expect(ps.map((p) => [p.section, p.actor])).toEqual([
      ["7", null],
      [null, "Các cấp ủy, tổ chức đảng"],
    ]);
  });

  it("Roman-numeral parts are sections too", () => {
    expect(rows(["I. Tình hình chung trong thời gian qua.", "II. Nhiệm vụ trọng tâm."]).map((r) => r[1])).toEqual([
      "I",
      "II",
    ]);
  });

  it("ids are docId#anchor and order counts from 0", () => {
    const ps = split(["1. Một.", "2. Hai."]);
    expect(ps.map((p) => [p.id, p.order, p.docId])).toEqual([
      ["vb#1", 0, "vb"],
      ["vb#2", 1, "vb"],
    ]);
  });

  it("an empty body gives no passages", () => {
    expect(split([])).toEqual([]);
  });
});
