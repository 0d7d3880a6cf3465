import { createHash } from "node:crypto";
import type { CorpusDocument } from "./types.ts";

/** Type, number and date together name one document; any one of them missing names nothing. */
function identityOf(doc: CorpusDocument): string | null {
  const { type, number, date } = doc.meta;
  if (!type || !number || !date) return null;
  return `${type}|${number.replace(/\s+/g, "").toUpperCase()}|${date}`;
}

/** Characters kept per end of the text: a document's opening and closing name it as well as its whole. */
const END_CHARS = 8000;
const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** Each document's key, computed once: `find` and then `add` ask for the same one. */
const textKeys = new WeakMap<CorpusDocument, string>();

/** A key the parse cache stored with the document. */
export function rememberTextKey(doc: CorpusDocument, key: string): void {
  textKeys.set(doc, key);
}

/** Only a document without type, number and date is matched by its text (DuplicateFinder): only it needs a key. */
export function needsTextKey(doc: CorpusDocument): boolean {
  return identityOf(doc) === null;
}

/** The text key (below), computed once per document. */
export function textKey(doc: CorpusDocument): string {
  const known = textKeys.get(doc);
  if (known) return known;
  const key = textKeyOf(doc);
  textKeys.set(doc, key);
  return key;
}

/**
 * The text with spacing, case and punctuation gone (two extractions of one file differ in nothing else), read
 * from its two ends and its length in letters' stead, so that a 300-page text costs no more than a letter.
 */
function textKeyOf(doc: CorpusDocument): string {
  const t = doc.text;
  const key =
    t.length <= 2 * END_CHARS ? letters(t) : `${letters(t.slice(0, END_CHARS))}|${letters(t.slice(-END_CHARS))}`;
  return createHash("sha256").update(key).digest("hex");
}

export function duplicateReason(first: CorpusDocument, second: CorpusDocument): string {
  const id = identityOf(first);
  if (id && id === identityOf(second)) {
    const { type, number, date } = first.meta;
    return `same ${type} ${number} of ${date}`;
  }
  return "same text";
}

/** Finds a document already loaded that is the same as a new one: same type, number and date, or same text. */
export class DuplicateFinder {
  private readonly byIdentity = new Map<string, CorpusDocument>();
  private readonly byText = new Map<string, CorpusDocument>();

  /**
   * Texts equal but for spacing and case give the same type, number and date, so a document with all three is
   * matched by them alone; only the others are keyed by their text, which costs a pass over it.
   */
  find(doc: CorpusDocument): CorpusDocument | undefined {
    const id = identityOf(doc);
    return id ? this.byIdentity.get(id) : this.byText.get(textKey(doc));
  }

  add(doc: CorpusDocument): void {
    const id = identityOf(doc);
    if (id) this.byIdentity.set(id, doc);
    else this.byText.set(textKey(doc), doc);
  }
}
