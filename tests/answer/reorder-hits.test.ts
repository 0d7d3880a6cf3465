import { describe, expect, it } from "vitest";
import { preferDeadlines, REORDER_OPTIONS } from "../../src/answer/reorder-hits.ts";
import type { CorpusDocument, Passage } from "../../src/corpus/types.ts";
import type { SearchHit } from "../../src/search/types.ts";

const doc = { meta: { docId: "d", status: null } } as unknown as CorpusDocument;
function hit(id: string, score: number, deadline: boolean): SearchHit {
  const passage = {
    id,
    docId: "d",
    text: id,
    deadlines: deadline ? [{ date: "2026-12-31", text: "trước ngày 31/12/2026" }] : [],
  } as unknown as Passage;
  return { passage, document: doc, score, terms: [] };
}

describe("a deadline question prefers passages that set one, among near-equal answers only", () => {
  it("lifts a deadline passage scored within the band of the top", () => {
    const near = REORDER_OPTIONS.deadlineBand + (1 - REORDER_OPTIONS.deadlineBand) / 2;
    const out = preferDeadlines([hit("top", 1, false), hit("dated", near, true)]);
    expect(out.map((h) => h.passage.id)).toEqual(["dated", "top"]);
  });

  it("leaves a clearly weaker deadline passage where ranking put it", () => {
    const below = REORDER_OPTIONS.deadlineBand * 0.9;
    const out = preferDeadlines([hit("top", 1, false), hit("mid", 0.99, false), hit("dated", below, true)]);
    expect(out.map((h) => h.passage.id)).toEqual(["top", "mid", "dated"]);
  });
});
