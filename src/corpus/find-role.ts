import type { Role } from "./types.ts";
import { splitBodies } from "./match-body.ts";

/**
 * The role an item gives a body: "Sở Y tế chủ trì, phối hợp với Sở Tài chính …" makes Sở Y tế the lead
 * (`chủ trì`) and Sở Tài chính a partner (`phối hợp`).
 */

const LEADS =
  /^[\s,]*(?:(?:là\s+)?(?:cơ quan\s+)?(?:được giao\s+)?(?:chủ trì|làm đầu mối|là đầu mối|chịu trách nhiệm chính))/iu;
const PARTNERS =
  /^[\s,]*(?:(?:tích cực|chủ động|có trách nhiệm)\s+)?phối hợp(?!\s+với\s+(?:nhau|các cơ quan liên quan))/iu;
/** "phối hợp với Sở Tài chính, UBND các huyện để …": the partners, up to the end of the list. */
const PARTNER_LIST =
  /phối hợp(?: chặt chẽ)?(?: với)?\s+((?:[^.;:]{0,200}?))(?=\s+(?:để|tổ chức|triển khai|thực hiện|xây dựng|tham mưu|hướng dẫn|kiểm tra|rà soát|trong|về|nhằm)\s|[.;:]|$)/iu;

/** The role of the actor that opens `text` (an item without its number), or null when the item does not say. */
export function findRole(text: string, actor: string | null): Role | null {
  if (!actor) return null;
  const at = text.indexOf(actor);
  const rest =
    at >= 0 ? text.slice(at + actor.length) : text.replace(/^\s*(\d+(\.\d+)*[.)]|[-–•+])\s*/, "").slice(actor.length);
  if (LEADS.test(rest)) return "chủ trì";
  if (PARTNERS.test(rest)) return "phối hợp";
  return null;
}

/** The bodies an item names as partners ("phối hợp với …"). */
export function findPartners(text: string): string[] {
  const m = PARTNER_LIST.exec(text);
  if (!m) return [];
  const list = m[1]!.replace(/^(các|những)\s+(cơ quan|đơn vị)\s+liên quan\b.*$/iu, "").trim();
  return list ? splitBodies(list) : [];
}
