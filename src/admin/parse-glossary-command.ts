import type { GlossaryEntry } from "../store/glossary-extra.ts";

/** "/glossary add quarantine area = khu cách ly, vùng cách ly" → { en: "quarantine area", vi: [...] }, or an error to show. */
export function parseGlossaryCommand(text: string): GlossaryEntry | { error: string } {
  const m = /^\s*add\s+(.+?)\s*=\s*(.+)$/su.exec(text);
  if (!m) return { error: "usage: /glossary add <english> = <tiếng Việt>[, <tiếng Việt>…]" };
  const en = m[1]!.toLowerCase().replace(/\s+/g, " ").trim();
  const vi = m[2]!
    .split(/[,;]/)
    .map((v) => v.normalize("NFC").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (!/^[a-z0-9][a-z0-9 '-]{0,60}$/.test(en))
    return {
      error: `"${en}" is not an English word or phrase (letters, digits, spaces, ' and -; at most 60 characters)`,
    };
  if (vi.length === 0 || vi.length > 5 || vi.some((v) => v.length > 60))
    return { error: "give 1 to 5 Vietnamese wordings of at most 60 characters, separated by commas" };
  return { en, vi };
}
