import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { engineFor, type Engine } from "../../src/engine.ts";
import { LOAD_OPTIONS, removeCorpusDirs, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DUTY, dutiesCorpusDir } from "./duties-fixtures.ts";

/** A replacement of the seed-style Yên Thế letter, which has no number: named by type and date. */
const REPLACES_SEED = `ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY YÊN THẾ

ĐẢNG CỘNG SẢN VIỆT NAM
Yên Thế, ngày 20 tháng 9 năm 2021

Số 350-CV/HU

V/v phòng, chống dịch Covid-19 trong tình hình mới

Kính gửi: - UBND huyện,
- Trung tâm Y tế huyện.

Ban Thường vụ Huyện ủy yêu cầu:

1. Trung tâm Y tế huyện đề cao cảnh giác, thực hiện tốt công tác phòng chống dịch ở các cơ sở khám chữa bệnh; duy trì đội cơ động chống dịch.

2. Công văn này thay thế Công văn số -CV/HU ngày 25/7/2021 của Ban Thường vụ Huyện ủy về tiếp tục tăng cường công tác phòng, chống dịch Covid-19 trên địa bàn huyện./.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nông Văn Tâm
`;

/** A national decree, newer than the seeds, naming district UBNDs only among "các cấp" and as a partner. */
const NATIONAL_DECREE = `CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 99/2026/NĐ-CP
Hà Nội, ngày 10 tháng 3 năm 2026

NGHỊ ĐỊNH
Quy định về quản lý chợ

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về quản lý chợ.

Điều 2. Trách nhiệm thi hành
1. Ủy ban nhân dân các cấp có trách nhiệm tổ chức thực hiện Nghị định này trên địa bàn.
2. Bộ Công Thương chủ trì, phối hợp với Ủy ban nhân dân cấp huyện kiểm tra việc quản lý chợ.

Điều 3. Báo cáo
Ủy ban nhân dân cấp tỉnh báo cáo kết quả thực hiện về Bộ Công Thương.

TM. CHÍNH PHỦ
THỦ TƯỚNG

Nguyễn Văn A
`;

let seeds: Engine;
let engine: Engine;
beforeAll(async () => {
  seeds = engineFor(await loadCorpus(SEED_DIR, LOAD_OPTIONS), "http://bot.test");
  engine = engineFor(
    await loadCorpus(await dutiesCorpusDir({ "2021-09-20-yen-the-cv-350.txt": REPLACES_SEED }), LOAD_OPTIONS),
    "http://bot.test",
  );
});
afterAll(removeCorpusDirs);

describe("assignments of a body", () => {
  it("'UBND huyện phải làm gì?' on the seeds: the Yên Thế items naming UBND huyện, not Ban cán sự đảng UBND tỉnh", () => {
    const set = seeds.ask("UBND huyện phải làm gì?", 10);
    expect(set.answers.map((a) => `${a.docId} ${a.section}`)).toEqual([`${SEED.yenThe} 2`, `${SEED.yenThe} 7`]);
  });

  it("a newer decree naming 'UBND các cấp' or a partner comes after the district's own items, never the province's", async () => {
    const mixed = engineFor(
      await loadCorpus(await dutiesCorpusDir({ "2026-03-10-nghi-dinh-99.txt": NATIONAL_DECREE }), LOAD_OPTIONS),
      "http://bot.test",
    );
    const answers = mixed.ask("UBND huyện phải làm gì?", 20).answers;
    const decree = answers.filter((a) => a.docId === "2026-03-10-nghi-dinh-99").map((a) => a.section);
    expect(decree).toEqual(["Điều 2"]);
    const first = answers.findIndex((a) => a.docId === "2026-03-10-nghi-dinh-99");
    expect(answers.slice(0, first).some((a) => a.docId === SEED.yenThe && a.section === "2")).toBe(true);
  });

  it("a body named in a list is found, with each item's role and deadline, newest document first", () => {
    const set = engine.ask("Trung tâm Y tế huyện được giao những việc gì?", 20);
    const sections = set.answers
      .filter((a) => a.docId === DUTY.replacing)
      .map((a) => [a.section, a.role, a.deadline?.text ?? null]);
    expect(sections).toEqual([
      ["1", null, "trước ngày 30/9/2021"],
      ["2", "chủ trì", "trong vòng 48 giờ kể từ khi phát hiện ca bệnh"],
      ["4", null, "trong tháng 9/2021"],
    ]);
    const dates = set.answers.map((a) => a.date ?? "");
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(set.answers.some((a) => a.docId === SEED.yenThe && a.section === "4")).toBe(true);
  });

  it("a partner ('phối hợp với Công an huyện') has the role phối hợp; the English question finds the same body", () => {
    const police = engine
      .ask("Công an huyện có nhiệm vụ gì?", 20)
      .answers.find((a) => a.docId === DUTY.replacing && a.section === "2");
    expect(police?.role).toBe("phối hợp");
    const en = engine.ask("what must the district health center do?", 20);
    expect(en.lang).toBe("en");
    expect(en.answers.map((a) => a.docId + a.section)).toEqual(
      engine.ask("Trung tâm Y tế huyện phải làm gì?", 20).answers.map((a) => a.docId + a.section),
    );
  });
});

describe("validity", () => {
  it("'Công văn 215 còn hiệu lực không?': 215 first, superseded by 300, then 300's passage that says so", () => {
    const [first, second] = engine.ask("Công văn 215 còn hiệu lực không?", 5).answers;
    expect(first).toMatchObject({ docId: DUTY.replaced, status: "superseded", supersededBy: DUTY.replacing });
    expect(second?.docId).toBe(DUTY.replacing);
    expect(second?.passage).toContain("thay thế Công văn số 215-CV/HU");
  });

  it("a replacement of the seed-style letter (no number, cited by date) supersedes the seed", () => {
    const seed = engine.corpus.documents.get(SEED.yenThe)!;
    expect(seed.meta).toMatchObject({ status: "superseded", supersededBy: "2021-09-20-yen-the-cv-350" });
    const answers = engine.ask("Trung tâm Y tế huyện đội cơ động chống dịch", 5).answers;
    const at = (id: string) => answers.findIndex((a) => a.docId === id);
    expect(at("2021-09-20-yen-the-cv-350")).toBeGreaterThanOrEqual(0);
    expect(at(SEED.yenThe) === -1 || at(SEED.yenThe) > at("2021-09-20-yen-the-cv-350")).toBe(true);
  });

  it("a superseded answer ranks below the replacing document's answer to the same question", () => {
    const answers = engine.ask("lập danh sách người về từ vùng dịch cách ly tại nhà", 5).answers;
    const old = answers.findIndex((a) => a.docId === DUTY.replaced);
    const replacing = answers.findIndex((a) => a.docId === DUTY.replacing);
    expect(replacing).toBeGreaterThanOrEqual(0);
    expect(old === -1 || old > replacing).toBe(true);
  });
});

describe("deadlines in answers", () => {
  it("'Hạn báo cáo …?' puts a passage with a deadline first", () => {
    const [first] = engine.ask("Hạn báo cáo kết quả kiểm soát người về từ vùng dịch?", 3).answers;
    expect(first?.deadline?.date).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it("every answer object has the new fields, null when unknown", () => {
    for (const a of seeds.ask("tiêm vắc xin", 5).answers) {
      expect(a.status).toBe("in-force");
      expect(a.supersededBy).toBeNull();
      expect(a).toHaveProperty("deadline");
      expect(a).toHaveProperty("role");
    }
  });
});
