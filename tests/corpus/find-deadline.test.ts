import { describe, expect, it } from "vitest";
import { findDeadline, findDeadlines } from "../../src/corpus/find-deadline.ts";

describe("findDeadlines: dated deadlines as ISO dates, relative and recurring ones as their words", () => {
  it.each([
    ["Báo cáo kết quả trước ngày 30/9/2022.", "2022-09-30", "trước ngày 30/9/2022"],
    ["tổng hợp, báo cáo chậm nhất ngày 15/10/2022", "2022-10-15", "chậm nhất ngày 15/10/2022"],
    ["hoàn thành trong tháng 10/2022", "2022-10-31", "trong tháng 10/2022"],
    ["trước 17 giờ ngày 30/9/2022", "2022-09-30", "trước 17 giờ ngày 30/9/2022"],
    ["trước ngày 31 tháng 12 năm 2022", "2022-12-31", "trước ngày 31 tháng 12 năm 2022"],
    ["hoàn thành trong quý III/2022", "2022-09-30", "trong quý III/2022"],
  ])("%s", (text, date, words) => {
    expect(findDeadline(text)).toEqual({ date, text: words });
  });

  it("a date without its year takes the document's year; without a document date the day is unknown", () => {
    expect(findDeadline("báo cáo trước ngày 15/10", "2021-08-10")).toEqual({
      date: "2021-10-15",
      text: "trước ngày 15/10",
    });
    expect(findDeadline("báo cáo trước ngày 15/10", null)).toEqual({ date: null, text: "trước ngày 15/10" });
  });

  it("relative and recurring deadlines keep their words and no date", () => {
    expect(findDeadline("truy vết trong vòng 48 giờ kể từ khi phát hiện ca bệnh; báo cáo")).toEqual({
      date: null,
      text: "trong vòng 48 giờ kể từ khi phát hiện ca bệnh",
    });
    expect(findDeadline("Công an huyện định kỳ hằng tuần báo cáo Thường trực")).toEqual({
      date: null,
      text: "định kỳ hằng tuần",
    });
    expect(findDeadline("gửi báo cáo trước ngày 25 hằng tháng")).toEqual({
      date: null,
      text: "trước ngày 25 hằng tháng",
    });
  });

  it("a citation's date, an impossible date and everyday words are no deadline", () => {
    expect(findDeadlines("Thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy")).toEqual([]);
    expect(findDeadlines("bảo đảm sinh hoạt hằng ngày của nhân dân")).toEqual([]);
    expect(findDeadline("trước ngày 31/2/2022")).toEqual({ date: null, text: "trước ngày 31/2/2022" });
  });

  it("several deadlines: dated ones first, earliest first, then the others", () => {
    const found = findDeadlines(
      "định kỳ hằng tháng báo cáo; hoàn thành trước ngày 30/9/2022, báo cáo sơ kết trước ngày 15/8/2022",
    );
    expect(found.map((d) => d.date)).toEqual(["2022-08-15", "2022-09-30", null]);
  });
});
