import { describe, expect, it } from "vitest";
import { type IndexReuse, passageSignature, signatureOf } from "../../src/search/index-reuse.ts";

type Signatures = NonNullable<IndexReuse["signatures"]>;

describe("signatureOf (passage signatures kept from one build to the next)", () => {
  it("always equals passageSignature, whatever the previous build recorded for the text", () => {
    const previous: Signatures = new Map();
    const first: Signatures = new Map();
    const texts = [
      { text: "Sở Y tế chủ trì.", actor: null },
      { text: "Sở Y tế chủ trì.", actor: "Sở Y tế" },
      { text: "Sở Y tế chủ trì.", actor: "Sở Giáo dục" },
      { text: "Công an tỉnh phối hợp.", actor: "" },
    ];
    for (const p of texts) expect(signatureOf(p, previous, first)).toBe(passageSignature(p));
    const second: Signatures = new Map();
    for (const p of [...texts].reverse()) expect(signatureOf(p, first, second)).toBe(passageSignature(p));
  });

  it("a recorded signature is used, not recomputed: the next build keeps what this one made", () => {
    const previous: Signatures = new Map([["Văn bản cũ.", ["", "kept"]]]);
    const next: Signatures = new Map();
    expect(signatureOf({ text: "Văn bản cũ.", actor: null }, previous, next)).toBe("kept");
    expect(next.get("Văn bản cũ.")).toEqual(["", "kept"]);
    // Another actor for the same text is hashed, never given the other actor's signature.
    const other = { text: "Văn bản cũ.", actor: "Sở Tư pháp" };
    expect(signatureOf(other, previous, next)).toBe(passageSignature(other));
  });
});
