import { DUTIES } from "./duties.ts";
import type { CaptionWarning } from "../corpus/parse-caption.ts";
import type { Lang } from "./lang.ts";

/** Every string the channels show, per language (see Lang). */
const vi = {
  duties: DUTIES.vi,
  greeting: (name: string) =>
    `Xin chào ${name}! Tôi tra cứu các văn bản chỉ đạo (Chỉ thị, Công văn, Thông báo, Quyết định…) và trả lời kèm trích dẫn: văn bản nào, mục nào, ai chịu trách nhiệm.\n\nHãy gửi câu hỏi, ví dụ:`,
  examples: ["Ai chịu trách nhiệm tiêm vắc xin?", "UBND tỉnh làm gì về xét nghiệm?", "tam dung karaoke quan bar"],
  help: "Gửi câu hỏi bằng tiếng Việt (có hoặc không dấu) hoặc tiếng Anh.\n\n/hoi &lt;câu hỏi&gt; — hỏi (trong nhóm: /hoi hoặc nhắc tên bot)\n/vanban — danh sách văn bản\n/moi — văn bản mới nhất\n/dangky [tỉnh, loại văn bản, từ khóa] — nhận thông báo văn bản mới\n/huydangky — hủy thông báo\n/lang — đổi ngôn ngữ vi/en\n/help — hướng dẫn",
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
    dangky: "Nhận thông báo văn bản mới",
    huydangky: "Hủy nhận thông báo",
  },
  fields: { number: "số", date: "ngày", unknownDate: "không rõ ngày" },
  admin: {
    refused: "Lệnh này chỉ dành cho quản trị bot.",
    reloading: "Đang tải lại kho văn bản…",
    reloaded: "Đã tải lại kho văn bản.",
    reloadFailed: "Tải lại thất bại, vẫn dùng kho cũ:",
    counts: (docs: number, passages: number, ms: number): string => `${docs} văn bản, ${passages} đoạn, ${ms} ms.`,
    added: "Thêm mới",
    changed: "Cập nhật",
    removed: "Đã gỡ",
    noChange: "Không có văn bản nào thay đổi.",
    alertsQueued: (n: number): string => `Đã xếp ${n} thông báo gửi các nhóm đăng ký.`,
    stats: "Thống kê",
    unanswered: "Câu hỏi chưa có câu trả lời (30 ngày):",
    noUnanswered: "Không có câu hỏi nào chưa trả lời được.",
    glossaryAdded: (en: string, vi: string): string => `Đã thêm «${en}» = ${vi}. Áp dụng từ lần tải lại tới (/reload).`,
  },
  alerts: {
    newDocument: "🆕 Văn bản mới",
    updatedDocument: "♻️ Văn bản được cập nhật",
    fullText: "Xem toàn văn",
    askAbout: "Hỏi về văn bản này",
    subscribed: (filter: string): string =>
      filter ? `Đã đăng ký nhận thông báo văn bản mới có «${filter}».` : "Đã đăng ký nhận thông báo mọi văn bản mới.",
    alreadySubscribed: "Nhóm này đã đăng ký rồi.",
    unsubscribed: (n: number): string => (n ? "Đã hủy đăng ký nhận thông báo." : "Nhóm này chưa đăng ký."),
    list: (lines: string): string =>
      lines ? `Đăng ký của nhóm này:\n${lines}` : "Chưa có đăng ký nào. Gửi /dangky để nhận thông báo văn bản mới.",
    all: "mọi văn bản",
    paused: "tạm dừng",
    notAllowed: "Chỉ quản trị viên nhóm hoặc quản trị bot mới được thay đổi đăng ký.",
    addedHint: "Cảm ơn đã thêm tôi vào nhóm! Gửi /dangky để nhận thông báo khi có văn bản mới, hoặc /hoi để hỏi.",
    scoped: (title: string) => `Câu hỏi tiếp theo của bạn sẽ được tìm trong: ${title}`,
    adminOnly: "Lệnh này chỉ dành cho quản trị bot.",
    stats: "Thông báo gần đây (chờ / đã gửi / lỗi / ngừng):",
  },
  upload: {
    notAdmin:
      "Cảm ơn bạn! Tuy nhiên chỉ quản trị viên của bot mới được thêm văn bản vào kho. Nếu cần bổ sung văn bản, xin liên hệ quản trị viên. Bạn vẫn có thể gửi câu hỏi bằng chữ.",
    badType: (ext: string): string =>
      `Không nhận tệp ${ext ? `«${ext}»` : "không có phần mở rộng"}. Chỉ nhận tệp .txt, .md, .docx hoặc .pdf.`,
    tooLarge: (sizeMB: string, limitMB: string): string => `Tệp quá lớn (${sizeMB} MB). Giới hạn là ${limitMB} MB.`,
    badName: "Tên tệp không dùng được làm mã văn bản. Hãy đổi tên tệp (chữ, số) rồi gửi lại.",
    downloadFailed: "Không tải được tệp từ Telegram. Vui lòng gửi lại.",
    unreadable: (file: string, reason: string): string => `Không đọc được «${file}»: ${reason}`,
    noPassages: "không tìm thấy nội dung văn bản để trích dẫn",
    preview: "Xem trước văn bản tải lên",
    labels: {
      file: "Tệp",
      type: "Loại",
      number: "Số",
      date: "Ngày",
      issuer: "Cơ quan",
      title: "Tiêu đề",
      signer: "Người ký",
      source: "Nguồn",
      passages: "Số đoạn trích",
      warnings: "Cảnh báo",
    },
    unknown: "—",
    fromCaption: "theo chú thích",
    exists: (docId: string): string =>
      `⚠️ Kho đã có văn bản «${docId}». Bấm «Thay thế» để thay bằng tệp này, hoặc «Hủy».`,
    add: "Thêm vào kho",
    replace: "Thay thế",
    cancel: "Hủy",
    cancelled: "Đã hủy, không lưu gì.",
    expired: "Yêu cầu tải lên này không còn hiệu lực (quá 30 phút hoặc đã xử lý). Hãy gửi lại tệp.",
    notYours: "Chỉ người đã gửi tệp mới được xác nhận.",
    targetExists: (file: string): string => `Không lưu: kho đã có tệp «${file}». Hãy gửi lại tệp để chọn «Thay thế».`,
    saved: (file: string, replaced: boolean): string =>
      replaced ? `Đã thay thế «${file}» trong kho.` : `Đã lưu «${file}» vào kho.`,
    failed: (reason: string): string => `Không lưu được tệp: ${reason}`,
    captionWarning: (w: CaptionWarning): string => {
      switch (w.kind) {
        case "invalid-date":
          return `«${w.key}: ${w.value}» không phải ngày hợp lệ (dạng 21/7/2021), đã bỏ qua`;
        case "invalid-url":
          return `«${w.key}: ${w.value}» không phải đường dẫn http(s) hợp lệ, đã bỏ qua`;
        case "empty-value":
          return `«${w.key}» không có giá trị, đã bỏ qua`;
        case "unknown-field":
          return `không hiểu trường «${w.key}» (dùng: số, ngày, loại, cơ quan, tiêu đề, người ký, nguồn, từ khóa), đã bỏ qua`;
        case "repeated":
          return `«${w.key}» ghi hai lần, dùng giá trị sau cùng`;
        case "not-understood":
          return `không hiểu «${w.text}» trong chú thích, đã bỏ qua`;
      }
    },
  },
};

const en: typeof vi = {
  duties: DUTIES.en,
  greeting: (name: string) =>
    `Hello ${name}! I search party and government directives and answer with citations: which document, which section, who is responsible.\n\nSend a question, for example:`,
  examples: [
    "Who is responsible for vaccination?",
    "What must the district health center do?",
    "Can officials travel outside the province?",
  ],
  help: "Send a question in Vietnamese (with or without diacritics) or English.\n\n/ask &lt;question&gt; — ask (in groups: /ask or mention the bot)\n/docs — list documents\n/latest — newest documents\n/subscribe [province, type, keyword] — new-document alerts\n/unsubscribe — stop alerts\n/lang — switch language vi/en\n/help — this help",
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
    dangky: "Get new-document alerts",
    huydangky: "Stop the alerts",
  },
  fields: { number: "no.", date: "dated", unknownDate: "date unknown" },
  admin: {
    refused: "This command is for the bot's admins.",
    reloading: "Reloading the corpus…",
    reloaded: "Corpus reloaded.",
    reloadFailed: "Reload failed; the old corpus keeps serving:",
    counts: (docs: number, passages: number, ms: number) => `${docs} documents, ${passages} passages, ${ms} ms.`,
    added: "Added",
    changed: "Changed",
    removed: "Removed",
    noChange: "No document changed.",
    alertsQueued: (n: number) => `${n} alerts queued for subscribed chats.`,
    stats: "Statistics",
    unanswered: "Questions without an answer (30 days):",
    noUnanswered: "No unanswered questions.",
    glossaryAdded: (en: string, vi: string) => `Added «${en}» = ${vi}. Applied from the next reload (/reload).`,
  },
  alerts: {
    newDocument: "🆕 New document",
    updatedDocument: "♻️ Document updated",
    fullText: "Full text",
    askAbout: "Ask about this document",
    subscribed: (filter: string) =>
      filter ? `Subscribed to new documents matching «${filter}».` : "Subscribed to every new document.",
    alreadySubscribed: "This chat is already subscribed.",
    unsubscribed: (n: number) => (n ? "Unsubscribed." : "This chat was not subscribed."),
    list: (lines: string) =>
      lines ? `This chat's subscriptions:\n${lines}` : "No subscriptions. Send /subscribe to get new-document alerts.",
    all: "every document",
    paused: "paused",
    notAllowed: "Only the chat's administrators or the bot's admins may change subscriptions.",
    addedHint: "Thanks for adding me! Send /subscribe to get alerts about new documents, or /ask to ask.",
    scoped: (title: string) => `Your next question will be searched in: ${title}`,
    adminOnly: "This command is for the bot's admins.",
    stats: "Recent alerts (queued / sent / failed / inactive):",
  },
  upload: {
    notAdmin:
      "Thank you! Only the bot's admins may add documents, though. If a document is missing, please contact an admin. You can still send questions as text.",
    badType: (ext: string) =>
      `Cannot take ${ext ? `a «${ext}» file` : "a file without an extension"}. Only .txt, .md, .docx or .pdf files are accepted.`,
    tooLarge: (sizeMB: string, limitMB: string) => `The file is too large (${sizeMB} MB). The limit is ${limitMB} MB.`,
    badName: "The file name cannot be used as a document id. Rename the file (letters, digits) and send it again.",
    downloadFailed: "Could not download the file from Telegram. Please send it again.",
    unreadable: (file: string, reason: string) => `Cannot read «${file}»: ${reason}`,
    noPassages: "no document text to cite was found",
    preview: "Preview of the uploaded document",
    labels: {
      file: "File",
      type: "Type",
      number: "Number",
      date: "Date",
      issuer: "Issuer",
      title: "Title",
      signer: "Signer",
      source: "Source",
      passages: "Passages",
      warnings: "Warnings",
    },
    unknown: "—",
    fromCaption: "from the caption",
    exists: (docId: string) =>
      `⚠️ The corpus already has a document «${docId}». Press «Replace» to replace it with this file, or «Cancel».`,
    add: "Add to corpus",
    replace: "Replace",
    cancel: "Cancel",
    cancelled: "Cancelled; nothing was saved.",
    expired: "This upload is no longer pending (over 30 minutes old, or already handled). Please send the file again.",
    notYours: "Only the admin who sent the file may confirm it.",
    targetExists: (file: string) =>
      `Not saved: the corpus already has «${file}». Send the file again to choose «Replace».`,
    saved: (file: string, replaced: boolean) =>
      replaced ? `Replaced «${file}» in the corpus.` : `Saved «${file}» to the corpus.`,
    failed: (reason: string) => `Could not save the file: ${reason}`,
    captionWarning: (w: CaptionWarning) => {
      switch (w.kind) {
        case "invalid-date":
          return `«${w.key}: ${w.value}» is not a valid date (like 21/7/2021); ignored`;
        case "invalid-url":
          return `«${w.key}: ${w.value}» is not a valid http(s) link; ignored`;
        case "empty-value":
          return `«${w.key}» has no value; ignored`;
        case "unknown-field":
          return `unknown field «${w.key}» (use: number, date, type, issuer, title, signer, source, tags); ignored`;
        case "repeated":
          return `«${w.key}» given twice; the last value is used`;
        case "not-understood":
          return `could not understand «${w.text}» in the caption; ignored`;
      }
    },
  },
};

export type Messages = typeof vi;
export const MESSAGES: Record<Lang, Messages> = { vi, en };
