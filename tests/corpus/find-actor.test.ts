import { describe, expect, it } from "vitest";
import { findActor } from "../../src/corpus/find-actor.ts";

describe("findActor: the body an item assigns work to", () => {
  it.each([
    ["Ban Dân vận Tỉnh ủy chỉ đạo Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", "Ban Dân vận Tỉnh ủy"],
    ["Trung tâm Y tế huyện đề cao cảnh giác, thực hiện tốt công tác phòng chống dịch", "Trung tâm Y tế huyện"],
    ["Trung tâm Y tế huyện chuẩn bị đủ nhân lực, trang thiết bị", "Trung tâm Y tế huyện"],
    ["Bộ Y tế chủ trì hướng dẫn chuyên môn", "Bộ Y tế"],
    ["Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các địa phương", "Sở Lao động - Thương binh và Xã hội"],
    ["Công an huyện, BCH Quân sự huyện tiếp tục phát huy vai trò", "Công an huyện, BCH Quân sự huyện"],
    [
      "Người đứng đầu cấp ủy, chính quyền chịu trách nhiệm trước Thường trực Huyện ủy",
      "Người đứng đầu cấp ủy, chính quyền",
    ],
  ])("names the opening body: %j", (text, actor) => {
    expect(findActor(text)).toBe(actor);
  });

  it.each([
    ["Giao UBND huyện kiểm tra, đôn đốc việc thực hiện Công văn này", "UBND huyện"],
    ["Giao Văn phòng Tỉnh ủy tổng hợp tình hình báo cáo kết quả", "Văn phòng Tỉnh ủy"],
    ["Yêu cầu tất cả cán bộ, đảng viên phải gương mẫu đi đầu", "Tất cả cán bộ, đảng viên"],
  ])("skips 'Giao' / 'Yêu cầu': %j", (text, actor) => {
    expect(findActor(text)).toBe(actor);
  });

  it.each([
    ["Thường trực Tỉnh ủy yêu cầu Ban cán sự đảng UBND tỉnh thực hiện nghiêm quy định", "Ban cán sự đảng UBND tỉnh"],
    [
      "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền phải đặt nhiệm vụ",
      "Các cấp ủy, tổ chức đảng, chính quyền",
    ],
  ])("'X yêu cầu Y …' gives the addressee Y: %j", (text, actor) => {
    expect(findActor(text)).toBe(actor);
  });

  it("looks past an opening clause: 'Căn cứ …, khi …, Ban cán sự đảng UBND tỉnh có văn bản …'", () => {
    expect(
      findActor(
        "Căn cứ vào tình hình thực tế, khi điều kiện cho phép, Ban cán sự đảng UBND tỉnh có văn bản chỉ đạo cho phép",
      ),
    ).toBe("Ban cán sự đảng UBND tỉnh");
  });

  it("a lead-in item names only its actor: '… chỉ đạo:' and '…:'", () => {
    expect(findActor("Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo:")).toBe(
      "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    );
    expect(findActor("Các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội:")).toBe(
      "Các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    );
  });

  it("a capitalised verb-like word inside a name is part of it: 'Ban Chỉ đạo …'", () => {
    expect(findActor("Ban Chỉ đạo phòng, chống dịch tỉnh tăng cường kiểm tra")).toBe(
      "Ban Chỉ đạo phòng, chống dịch tỉnh",
    );
  });

  it("'tổ chức' after a comma is the next body of a list, not the verb", () => {
    expect(findActor("Các cấp ủy, tổ chức đảng, chính quyền tập trung lãnh đạo")).toBe(
      "Các cấp ủy, tổ chức đảng, chính quyền",
    );
  });

  it.each([
    "Tiếp tục thực hiện nghiêm các chỉ đạo của Ban Bí thư",
    "Tổ chức thực hiện tốt công tác tiêm chủng",
    "Hạn chế tổ chức các sự kiện tập trung đông người",
    "Dịch bệnh là sự xuất hiện bệnh truyền nhiễm",
    "",
  ])("no body named, no actor: %j", (text) => {
    expect(findActor(text)).toBeNull();
  });
});
