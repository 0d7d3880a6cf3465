import type { Lang } from "../i18n/lang.ts";

/** What only the Zalo channel says (no buttons: short replies instead), per language; the rest is i18n/messages. */
const vi = {
  /** `prefix` is "" in a private chat and "/hoi " in a group, where follow-ups must be addressed to the bot. */
  followUps: (prefix: string, shown: number, more: boolean): string => {
    const items = shown > 1 ? `«${prefix}1»…«${prefix}${shown}»` : `«${prefix}1»`;
    return `💬 Gõ ${more ? `«${prefix}thêm» để xem thêm kết quả, ` : ""}${items} để đọc toàn văn mục.`;
  },
  nothingToFollow: "Chưa có câu hỏi nào để xem tiếp. Hãy gửi câu hỏi trước.",
  noSuchItem: (n: number, shown: number): string => `Không có kết quả số ${n} (chỉ có ${shown}).`,
  help: "Gửi câu hỏi bằng tiếng Việt (có hoặc không dấu) hoặc tiếng Anh.\n\nTrong nhóm: bắt đầu bằng /hoi hoặc nhắc tên bot.\nSau câu trả lời: «thêm» — thêm kết quả; «1», «2», «3» — toàn văn mục; 👍/👎 — góp ý.\n/dangky [từ khóa] — nhóm nhận thông báo văn bản mới\n/huydangky — hủy thông báo\n/help — hướng dẫn",
  adminPrivateOnly: "Lệnh quản trị chỉ dùng trong tin nhắn riêng với bot.",
  subscribeInGroup: "Lệnh /dangky dùng trong nhóm muốn nhận thông báo.",
};

const en: typeof vi = {
  followUps: (prefix, shown, more) => {
    const items = shown > 1 ? `«${prefix}1»…«${prefix}${shown}»` : `«${prefix}1»`;
    return `💬 Reply ${more ? `«${prefix}more» for more results, ` : ""}${items} to read the whole section.`;
  },
  nothingToFollow: "There is no question to follow up yet. Please ask one first.",
  noSuchItem: (n, shown) => `There is no result ${n} (only ${shown}).`,
  help: "Send a question in Vietnamese (with or without diacritics) or English.\n\nIn groups: start with /hoi or mention the bot.\nAfter an answer: «more» — more results; «1», «2», «3» — the whole section; 👍/👎 — feedback.\n/dangky [keyword] — the group gets new-document alerts\n/huydangky — stop the alerts\n/help — this help",
  adminPrivateOnly: "Admin commands work only in a private chat with the bot.",
  subscribeInGroup: "Use /dangky in the group that should receive the alerts.",
};

export type ZaloMessages = typeof vi;
export const ZALO_MESSAGES: Record<Lang, ZaloMessages> = { vi, en };
