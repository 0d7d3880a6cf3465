/**
 * A synthetic corpus written out as files (bench/synthetic-corpus.ts's documents, one .txt each), so that start,
 * restart and reload run through the real loader and its caches.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Corpus, CorpusDocument } from "../src/corpus/types.ts";

/** A state-layout header (issuer, number, place and date, type, subject), then the passages as paragraphs. */
export function documentFileText(doc: CorpusDocument): string {
  const m = doc.meta;
  const [y, mo, d] = (m.date ?? "2021-01-01").split("-");
  const head = [
    (m.issuer ?? "ỦY BAN NHÂN DÂN TỈNH").toUpperCase(),
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    m.number ? `Số: ${m.number}` : "Số: /",
    `Hà Nội, ngày ${Number(d)} tháng ${Number(mo)} năm ${y}`,
    "",
    (m.type ?? "Công văn").toUpperCase(),
    m.title ?? "Về công tác phòng, chống dịch",
    "",
  ];
  const body = doc.passages.map((p) =>
    p.heading && p.section?.startsWith("Điều") && !p.section.includes(",") ? `${p.heading}\n${p.text}` : p.text,
  );
  return `${head.join("\n")}\n${body.join("\n\n")}\n\n${m.signer ?? "Nguyễn Văn A"}\n`;
}

export async function writeCorpusFiles(corpus: Corpus): Promise<{ dir: string; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-cache-corpus-"));
  let bytes = 0;
  for (const doc of corpus.documents.values()) {
    const text = documentFileText(doc);
    bytes += Buffer.byteLength(text);
    await writeFile(join(dir, `${doc.meta.docId}.txt`), text);
  }
  return { dir, bytes };
}
