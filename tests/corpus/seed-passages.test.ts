import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus, CorpusDocument } from "../../src/corpus/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR, documentOf, passageWith } from "../helpers/corpus.ts";

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
});
const doc = (docId: string): CorpusDocument => documentOf(corpus, docId);

/** Web chrome, recipients, signature blocks, copy marks and header lines: metadata, never answers. */
const NOT_AN_ANSWER =
  /Thống kê truy cập|Click để đánh giá|Nơi nhận|Lưu Văn phòng|img \d|Sao y|Bấm vào đây|T\/M BAN THƯỜNG VỤ|Ảnh:|Nguồn tin|Tổng số điểm|Đang truy cập|Ý kiến bạn đọc|ĐẢNG CỘNG SẢN VIỆT NAM|^Kính gửi|^Số\s|^- Như trên|BÍ THƯ$/i;

describe("seed passages: nothing but the directive's own text", () => {
  it("no passage of any seed holds web chrome, recipients, a signature block or header lines", () => {
    const offenders = corpus.passages
      .filter((p) => NOT_AN_ANSWER.test(p.text))
      .map((p) => `${p.id}: ${p.text.slice(0, 80)}`);
    expect(offenders).toEqual([]);
  });

  it("no passage is just a signer's name or the document's title", () => {
    for (const d of corpus.documents.values()) {
      const signers = [...corpus.documents.values()].map((x) => x.meta.signer).filter((s): s is string => s !== null);
      for (const p of d.passages) {
        expect(signers).not.toContain(p.text.trim());
        expect(p.text.trim()).not.toBe(d.meta.title);
      }
    }
  });

  it("the Kiên Giang page's photo caption and credit are not passages", () => {
    const texts = doc(SEED.kienGiang).passages.map((p) => p.text);
    expect(texts.filter((t) => t.startsWith("Kiên Giang dãn cách xã hội toàn tỉnh"))).toEqual([]);
    expect(texts[0]).toMatch(/^Hiện nay, tình hình dịch bệnh Covid-19/);
    expect(texts.at(-1)).toBe(
      "Giao Văn phòng Tỉnh ủy tổng hợp tình hình báo cáo kết quả phòng, chống dịch Covid-19 với Thường trực Tỉnh ủy.",
    );
  });

  it("the Quảng Ngãi copy's trailer (copying office, its recipients, 'Sao y bản chính') is not in any passage", () => {
    const text = doc(SEED.quangNgai)
      .passages.map((p) => p.text)
      .join("\n");
    expect(text).not.toMatch(/ĐẢNG ỦY KH|215 ?-BS|Thường trực Đảng ủy Khối|Đảng ủy Khối\b/);
    expect(doc(SEED.quangNgai).passages.at(-1)!.text).toMatch(/^Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy/);
  });
});

describe("seed passages: sections as the documents number them", () => {
  it("the Thông báo keeps its 2.1–2.7 sub-items and bold '**1.**' item numbers as plain labels", () => {
    const sections = [...new Set(doc(SEED.thongBao).passages.map((p) => p.section))];
    expect(sections).toEqual([null, "1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3", "4", "5"]);
  });

  it("markdown emphasis is stripped: '**1.** Trước …' becomes '1. Trước …' and no '*' is left", () => {
    const thongBao = doc(SEED.thongBao);
    expect(thongBao.passages.find((p) => p.section === "1")!.text).toMatch(/^1\. Trước tình hình dịch bệnh/);
    expect(thongBao.passages.find((p) => p.section === "3")!.text).toMatch(/^3\. Mặt trận Tổ quốc/);
    expect(corpus.passages.filter((p) => p.text.includes("*"))).toEqual([]);
  });

  it("an emphasised phrase cut by a page break is one phrase again: “lấy cái đẹp để đẹp cái xấu”", () => {
    const p = passageWith(doc(SEED.thongBao), "lấy cái");
    expect(p.section).toBe("4");
    expect(p.text).toContain("“lấy cái đẹp để đẹp cái xấu” nhằm tạo niềm tin");
  });

  it("a sub-item's heading is its parent item", () => {
    const p = doc(SEED.thongBao).passages.find((x) => x.section === "2.3")!;
    expect(p.heading).toMatch(/^2\. Để thực hiện thành công mục tiêu/);
  });

  it("numbered items of the Công văn and the Chỉ thị keep their numbers", () => {
    const numbered = (id: string) => [
      ...new Set(
        doc(id)
          .passages.map((p) => p.section)
          .filter((s) => s !== null),
      ),
    ];
    expect(numbered(SEED.namDinh)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(numbered(SEED.yenThe)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(numbered(SEED.quangNgai)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  });

  it("paragraphs after an item belong to it; a closing 'Đề nghị …' paragraph leaves the items", () => {
    const namDinh = doc(SEED.namDinh);
    expect(passageWith(namDinh, "Hạn chế tổ chức các sự kiện tập trung đông người").section).toBe("1");
    expect(passageWith(namDinh, "Đề nghị các cấp ủy, tổ chức đảng").section).toBeNull();
  });
});

describe("seed passages: actors", () => {
  it("Quảng Ngãi item 6 is assigned to the Ban Dân vận Tỉnh ủy", () => {
    const p = doc(SEED.quangNgai).passages.find((x) => x.section === "6")!;
    expect(p.actor).toBe("Ban Dân vận Tỉnh ủy");
  });

  it("bullets under '2. Ban cán sự đảng … chỉ đạo:' inherit its actor, and the lead-in itself is no passage", () => {
    const items = doc(SEED.quangNgai).passages.filter((x) => x.section === "2");
    expect(items).toHaveLength(5);
    for (const p of items) {
      expect(p.actor).toBe("Ban cán sự đảng Ủy ban nhân dân tỉnh");
      expect(p.text).toMatch(/^- /);
    }
    // The lead-in survives as the heading the viewer shows above the bullets.
    for (const p of items)
      expect(p.heading).toBe("2. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo:");
  });

  it("Yên Thế item 4 → Trung tâm Y tế huyện; '7. Giao UBND huyện kiểm tra' → UBND huyện", () => {
    const yenThe = doc(SEED.yenThe);
    expect(yenThe.passages.find((x) => x.section === "4")!.actor).toBe("Trung tâm Y tế huyện");
    expect(yenThe.passages.find((x) => x.section === "7")!.actor).toBe("UBND huyện");
    expect(yenThe.passages.find((x) => x.section === "3")!.actor).toBe("Công an huyện, BCH Quân sự huyện");
  });

  it("Kiên Giang 'Giao Văn phòng Tỉnh ủy tổng hợp …' → Văn phòng Tỉnh ủy", () => {
    expect(passageWith(doc(SEED.kienGiang), "Giao Văn phòng Tỉnh ủy tổng hợp").actor).toBe("Văn phòng Tỉnh ủy");
  });

  it("an opening clause does not hide the actor: 'Căn cứ …, Ban cán sự đảng UBND tỉnh có văn bản …'", () => {
    expect(passageWith(doc(SEED.namDinh), "Căn cứ vào tình hình thực tế").actor).toBe("Ban cán sự đảng UBND tỉnh");
  });

  it("an item that names no body has no actor", () => {
    expect(doc(SEED.namDinh).passages.find((x) => x.section === "5")!.actor).toBeNull();
  });

  it("'Thường trực Tỉnh ủy yêu cầu Y thực hiện …' names the addressee Y, not the issuer", () => {
    const p = passageWith(doc(SEED.thongBao), "Về công tác báo cáo nhanh");
    expect(p.actor).toBe("Ban cán sự đảng UBND tỉnh và các huyện, thành ủy, đảng ủy trực thuộc");
  });
});

describe("seed passages: text rebuilt across page breaks", () => {
  it("Quảng Ngãi 'cán bộ, công' + blank + 'chức' is one passage containing 'cán bộ, công chức'", () => {
    const p = passageWith(doc(SEED.quangNgai), "cán bộ, công chức, viên chức");
    expect(p.section).toBe("1");
    expect(p.text).toMatch(/^- Tập trung lãnh đạo, chỉ đạo phân công/);
    expect(p.text).toMatch(/chiến lược tiêm vắc xin\.$/);
  });

  it("no passage starts with the lowercase tail of a broken paragraph", () => {
    const tails = corpus.passages.filter((p) => /^\p{Ll}/u.test(p.text)).map((p) => `${p.id}: ${p.text.slice(0, 40)}`);
    expect(tails).toEqual([]);
  });

  it("other page breaks in the seeds are rejoined too", () => {
    expect(passageWith(doc(SEED.quangNgai), "không cần thiết; tăng cường tầm soát").section).toBe("2");
    expect(passageWith(doc(SEED.namDinh), "thực hiện không nghiêm túc các quy định").section).toBe("1");
    expect(passageWith(doc(SEED.yenThe), "để thực hiện thanh, quyết toán").section).toBe("2");
  });
});

describe("seed passages: ids and anchors", () => {
  it("anchors are unique within each document and ids are docId#anchor", () => {
    for (const d of corpus.documents.values()) {
      const anchors = d.passages.map((p) => p.anchor);
      expect(new Set(anchors).size).toBe(anchors.length);
      for (const p of d.passages) {
        expect(p.docId).toBe(d.meta.docId);
        expect(p.id).toBe(`${d.meta.docId}#${p.anchor}`);
        expect(p.anchor).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    }
  });

  it("anchors follow the section label, numbered when a section has several passages", () => {
    const anchors = doc(SEED.thongBao).passages.map((p) => p.anchor);
    expect(anchors.slice(0, 6)).toEqual(["doan-1", "1", "1-2", "2", "2-1", "2-2"]);
    expect(anchors).toContain("2-2-2");
  });

  it("order counts passages within a document from 0, and the corpus lists them document by document", () => {
    for (const d of corpus.documents.values())
      expect(d.passages.map((p) => p.order)).toEqual(d.passages.map((_, i) => i));
    expect(corpus.passages).toHaveLength([...corpus.documents.values()].reduce((n, d) => n + d.passages.length, 0));
  });

  it("loading twice gives the same ids and content hashes", async () => {
    const again = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
    expect(again.passages.map((p) => p.id)).toEqual(corpus.passages.map((p) => p.id));
    for (const [id, d] of corpus.documents) expect(again.documents.get(id)!.contentHash).toBe(d.contentHash);
  });
});
