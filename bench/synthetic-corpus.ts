/**
 * A large synthetic corpus for speed and memory runs: real sentences from the seed directives and the ALQAC laws,
 * recombined deterministically into documents shaped like the real ones (numbered directive items or law articles
 * and clauses, headings, actors, metadata). Its answers are meaningless; its vocabulary and sizes are realistic.
 */
import { createHash } from "node:crypto";
import type { Corpus, CorpusDocument, DocumentMeta, FileReport, Passage } from "../src/corpus/types.ts";

export interface SyntheticOptions {
  documents?: number;
  passagesPerDocument?: number;
  seed?: number;
}

/** Small, fast, deterministic PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCE_END = /(?<=[.;!?])\s+(?=[\p{Lu}\d"“(])/u;
/** "1. ", "2.1. ", "a) ", "- ", "+ " at the start of a sentence: the synthetic document numbers its own items. */
const ENUMERATOR = /^(?:\d+(?:\.\d+)*\.?\s+|[a-zđ]\)\s+|[-+•]\s+)/u;

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((s) => s.replace(ENUMERATOR, "").replace(/\s+/g, " ").trim())
    .filter((s) => s.length >= 30 && s.length <= 450 && !s.endsWith(":"));
}

const TYPES = [
  "Chỉ thị",
  "Công văn",
  "Kế hoạch",
  "Thông báo",
  "Nghị quyết",
  "Quyết định",
  "Luật",
  "Nghị định",
  "Thông tư",
];
const ISSUERS = [
  "Ban Thường vụ Tỉnh ủy Nam Định",
  "Ban Thường vụ Tỉnh ủy Kiên Giang",
  "Ban Thường vụ Huyện ủy Yên Thế",
  "Ban Thường vụ Tỉnh ủy Quảng Ngãi",
  "Thường trực Tỉnh ủy",
  "Ủy ban nhân dân tỉnh",
  "Ban Bí thư Trung ương Đảng",
  "Thủ tướng Chính phủ",
  "Chính phủ",
  "Quốc hội",
  "Bộ Y tế",
  "Bộ Tài chính",
  "Sở Giáo dục và Đào tạo",
];
const ACTORS = [
  "Sở Y tế",
  "Sở Giáo dục và Đào tạo",
  "Công an tỉnh",
  "Bộ Chỉ huy Quân sự tỉnh",
  "Ban Tuyên giáo Tỉnh ủy",
  "Ủy ban MTTQ Việt Nam tỉnh",
  "UBND các huyện, thành phố",
  "Sở Thông tin và Truyền thông",
  "Sở Lao động - Thương binh và Xã hội",
  "Ban cán sự đảng UBND tỉnh",
  "Các huyện ủy, thành ủy, đảng ủy trực thuộc",
  "Văn phòng Tỉnh ủy",
];
const TOPICS = [
  "công tác phòng, chống dịch Covid-19",
  "tăng cường quản lý đất đai",
  "đẩy mạnh chuyển đổi số",
  "bảo đảm an toàn giao thông",
  "phòng, chống ma túy",
  "cải cách hành chính",
  "phát triển kinh tế - xã hội năm 2022",
  "công tác tuyển quân",
  "phòng, chống tham nhũng, tiêu cực",
  "tiêm vắc xin phòng Covid-19",
  "bảo vệ môi trường",
  "xây dựng nông thôn mới",
];
const NUMBER_SUFFIX: Record<string, string> = {
  "Chỉ thị": "CT/TU",
  "Công văn": "CV/TU",
  "Kế hoạch": "KH/TU",
  "Thông báo": "TB/TU",
  "Nghị quyết": "NQ/TU",
  "Quyết định": "QĐ-UBND",
  Luật: "QH14",
  "Nghị định": "NĐ-CP",
  "Thông tư": "TT-BYT",
};

interface Pools {
  sentences: string[];
  /** First sentences of passages that name an actor, with that actor. */
  withActor: { sentence: string; actor: string }[];
  headings: string[];
}

function pools(sources: Corpus[]): Pools {
  const sentences: string[] = [];
  const withActor: { sentence: string; actor: string }[] = [];
  const headings = new Set<string>();
  for (const corpus of sources) {
    for (const p of corpus.passages) {
      const s = sentencesOf(p.text);
      sentences.push(...s);
      if (p.actor && s[0]?.includes(p.actor)) withActor.push({ sentence: s[0], actor: p.actor });
      const title = p.heading?.match(/^Điều\s+\d+\.\s+(\p{Lu}.{10,120})$/u)?.[1];
      if (title) headings.add(title);
    }
  }
  return { sentences, withActor, headings: [...headings] };
}

/**
 * `documents` × `passagesPerDocument` passages (default 1,000 × 50) built from the sentences of `sources`.
 * Same sources and seed → the same corpus, byte for byte.
 */
export function buildSyntheticCorpus(sources: Corpus[], options: SyntheticOptions = {}): Corpus {
  const docCount = options.documents ?? 1000;
  const perDoc = options.passagesPerDocument ?? 50;
  const rand = mulberry32(options.seed ?? 20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const { sentences, withActor, headings } = pools(sources);
  if (sentences.length === 0) throw new Error("synthetic corpus: the sources have no sentences");

  /** 1–4 sentences, grown to at least ~200 characters and kept under ~600 where the sentences allow. */
  const body = (first?: string): string => {
    const parts: string[] = first ? [first] : [];
    const want = int(1, 4);
    let len = parts.reduce((n, s) => n + s.length + 1, 0);
    while (parts.length < 4 && (parts.length < want || len < 200)) {
      const s = pick(sentences);
      if (parts.length > 0 && len + s.length > 600) {
        if (len >= 200) break;
        continue;
      }
      parts.push(s);
      len += s.length + 1;
    }
    return parts.join(" ");
  };

  const documents = new Map<string, CorpusDocument>();
  const passages: Passage[] = [];
  const reports: FileReport[] = [];

  for (let d = 0; d < docCount; d++) {
    const lawStyle = rand() < 0.4;
    const type = lawStyle ? pick(["Luật", "Nghị định", "Thông tư"]) : pick(TYPES.slice(0, 6));
    const year = int(2015, 2024);
    const date = `${year}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`;
    const docId = `synthetic-${String(d + 1).padStart(4, "0")}`;
    const meta: DocumentMeta = {
      docId,
      title: `Về ${pick(TOPICS)}`,
      type,
      number:
        rand() < 0.9
          ? lawStyle
            ? `${int(1, 150)}/${year}/${NUMBER_SUFFIX[type]}`
            : `${int(1, 400)}-${NUMBER_SUFFIX[type]}`
          : null,
      date: rand() < 0.9 ? date : null,
      issuer: pick(ISSUERS),
      signer:
        rand() < 0.7
          ? pick(["Lê Quốc Chính", "Nông Văn Tâm", "Bùi Thị Quỳnh Vân", "Nguyễn Đức Thanh", "Trần Văn Hùng"])
          : null,
      recipients: rand() < 0.5 ? [pick(ACTORS), pick(ACTORS)] : [],
      sourceUrl: null,
      tags: [],
      copiedBy: null,
      signerTitle: null,
      legalBases: [],
    };
    const docPassages: Passage[] = [];
    const add = (
      anchor: string,
      section: string | null,
      heading: string | null,
      text: string,
      actor: string | null,
    ) => {
      const p: Passage = {
        id: `${docId}#${anchor}`,
        docId,
        anchor,
        section,
        heading,
        actor,
        text,
        order: docPassages.length,
      };
      docPassages.push(p);
      passages.push(p);
    };
    /** A passage naming an actor about a quarter of the time: its first sentence is one that really names it. */
    const content = (): { text: string; actor: string | null } => {
      const r = rand();
      if (r < 0.15 && withActor.length > 0) {
        const a = pick(withActor);
        return { text: body(a.sentence), actor: a.actor };
      }
      if (r < 0.25) {
        const actor = pick(ACTORS);
        return { text: `${actor} ${body().replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`, actor };
      }
      return { text: body(), actor: null };
    };

    if (lawStyle) {
      let article = 1;
      while (docPassages.length < perDoc) {
        const heading = `Điều ${article}. ${pick(headings.length > 0 ? headings : TOPICS)}`;
        const clauses = rand() < 0.3 ? 1 : int(2, 5);
        for (let k = 1; k <= clauses && docPassages.length < perDoc; k++) {
          const { text, actor } = content();
          if (clauses === 1) add(`dieu-${article}`, `Điều ${article}`, heading, text, actor);
          else add(`dieu-${article}-khoan-${k}`, `Điều ${article}, khoản ${k}`, heading, `${k}. ${text}`, actor);
        }
        article++;
      }
    } else {
      add("doan-1", null, null, body(), null);
      let item = 1;
      while (docPassages.length < perDoc) {
        const lead = content();
        const leadText = `${item}. ${lead.text}`;
        add(String(item), String(item), null, leadText, lead.actor);
        const subs = rand() < 0.5 ? 0 : int(1, 4);
        for (let s = 1; s <= subs && docPassages.length < perDoc; s++) {
          const { text, actor } = content();
          add(`${item}-${s}`, `${item}.${s}`, leadText, `${item}.${s}. ${text}`, actor);
        }
        item++;
      }
    }

    const text = docPassages.map((p) => p.text).join("\n\n");
    const contentHash = createHash("sha256").update(text).update(JSON.stringify(meta)).digest("hex");
    documents.set(docId, { meta, passages: docPassages, text, contentHash, file: `${docId}.txt` });
    reports.push({ file: `${docId}.txt`, docId, status: "ok", passages: docPassages.length, warnings: [], meta });
  }
  return { documents, passages, reports, loadedAt: new Date(0) };
}
