/**
 * Finds the body an item assigns work to: "6. Ban Dân vận Tỉnh ủy chỉ đạo …" → "Ban Dân vận Tỉnh ủy".
 * Directive items open with the body (a noun phrase) and then the verb of the task, so the actor is
 * the opening noun phrase up to the first task verb, when it starts like the name of a body.
 */

/** Words that open the name of a body, an office holder or a group of them. */
const ACTOR_HEAD =
  /^(các\s+|những\s+|mỗi\s+|tất cả\s+)?(ban|ủy ban|uỷ ban|ubnd|hđnd|hội đồng|mttq|mặt trận|sở|bộ|cục|chi cục|tổng cục|công an|quân đội|bch|bchqs|bộ chỉ huy|trung tâm|văn phòng|phòng|cấp ủy|cấp uỷ|đảng ủy|đảng uỷ|đảng đoàn|đảng bộ|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|thành ủy|thành uỷ|người đứng đầu|bí thư|chủ tịch|phó chủ tịch|giám đốc|thủ trưởng|thủ tướng|chính phủ|chính quyền|cơ quan|tổ chức|đoàn thể|đồng chí|đ\/c|hội|đoàn|liên đoàn|tòa án|toà án|viện kiểm sát|lực lượng|tổ|đội|địa phương|cán bộ|đảng viên|thường trực|bcđ|bcs|báo|đài|doanh nghiệp|trường|bệnh viện|ngành|cấp)(?=[\s,;:]|$)/iu;

/** Task verbs that end the actor's name. Matched in lowercase only, so "Ban Chỉ đạo" is not a verb. */
const TASK_VERBS = [
  "chỉ đạo",
  "lãnh đạo",
  "tăng cường",
  "tiếp tục",
  "thực hiện",
  "phối hợp",
  "tiến hành",
  "đề cao",
  "làm nòng cốt",
  "định hướng",
  "được phân công",
  "được giao",
  "có trách nhiệm",
  "chịu trách nhiệm",
  "chủ trì",
  "kiểm tra",
  "tổng hợp",
  "theo dõi",
  "tổ chức",
  "xây dựng",
  "triển khai",
  "khẩn trương",
  "chủ động",
  "rà soát",
  "quán triệt",
  "siết chặt",
  "nâng cao",
  "đẩy mạnh",
  "cần",
  "phải",
  "trực tiếp",
  "tập trung",
  "huy động",
  "hướng dẫn",
  "bảo đảm",
  "đảm bảo",
  "có văn bản",
  "xem xét",
  "quyết định",
  "ban hành",
  "giám sát",
  "thường xuyên",
  "nghiên cứu",
  "quản lý",
  "vận động",
  "tham mưu",
  "duy trì",
  "làm tốt",
  "sẵn sàng",
  "báo cáo",
  "tuyên truyền",
  "phát huy",
  "nắm chắc",
  "đôn đốc",
  "cung cấp",
  "bố trí",
  "xử lý",
  "tích cực",
  "nghiêm túc",
  "gương mẫu",
  "tạo điều kiện",
  "căn cứ",
  "ưu tiên",
  "hỗ trợ",
  "quy định",
  "có nhiệm vụ",
  "định kỳ",
  "thi hành",
  "áp dụng",
  "giải quyết",
  "cấp",
  "lập",
  "thẩm định",
  "phê duyệt",
  "chuẩn bị",
];
/** Words after which a verb-looking word is a noun: "các tổ chức", "Ban chỉ đạo". */
const NOUN_BEFORE = new Set([
  "các",
  "những",
  "và",
  "mọi",
  "ban",
  "công",
  "cơ",
  "tác",
  "sự",
  "việc",
  "cuộc",
  "của",
  "cho",
  "với",
]);
/** Task verbs that are nouns too: after a comma they start the next item of a list ("Các cấp ủy, tổ chức đảng"). */
const NOUNISH_VERBS = new Set(["tổ chức", "quản lý", "hướng dẫn", "báo cáo", "quyết định", "quy định", "cấp", "lập"]);
/** Words after which "tổ chức" is a noun ("tổ chức đảng", "tổ chức chính trị"). */
const NOUN_AFTER = new Set(["đảng", "chính", "cơ", "xã", "đoàn", "hội", "quốc", "kinh", "y", "cá", "tín"]);

const MAX_ACTOR_CHARS = 220;
const LEAD_IN = /^(giao( cho)?|yêu cầu|đề nghị|phân công|ủy quyền|uỷ quyền)\s+/iu;

interface Token {
  word: string;
  start: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[^\s,;:()]+|[,;:()]/gu)) tokens.push({ word: m[0], start: m.index });
  return tokens;
}

/** Task verbs by their first word, each with its words: a token is checked only against verbs it can start. */
const VERBS_BY_FIRST = new Map<string, { verb: string; parts: string[] }[]>();
for (const verb of TASK_VERBS) {
  const parts = verb.split(" ");
  const list = VERBS_BY_FIRST.get(parts[0]!) ?? [];
  list.push({ verb, parts });
  VERBS_BY_FIRST.set(parts[0]!, list);
}
/**
 * An actor is at most MAX_ACTOR_CHARS long, so a verb further in cannot end one: the search stops there
 * (with a margin for the separators that trimming removes), which keeps long paragraphs cheap.
 */
const VERB_WINDOW = MAX_ACTOR_CHARS + 80;

/** Index in `text` where the first task verb starts, or -1. */
function firstVerbAt(text: string): number {
  const tokens = tokenize(text.length > VERB_WINDOW ? text.slice(0, VERB_WINDOW) : text);
  for (let i = 1; i < tokens.length; i++) {
    const here = tokens[i]!;
    const candidates = VERBS_BY_FIRST.get(here.word);
    if (!candidates) continue;
    for (const { verb, parts } of candidates) {
      if (!parts.every((p, k) => tokens[i + k]?.word === p)) continue;
      const before = tokens[i - 1]!.word.toLowerCase();
      if (NOUN_BEFORE.has(before) || (before === "," && NOUNISH_VERBS.has(verb))) continue;
      if (verb === "tổ chức" && NOUN_AFTER.has(tokens[i + 2]?.word.toLowerCase() ?? "")) continue;
      if (verb === "cấp" && /^(ủy|uỷ|trên|dưới|huyện|tỉnh|xã|cơ sở)$/.test(tokens[i + 1]?.word ?? "")) continue;
      return here.start;
    }
  }
  return -1;
}

function trimActor(raw: string): string | null {
  const actor = raw.replace(/^[\s,:;-]+|[\s,:;-]+$/g, "").replace(/\s+/g, " ");
  if (actor.length < 3 || actor.length > MAX_ACTOR_CHARS) return null;
  // "Tổ chức thực hiện …" opens with a verb that is also a head noun: that is no actor.
  if (TASK_VERBS.includes(actor.toLowerCase())) return null;
  return actor[0]!.toUpperCase() + actor.slice(1);
}

/** The actor named at the start of `text` (an item's own text, without its number), or null. */
export function findActor(text: string): string | null {
  let body = text.trim();
  // "X yêu cầu Y thực hiện …": the addressee Y is the actor, not the issuing body X.
  const request = /^(?:.{0,160}?[,;]\s*)?([\p{Lu}][^,;:]{0,80}?)\s(?:yêu cầu|đề nghị|giao)\s+(?=[\p{L}])/u.exec(body);
  if (request && ACTOR_HEAD.test(request[1]!) && !LEAD_IN.test(body)) {
    const rest = body.slice(request[0].length);
    if (ACTOR_HEAD.test(rest)) body = rest;
  }
  // "Căn cứ tình hình …, Ban cán sự đảng UBND tỉnh có văn bản …": the actor follows an opening adverbial clause.
  const opener =
    /^(căn cứ|trên cơ sở|khi|trường hợp|sau khi|trong|để)\s[^;:]{0,200}?,\s+(?=(các |những )?[\p{Lu}])/iu.exec(body);
  if (opener && !ACTOR_HEAD.test(body)) {
    let rest = body.slice(opener[0].length);
    // The clause may have several commas: take the last one that is followed by a body's name.
    for (let m = /,\s+/g.exec(rest); m; m = /,\s+/g.exec(rest)) {
      const next = rest.slice(m.index + m[0].length);
      if (!ACTOR_HEAD.test(next) || next.length > rest.length) break;
      rest = next;
    }
    if (ACTOR_HEAD.test(rest)) body = rest;
  }
  const lead = LEAD_IN.exec(body);
  if (lead) body = body.slice(lead[0].length);
  if (!ACTOR_HEAD.test(body)) return null;
  const verbAt = firstVerbAt(body);
  if (verbAt > 0) return trimActor(body.slice(0, verbAt));
  // A lead-in like "1. Các cấp ủy đảng, chính quyền …:" names only the actor.
  if (/:\s*$/.test(body)) return trimActor(body.slice(0, body.lastIndexOf(":")));
  return null;
}
