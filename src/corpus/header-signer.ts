import { isAllCaps } from "./clean-text.ts";
import { readDistribution } from "./header-recipients.ts";

/** The footer of a directive: where its body ends, who signs it and for whom. */

const SIGNATURE_ROLE = /^(T\/M|TM\.?|KT\.?|Q\.|TL\.|TUQ\.|Thay mặt|Thừa lệnh|Thừa ủy quyền)\s*(.*)$/iu;
const POSITION_LINE =
  /^(PHÓ\s+)?(BÍ THƯ|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|THỦ TƯỚNG|BỘ TRƯỞNG|THƯỜNG TRỰC|TỔNG BIÊN TẬP)/u;
const SURNAMES = new Set(
  "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Nông Đinh Lâm Lương Mai Trương Hà Tô Đào Cao Đoàn Thái Trịnh Lưu Chu Tạ Quách Kiều Vương Triệu Lò Lục Hứa Khúc Châu Giang Kim La Tăng Thân Văn Doãn Đàm Đồng Lạc Mạc Âu Ông Quan Tống Từ Vi Y Hầu Khổng Khương Bạch Bế Hoàng Lã Phùng Nghiêm Diệp".split(
    " ",
  ),
);

export function isPersonName(line: string): boolean {
  const words = line.split(" ");
  if (words.length < 2 || words.length > 5) return false;
  if (!SURNAMES.has(words[0]!)) return false;
  return words.every((w) => /^[\p{Lu}][\p{Ll}]*$/u.test(w));
}

/** The first footer line after `bodyStart` (recipients list, signature block, source line), or `end`. */
export function findBodyEnd(lines: readonly string[], bodyStart: number, end: number): number {
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
    )
      return i;
    if (line.includes("./.") && /\.\/\.\s*$/.test(line)) return i + 1;
  }
  return end;
}

export interface Signature {
  /** The signer's name, the last person's name in the footer. */
  signer: string | null;
  signerAt: number;
  /** The body a "T/M BAN THƯỜNG VỤ" line signs for ("BAN THƯỜNG VỤ"), without the position. */
  signingFor: string | null;
}

/**
 * The signature block between `bodyEnd` and `appendixStart`; the "Nơi nhận:" list in it is added to `recipients`
 * (its bullets may run to `end`).
 */
export function readSignature(
  lines: readonly string[],
  span: { bodyEnd: number; appendixStart: number; end: number },
  recipients: string[],
): Signature {
  const found: Signature = { signer: null, signerAt: -1, signingFor: null };
  for (let i = span.bodyEnd; i < span.appendixStart; i++) {
    const line = lines[i]!;
    if (/^nơi nhận\b/iu.test(line)) {
      readDistribution(lines, i, span.end, recipients);
      continue;
    }
    const role = SIGNATURE_ROLE.exec(line);
    if (role && /^(T\/M|TM\.?|Thay mặt)$/iu.test(role[1]!))
      found.signingFor = role[2]!.replace(POSITION_LINE, "").trim() || null;
    if (isPersonName(line)) {
      found.signer = line;
      found.signerAt = i;
    }
  }
  return found;
}
