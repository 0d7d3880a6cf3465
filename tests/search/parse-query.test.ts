import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery, type ParsedQuery } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, indexOne, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let seedCorpus: Corpus;
let seeds: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seedCorpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  seeds = buildSearchIndex(seedCorpus, { lexicon });
});

const parse = (q: string) => parseQuery(q, lexicon);
/** Each concept as its wordings, syllables joined by spaces. */
/** The wordings searched for; of a wording with synonyms (data/synonyms-vi.json), the syllables typed. */
const words = (q: ParsedQuery) =>
  q.concepts.flatMap((c) => (c.scale ? c.alternatives[0]! : c.alternatives.map((a) => a.join(" "))));

describe("intent: who", () => {
  it.each([
    "Ai chịu trách nhiệm tiêm vắc xin?",
    "Ai là người đứng đầu Ban Chỉ đạo",
    "Cơ quan nào phụ trách cách ly tập trung?",
    "Đơn vị nào thực hiện truy vết?",
    "Việc tuyên truyền do đơn vị nào đảm nhiệm",
    "Lực lượng nào kiểm soát chốt?",
    "Những ai phải khai báo y tế",
    "ai phu trach cach ly",
    "co quan nao thuc hien truy vet",
    "who is responsible for vaccination?",
    "Who runs the quarantine camps",
    "which agency handles quarantine?",
    "Which unit traces contacts?",
  ])("%s → who", (q) => {
    expect(parse(q).intent).toBe("who");
  });

  it("a who-question's scaffolding is not content: 'Ai chịu trách nhiệm tiêm vắc xin?' searches for tiêm vắc xin", () => {
    expect(words(parse("Ai chịu trách nhiệm tiêm vắc xin?"))).toEqual(["tiêm", "vắc", "xin"]);
    expect(words(parse("ai phu trach cach ly"))).toEqual(["cach", "ly"]);
  });

  it("typed without marks, 'van ban nao' (which document) is not 'ban nào' (which committee)", () => {
    expect(parse("van ban nao quy dinh cach ly").intent).toBe("content");
    expect(parse("Văn bản nào quy định cách ly").intent).toBe("content");
    expect(parse("ban nao phu trach tuyen truyen").intent).toBe("who");
  });

  it("'ai' only counts as a whole word: 'hai', 'tại', 'mai' do not make a who-question", () => {
    expect(parse("Hai lần xét nghiệm").intent).toBe("content");
    expect(parse("Cách ly tại nhà").intent).toBe("content");
    expect(parse("ngày mai tiêm vắc xin").intent).toBe("content");
  });
});

describe("intent: number", () => {
  it.each(["Quyết định 940/QĐ-UBND nói về gì", "Công văn 146-CV/TU", "Chỉ thị 16/CT-TTg quy định gì?", "146-cv/tu"])(
    "%s → number",
    (q) => {
      expect(parse(q).intent).toBe("number");
    },
  );

  it("the whole number is a concept, and the question's scaffolding is not", () => {
    const q = parse("Quyết định 940/QĐ-UBND nói về gì");
    expect(words(q)).toContain("940/qđ-ubnd");
    expect(words(q)).not.toContain("nói");
    expect(words(q)).not.toContain("gì");
  });
});

describe("number questions find the document they name", () => {
  it("a number the passage text quotes: 'Quyết định 940/QĐ-UBND nói về nội dung gì?'", () => {
    const [hit] = seeds.search("Quyết định 940/QĐ-UBND nói về nội dung gì?", 3);
    expect(hit?.passage.text).toContain("940/QĐ-UBND");
  });

  it.each([
    ["Công văn 146-CV/TU nói về gì", SEED.namDinh],
    ["146-CV/TU", SEED.namDinh],
    ["cong van 146-cv/tu", SEED.namDinh],
    ["Công văn 209-CV/TU của Tỉnh ủy Kiên Giang yêu cầu gì?", SEED.kienGiang],
  ])("a number only the document's metadata holds: '%s' → %s", (q, docId) => {
    const hits = seeds.search(q, 3);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.document.meta.docId === docId)).toBe(true);
    for (const h of hits) expect(Number.isFinite(h.score)).toBe(true);
  });

  it("a number no document has finds nothing", () => {
    expect(seeds.search("Công văn 999-CV/TU nói về gì", 3)).toEqual([]);
    expect(seeds.search("Quyết định số 12/QĐ-UBND quy định gì?", 3)).toEqual([]);
  });

  it("the document type before a number is part of its name, not content", () => {
    expect(words(parse("Công văn số 146-CV/TU nói về gì"))).toEqual(["146-cv/tu", "146/cv/tu"]);
    expect(words(parse("quyet dinh 940/qd-ubnd"))).toEqual(["940/qd-ubnd", "940/qd/ubnd"]);
    // Elsewhere the same words are content.
    expect(words(parse("công văn hỏa tốc"))).toEqual(["công", "văn", "hoả", "tốc"]);
  });

  it("a well-covered question that cites a document the corpus lacks is still answered", () => {
    const [hit] = seeds.search("nhập cảnh trái phép theo Chỉ thị 15/CT-TTg", 3);
    expect(hit?.passage.text).toContain("nhập cảnh trái phép");
  });
});

describe("intent: latest", () => {
  it.each([
    "văn bản mới nhất",
    "Văn bản mới nhất là gì?",
    "chỉ thị gần đây nhất",
    "công văn mới ban hành",
    "van ban moi nhat",
    "latest directive",
    "the most recent document",
  ])("%s → latest", (q) => {
    expect(parse(q).intent).toBe("latest");
  });

  it("search returns the newest-dated documents first on the seeds, undated ones last", () => {
    const hits = seeds.search("văn bản mới nhất", 5);
    expect(hits.map((h) => h.document.meta.docId).slice(0, 3)).toEqual([SEED.yenThe, SEED.kienGiang, SEED.namDinh]);
    const dates = hits.map((h) => h.document.meta.date);
    const known = dates.filter((d): d is string => d !== null);
    expect(known).toEqual([...known].sort().reverse());
    expect(dates.slice(known.length).every((d) => d === null)).toBe(true);
    // One hit per document.
    expect(new Set(hits.map((h) => h.document.meta.docId)).size).toBe(hits.length);
  });

  it("on a corpus whose files are not in date order, the newest document comes first", () => {
    const index = buildSearchIndex(
      makeCorpus([
        { docId: "a-cu", meta: { date: "2020-01-15" }, passages: ["Tăng cường phòng chống dịch."] },
        { docId: "b-moi", meta: { date: "2023-11-02" }, passages: ["Triển khai chuyển đổi số."] },
        { docId: "c-giua", meta: { date: "2022-06-30" }, passages: ["Bảo đảm an toàn giao thông."] },
      ]),
      { lexicon },
    );
    expect(index.search("văn bản mới nhất", 2).map((h) => h.document.meta.docId)).toEqual(["b-moi", "c-giua"]);
    expect(index.query!("văn bản mới nhất", 2).intent).toBe("latest");
  });
});

describe("intent: content", () => {
  it.each(["tiêm vắc xin", "Nhập cảnh trái phép bị xử lý như thế nào?", "cách ly tại nhà bao lâu", "quarantine rules"])(
    "%s → content",
    (q) => {
      expect(parse(q).intent).toBe("content");
    },
  );
});

describe("question scaffolding is stripped from concepts", () => {
  it.each([
    ["Tiêm vắc xin là gì", ["tiêm", "vắc", "xin"]],
    ["Cách ly như thế nào?", ["cách", "ly"]],
    ["Người dân phải đeo khẩu trang, đúng hay sai?", ["người", "dân", "phải", "đeo", "khẩu", "trang"]],
    ["Hãy cho biết thời gian cách ly tập trung", ["thời", "gian", "cách", "ly", "tập", "trung"]],
    ["Xin hỏi truy vết ra sao?", ["truy", "vết"]],
    ["tiem vac xin la gi", ["tiem", "vac", "xin"]],
  ])("%s → %j", (q, expected) => {
    expect(words(parse(q))).toEqual(expected);
  });

  it("a question of scaffolding only has no concepts and finds nothing", () => {
    expect(parse("là gì?").concepts).toEqual([]);
    expect(seeds.search("như thế nào?", 5)).toEqual([]);
  });

  it("bigrams do not straddle removed scaffolding or punctuation", () => {
    const q = parse("Người dân phải đeo khẩu trang, đúng hay sai?");
    expect(q.bigrams).toContain("deo_khau");
    expect(q.bigrams).toContain("khau_trang");
    expect(q.bigrams.some((b) => b.startsWith("trang_") || b.includes("dung") || b.includes("sai"))).toBe(false);
  });
});

describe("'không'", () => {
  it("is kept mid-sentence: 'không quá 50%' is a limit", () => {
    const w = words(parse("Tỷ lệ người làm việc tại công sở không quá 50%"));
    expect(w).toContain("không");
    expect(w).toContain("quá");
    expect(w).toContain("50");
  });

  it("is dropped as the final question particle", () => {
    const w = words(parse("Có phải đeo khẩu trang khi ra ngoài không?"));
    expect(w).not.toContain("không");
    expect(w).toEqual(expect.arrayContaining(["đeo", "khẩu", "trang"]));
    expect(words(parse("co phai deo khau trang khong"))).not.toContain("khong");
  });
});

describe("diacritics flag", () => {
  it("is set when the question has Vietnamese marks, not when typed without", () => {
    expect(parse("tiêm vắc xin").diacritics).toBe(true);
    expect(parse("tiem vac xin").diacritics).toBe(false);
    expect(parse("tiem vac xin").lang).toBe("vi");
  });
});

describe("a plural marker between two words", () => {
  it("pairs the words around it, as the index does", () => {
    const lexicon = loadLexicon(DATA_DIR);
    expect(parseQuery("UBND các huyện phải làm gì?", lexicon).bigrams).toEqual(["ubnd_huyen"]);
    expect(parseQuery("nhiệm vụ của những đảng viên", lexicon).bigrams).toEqual(
      expect.arrayContaining(["nhiem_vu", "vu_cua", "cua_dang", "dang_vien"]),
    );
  });

  it("ranks 'UBND các huyện' as the phrase 'UBND huyện' above a passage with the words apart", () => {
    const index = indexOne(
      [
        { text: "UBND tỉnh giao Sở Y tế hướng dẫn huyện.", section: "1" },
        {
          text: "Giao UBND các huyện chỉ đạo các xã rà soát, thống kê, báo cáo số hộ nghèo trên địa bàn.",
          section: "2",
        },
      ],
      lexicon,
    );
    expect(index.search("UBND huyện", 2)[0]?.passage.section).toBe("2");
  });
});

describe("a bare number after a document type", () => {
  it("is marked as a document number, with or without 'số' and marks", () => {
    for (const q of ["Công văn 571 của Tỉnh ủy Bắc Giang", "cong van so 571 tinh uy bac giang", "CV 571"]) {
      const number = parse(q).concepts.find((c) => c.alternatives.some((a) => a.join(" ") === "571"));
      expect(number?.number, q).toBe(true);
    }
  });

  it("is not marked when no type names it (a count is not a document)", () => {
    const count = parse("571 người được tiêm vắc xin").concepts.find((c) => c.alternatives[0]?.[0] === "571");
    expect(count).toBeDefined();
    expect(count?.number).toBeUndefined();
  });

  it("lets a question naming the cited letter and its issuer find the passage citing it", () => {
    // The issuer's place ("Bắc Giang") is in no passage: only the number ties the question to the citing passage.
    const index = indexOne(
      [
        "Thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy về việc tăng cường phòng, chống dịch.",
        "Ban Thường vụ Huyện ủy đề nghị các chi bộ tổ chức sinh hoạt định kỳ đúng quy định.",
      ],
      lexicon,
      "yen-the",
    );
    expect(index.search("Công văn 571 của Tỉnh ủy Bắc Giang", 3)[0]?.passage.text).toMatch(/571-CV\/TU/);
  });
});

describe("a request verb the question opens with", () => {
  it("is marked as framing in 'Kêu gọi …', 'de nghi …', 'Yêu cầu …'", () => {
    for (const q of ["Kêu gọi người dân ở nhà", "de nghi doanh nghiep lam gi", "Yêu cầu người dân đeo khẩu trang"]) {
      const framing = parse(q).concepts.filter((c) => c.framing);
      // Folded, "de" is also "để", a stopword: only "nghi" is left of the verb.
      expect(framing.length, q).toBe(q.startsWith("de ") ? 1 : 2);
      expect(parse(q).concepts.length, q).toBeGreaterThan(framing.length);
    }
  });

  it("is content when it is not the opening words or nothing follows it", () => {
    expect(parse("người dân được kêu gọi làm gì").concepts.some((c) => c.framing)).toBe(false);
    expect(parse("kêu gọi").concepts.some((c) => c.framing)).toBe(false);
  });

  it("weighs less than what is asked for, so the request's content ranks first", () => {
    const index = indexOne(
      [
        { text: "Kêu gọi các nhà hảo tâm, doanh nghiệp ủng hộ quỹ phòng, chống thiên tai.", section: "1" },
        { text: "Người dân hạn chế ra đường, ở nhà nếu không có việc thật sự cần thiết.", section: "2" },
      ],
      lexicon,
    );
    expect(index.search("Kêu gọi người dân ở nhà", 2)[0]?.passage.section).toBe("2");
  });
});

describe("an English possessive", () => {
  it('is read as its noun: "people\'s trust" asks about the people and trust', () => {
    const q = parse("How should the press build people's trust?");
    expect(words(q)).toEqual(expect.arrayContaining(["báo chí", "nhân dân", "niềm tin"]));
    expect(words(parse("the province’s checkpoints"))).toEqual(words(parse("the province checkpoints")));
  });
});

describe("a synonym group typed with marks", () => {
  it("joins only the group's own words: 'cầm cố' is not 'cấm'; folded 'cam' may be either, so it stays plain", () => {
    const pledge = parse("quyền của bên nhận cầm cố").concepts.find((c) => c.alternatives[0]?.[0] === "cầm");
    expect(pledge?.alternatives).toEqual([["cầm"]]);
    const banned = parse("những hành vi bị cấm").concepts.find((c) => c.alternatives[0]?.[0] === "cấm");
    expect(banned?.alternatives.length).toBeGreaterThan(1);
    // Typed without marks, "cam" is searched folded (cấm, cầm, cam alike), not as the group of "cấm".
    const folded = parse("hanh vi bi cam").concepts.find((c) => c.alternatives[0]?.[0] === "cam");
    expect(folded?.alternatives).toEqual([["cam"]]);
  });
});

describe("a multiple-choice stem", () => {
  it("is scaffolding: 'Điều nào sau đây là đúng về …' asks about what follows 'về'", () => {
    expect(words(parse("Điều nào sau đây là đúng về quy định họp của quốc hội"))).toEqual(
      words(parse("quy định họp của quốc hội")),
    );
    expect(words(parse("Điều nào sau đây KHÔNG đúng về quyền của bên nhận cầm cố?"))).toEqual(
      words(parse("quyền của bên nhận cầm cố")),
    );
  });
});
