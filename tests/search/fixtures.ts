import { fileURLToPath } from "node:url";
import type { Corpus, CorpusDocument, DocumentMeta, Passage } from "../../src/corpus/types.ts";
import type { Lexicon } from "../../src/search/glossary.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";

/** The project's data/ folder: glossary and abbreviation lists. */
export const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

export interface PassageSpec {
  text: string;
  section?: string | null;
  actor?: string | null;
  heading?: string | null;
  anchor?: string;
}

export interface DocSpec {
  docId: string;
  meta?: Partial<Omit<DocumentMeta, "docId">>;
  passages: (string | PassageSpec)[];
}

/**
 * Unrelated passages: a handful of documents is too small for rarity (idf) and the share of passages a term
 * appears in to mean anything, so small test corpora get these beside the passages under test.
 */
export const FILLER: string[] = [
  "Sở Giáo dục và Đào tạo tổ chức kỳ thi tốt nghiệp trung học phổ thông an toàn, nghiêm túc.",
  "Sở Nông nghiệp hướng dẫn nông dân gieo cấy lúa vụ mùa đúng khung thời vụ.",
  "Ngân hàng chính sách xã hội giải ngân vốn vay ưu đãi cho hộ nghèo.",
  "Sở Giao thông vận tải sửa chữa mặt đường quốc lộ bị hư hỏng sau mưa lũ.",
  "Đài Phát thanh và Truyền hình tỉnh đưa tin về lễ hội văn hóa truyền thống.",
  "Công ty điện lực bảo đảm cung cấp điện ổn định trong mùa nắng nóng.",
  "Sở Tài nguyên và Môi trường kiểm tra việc khai thác cát trái phép trên sông.",
  "Hội Nông dân vận động hội viên tham gia bảo hiểm y tế hộ gia đình.",
  "Thư viện tỉnh mở cửa phục vụ bạn đọc vào ngày thứ bảy và chủ nhật.",
  "Sở Du lịch quảng bá các điểm đến mới tới du khách trong nước.",
  "Ban quản lý chợ sắp xếp lại các quầy hàng theo ngành hàng.",
  "Trường chính trị tỉnh mở lớp bồi dưỡng kiến thức quốc phòng cho cán bộ.",
];

function meta(docId: string, m: DocSpec["meta"] = {}): DocumentMeta {
  return {
    docId,
    title: null,
    type: null,
    number: null,
    date: null,
    issuer: null,
    signer: null,
    recipients: [],
    sourceUrl: null,
    tags: [],
    copiedBy: null,
    signerTitle: null,
    legalBases: [],
    ...m,
  };
}

/** An in-memory corpus from passage texts; passages without a section are paragraphs ("doan-N"). */
export function makeCorpus(docs: DocSpec[], options: { filler?: boolean } = { filler: true }): Corpus {
  const all = options.filler === false ? docs : [...docs, { docId: "filler", passages: FILLER }];
  const documents = new Map<string, CorpusDocument>();
  for (const spec of all) {
    const used = new Map<string, number>();
    const passages: Passage[] = spec.passages.map((p, order) => {
      const s: PassageSpec = typeof p === "string" ? { text: p } : p;
      const section = s.section ?? null;
      const base = section ? section.replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase() : "doan";
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      const anchor = s.anchor ?? (section ? (n === 1 ? base : `${base}-${n}`) : `doan-${n}`);
      return {
        id: `${spec.docId}#${anchor}`,
        docId: spec.docId,
        anchor,
        section,
        heading: s.heading ?? null,
        actor: s.actor ?? null,
        text: s.text.normalize("NFC"),
        order,
      };
    });
    documents.set(spec.docId, {
      meta: meta(spec.docId, spec.meta),
      passages,
      text: passages.map((p) => p.text).join("\n"),
      contentHash: spec.docId,
      file: `${spec.docId}.txt`,
    });
  }
  return {
    documents,
    passages: [...documents.values()].flatMap((d) => d.passages),
    reports: [],
    loadedAt: new Date(0),
  };
}

/** One document's passages, with the filler beside them, indexed with this lexicon. */
export function indexOne(passages: DocSpec["passages"], lexicon: Lexicon, docId = "cv"): SearchIndex {
  return buildSearchIndex(makeCorpus([{ docId, passages }]), { lexicon });
}
