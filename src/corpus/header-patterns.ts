/** Line shapes more than one step of the header reader (extract-metadata.ts) looks for. */

export const NUMBER_LINE = /^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Lệnh)\s+số|Số)\s*:?\s*(.*)$/u;
export const DATE_WORDS = /(?:^|[\s,])ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
export const DATE_NUMERIC = /(?:^|[\s,])ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/iu;
/** The first line of a body: a numbered item, a chapter, an article, a part. */
export const BODY_START = /^(\d+(\.\d+)+\.?\s|\d+[.)]\s|[IVXLC]+\.\s|Chương\s|Điều\s+\d|Mục\s+\d|Phần\s)/u;

/** The first words of an organisation's name in a header, in capitals ("BỘ TÀI CHÍNH", "NGÂN HÀNG NHÀ NƯỚC"). */
export const ORG_HEAD =
  /^(ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ|THÀNH ỦY|THÀNH UỶ|QUẬN ỦY|ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|BAN |BỘ |SỞ |CỤC |TỔNG CỤC|VĂN PHÒNG|THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI|MẶT TRẬN|CÔNG AN|BỘ CHỈ HUY|TRUNG TÂM|PHÒNG |NGÂN HÀNG|KIỂM TOÁN|TÒA ÁN|TOÀ ÁN|VIỆN KIỂM SÁT|BẢO HIỂM XÃ HỘI|ĐÀI |HỌC VIỆN|ĐẠI HỌC|TẬP ĐOÀN|TỔNG CÔNG TY)/u;
/**
 * The national header where a two-column header was flattened onto the organisation's line ("BỘ CÔNG AN CỘNG HOÀ
 * XÃ HỘI CHỦ NGHĨA VIỆT NAM"): what stands before it is the organisation.
 */
export const NATIONAL_HEADER_IN_LINE =
  /\s+(CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM)(\s.*)?$/u;

/** A line that carries on an organisation's name wrapped above it ("BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI"). */
export const CONTINUES_NAME = /^(VÀ|[-–])\s/u;

/** The header part of a document's cleaned lines: up to `end` (a certified copy's own block starts there). */
export interface HeaderScan {
  lines: readonly string[];
  end: number;
  /** Lines of an incoming-document stamp: the receiving office's, not the document's. */
  ignored: ReadonlySet<number>;
}

export function isoDate(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1945 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
