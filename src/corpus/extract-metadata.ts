import { isAllCaps } from "./clean-text.ts";
import { toOrgCase } from "./org-case.ts";
import { ENACTING, FOOTNOTE, LEGAL_BASIS, SOURCE_CITATION, findConsolidation, signerTitleAbove } from "./preamble.ts";

/** Document types, with the code used in their numbers ("146-CV/TU" → Công văn). */
const DOCUMENT_TYPES: ReadonlyArray<{ name: string; codes: string[] }> = [
  { name: "Chỉ thị", codes: ["CT"] },
  { name: "Công văn", codes: ["CV"] },
  { name: "Thông báo", codes: ["TB"] },
  { name: "Quyết định", codes: ["QĐ", "QD"] },
  { name: "Kế hoạch", codes: ["KH"] },
  { name: "Nghị quyết", codes: ["NQ"] },
  { name: "Nghị định", codes: ["NĐ", "ND"] },
  { name: "Thông tư", codes: ["TT"] },
  { name: "Luật", codes: ["QH"] },
  { name: "Bộ luật", codes: [] },
  { name: "Kết luận", codes: ["KL"] },
  { name: "Hướng dẫn", codes: ["HD"] },
  { name: "Công điện", codes: ["CĐ", "CD"] },
  { name: "Báo cáo", codes: ["BC"] },
  { name: "Tờ trình", codes: ["TTr"] },
  { name: "Quy định", codes: ["QĐi"] },
  { name: "Đề án", codes: ["ĐA"] },
  { name: "Chương trình", codes: ["CTr"] },
  { name: "Thông tri", codes: ["TTr"] },
  { name: "Văn bản hợp nhất", codes: ["VBHN"] },
  { name: "Thông tư liên tịch", codes: ["TTLT"] },
  { name: "Nghị quyết liên tịch", codes: ["NQLT"] },
  { name: "Pháp lệnh", codes: ["PL"] },
  { name: "Quy chế", codes: ["QC"] },
];
/** Longest first, so that "THÔNG TƯ LIÊN TỊCH" is not read as "THÔNG TƯ". */
const TYPE_NAMES = DOCUMENT_TYPES.map((t) => t.name).sort((a, b) => b.length - a.length);
const TYPE_LINE = new RegExp(`^(${TYPE_NAMES.map((n) => n.toUpperCase()).join("|")})(?:\\s|$)`, "u");
const TYPE_IN_TEXT = TYPE_NAMES.join("|");

const NATIONAL_HEADERS =
  /^(đảng cộng sản việt nam|cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc)/iu;
const ORG_HEAD =
  /^(ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ|THÀNH ỦY|THÀNH UỶ|QUẬN ỦY|ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|BAN |BỘ |SỞ |CỤC |VĂN PHÒNG|THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI|MẶT TRẬN|CÔNG AN|BỘ CHỈ HUY|TRUNG TÂM|PHÒNG )/u;
const NUMBER_LINE = /^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Lệnh)\s+số|Số)\s*:?\s*(.*)$/u;
/** A statute dates itself where it is passed: "Luật này được Quốc hội … thông qua ngày 29 tháng 11 năm 2024". */
const PASSED_ON = /thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
/** Where the appendices and forms start after the signature: "PHỤ LỤC I", "Mẫu số 01", "DANH MỤC …". */
export const APPENDIX_HEADING = /^(PHỤ LỤC|Phụ lục|DANH MỤC|Danh mục|MẪU SỐ|Mẫu số|BIỂU MẪU|Biểu mẫu|Biểu số)(\s|$)/u;
const DATE_WORDS = /(?:^|[\s,])ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const DATE_NUMERIC = /(?:^|[\s,])ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/iu;
/** A news page reporting a directive: "Ngày 21/7/2021, Ban Thường vụ Tỉnh ủy Kiên Giang có Công văn số 209-CV/TU, về …". */
const NEWS_LEAD = new RegExp(
  `^Ngày\\s+(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}),\\s+(.{3,120}?)\\s+(?:có|ban hành|đã ban hành|ra)\\s+(${TYPE_IN_TEXT})\\s+số\\s+([\\p{L}\\d/.-]+?)[,.]?(?:\\s*,?\\s*((?:về việc|về|V\\/v)\\s+[^.]+))?(?:\\.|$)`,
  "u",
);
const SIGNATURE_ROLE = /^(T\/M|TM\.?|KT\.?|Q\.|TL\.|TUQ\.|Thay mặt|Thừa lệnh|Thừa ủy quyền)\s*(.*)$/iu;
const POSITION_LINE =
  /^(PHÓ\s+)?(BÍ THƯ|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|THỦ TƯỚNG|BỘ TRƯỞNG|THƯỜNG TRỰC|TỔNG BIÊN TẬP)/u;
const SURNAMES = new Set(
  "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Nông Đinh Lâm Lương Mai Trương Hà Tô Đào Cao Đoàn Thái Trịnh Lưu Chu Tạ Quách Kiều Vương Triệu Lò Lục Hứa Khúc Châu Giang Kim La Tăng Thân Văn Doãn Đàm Đồng Lạc Mạc Âu Ông Quan Tống Từ Vi Y Hầu Khổng Khương Bạch Bế Hoàng Lã Phùng Nghiêm Diệp".split(
    " ",
  ),
);
/** The first line of a body: a numbered item, a chapter, an article, a part. */
const BODY_START = /^(\d+(\.\d+)+\.?\s|\d+[.)]\s|[IVXLC]+\.\s|Chương\s|Điều\s+\d|Mục\s+\d|Phần\s)/u;
const COPY_MARK = /^(sao y( bản chính)?|sao lục|trích sao|bản sao)$/iu;
const RECEIVED_STAMP = /^ĐẾN\b|^ĐẾN\s+Số/u;

export interface HeaderInfo {
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  signer: string | null;
  signerTitle: string | null;
  recipients: string[];
  copiedBy: string | null;
  /** The preamble's "Căn cứ …" and "Theo đề nghị của …" lines. */
  legalBases: string[];
  /** Index of the first body line and of the first footer line in the cleaned lines. */
  bodyStart: number;
  bodyEnd: number;
  /** Index of the first appendix line after the signature, or the end when there is none. */
  appendixStart: number;
  warnings: string[];
}

export function isPersonName(line: string): boolean {
  const words = line.split(" ");
  if (words.length < 2 || words.length > 5) return false;
  if (!SURNAMES.has(words[0]!)) return false;
  return words.every((w) => /^[\p{Lu}][\p{Ll}]*$/u.test(w));
}

function isoDate(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1945 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "146-CV/TU" → "146-CV/TU"; "-CV/HU" (number left blank in the draft) → null; "215 -BS/ĐUK" → "215-BS/ĐUK". */
export function parseNumber(raw: string): { number: string | null; code: string | null } {
  const token =
    raw
      .trim()
      .replace(/\s*([-/])\s*/g, "$1")
      .split(/\s/)[0] ?? "";
  const codeMatch = /^[\d]*[-/]?([\p{Lu}]{1,4}[\p{Ll}]?)(?:[-/]|$)/u.exec(token.replace(/^\d+\/\d{4}\//, ""));
  const code = codeMatch?.[1] ?? null;
  if (!/^\d/.test(token)) return { number: null, code };
  return { number: token.replace(/[.,;]+$/, ""), code };
}

function typeFromCode(code: string | null): string | null {
  if (!code) return null;
  return DOCUMENT_TYPES.find((t) => t.codes.includes(code))?.name ?? null;
}

function typeFromLine(line: string): string | null {
  const m = TYPE_LINE.exec(line);
  if (!m) return null;
  return TYPE_NAMES.find((n) => n.toUpperCase() === m[1]) ?? null;
}

function cleanRecipient(line: string): string | null {
  // The bullet may come before the label ("- Kính gửi:") or after it ("Kính gửi: - UBND huyện").
  const r = line
    .replace(/^[-–•+]\s*/, "")
    .replace(/^(kính gửi|nơi nhận)\s*:?\s*/iu, "")
    .replace(/^[-–•+]\s*/, "")
    .replace(/\((để\s+)?(báo cáo|b\/c|thực hiện|t\/h|phối hợp|biết)\)/giu, "")
    .replace(/[\s|,;.]+$/u, "")
    .trim();
  if (!r || /^(như trên|lưu\b)/iu.test(r)) return null;
  return r;
}

/** The place name in an organisation line: "TỈNH ỦY NAM ĐỊNH" → "Nam Định", "ĐẢNG BỘ TỈNH QUẢNG NGÃI" → "Quảng Ngãi". */
function placeOf(orgLine: string): string | null {
  const m = /(?:TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN)\s+(?:ỦY\s+|UỶ\s+)?([\p{Lu}][\p{Lu}\s]+)$/u.exec(orgLine);
  return m ? toOrgCase(`TỈNH ${m[1]!}`).replace(/^Tỉnh\s+/, "") : null;
}

/** Reads metadata from the header and footer of a directive's cleaned lines and finds where its body is. */
export function extractHeader(lines: readonly string[]): HeaderInfo {
  const warnings: string[] = [];
  const ignored = new Set<number>();

  // A certified copy ends with the copying office's own header, number, recipients and "Sao y bản chính".
  let end = lines.length;
  let copiedBy: string | null = null;
  const copyAt = lines.findIndex((l) => COPY_MARK.test(l));
  if (copyAt >= 0) {
    let start = copyAt;
    while (start > 0) {
      const prev = lines[start - 1]!;
      if (isAllCaps(prev) || /^[-–•+]\s/.test(prev) || /^nơi nhận/iu.test(prev) || NUMBER_LINE.test(prev)) start--;
      else break;
    }
    const orgs = lines.slice(start, copyAt).filter((l) => isAllCaps(l) && !/^ĐẢNG BỘ/u.test(l));
    copiedBy = orgs.length ? toOrgCase(orgs.join(" ")) : null;
    end = start;
  }

  // An incoming-document stamp ("ĐẾN Số: 332 Ngày: …") belongs to the receiving office.
  for (let i = 0; i < end; i++) {
    if (!RECEIVED_STAMP.test(lines[i]!)) continue;
    ignored.add(i);
    if (i > 0 && isAllCaps(lines[i - 1]!) && !TYPE_LINE.test(lines[i - 1]!)) ignored.add(i - 1);
    for (let j = i + 1; j < end && /^(ngày|chuyển|chuyên|lưu hồ sơ)\s*:/iu.test(lines[j]!); j++) ignored.add(j);
  }

  let type: string | null = null;
  let number: string | null = null;
  let numberCode: string | null = null;
  let date: string | null = null;
  let issuer: string | null = null;
  let title: string | null = null;
  const recipients: string[] = [];
  const legalBases: string[] = [];
  const orgLines: string[] = [];
  let ofIssuer: string | null = null;
  let bodyStart = -1;

  for (let i = 0; i < end && bodyStart < 0; i++) {
    if (ignored.has(i)) continue;
    const line = lines[i]!;
    const news = NEWS_LEAD.exec(line);
    if (news) {
      date ??= isoDate(news[1]!, news[2]!, news[3]!);
      issuer ??= news[4]!.trim();
      type ??= news[5]!;
      number ??= parseNumber(news[6]!).number;
      // The subject the report quotes beats the page headline.
      if (news[7]) title = capitaliseFirst(news[7].trim());
      continue;
    }
    const lineType = typeFromLine(line);
    // The gazette files a consolidated text under "VĂN BẢN HỢP NHẤT - BỘ Y TẾ": a section, not the subject.
    if (lineType === "Văn bản hợp nhất" && isAllCaps(line)) continue;
    if (lineType && !type && isAllCaps(line)) {
      type = lineType;
      // The lines right after the type name give the issuer ("CỦA BAN THƯỜNG VỤ TỈNH ỦY") and the subject.
      const subject: string[] = [];
      const rest = line.slice(lineType.length).trim();
      if (rest) subject.push(rest);
      let j = i + 1;
      let mixed = false;
      for (; j < end && subject.length < 4; j++) {
        const next = lines[j]!;
        if (
          ignored.has(j) ||
          next.length > 600 ||
          NUMBER_LINE.test(next) ||
          (DATE_WORDS.test(next) && next.length < 80)
        )
          break;
        // A consolidation lists its sources in full paragraphs; a subject may name a document on a short line.
        const citation = SOURCE_CITATION.test(next) && (next.length > 160 || /[.:;]$/u.test(next));
        if (LEGAL_BASIS.test(next) || citation || FOOTNOTE.test(next) || BODY_START.test(next)) break;
        if (/^CỦA\s/u.test(next)) {
          ofIssuer = toOrgCase(next.replace(/^CỦA\s+/u, ""));
          continue;
        }
        const of = /^(.*?)\s+CỦA\s+(.+)$/u.exec(next);
        if (of && isAllCaps(next)) ofIssuer = toOrgCase(of[2]!);
        const caps = isAllCaps(next);
        // After a subject in sentence case, a line in capitals is the enacting authority ("BỘ TRƯỞNG BỘ TÀI CHÍNH").
        if (caps && mixed) break;
        if (caps || /^(về|v\/v)\s/iu.test(next)) subject.push(caps ? capsSubject(next) : next);
        else if (!/[.;:]$/u.test(subject[subject.length - 1] ?? "") && (subject.length === 0 || !/[.:]$/u.test(next))) {
          // A subject set in sentence case, wrapped over centred lines ("Quy định chi tiết … của Luật" / "Bảo hiểm xã hội").
          subject.push(next);
        } else break;
        mixed ||= !caps;
      }
      if (subject.length && !title) title = capitaliseFirst(subject.join(" ").replace(/\s+/g, " "));
      i = j - 1;
      continue;
    }
    const num = NUMBER_LINE.exec(line);
    if (num && !number) {
      const parsed = parseNumber(num[1]!);
      number = parsed.number;
      numberCode = parsed.code;
      continue;
    }
    const dated = DATE_WORDS.exec(line) ?? (line.length < 80 ? DATE_NUMERIC.exec(line) : null);
    if (dated && !date && line.length < 120) {
      date = isoDate(dated[1]!, dated[2]!, dated[3]!);
      continue;
    }
    if (/^v\/v\s/iu.test(line)) {
      title ??= line;
      continue;
    }
    if (/^([-–•+]\s*)?kính gửi/iu.test(line)) {
      const first = cleanRecipient(line);
      if (first) recipients.push(first);
      while (
        i + 1 < end &&
        (/^[-–•+]\s/.test(lines[i + 1]!) || (lines[i + 1]!.length < 100 && !/[.]$/.test(lines[i]!)))
      ) {
        i++;
        const r = cleanRecipient(lines[i]!);
        if (r) recipients.push(r);
        if (/\.$/.test(lines[i]!)) break;
      }
      continue;
    }
    if (NATIONAL_HEADERS.test(line)) continue;
    // The preamble of a legal text: its legal bases are metadata; the enacting formula and a consolidation's
    // list of merged documents are neither metadata nor content; page-foot footnotes come back in the body.
    if (LEGAL_BASIS.test(line)) {
      legalBases.push(line);
      continue;
    }
    if ((legalBases.length > 0 && ENACTING.test(line)) || (type && SOURCE_CITATION.test(line)) || FOOTNOTE.test(line))
      continue;
    if (isAllCaps(line) && ORG_HEAD.test(line)) {
      orgLines.push(line);
      continue;
    }
    if (isAllCaps(line) && line.length < 100) continue;
    const structural = BODY_START.test(line);
    // A web page opens with its headline: short, no full stop, before anything else.
    if (!structural && i === firstKept(lines, ignored) && line.length < 160 && !/[.;:]$/.test(line) && !type) {
      title ??= line;
      continue;
    }
    if (structural || line.length >= 80) {
      bodyStart = i;
      break;
    }
    // A short mixed-case line before the body is a web headline or a stray caption.
    if (i === firstKept(lines, ignored) && !title) title = line;
  }
  if (bodyStart < 0) bodyStart = end;

  // A consolidated text authenticates itself after its last article, before its appendices.
  const consolidation = findConsolidation(lines.slice(0, end), isPersonName);
  if (consolidation && consolidation.start > bodyStart && consolidation.start < end) end = consolidation.start;

  // The footer: recipients list, signature block, source line.
  let bodyEnd = end;
  for (let i = bodyStart; i < end; i++) {
    const line = lines[i]!;
    // A statute signs with the office alone ("CHỦ TỊCH QUỐC HỘI"), without "T/M": a position in capitals near the end.
    const signingPosition = i >= end - 4 && isAllCaps(line) && POSITION_LINE.test(line);
    if (
      /^nơi nhận\b/iu.test(line) ||
      SIGNATURE_ROLE.test(line) ||
      /^nguồn( tin)?\s*:/iu.test(line) ||
      (i >= end - 3 && isPersonName(line)) ||
      signingPosition
    ) {
      bodyEnd = i;
      break;
    }
    if (line.includes("./.") && /\.\/\.\s*$/.test(line)) {
      bodyEnd = i + 1;
      break;
    }
  }
  let appendixStart = end;
  for (let i = bodyEnd; i < end; i++) {
    if (APPENDIX_HEADING.test(lines[i]!) && lines[i]!.length < 200) {
      appendixStart = i;
      break;
    }
    const part = attachedPartAt(lines, i, bodyEnd);
    if (part >= 0) {
      appendixStart = part;
      break;
    }
  }
  let signer: string | null = null;
  let signerAt = -1;
  let signingFor: string | null = null;
  for (let i = bodyEnd; i < appendixStart; i++) {
    const line = lines[i]!;
    if (/^nơi nhận\b/iu.test(line)) {
      for (let j = i + 1; j < end && /^[-–•+]\s/.test(lines[j]!); j++) {
        const r = cleanRecipient(lines[j]!);
        if (r && !recipients.includes(r)) recipients.push(r);
      }
      continue;
    }
    const role = SIGNATURE_ROLE.exec(line);
    if (role && /^(T\/M|TM\.?|Thay mặt)$/iu.test(role[1]!))
      signingFor = role[2]!.replace(POSITION_LINE, "").trim() || null;
    if (isPersonName(line)) {
      signer = line;
      signerAt = i;
    }
  }
  let signerTitle = signerAt >= 0 ? signerTitleAbove(lines, signerAt) : null;
  if (consolidation) {
    type = "Văn bản hợp nhất";
    number = consolidation.number ?? (number && /VBHN/u.test(number) ? number : null);
    const d = consolidation.date;
    date = d ? isoDate(d.d, d.m, d.y) : date;
    if (consolidation.issuer) issuer = consolidation.issuer;
    if (consolidation.signerLine !== null) {
      signer = lines[consolidation.signerLine]!;
      signerTitle = signerTitleAbove(lines, consolidation.signerLine);
    }
    // What follows the authentication block is the consolidation's appendices, as after any signature.
    if (consolidation.start < lines.length) {
      const afterBlock = lines.findIndex(
        (l, i) => i > consolidation.start && APPENDIX_HEADING.test(l) && l.length < 200,
      );
      appendixStart = afterBlock >= 0 ? afterBlock : lines.length;
    }
  }

  if (!date) {
    for (let i = end - 1; i >= Math.max(bodyStart, end - 80) && !date; i--) {
      const passed = PASSED_ON.exec(lines[i]!);
      if (passed) date = isoDate(passed[1]!, passed[2]!, passed[3]!);
    }
  }
  if (!type)
    type =
      typeFromCode(numberCode) ??
      typeFromCode(number ? parseNumber(number).code : null) ??
      (title?.startsWith("V/v") ? "Công văn" : null);

  // Issuer: the body named after the type ("CỦA BAN THƯỜNG VỤ TỈNH ỦY"), else the header organisation,
  // refined by the signature ("T/M BAN THƯỜNG VỤ" signs for the standing committee of that organisation).
  const issuingOrg = orgLines.length ? orgLines[orgLines.length - 1]! : null;
  const place = (issuingOrg && placeOf(issuingOrg)) ?? placeOfParty(lines);
  if (!issuer && ofIssuer) {
    issuer = ofIssuer;
    if (/(Tỉnh ủy|Huyện ủy|Thành ủy)$/u.test(issuer) && place) issuer = `${issuer} ${place}`;
  }
  if (!issuer && issuingOrg) {
    const org = toOrgCase(issuingOrg);
    const standing = signingFor ? toOrgCase(signingFor) : null;
    issuer = standing && /^(Ban Thường vụ|Thường trực)$/u.test(standing) ? `${standing} ${org}` : org;
  }

  if (!type) warnings.push("no document type found in the header");
  if (!number)
    warnings.push(`no document number${numberCode ? ` (the number is left blank: "Số -${numberCode}/…")` : ""}`);
  if (!date) warnings.push("no issue date found");
  if (!issuer) warnings.push("no issuer found");
  if (!signer) warnings.push("no signer found");
  if (bodyStart >= end) warnings.push("unparsed header: no body text found after it");

  return {
    type,
    number,
    date,
    issuer,
    title,
    signer,
    signerTitle,
    recipients,
    copiedBy,
    legalBases,
    bodyStart,
    bodyEnd,
    appendixStart,
    warnings,
  };
}

/** "(Ban hành kèm theo Thông tư số …)": a regulation or list issued with the document, after its signature. */
export const ATTACHED = /^\((ban hành )?kèm theo\s/iu;

/**
 * Where a document issued with this one ("QUY CHẾ" / title / "(Ban hành kèm theo …)") starts, if line `i`
 * is its "kèm theo" line: its heading in capitals a few lines up. -1 when line `i` is no such line.
 */
export function attachedPartAt(lines: readonly string[], i: number, from: number): number {
  if (!ATTACHED.test(lines[i]!)) return -1;
  for (let j = i - 1; j >= Math.max(from, i - 3); j--) if (isAllCaps(lines[j]!) && typeFromLine(lines[j]!)) return j;
  return i;
}

export function typeHeadingOf(line: string): string | null {
  return isAllCaps(line) ? typeFromLine(line) : null;
}

function firstKept(lines: readonly string[], ignored: ReadonlySet<number>): number {
  for (let i = 0; i < lines.length; i++) if (!ignored.has(i)) return i;
  return -1;
}

/** "ĐẢNG BỘ TỈNH QUẢNG NGÃI" anywhere names the province of every party body in the document. */
function placeOfParty(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /^ĐẢNG BỘ\s+(TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(line);
    if (m) return placeOf(`${m[1]} ${m[2]}`);
  }
  return null;
}

/** A subject set in capitals, in the body's case: "… CỦA LUẬT BẢO HIỂM Y TẾ" → "… của Luật Bảo hiểm y tế". */
function capsSubject(line: string): string {
  return toOrgCase(line).replace(
    /(^|\s)(luật|bộ luật|pháp lệnh)\s+(\p{Ll})/gu,
    (_m, sp: string, w: string, c: string) => `${sp}${w[0]!.toUpperCase()}${w.slice(1)} ${c.toUpperCase()}`,
  );
}

function capitaliseFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
