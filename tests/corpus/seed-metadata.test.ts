import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus, DocumentMeta } from "../../src/corpus/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR, documentOf } from "../helpers/corpus.ts";

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
});

const meta = (docId: string): DocumentMeta => documentOf(corpus, docId).meta;
const core = (m: DocumentMeta) => ({
  type: m.type,
  number: m.number,
  date: m.date,
  issuer: m.issuer,
  signer: m.signer,
});

describe("seed corpus metadata", () => {
  it("loads the five seeds, each with passages and no error", () => {
    expect(corpus.reports.map((r) => [r.file, r.status])).toEqual([
      [`${SEED.namDinh}.txt`, "ok"],
      [`${SEED.kienGiang}.txt`, "ok"],
      [`${SEED.yenThe}.txt`, "ok"],
      [`${SEED.quangNgai}.txt`, "ok"],
      [`${SEED.thongBao}.txt`, "ok"],
    ]);
    for (const doc of corpus.documents.values()) expect(doc.passages.length).toBeGreaterThan(5);
  });

  it("Nam Định: Công văn 146-CV/TU of 2021-05-04 from the Ban Thường vụ Tỉnh ủy Nam Định, signed Lê Quốc Chính", () => {
    expect(core(meta(SEED.namDinh))).toEqual({
      type: "Công văn",
      number: "146-CV/TU",
      date: "2021-05-04",
      issuer: "Ban Thường vụ Tỉnh ủy Nam Định",
      signer: "Lê Quốc Chính",
    });
  });

  it("Nam Định: title is the V/v line joined across its line break; recipients from Kính gửi and Nơi nhận", () => {
    const m = meta(SEED.namDinh);
    expect(m.title).toBe("V/v tăng cường, nâng cao hiệu quả công tác phòng, chống dịch Covid-19");
    expect(m.recipients).toEqual([
      "Các đảng đoàn, ban cán sự đảng",
      "Các sở, ban, ngành, MTTQ, các đoàn thể tỉnh",
      "Các huyện uỷ, thành uỷ, đảng uỷ trực thuộc tỉnh",
      "Ban Bí thư Trung ương Đảng",
      "Các đồng chí ủy viên BCH Đảng bộ tỉnh",
      "Trang Thông tin điện tử Đảng bộ tỉnh",
    ]);
  });

  it("Kiên Giang (a news page): Công văn 209-CV/TU of 2021-07-21 from the lead sentence; no signer invented", () => {
    const m = meta(SEED.kienGiang);
    expect(m.type).toBe("Công văn");
    expect(m.number).toBe("209-CV/TU");
    expect(m.date).toBe("2021-07-21");
    expect(m.issuer).toContain("Kiên Giang");
    expect(m.signer).toBeNull();
    expect(m.title).toBe("Về tiếp tục tăng cường công tác phòng, chống dịch Covid-19");
  });

  it("Yên Thế: the blank number 'Số -CV/HU' stays null and is reported, the rest is read", () => {
    expect(core(meta(SEED.yenThe))).toEqual({
      type: "Công văn",
      number: null,
      date: "2021-07-25",
      issuer: "Ban Thường vụ Huyện ủy Yên Thế",
      signer: "Nông Văn Tâm",
    });
    const report = corpus.reports.find((r) => r.docId === SEED.yenThe)!;
    expect(report.warnings.join("\n")).toMatch(/no document number \(the number is left blank/);
  });

  it("Yên Thế: title from the italic V/v lines; recipients from 'Kính gửi: - …' and Nơi nhận, without 'Như trên' or 'Lưu'", () => {
    const m = meta(SEED.yenThe);
    expect(m.title).toBe("V/v tiếp tục tăng cường công tác phòng, chống dịch Covid-19 trên địa bàn huyện");
    expect(m.recipients.slice(0, 2)).toEqual(["UBND huyện", "BCĐ phòng chống dịch bệnh Covid-19 huyện"]);
    expect(m.recipients).toContain("Trung tâm Y tế huyện");
    expect(m.recipients).toContain("Các chi, đảng bộ cơ sở");
    expect(m.recipients).toContain("Thường trực Tỉnh ủy");
    expect(m.recipients).toContain("Các đồng chí Huyện ủy viên");
    expect(m.recipients.filter((r) => /như trên|^lưu/i.test(r))).toEqual([]);
  });

  it("Quảng Ngãi: Chỉ thị of the Ban Thường vụ Tỉnh ủy, signed Bùi Thị Quỳnh Vân", () => {
    const m = meta(SEED.quangNgai);
    expect(m.type).toBe("Chỉ thị");
    expect(m.issuer).toMatch(/^Ban Thường vụ Tỉnh ủy/);
    expect(m.signer).toBe("Bùi Thị Quỳnh Vân");
    expect(m.title).toBe("Về công tác phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh");
  });

  it("Quảng Ngãi is a certified copy: the copying office's number/date and the received stamp are not the directive's", () => {
    const m = meta(SEED.quangNgai);
    // "Số 215 -BS/ĐUK … Quảng Ngãi, ngày 05 tháng 7 năm 2021" is the copy's; "ĐẾN Số: 332 Ngày: 02.7.2021" the stamp's.
    expect(["215-BS/ĐUK", "215", "332"]).not.toContain(m.number);
    expect(["2021-07-05", "2021-07-02"]).not.toContain(m.date);
    // The seed's own header carries neither, so both stay unknown.
    expect(m.number).toBeNull();
    expect(m.date).toBeNull();
    expect(m.copiedBy).toMatch(/^Đảng ủy Kh/);
    expect(m.recipients).toContain("Thường trực Ban Bí thư");
    expect(m.recipients).not.toContain("Thường trực Đảng ủy Khối");
    expect(m.recipients).not.toContain("Các tổ chức cơ sở đảng trực thuộc");
  });

  it("Thông báo: type Thông báo from the bold heading, signer Nguyễn Đức Thanh, title from the heading lines", () => {
    const m = meta(SEED.thongBao);
    expect(m.type).toBe("Thông báo");
    expect(m.signer).toBe("Nguyễn Đức Thanh");
    expect(m.title).toBe("Ý kiến của Thường trực Tỉnh ủy về công tác phòng, chống dịch bệnh Covid-19");
    expect(m.recipients).toEqual([
      "Các đồng chí UVTV Tỉnh ủy",
      "Các ban đảng tỉnh, BCS Đảng, Đảng đoàn",
      "Các huyện, thành ủy, đảng ủy trực thuộc",
      "Các sở, ban ngành, mặt trận, đoàn thể tỉnh",
    ]);
  });

  it("Thông báo: the meeting date in the first sentence is not taken for the issue date", () => {
    const m = meta(SEED.thongBao);
    expect(m.date).not.toBe("2021-07-12");
    expect(m.date).toBeNull();
    expect(m.number).toBeNull();
  });

  it("no seed has a sidecar, so sourceUrl and tags are empty", () => {
    for (const doc of corpus.documents.values()) {
      expect(doc.meta.sourceUrl).toBeNull();
      expect(doc.meta.tags).toEqual([]);
    }
  });
});
