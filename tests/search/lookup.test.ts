import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion, type AnswerSet } from "../../src/answer/build-answer.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { parseArticleRef } from "../../src/search/article-ref.ts";
import { buildCitationGraph } from "../../src/search/citations.ts";
import { loadLexicon } from "../../src/search/glossary.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

const BASE = "http://bot.test";
let seeds: SearchIndex;
let seedCorpus: Corpus;
let decrees: SearchIndex;
let decreeCorpus: Corpus;

beforeAll(async () => {
  const lexicon = loadLexicon(DATA_DIR);
  seedCorpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  seeds = buildSearchIndex(seedCorpus, { lexicon });
  decreeCorpus = makeCorpus([
    {
      docId: "nd-111-2022",
      meta: {
        type: "Nghị định",
        number: "111/2022/NĐ-CP",
        date: "2022-12-30",
        issuer: "Chính phủ",
        signer: "Lê Minh Khái",
        title: "Về hợp đồng đối với một số loại công việc trong cơ quan hành chính",
      },
      passages: [
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Bộ trưởng Bộ Nội vụ;",
        {
          text: "Nghị định này quy định về hợp đồng thực hiện công việc hỗ trợ, phục vụ trong cơ quan hành chính.",
          section: "Điều 1",
          heading: "Điều 1. Phạm vi điều chỉnh",
        },
        {
          text: "Cơ quan hành chính ký hợp đồng lao động với người làm công việc lái xe, bảo vệ, tạp vụ.",
          section: "Điều 2",
          heading: "Điều 2. Đối tượng áp dụng",
        },
      ],
    },
    {
      docId: "ct-21-2026",
      meta: {
        type: "Chỉ thị",
        number: "21/CT-TTg",
        date: "2026-05-20",
        issuer: "Thủ tướng Chính phủ",
        signer: "Phạm Thị Thanh Trà",
        signerTitle: "Phó Thủ tướng",
      } as never,
      passages: [
        {
          text: "Các bộ, ngành triển khai thi hành Nghị định số 111/2022/NĐ-CP về hợp đồng công việc hỗ trợ.",
          section: "1",
        },
      ],
    },
    {
      docId: "nd-112-2021",
      meta: {
        type: "Nghị định",
        number: "112/2021/NĐ-CP",
        date: "2021-12-10",
        issuer: "Chính phủ",
        signer: "Phạm Bình Minh",
      },
      passages: [
        {
          text: "Nghị định này quy định về người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng.",
          section: "Điều 1",
        },
      ],
    },
  ]);
  decrees = buildSearchIndex(decreeCorpus, { lexicon });
});

const ask = (index: SearchIndex, q: string): AnswerSet => answerQuestion(q, 5, { index, publicBaseUrl: BASE });

describe("document lookups come before content ranking", () => {
  it.each(["Nghị định 111/2022/NĐ-CP", "nghi dinh so 111/2022/nd-cp", "nghị định số 111/2022 quy định gì?"])(
    "%s → the decree, cited by its first article, not its preamble",
    (q) => {
      const top = ask(decrees, q).answers[0];
      expect(top?.docId).toBe("nd-111-2022");
      expect(top?.section).toBe("Điều 1");
      expect(top?.passage).not.toMatch(/^Căn cứ|^Theo đề nghị/);
    },
  );

  it.each(["công văn 146", "CV 146", "cv 146/TU", "Công văn 146-CV/TU của Tỉnh ủy Nam Định"])(
    "%s → 146-CV/TU first",
    (q) => {
      expect(ask(seeds, q).answers[0]?.docId).toBe(SEED.namDinh);
    },
  );

  it("a number only cited in the corpus finds the passages that cite it", () => {
    for (const q of ["Công văn 571-CV/TU", "cv 571/TU", "công văn 571"]) {
      const top = ask(seeds, q).answers[0];
      expect(top?.docId).toBe(SEED.yenThe);
      expect(top?.passage).toContain("571-CV/TU");
    }
  });

  it("a document named by type, issuer and date", () => {
    expect(ask(seeds, "công văn của Tỉnh ủy Nam Định ngày 4/5/2021").answers[0]?.docId).toBe(SEED.namDinh);
  });

  it("a content question that names no document is ranked as before", () => {
    const set = ask(seeds, "tiêm vắc xin");
    expect(set.answers.length).toBeGreaterThan(0);
    expect(set.answers[0]?.excerpt).not.toMatch(/ký ngày|ban hành ngày/);
  });
});

describe("an article of a named document", () => {
  it.each([
    ["Điều 2 Nghị định 111/2022/NĐ-CP quy định gì?", { article: "2", clause: null }],
    ["dieu 2 nghi dinh so 111/2022", { article: "2", clause: null }],
    ["khoản 3 Điều 12 của Luật Cư trú", { article: "12", clause: "3" }],
    ["Điều 12, khoản 3 Luật Cư trú", { article: "12", clause: "3" }],
    ["what does article 7 of decree 112/2021 say?", { article: "7", clause: null }],
  ])("parseArticleRef(%s)", (q, ref) => {
    expect(parseArticleRef(q)).toEqual(ref);
  });

  it("no article named: 'điều kiện', 'điều chỉnh' and a bare 'Điều' are not articles", () => {
    for (const q of ["Điều kiện kinh doanh đa cấp", "phạm vi điều chỉnh của nghị định", "Điều nào sau đây đúng?"])
      expect(parseArticleRef(q)).toBeNull();
  });

  it.each(["Điều 2 Nghị định 111/2022/NĐ-CP quy định gì?", "dieu 2 nghi dinh so 111/2022"])(
    "%s → that article first, not the decree's first article",
    (q) => {
      const top = ask(decrees, q).answers[0];
      expect(top?.docId).toBe("nd-111-2022");
      expect(top?.section).toBe("Điều 2");
      expect(top?.passage).toContain("lái xe, bảo vệ, tạp vụ");
    },
  );

  it("a document named by its title: 'Điều 1 của Luật …'", () => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "luat-ctr",
          meta: { type: "Luật", number: "68/2020/QH14", title: "Luật Cư trú" },
          passages: [
            { text: "Luật này quy định về việc thực hiện quyền tự do cư trú của công dân.", section: "Điều 1" },
            { text: "Chỗ ở hợp pháp là nơi được sử dụng để sinh sống.", section: "Điều 2, khoản 1" },
            { text: "Cư trú là việc công dân sinh sống tại một địa điểm.", section: "Điều 2, khoản 2" },
          ],
        },
      ]),
      { lexicon: loadLexicon(DATA_DIR) },
    );
    const top = ask(index, "Điều 2 của Luật Cư trú nói gì?").answers[0];
    expect(top?.section).toBe("Điều 2");
    expect(top?.passage).toContain("Chỗ ở hợp pháp");
    expect(top?.passage).toContain("Cư trú là việc");
    const clause = ask(index, "khoản 2 Điều 2 Luật Cư trú").answers[0];
    expect(clause?.section).toBe("Điều 2, khoản 2");
    expect(ask(index, "Điều 9 của Luật Cư trú").answers[0]?.section).not.toBe("Điều 9");
  });
});

describe("a partial number several documents share", () => {
  const circular = (docId: string, number: string, date: string, issuer: string, text: string) => ({
    docId,
    meta: { type: "Thông tư", number, date, issuer, title: text },
    passages: [{ text, section: "Điều 1" }],
  });
  const shared = () =>
    buildSearchIndex(
      makeCorpus([
        circular("tt-bkhdt", "07/2024/TT-BKHĐT", "2024-03-01", "Bộ Kế hoạch và Đầu tư", "Hướng dẫn đấu thầu qua mạng."),
        circular("tt-byt", "07/2024/TT-BYT", "2024-05-10", "Bộ Y tế", "Quy định về giá dịch vụ khám bệnh."),
        circular("tt-btc", "08/2024/TT-BTC", "2024-06-01", "Bộ Tài chính", "Quy định về phí và lệ phí."),
      ]),
      { lexicon: loadLexicon(DATA_DIR) },
    );

  it("'thông tư số 07/2024' cites every Thông tư 07/2024 first, newest first, and no other number", () => {
    const answers = ask(shared(), "thông tư số 07/2024 quy định gì?").answers;
    expect(answers.slice(0, 2).map((a) => a.docId)).toEqual(["tt-byt", "tt-bkhdt"]);
    expect(answers.map((a) => a.docId)).not.toContain("tt-btc");
  });

  it("the whole number or the issuer picks one of them", () => {
    const index = shared();
    expect(ask(index, "Thông tư 07/2024/TT-BKHĐT").answers.map((a) => a.docId)).toEqual(["tt-bkhdt"]);
    expect(ask(index, "thông tư 07/2024 của Bộ Kế hoạch và Đầu tư").answers[0]?.docId).toBe("tt-bkhdt");
    expect(ask(index, "thông tư 07/2024 của Bộ Kế hoạch và Đầu tư").answers[1]?.docId).not.toBe("tt-byt");
  });
});

describe("metadata questions are answered from the card", () => {
  it("who signed: the signer and title, in Vietnamese", () => {
    const top = ask(decrees, "Ai ký Chỉ thị 21/CT-TTg?").answers[0]!;
    expect(top.docId).toBe("ct-21-2026");
    expect(top.excerpt).toContain("Phạm Thị Thanh Trà (Phó Thủ tướng)");
    expect(top.excerpt).toContain("20/5/2026");
  });

  it("issue date", () => {
    const top = ask(decrees, "Nghị định 111/2022 ban hành ngày nào?").answers[0]!;
    expect(top.docId).toBe("nd-111-2022");
    expect(top.excerpt).toContain("ban hành ngày 30/12/2022");
  });

  it("English", () => {
    const set = ask(decrees, "who signed decree 112/2021?");
    expect(set.lang).toBe("en");
    expect(set.answers[0]?.docId).toBe("nd-112-2021");
    expect(set.answers[0]?.excerpt).toContain("was signed by Phạm Bình Minh");
  });

  it("an unknown signer is said to be unknown, not invented", () => {
    const top = ask(seeds, "Ai ký công văn 209-CV/TU?").answers[0]!;
    expect(top.docId).toBe(SEED.kienGiang);
    const signer = seedCorpus.documents.get(SEED.kienGiang)!.meta.signer;
    if (signer) expect(top.excerpt).toContain(signer);
    else expect(top.excerpt).toContain("không ghi người ký");
  });
});

describe("citation graph", () => {
  it("links a cited number to the corpus document and lists what cites it", () => {
    const graph = buildCitationGraph(decreeCorpus);
    expect(graph.citedBy("nd-111-2022").map((c) => c.docId)).toEqual(["ct-21-2026"]);
    const cited = graph.inPassage("ct-21-2026#1");
    expect(cited.map((c) => [c.raw, c.target])).toEqual([["111/2022/NĐ-CP", "nd-111-2022"]]);
    expect(graph.citedBy("ct-21-2026")).toEqual([]);
  });

  it("a number outside the corpus links nowhere; a document naming itself does not cite itself", () => {
    const graph = buildCitationGraph(seedCorpus);
    const yenThe = seedCorpus.documents.get(SEED.yenThe)!;
    const mentions = yenThe.passages.flatMap((p) => graph.inPassage(p.id));
    expect(mentions.find((m) => m.raw === "571-CV/TU")?.target).toBeNull();
    for (const doc of seedCorpus.documents.values())
      expect(graph.citedBy(doc.meta.docId).every((c) => c.docId !== doc.meta.docId)).toBe(true);
  });
});

describe("a content question about a named document", () => {
  let index: SearchIndex;
  beforeAll(() => {
    const letter = {
      docId: "cv-146",
      meta: { type: "Công văn", number: "146-CV/TU", date: "2021-05-04", issuer: "Tỉnh ủy Nam Định" },
      passages: [
        { text: "Tiếp tục thực hiện nghiêm các chỉ đạo của Trung ương về phòng, chống dịch.", section: "1" },
        { text: "Tăng cường kiểm tra việc chấp hành các biện pháp phòng dịch tại cơ sở.", section: "2" },
        "Đề nghị các cấp ủy khẩn trương triển khai thực hiện và báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.",
      ],
    };
    // Another document says "báo cáo kết quả thực hiện … cơ quan" more often and more tightly.
    const decree = {
      docId: "nd-207-2026",
      meta: { type: "Nghị định", number: "207/2026/NĐ-CP", date: "2026-06-01", issuer: "Chính phủ" },
      passages: [1, 2, 3].map((k) => ({
        text: `Chủ đầu tư phải báo cáo kết quả thực hiện công trình ${k} về cơ quan quản lý nhà nước có thẩm quyền.`,
        section: `Điều ${k}`,
      })),
    };
    index = buildSearchIndex(makeCorpus([letter, decree]), { lexicon: loadLexicon(DATA_DIR) });
  });

  it("answers from inside the document right after its card, before other documents' passages", () => {
    const answers = ask(index, "Kết quả thực hiện Công văn 146 phải báo cáo về cơ quan nào?").answers;
    expect(answers[0]).toMatchObject({ docId: "cv-146", section: "1" });
    expect(answers[1]?.docId).toBe("cv-146");
    expect(answers[1]?.passage).toContain("báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy");
  });

  it("a plain lookup ('công văn 146') still cites the card first and adds nothing from inside", () => {
    const answers = ask(index, "công văn 146").answers;
    expect(answers[0]).toMatchObject({ docId: "cv-146", section: "1" });
  });
});
