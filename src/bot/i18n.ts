/** Every string the bot shows, per language. Vietnamese is the default; English when the user writes or reads English. */
export type Lang = "vi" | "en";

const vi = {
  greeting: (name: string) =>
    `Xin chào ${name}! Tôi tra cứu các văn bản chỉ đạo (Chỉ thị, Công văn, Thông báo, Quyết định…) và trả lời kèm trích dẫn: văn bản nào, mục nào, ai chịu trách nhiệm.\n\nHãy gửi câu hỏi, ví dụ:`,
  examples: ["Ai chịu trách nhiệm tiêm vắc xin?", "UBND tỉnh làm gì về xét nghiệm?", "tam dung karaoke quan bar"],
  help:
    "Gửi câu hỏi bằng tiếng Việt (có hoặc không dấu) hoặc tiếng Anh.\n\n/hoi &lt;câu hỏi&gt; — hỏi (trong nhóm: /hoi hoặc nhắc tên bot)\n/vanban — danh sách văn bản\n/moi — văn bản mới nhất\n/lang — đổi ngôn ngữ vi/en\n/help — hướng dẫn",
  searching: "Đang tìm…",
  noAnswer: "Không tìm thấy văn bản nào trả lời câu hỏi này. Bạn có thể thử:",
  askWhat: "Bạn muốn hỏi gì? Ví dụ: /hoi Ai chịu trách nhiệm tiêm vắc xin?",
  more: "Thêm kết quả",
  fullSection: "Toàn văn mục",
  document: "Văn bản",
  fullText: "Toàn văn (.txt)",
  noMore: "Không còn kết quả nào khác.",
  stale: "Văn bản đã được cập nhật, hãy hỏi lại.",
  thanks: "Cảm ơn góp ý của bạn!",
  section: "mục",
  responsible: "Chịu trách nhiệm",
  open: "Xem văn bản",
  sections: "Các mục",
  documents: (page: number, pages: number) => `Văn bản (trang ${page}/${pages}):`,
  noDocuments: "Chưa có văn bản nào.",
  latest: "Văn bản mới nhất:",
  langSet: "Đã chuyển sang tiếng Việt.",
  rateLimited: "Bạn hỏi hơi nhanh, vui lòng đợi vài giây rồi hỏi tiếp.",
  onlyText: "Tôi chỉ hỗ trợ câu hỏi bằng chữ.",
  unknownCommand: "Lệnh không có. Gõ /help để xem hướng dẫn.",
  error: "Xin lỗi, đã có lỗi khi trả lời. Vui lòng thử lại.",
  commands: {
    start: "Bắt đầu",
    help: "Hướng dẫn",
    hoi: "Hỏi về văn bản",
    vanban: "Danh sách văn bản",
    moi: "Văn bản mới nhất",
    lang: "Đổi ngôn ngữ (vi/en)",
  },
  fields: { number: "số", date: "ngày", unknownDate: "không rõ ngày" },
};

const en: typeof vi = {
  greeting: (name: string) =>
    `Hello ${name}! I search party and government directives and answer with citations: which document, which section, who is responsible.\n\nSend a question, for example:`,
  examples: ["Who is responsible for vaccination?", "What must the district health center do?", "Can officials travel outside the province?"],
  help:
    "Send a question in Vietnamese (with or without diacritics) or English.\n\n/ask &lt;question&gt; — ask (in groups: /ask or mention the bot)\n/docs — list documents\n/latest — newest documents\n/lang — switch language vi/en\n/help — this help",
  searching: "Searching…",
  noAnswer: "No document answers this question. You could try:",
  askWhat: "What would you like to ask? For example: /ask Who is responsible for vaccination?",
  more: "More results",
  fullSection: "Full section",
  document: "Document",
  fullText: "Full text (.txt)",
  noMore: "No more results.",
  stale: "The documents have been updated, please ask again.",
  thanks: "Thanks for your feedback!",
  section: "section",
  responsible: "Responsible",
  open: "Open document",
  sections: "Sections",
  documents: (page: number, pages: number) => `Documents (page ${page}/${pages}):`,
  noDocuments: "No documents yet.",
  latest: "Newest documents:",
  langSet: "Switched to English.",
  rateLimited: "You are asking a little fast, please wait a few seconds.",
  onlyText: "I only support text questions.",
  unknownCommand: "Unknown command. Send /help for help.",
  error: "Sorry, something went wrong while answering. Please try again.",
  commands: {
    start: "Start",
    help: "Help",
    hoi: "Ask about the directives",
    vanban: "List documents",
    moi: "Newest documents",
    lang: "Switch language (vi/en)",
  },
  fields: { number: "no.", date: "dated", unknownDate: "date unknown" },
};

export type Messages = typeof vi;
export const MESSAGES: Record<Lang, Messages> = { vi, en };
