/**
 * The parts of a legal document between its title and its first article that are metadata, not content:
 * legal bases ("Căn cứ …", "Theo đề nghị của …"), the enacting formula ("Chính phủ ban hành Nghị định …"),
 * and in a consolidated text the list of the documents it merges. Plus the consolidation's own
 * authentication block ("XÁC THỰC VĂN BẢN HỢP NHẤT"), which carries its number, date and signer at the end.
 */
import { isAllCaps } from "./clean-text.ts";
import { CONTINUES_NAME } from "./header-patterns.ts";
import { toOrgCase } from "./org-case.ts";

export const LEGAL_BASIS = /^(Căn cứ|Theo đề nghị|Xét đề nghị|Theo đề xuất)(?=\s|$)/u;
const LEGAL_TYPES = "Luật|Bộ luật|Pháp lệnh|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Chỉ thị|Lệnh";
/** "Chính phủ ban hành Nghị định …", "Bộ trưởng Bộ Tài chính ban hành Thông tư …", "Quốc hội ban hành Luật …". */
export const ENACTING = new RegExp(`^[^.;]{0,200}\\bban hành\\s+(${LEGAL_TYPES})(?=[\\s,.;:]|$)`, "u");
/** "Thông tư số 118/2020/TT-BTC ngày … được sửa đổi, bổ sung bởi:" — a consolidation's source list. */
export const SOURCE_CITATION = new RegExp(`^(${LEGAL_TYPES})\\s+(số\\s+)?\\d+[/-]`, "u");
/** A footnote at a page foot: its number, then text ("1 Văn bản này được hợp nhất từ …"). */
export const FOOTNOTE = /^\d{1,3}\s+[\p{Lu}"“(]/u;
const AUTHENTICATION = /^XÁC THỰC VĂN BẢN HỢP NHẤT$/u;
/**
 * A consolidated text opens by citing the document it consolidates and what amended it: "Nghị định số
 * 131/2021/NĐ-CP ngày … , có hiệu lực kể từ ngày …, được sửa đổi, bổ sung bởi: …" — a clue when the gazette's
 * "VĂN BẢN HỢP NHẤT" heading and the authentication block are not in the file.
 */
const AMENDED_SOURCE = new RegExp(
  `^(${LEGAL_TYPES})\\s+số\\s+\\S+\\s+ngày\\s.{0,600}?có hiệu lực\\s.{0,160}?được sửa đổi, bổ sung(?: một số điều)? bởi`,
  "u",
);
/** The gazette's section heading of a consolidated text: "VĂN BẢN HỢP NHẤT - BỘ Y TẾ" (the issuer may wrap). */
const CONSOLIDATION_HEADING = /^VĂN BẢN HỢP NHẤT\s*[-–]?\s*(.*)$/u;
const NUMBER = /^Số\s*:?\s*(\d[^\s]*)/u;
const DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const ROLE = /^(T\/M|TM\.?|KT\.?|Q\.|TL\.|TUQ\.|Thay mặt|Thừa lệnh|Thừa ủy quyền)\s/iu;

export interface Consolidation {
  /** Index of the first line of the authentication block: the body ends there. */
  start: number;
  number: string | null;
  date: { d: string; m: string; y: string } | null;
  issuer: string | null;
  signerLine: number | null;
}

/** The authentication block of a consolidated text, wherever it stands, or null when the text is not one. */
export function findConsolidation(lines: readonly string[], isPerson: (l: string) => boolean): Consolidation | null {
  const at = lines.findIndex((l) => l.startsWith("XÁC THỰC") && AUTHENTICATION.test(l));
  const heading = lines.slice(0, 12).findIndex((l) => CONSOLIDATION_HEADING.test(l));
  if (at < 0 && heading < 0 && !lines.slice(0, 40).some((l) => AMENDED_SOURCE.test(l))) return null;
  const result: Consolidation = {
    start: at >= 0 ? at : lines.length,
    number: null,
    date: null,
    issuer: null,
    signerLine: null,
  };
  if (heading >= 0) {
    let org = CONSOLIDATION_HEADING.exec(lines[heading]!)![1]!.trim();
    const next = lines[heading + 1];
    if (next && isAllCaps(next) && (org === "" || /[-–]$/u.test(org) || CONTINUES_NAME.test(next)))
      org = `${org} ${next}`.trim();
    org = org.replace(/^[-–]\s*/u, "").replace(/\s+/g, " ");
    if (org) result.issuer = toOrgCase(org);
  }
  if (at < 0) return result;
  // The block: "BỘ Y TẾ", "Số: 04/VBHN-BYT", "XÁC THỰC …", the date, the signing role, the name — in any order.
  for (let i = Math.max(0, at - 4); i < Math.min(lines.length, at + 10); i++) {
    const line = lines[i]!;
    const num = NUMBER.exec(line);
    if (num && !result.number) {
      result.number = num[1]!.replace(/[.,;]+$/u, "");
      if (i < result.start) result.start = i;
      const org = orgAbove(lines, i, Math.max(0, at - 4));
      if (org) {
        result.issuer = toOrgCase(org.name);
        result.start = Math.min(result.start, org.from);
      }
      continue;
    }
    const date = DATE.exec(line);
    if (date && !result.date && line.length < 80) result.date = { d: date[1]!, m: date[2]!, y: date[3]! };
    if (i > at && isPerson(line) && result.signerLine === null) result.signerLine = i;
  }
  return result;
}

/**
 * The authenticating body above the block's number line: "BỘ TÀI CHÍNH", maybe wrapped ("BỘ LAO ĐỘNG - THƯƠNG BINH"
 * / "VÀ XÃ HỘI") and maybe above the block's title ("XÁC THỰC VĂN BẢN HỢP NHẤT"); the lines in capitals joined.
 */
function orgAbove(lines: readonly string[], numberAt: number, lowest: number): { name: string; from: number } | null {
  const parts: string[] = [];
  let from = -1;
  for (let j = numberAt - 1; j >= lowest && parts.length < 3; j--) {
    const line = lines[j]!;
    if (AUTHENTICATION.test(line)) {
      if (parts.length && !CONTINUES_NAME.test(parts[0]!)) break;
      continue;
    }
    if (!isAllCaps(line) || ROLE.test(line)) break;
    parts.unshift(line);
    from = j;
  }
  return parts.length ? { name: parts.join(" "), from } : null;
}

/**
 * The signer's title: the position line right above the name, after the role prefix
 * ("KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / Phạm Thị Thanh Trà" → "Phó Thủ tướng").
 */
export function signerTitleAbove(lines: readonly string[], nameAt: number): string | null {
  for (let i = nameAt - 1; i >= Math.max(0, nameAt - 3); i--) {
    const line = lines[i]!.replace(/^\(?(đã ký|ký|đã ký và đóng dấu)\)?$/iu, "").trim();
    if (line === "") continue;
    if (!isAllCaps(line) || line.length > 80) return null;
    const position = line
      .replace(ROLE, "")
      .replace(/^(T\/M|TM\.|KT\.)\s*/u, "")
      .trim();
    return position ? positionCase(position) : null;
  }
  return null;
}

/** Positions as the body text writes them, longest first; what follows one is its organisation. */
const POSITIONS = [
  "Phó Thủ tướng",
  "Thủ tướng",
  "Bộ trưởng",
  "Thứ trưởng",
  "Phó Chủ tịch",
  "Chủ tịch",
  "Phó Bí thư",
  "Bí thư",
  "Tổng Kiểm toán nhà nước",
  "Phó Tổng Kiểm toán nhà nước",
  "Thống đốc",
  "Phó Thống đốc",
  "Chánh án",
  "Phó Chánh án",
  "Viện trưởng",
  "Phó Viện trưởng",
  "Tổng Thư ký",
  "Chủ nhiệm",
  "Phó Chủ nhiệm",
  "Giám đốc",
  "Phó Giám đốc",
  "Trưởng ban",
  "Phó Trưởng ban",
  "Chánh Văn phòng",
  "Phó Chánh Văn phòng",
  "Cục trưởng",
  "Phó Cục trưởng",
  "Tổng cục trưởng",
  "Vụ trưởng",
  "Thường trực",
  "Trưởng đoàn",
].sort((a, b) => b.length - a.length);

/** "PHÓ THỦ TƯỚNG" → "Phó Thủ tướng"; "BỘ TRƯỞNG BỘ TÀI CHÍNH" → "Bộ trưởng Bộ Tài chính". */
export function positionCase(caps: string): string {
  const lower = caps.toLowerCase();
  const position = POSITIONS.find((p) => lower === p.toLowerCase() || lower.startsWith(`${p.toLowerCase()} `));
  if (!position) return toOrgCase(caps);
  const rest = caps.slice(position.length).trim();
  return rest ? `${position} ${toOrgCase(rest)}` : position;
}
