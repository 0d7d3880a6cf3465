import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { CorpusDocument } from "../../src/corpus/types.ts";
import { LOAD_OPTIONS, documentOf, fixtureCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

const FILE = "statute-luat-mau.txt";
let law: CorpusDocument;
beforeAll(async () => {
  const corpus = await loadCorpus(await fixtureCorpusDir([FILE]), LOAD_OPTIONS);
  law = documentOf(corpus, "statute-luat-mau");
});
afterAll(removeCorpusDirs);

const bySection = (section: string) => {
  const found = law.passages.filter((p) => p.section === section);
  expect(found, `passages of ${section}`).toHaveLength(1);
  return found[0]!;
};

describe("statute layout (Chương, Điều N., clauses 1., points a))", () => {
  it("reads the statute's header: Luật, number, issuer, signer", () => {
    expect(law.meta.type).toBe("Luật");
    expect(law.meta.number).toBe("12/2021/QH15");
    expect(law.meta.issuer).toBe("Quốc hội");
    expect(law.meta.signer).toBe("Nguyễn Văn An");
    expect(law.meta.title).toBe("Phòng, chống dịch bệnh tại cộng đồng");
  });

  it("labels passages 'Điều N' and 'Điều N, khoản M' in document order", () => {
    expect(law.passages.map((p) => p.section)).toEqual([
      "Điều 1",
      "Điều 2",
      "Điều 2, khoản 1",
      "Điều 2, khoản 2",
      "Điều 3, khoản 1",
      "Điều 3, khoản 2",
      "Điều 4, khoản 1",
      "Điều 4, khoản 2",
      "Điều 5",
    ]);
  });

  it("an article without clauses is one passage of its text, headed by the article title", () => {
    const p = bySection("Điều 1");
    expect(p.text).toMatch(/^Luật này quy định về giám sát, phát hiện và ứng phó/);
    expect(p.heading).toBe("Điều 1. Phạm vi điều chỉnh");
    expect(p.anchor).toBe("dieu-1");
  });

  it("points a), b), c) stay in their clause's passage, in order", () => {
    const p = bySection("Điều 3, khoản 1");
    expect(p.text.split("\n")).toEqual([
      "1. Ủy ban nhân dân các cấp có trách nhiệm:",
      "a) Tổ chức thực hiện các biện pháp phòng, chống dịch bệnh trên địa bàn;",
      "b) Bảo đảm kinh phí, nhân lực và cơ sở vật chất cho công tác phòng, chống dịch bệnh;",
      "c) Thông tin kịp thời, chính xác về tình hình dịch bệnh cho nhân dân.",
    ]);
    expect(bySection("Điều 4, khoản 2").text).toMatch(
      /hình thức sau:\na\) Cách ly tại nhà.*\nb\) Cách ly tại cơ sở cách ly tập trung/s,
    );
    expect(law.passages.filter((x) => /^[a-zđ]\)/.test(x.text))).toEqual([]);
  });

  it("clauses carry their article heading, an anchor from their label, and the body they assign work to", () => {
    const p = bySection("Điều 3, khoản 1");
    expect(p.heading).toBe("Điều 3. Trách nhiệm của chính quyền địa phương");
    expect(p.anchor).toBe("dieu-3-khoan-1");
    expect(p.id).toBe("statute-luat-mau#dieu-3-khoan-1");
    expect(p.actor).toBe("Ủy ban nhân dân các cấp");
    expect(bySection("Điều 3, khoản 2").actor).toBe("Bộ Y tế");
    expect(bySection("Điều 2, khoản 1").actor).toBeNull();
  });

  it("chapter lines and chapter titles are not passages", () => {
    const texts = law.passages.map((p) => p.text);
    expect(texts.filter((t) => /Chương|NHỮNG QUY ĐỊNH CHUNG|BIỆN PHÁP PHÒNG/.test(t))).toEqual([]);
  });

  it("the preamble and the signature ('CHỦ TỊCH QUỐC HỘI', the name) are not in any passage", () => {
    const all = law.passages.map((p) => p.text).join("\n");
    expect(all).not.toContain("Căn cứ Hiến pháp");
    expect(all).not.toContain("CHỦ TỊCH QUỐC HỘI");
    expect(all).not.toContain("Nguyễn Văn An");
    expect(bySection("Điều 5").text).toMatch(/^Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2022\./);
  });
});
