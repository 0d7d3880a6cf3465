import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import {
  ABBREVIATIONS_FILE,
  buildLexicon,
  GLOSSARY_FILE,
  LexiconError,
  loadLexicon,
  type Lexicon,
} from "../../src/search/glossary.ts";
import { detectLanguage, parseQuery, uncoveredEnglishWords } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR } from "./fixtures.ts";

const GOOD_GLOSSARY = JSON.stringify({ version: 1, entries: [{ en: "vaccine", vi: ["vắc xin"] }] });
const GOOD_ABBREVIATIONS = JSON.stringify({ version: 1, entries: [{ abbr: "UBND", full: "Ủy ban nhân dân" }] });

let lexicon: Lexicon;
let seeds: SearchIndex;
const tempDirs: string[] = [];

function lexiconDir(glossary: string | null, abbreviations: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), "lexicon-test-"));
  tempDirs.push(dir);
  if (glossary !== null) writeFileSync(join(dir, GLOSSARY_FILE), glossary);
  if (abbreviations !== null) writeFileSync(join(dir, ABBREVIATIONS_FILE), abbreviations);
  return dir;
}

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
});
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("loadLexicon on the project's data/", () => {
  it("parses both files", () => {
    expect(lexicon.english.size).toBeGreaterThan(100);
    expect(lexicon.abbreviations.length).toBeGreaterThan(10);
    expect(lexicon.maxPhraseWords).toBeGreaterThanOrEqual(2);
    expect(lexicon.english.get("vaccination")).toEqual(expect.arrayContaining(["tiêm chủng"]));
    expect(lexicon.english.get("quarantine")).toEqual(expect.arrayContaining(["cách ly"]));
    expect(lexicon.abbreviations).toContainEqual({ abbr: "UBND", full: "Ủy ban nhân dân" });
    expect(lexicon.abbreviations).toContainEqual({ abbr: "MTTQ", full: "Mặt trận Tổ quốc" });
  });

  it("every entry of both files is NFC on disk, and so is every loaded value", () => {
    for (const file of [GLOSSARY_FILE, ABBREVIATIONS_FILE]) {
      const raw = readFileSync(join(DATA_DIR, file), "utf8");
      const entries = (JSON.parse(raw) as { entries: Record<string, string | string[]>[] }).entries;
      const notNfc = entries.filter((e) =>
        Object.values(e)
          .flat()
          .some((s) => s !== s.normalize("NFC")),
      );
      expect(notNfc, file).toEqual([]);
    }
    for (const [en, vi] of lexicon.english) {
      expect(en).toBe(en.normalize("NFC"));
      for (const v of vi) expect(v).toBe(v.normalize("NFC"));
    }
    for (const { abbr, full } of lexicon.abbreviations) {
      expect(abbr).toBe(abbr.normalize("NFC"));
      expect(full).toBe(full.normalize("NFC"));
    }
  });

  it("glossary keys are lowercase and single-spaced, with at least one Vietnamese alternative", () => {
    for (const [en, vi] of lexicon.english) {
      expect(en).toBe(en.toLowerCase().trim().replace(/\s+/g, " "));
      expect(vi.length).toBeGreaterThan(0);
      expect(new Set(vi).size).toBe(vi.length);
    }
  });
});

describe("the glossary's coverage of administrative and legal English", () => {
  // Words a cadre's or a citizen's English question uses, written from the domain (not from any question set):
  // each must reach a Vietnamese wording, whatever its form ("vaccinated", "inspections").
  const WORDS =
    "quarantine lockdown curfew outbreak cluster screening tracing vaccinated booster distancing checkpoint " +
    "harbour logistics subsidy allowance donation penalty inspections supervision deadline propaganda software " +
    "digital women vulnerable migrant fraud fake praise validity signature seminar welfare drought shelter " +
    "inflation marriage divorce inheritance contract lawsuit arbitration prosecutor attorney detention copyright " +
    "hacker strike resignation bankruptcy shareholder dividend invoice tariff tenant landlord apartment " +
    "naturalization violence abuse trafficking vocational medal award hero bribery embezzlement archive seal";

  it.each(WORDS.split(" "))("%s", (word) => {
    expect(uncoveredEnglishWords(`what about ${word}`, lexicon)).toEqual([]);
  });
});

describe("buildLexicon", () => {
  it("merges duplicate keys (case and spacing aside), keeping the first alternatives first and dropping repeats", () => {
    const lex = buildLexicon(
      [
        { en: "Quarantine", vi: ["cách ly"] },
        { en: "quarantine ", vi: ["cách ly", "cách ly tập trung"] },
        { en: "home  quarantine", vi: ["cách ly tại nhà"] },
      ],
      [],
    );
    expect(lex.english.get("quarantine")).toEqual(["cách ly", "cách ly tập trung"]);
    expect(lex.english.get("home quarantine")).toEqual(["cách ly tại nhà"]);
    expect(lex.english.size).toBe(2);
    expect(lex.maxPhraseWords).toBe(2);
  });

  it("normalises Vietnamese to NFC, so an NFD and an NFC spelling of one word merge", () => {
    const nfd = "tiêm chủng".normalize("NFD");
    const lex = buildLexicon(
      [
        { en: "vaccination", vi: [nfd] },
        { en: "vaccination", vi: ["tiêm chủng"] },
      ],
      [{ abbr: "HĐND".normalize("NFD"), full: "Hội đồng nhân dân".normalize("NFD") }],
    );
    expect(lex.english.get("vaccination")).toEqual(["tiêm chủng"]);
    expect(lex.abbreviations).toEqual([{ abbr: "HĐND", full: "Hội đồng nhân dân" }]);
  });
});

describe("loadLexicon on a bad folder", () => {
  it("a file that is not JSON gives a LexiconError naming that file", () => {
    const dir = lexiconDir("{ not json", GOOD_ABBREVIATIONS);
    expect(() => loadLexicon(dir)).toThrow(LexiconError);
    expect(() => loadLexicon(dir)).toThrow(join(dir, GLOSSARY_FILE));
  });

  it("a missing file gives a LexiconError naming it", () => {
    const dir = lexiconDir(GOOD_GLOSSARY, null);
    expect(() => loadLexicon(dir)).toThrow(LexiconError);
    expect(() => loadLexicon(dir)).toThrow(join(dir, ABBREVIATIONS_FILE));
  });

  it("a file of the wrong shape gives a LexiconError naming the file and the bad field", () => {
    const dir = lexiconDir(JSON.stringify({ version: 1, entries: [{ en: "mask", vi: [] }] }), GOOD_ABBREVIATIONS);
    let error: unknown;
    try {
      loadLexicon(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LexiconError);
    expect((error as LexiconError).name).toBe("LexiconError");
    expect((error as LexiconError).message).toContain(join(dir, GLOSSARY_FILE));
    expect((error as LexiconError).message).toContain("entries.0.vi");
  });

  it("a wrong version is refused", () => {
    const dir = lexiconDir(GOOD_GLOSSARY, JSON.stringify({ version: 2, entries: [] }));
    expect(() => loadLexicon(dir)).toThrow(LexiconError);
    expect(() => loadLexicon(dir)).toThrow(ABBREVIATIONS_FILE);
  });

  it("good files load", () => {
    const lex = loadLexicon(lexiconDir(GOOD_GLOSSARY, GOOD_ABBREVIATIONS));
    expect([...lex.english]).toEqual([["vaccine", ["vắc xin"]]]);
  });
});

describe("English questions", () => {
  it("'who is responsible for vaccination?' → en, who, a concept whose alternatives include tiêm chủng", () => {
    const q = parseQuery("who is responsible for vaccination?", lexicon);
    expect(q.lang).toBe("en");
    expect(q.intent).toBe("who");
    const vaccination = q.concepts.find((c) => c.alternatives.some((a) => a.join(" ") === "tiêm chủng"));
    expect(vaccination).toBeDefined();
    // "who", "is", "responsible", "for" are scaffolding, not concepts.
    expect(q.concepts).toHaveLength(1);
    expect(q.bigrams).toContain("tiem_chung");
  });

  it("finds vaccination passages on the seeds for that question", () => {
    const hits = seeds.search("who is responsible for vaccination?", 3);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.passage.text).toMatch(/tiêm chủng|tiêm vắc xin/u);
  });

  it.each([
    ["which vaccines are used", "vaccines", "vắc xin"],
    ["who must wear masks", "masks", "khẩu trang"],
    ["checkpoints at the border", "checkpoints", "chốt kiểm soát"],
    ["who is quarantining travellers", "quarantining", "cách ly"],
    ["which businesses must close", "businesses", "doanh nghiệp"],
    ["where are lockdowns", "lockdowns", "phong toả"],
  ])("in '%s', inflected '%s' maps to a wording holding %s", (question, inflected, vi) => {
    const q = parseQuery(question, lexicon);
    expect(q.lang).toBe("en");
    const wordings = q.concepts.flatMap((c) => c.alternatives.map((a) => a.join(" ")));
    expect(
      wordings.some((w) => ` ${w} `.includes(` ${vi} `)),
      JSON.stringify(wordings),
    ).toBe(true);
    // The inflected word itself is not left behind as an unknown concept.
    expect(wordings).not.toContain(inflected);
  });

  it("reads a hyphenated compound it does not know whole as its words, and keeps one it knows or a code whole", () => {
    const wordings = (question: string) =>
      parseQuery(question, lexicon).concepts.flatMap((c) => c.alternatives.map((a) => a.join(" ")));
    expect(wordings("transport of goods between locked-down provinces")).toContain("phong toả");
    expect(wordings("tracing close-contacts")).toContain("tiếp xúc gần");
    expect(uncoveredEnglishWords("transport of goods between locked-down provinces", lexicon)).toEqual([]);
    expect(wordings("closing non-essential services").join("|")).toMatch(/không thiết yếu/u);
    expect(wordings("what does 146-CV/TU say").join("|")).toMatch(/146/);
  });

  it("an English word the glossary does not know stays a concept", () => {
    const q = parseQuery("what is the capital of France", lexicon);
    expect(q.lang).toBe("en");
    expect(q.concepts.some((c) => c.alternatives.some((a) => a.join(" ") === "france"))).toBe(true);
  });

  it("so 'what is the capital of France' gets no answer on the seeds", () => {
    expect(seeds.search("what is the capital of France", 5)).toEqual([]);
  });

  it("detectLanguage: marks mean Vietnamese, common English words mean English, Vietnamese typed without marks stays Vietnamese", () => {
    expect(detectLanguage("Ai chịu trách nhiệm tiêm vắc xin?", lexicon)).toBe("vi");
    expect(detectLanguage("who is responsible for vaccination?", lexicon)).toBe("en");
    expect(detectLanguage("ai chiu trach nhiem tiem vac xin", lexicon)).toBe("vi");
    expect(detectLanguage("cach ly tap trung bao lau", lexicon)).toBe("vi");
    expect(detectLanguage("", lexicon)).toBe("vi");
  });
});
