/**
 * Vietnamese headers set organisation names in capitals ("BAN THƯỜNG VỤ TỈNH ỦY NAM ĐỊNH").
 * Metadata shows them the way the body text writes them ("Ban Thường vụ Tỉnh ủy Nam Định").
 */

/** Fixed phrases with their conventional capitalisation, longest first. */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
  ["ủy ban thường vụ quốc hội", "Ủy ban Thường vụ Quốc hội"],
  ["ngân hàng nhà nước", "Ngân hàng Nhà nước"],
  ["bộ công thương", "Bộ Công Thương"],
  ["kiểm toán nhà nước", "Kiểm toán nhà nước"],
  ["tòa án nhân dân tối cao", "Tòa án nhân dân tối cao"],
  ["viện kiểm sát nhân dân tối cao", "Viện kiểm sát nhân dân tối cao"],
  ["bảo hiểm xã hội việt nam", "Bảo hiểm xã hội Việt Nam"],
  ["ban cán sự đảng", "Ban cán sự đảng"],
  ["ban chấp hành", "Ban Chấp hành"],
  ["ban thường vụ", "Ban Thường vụ"],
  ["thường trực", "Thường trực"],
  ["ủy ban nhân dân", "Ủy ban nhân dân"],
  ["hội đồng nhân dân", "Hội đồng nhân dân"],
  ["mặt trận tổ quốc", "Mặt trận Tổ quốc"],
  ["chính phủ", "Chính phủ"],
  ["thủ tướng", "Thủ tướng"],
  ["quốc hội", "Quốc hội"],
  ["trung ương", "Trung ương"],
  ["việt nam", "Việt Nam"],
  ["ban chỉ đạo", "Ban Chỉ đạo"],
  ["văn phòng", "Văn phòng"],
  ["đảng ủy khối", "Đảng ủy Khối"],
];

/** Nouns of an administrative unit: the words after them are a place name. */
const UNIT_NOUNS = new Set([
  "tỉnh",
  "huyện",
  "quận",
  "xã",
  "phường",
  "thị xã",
  "thành phố",
  "thị trấn",
  "tỉnh ủy",
  "huyện ủy",
  "thành ủy",
  "quận ủy",
  "thị ủy",
  "đảng ủy",
  "đảng bộ",
]);
const COMMITTEES = new Set(["tỉnh ủy", "huyện ủy", "thành ủy", "quận ủy", "thị ủy", "đảng ủy"]);
/** After "Bộ"/"Sở"/"Cục" the next word is the ministry's name: "Bộ Y tế", "Sở Tài chính". */
const NAMED_AFTER = new Set(["bộ", "sở", "cục", "ban", "báo", "đài"]);

/** Abbreviations stay in capitals. */
const ABBREVIATIONS = new Set([
  "ubnd",
  "hđnd",
  "mttq",
  "bch",
  "bcđ",
  "bcs",
  "ca",
  "qs",
  "tt&tt",
  "vpub",
  "vptu",
  "tw",
  "ttg",
  "qh",
]);
const MINISTRIES = new Set(["bộ", "sở"]);
const FIELD_JOIN = /^(và|-|–)$|,$/u;
const ENDS_PLACE_NAME = new Set(["khối", "khôi", "và", "về", "của"]);

const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

export function toOrgCase(caps: string): string {
  const words = caps.normalize("NFC").toLowerCase().replace(/uỷ/g, "ủy").split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  let inPlaceName = false;
  const ministry = MINISTRIES.has(words[0] ?? "");
  while (i < words.length) {
    const phrase = PHRASES.find(([p]) => words.slice(i, i + p.split(" ").length).join(" ") === p);
    if (phrase) {
      out.push(phrase[1]);
      i += phrase[0].split(" ").length;
      inPlaceName = false;
      continue;
    }
    const two = words.slice(i, i + 2).join(" ");
    const w = words[i]!;
    // A ministry's or department's name joins its fields with "và", "-" or ",": each field starts in capitals
    // ("Bộ Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch").
    if (ministry && i > 1 && FIELD_JOIN.test(words[i - 1]!)) {
      out.push(capitalise(w));
      inPlaceName = false;
      i += 1;
      continue;
    }
    if (COMMITTEES.has(two)) {
      out.push(capitalise(two));
      i += 2;
      inPlaceName = true;
      continue;
    }
    if (UNIT_NOUNS.has(two) && !(inPlaceName && two === "thành phố")) {
      out.push(i === 0 ? capitalise(two) : two);
      i += 2;
      inPlaceName = true;
      continue;
    }
    if (ABBREVIATIONS.has(w)) {
      out.push(w.toUpperCase());
      i += 1;
      continue;
    }
    if (ENDS_PLACE_NAME.has(w)) {
      out.push(w === "khối" || w === "khôi" ? capitalise(w) : w);
      inPlaceName = false;
      i += 1;
      continue;
    }
    if (UNIT_NOUNS.has(w) && i > 0) out.push(w);
    else if (inPlaceName || i === 0) out.push(capitalise(w));
    else if (NAMED_AFTER.has(words[i - 1] ?? "") && out.length > 0) out.push(capitalise(w));
    else out.push(w);
    if (UNIT_NOUNS.has(w)) inPlaceName = true;
    i += 1;
  }
  return out.join(" ");
}
