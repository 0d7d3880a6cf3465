import type { FileReport } from "../corpus/types.ts";
import type { AnswerSet } from "./build-answer.ts";

/** Plain-text rendering for the terminal. */
export function renderAnswerText(set: AnswerSet): string {
  if (set.answers.length === 0) return `? ${set.query}\n  (không tìm thấy văn bản nào trả lời câu hỏi này)\n`;
  const lines = [`? ${set.query}`];
  set.answers.forEach((a, i) => {
    const doc = [a.type, a.number && `số ${a.number}`, a.date && `ngày ${a.date}`, a.issuer].filter(Boolean).join(", ");
    lines.push(`${i + 1}. ${doc || a.docId}${a.section ? ` — mục ${a.section}` : ""}`);
    if (a.status === "superseded") lines.push(`   ⚠ Đã được thay thế bởi ${a.supersededBy ?? "văn bản khác"}`);
    if (a.actor) lines.push(`   Chịu trách nhiệm: ${a.actor}${a.role ? ` (${a.role})` : ""}`);
    if (a.deadline) lines.push(`   ⏰ Hạn: ${a.deadline.text}${a.deadline.date ? ` (${a.deadline.date})` : ""}`);
    lines.push(`   ${a.excerpt}`);
    lines.push(`   ${a.url}`);
  });
  return `${lines.join("\n")}\n`;
}

export function renderReport(report: FileReport): string {
  const lines: string[] = [];
  if (report.status === "ok") {
    const m = report.meta;
    lines.push(`OK    ${report.file}`);
    lines.push(`      type: ${m.type ?? "-"} | number: ${m.number ?? "-"} | date: ${m.date ?? "-"}`);
    lines.push(`      issuer: ${m.issuer ?? "-"} | signer: ${m.signer ?? "-"}`);
    lines.push(`      title: ${m.title ?? "-"}`);
    if (m.copiedBy) lines.push(`      certified copy by: ${m.copiedBy}`);
    lines.push(`      recipients: ${m.recipients.length} | passages: ${report.passages}`);
  } else if (report.status === "skipped") {
    lines.push(`SKIP  ${report.file}`);
  } else {
    lines.push(`ERROR ${report.file}: ${report.error}`);
  }
  for (const w of report.warnings) lines.push(`      warning: ${w}`);
  return lines.join("\n");
}
