import { ANSWER_KEYS } from "../helpers/contract.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion, citationUrl, type AnswerSet } from "../../src/answer/build-answer.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { EXCERPT_MAX, makeExcerpt } from "../../src/search/excerpt.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { itemOf } from "../../src/search/sections.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { buildPlainIndex } from "../../bench/plain-index.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

const BASE = "https://bot.example.vn";

let lexicon: Lexicon;
let seedCorpus: Corpus;
let seeds: SearchIndex;
let small: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seedCorpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  seeds = buildSearchIndex(seedCorpus, { lexicon });
  small = buildSearchIndex(
    makeCorpus([
      {
        docId: "cv-12-xa-an-binh",
        meta: {
          title: "Về tăng cường tiêm vắc xin",
          type: "Công văn",
          number: "12-CV/ĐU",
          issuer: "Đảng ủy xã An Bình",
          date: "2021-08-02",
          signer: "Nguyễn Văn A",
        },
        passages: [
          {
            text: "Trạm y tế xã tổ chức tiêm vắc xin cho người cao tuổi trước ngày 15/8.",
            section: "2",
            actor: "Trạm y tế xã",
            anchor: "2",
          },
        ],
      },
      {
        docId: "tb-linked",
        meta: { sourceUrl: "https://tinhuy.example.vn/van-ban/tb-7.html" },
        passages: [{ text: "Lực lượng công an lập chốt kiểm soát dịch ở cửa ngõ ra vào huyện.", anchor: "doan-1" }],
      },
      {
        docId: "Chỉ-thị-05",
        passages: [
          { text: "Ban Dân vận vận động đồng bào dân tộc thiểu số đi khám sàng lọc.", section: "1.2", anchor: "1-2" },
        ],
      },
    ]),
    { lexicon },
  );
});

const ask = (index: SearchIndex, q: string, limit = 5): AnswerSet =>
  answerQuestion(q, limit, { index, publicBaseUrl: BASE });

function expectContractShape(set: AnswerSet) {
  expect(Object.keys(set).sort()).toEqual(["answers", "lang", "query"]);
  expect(["vi", "en"]).toContain(set.lang);
  for (const a of set.answers) {
    expect(Object.keys(a).sort()).toEqual([...ANSWER_KEYS].sort());
    for (const key of ["title", "type", "number", "issuer", "date", "signer", "section", "actor"] as const) {
      // Unknown is null: never undefined, never an empty string.
      expect(a[key] === null || (typeof a[key] === "string" && a[key] !== "")).toBe(true);
    }
    expect(typeof a.docId).toBe("string");
    expect(typeof a.excerpt).toBe("string");
    expect(a.excerpt.length).toBeGreaterThan(0);
    expect(typeof a.passage).toBe("string");
    expect(typeof a.score).toBe("number");
    expect(Number.isFinite(a.score)).toBe(true);
    expect(() => new URL(a.url)).not.toThrow();
    if (a.date !== null) expect(a.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  // It survives a JSON round trip unchanged: no undefined, no NaN, no Dates.
  expect(JSON.parse(JSON.stringify(set))).toEqual(set);
}

describe("answerQuestion: the DESIGN.md answer JSON", () => {
  it("has exactly the contract's keys and copies the document's metadata", () => {
    const set = ask(small, "tiêm vắc xin cho người cao tuổi");
    expectContractShape(set);
    expect(set.query).toBe("tiêm vắc xin cho người cao tuổi");
    expect(set.lang).toBe("vi");
    expect(set.answers[0]).toEqual({
      docId: "cv-12-xa-an-binh",
      title: "Về tăng cường tiêm vắc xin",
      type: "Công văn",
      number: "12-CV/ĐU",
      issuer: "Đảng ủy xã An Bình",
      date: "2021-08-02",
      signer: "Nguyễn Văn A",
      section: "2",
      actor: "Trạm y tế xã",
      excerpt: "Trạm y tế xã tổ chức tiêm vắc xin cho người cao tuổi trước ngày 15/8.",
      passage: "Trạm y tế xã tổ chức tiêm vắc xin cho người cao tuổi trước ngày 15/8.",
      url: `${BASE}/d/cv-12-xa-an-binh#2`,
      score: expect.any(Number),
      // A hand-built corpus is not linked (link-documents.ts): validity, deadline and role are unknown.
      signerTitle: null,
      status: null,
      supersededBy: null,
      deadline: null,
      role: null,
    });
  });

  it("unknown metadata is null", () => {
    const [a] = ask(small, "vận động đồng bào dân tộc thiểu số khám sàng lọc").answers;
    expect(a).toMatchObject({
      docId: "Chỉ-thị-05",
      title: null,
      type: null,
      number: null,
      issuer: null,
      date: null,
      signer: null,
      actor: null,
      section: "1.2",
    });
  });

  it("url is PUBLIC_BASE_URL/d/<docId>#<anchor>, the id and anchor encoded", () => {
    const [a] = ask(small, "vận động đồng bào dân tộc thiểu số khám sàng lọc").answers;
    expect(a!.url).toBe(`${BASE}/d/${encodeURIComponent("Chỉ-thị-05")}#1-2`);
    const url = new URL(a!.url);
    expect(url.origin).toBe(BASE);
    expect(decodeURIComponent(url.pathname)).toBe("/d/Chỉ-thị-05");
    expect(url.hash).toBe("#1-2");
  });

  it("url is the sidecar's sourceUrl when the document has one", () => {
    const [a] = ask(small, "lập chốt kiểm soát cửa ngõ").answers;
    expect(a!.docId).toBe("tb-linked");
    expect(a!.url).toBe("https://tinhuy.example.vn/van-ban/tb-7.html");
    expect(a!.section).toBeNull();
  });

  it("the query is echoed trimmed and NFC; English questions say lang en", () => {
    const set = ask(seeds, "  who is responsible for vaccination?  ".normalize("NFD"));
    expect(set.query).toBe("who is responsible for vaccination?");
    expect(set.lang).toBe("en");
    expect(set.answers.length).toBeGreaterThan(0);
    expectContractShape(set);
    const nfd = ask(seeds, "tiêm vắc xin".normalize("NFD"));
    expect(nfd.query).toBe("tiêm vắc xin".normalize("NFC"));
  });

  it("off-topic and empty questions give answers: []", () => {
    for (const q of ["giá vàng hôm nay bao nhiêu", "how do I bake bread", "", "   "]) {
      const set = ask(seeds, q);
      expectContractShape(set);
      expect(set.answers).toEqual([]);
    }
  });
});

describe("answerQuestion on the seeds", () => {
  it.each([
    "tiêm vắc xin",
    "nhập cảnh trái phép",
    "Ai chịu trách nhiệm tiêm vắc xin?",
    "Trung tâm Y tế huyện",
    "văn bản mới nhất",
    "Quyết định 940/QĐ-UBND nói về nội dung gì?",
  ])("'%s': contract shape, metadata from the document, excerpt from the passage, url to the passage", (q) => {
    const set = ask(seeds, q, 3);
    expectContractShape(set);
    expect(set.answers.length).toBeGreaterThan(0);
    expect(set.answers.length).toBeLessThanOrEqual(3);
    for (const a of set.answers) {
      const doc = seedCorpus.documents.get(a.docId)!;
      expect(doc).toBeDefined();
      // The cited passage is the one the url opens; the answer gives it with the rest of its cited part.
      expect(a.url.startsWith(`${BASE}/d/${encodeURIComponent(a.docId)}#`)).toBe(true);
      const passage = doc.passages.find((p) => a.url.endsWith(`#${encodeURIComponent(p.anchor)}`))!;
      expect(passage).toBeDefined();
      expect(a.passage.split("\n\n")).toContain(passage.text);
      for (const part of a.passage.split("\n\n")) expect(doc.passages.some((p) => p.text === part)).toBe(true);
      expect({
        title: a.title,
        type: a.type,
        number: a.number,
        issuer: a.issuer,
        date: a.date,
        signer: a.signer,
      }).toEqual({
        title: doc.meta.title,
        type: doc.meta.type,
        number: doc.meta.number,
        issuer: doc.meta.issuer,
        date: doc.meta.date,
        signer: doc.meta.signer,
      });
      expect([passage.section, itemOf(passage.section)]).toContain(a.section);
      expect(a.actor).toBe(passage.actor);
      expect(a.excerpt.replace(/^… /u, "").replace(/ …$/u, "").length).toBeLessThanOrEqual(EXCERPT_MAX);
      expect(passage.text.replace(/\s+/g, " ")).toContain(a.excerpt.replace(/^… /u, "").replace(/ …$/u, ""));
    }
  });

  it("a seed whose metadata lacks a number and a date reports them as null", () => {
    const set = ask(seeds, "Ban cán sự đảng Ủy ban nhân dân tỉnh nhập cảnh trái phép", 5);
    const quangNgai = set.answers.find((a) => a.docId === SEED.quangNgai);
    expect(quangNgai).toBeDefined();
    expect(quangNgai!.number).toBeNull();
    expect(quangNgai!.date).toBeNull();
    expect(quangNgai!.type).toBe("Chỉ thị");
  });

  it("the excerpt is the one makeExcerpt gives for the hit's terms", () => {
    const [hit] = seeds.search("nhập cảnh trái phép", 1);
    const [a] = ask(seeds, "nhập cảnh trái phép", 1).answers;
    expect(a!.excerpt).toBe(makeExcerpt(hit!.passage.text, hit!.terms).text);
    expect(a!.score).toBeCloseTo(hit!.score, 3);
  });

  it("citationUrl prefers sourceUrl over the local viewer", () => {
    const [hit] = seeds.search("nhập cảnh trái phép", 1);
    expect(citationUrl(hit!, BASE)).toBe(`${BASE}/d/${hit!.passage.docId}#${hit!.passage.anchor}`);
    const linked = {
      ...hit!,
      document: { ...hit!.document, meta: { ...hit!.document.meta, sourceUrl: "https://example.vn/a" } },
    };
    expect(citationUrl(linked, BASE)).toBe("https://example.vn/a");
  });

  it("every answer carries what renderers need, which the JSON never shows", () => {
    const set = ask(seeds, "Ai chịu trách nhiệm tiêm vắc xin?", 3);
    expect(set.intent).toBe("who");
    expect(set.answers.length).toBeGreaterThan(0);
    for (const a of set.answers) {
      const passage = seedCorpus.passages.find((p) => p.id === a.passageId)!;
      expect(passage.docId).toBe(a.docId);
      expect(passage.anchor).toBe(a.anchor);
      expect(a.url).toBe(`${BASE}/d/${encodeURIComponent(a.docId)}#${encodeURIComponent(a.anchor)}`);
      expect(a.sourceUrl).toBeNull();
      expect(a.highlights.length).toBeGreaterThan(0);
      for (const [start, end] of a.highlights) {
        expect(0 <= start && start < end && end <= a.excerpt.length).toBe(true);
      }
    }
    const json = JSON.parse(JSON.stringify(set)) as Record<string, unknown> & { answers: Record<string, unknown>[] };
    expect(json.intent).toBeUndefined();
    for (const key of ["passageId", "anchor", "highlights", "sourceUrl"]) expect(json.answers[0]![key]).toBeUndefined();
  });

  it("the plain baseline (bench/plain-index.ts) still gives the contract", () => {
    const set = answerQuestion("tiêm vắc xin", 3, { index: buildPlainIndex(seedCorpus), publicBaseUrl: BASE });
    expectContractShape(set);
    expect(set.lang).toBe("vi");
  });
});
