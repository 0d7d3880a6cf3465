import { describe, expect, it } from "vitest";
import { engineFor } from "../../src/engine.ts";
import { createServer } from "../../src/web/create-server.ts";
import { makeCorpus } from "../search/fixtures.ts";
import { elementById, textOf } from "./html.ts";

const BASE = "http://bot.test";
const corpus = makeCorpus([
  {
    docId: "nd-111-2022",
    meta: { type: "Nghị định", number: "111/2022/NĐ-CP", date: "2022-12-30", issuer: "Chính phủ" },
    passages: [{ text: "Nghị định này quy định về hợp đồng công việc hỗ trợ, phục vụ.", section: "Điều 1" }],
  },
  {
    docId: "ct-21-2026",
    meta: { type: "Chỉ thị", number: "21/CT-TTg", date: "2026-05-20", issuer: "Thủ tướng Chính phủ" },
    passages: [
      { text: "Các bộ thi hành Nghị định số 111/2022/NĐ-CP và Công văn số 571-CV/TU về hợp đồng.", section: "1" },
    ],
  },
]);
const app = createServer({ engine: () => engineFor(corpus, BASE), publicBaseUrl: BASE, version: "test" });

describe("viewer: cited documents", () => {
  it("links a cited number to the document when the corpus holds it, and only then", async () => {
    const page = await (await app.request("/d/ct-21-2026")).text();
    const passage = elementById(page, "1")!;
    expect(passage).toContain('<a class="cited" href="/d/nd-111-2022">111/2022/NĐ-CP</a>');
    expect(passage).not.toMatch(/<a[^>]*>571-CV\/TU<\/a>/);
    expect(textOf(passage)).toContain(
      "Các bộ thi hành Nghị định số 111/2022/NĐ-CP và Công văn số 571-CV/TU về hợp đồng.",
    );
  });

  it("lists the passages that cite a document, linked to their anchors", async () => {
    const page = await (await app.request("/d/nd-111-2022")).text();
    expect(page).toContain("Văn bản dẫn chiếu văn bản này");
    expect(page).toContain('href="/d/ct-21-2026#1"');
    const citing = await (await app.request("/d/ct-21-2026")).text();
    expect(citing).not.toContain("Văn bản dẫn chiếu văn bản này");
  });

  it("keeps highlights inside and around a link", async () => {
    const page = await (await app.request(`/d/ct-21-2026?q=${encodeURIComponent("hợp đồng nghị định")}`)).text();
    const passage = elementById(page, "1")!;
    expect(passage).toContain("<mark>hợp đồng</mark>");
    expect(passage).toContain("<mark>Nghị định</mark>");
  });
});
