import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/corpus/parse-document.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { documentPage } from "../../src/web/pages.ts";
import { FIXTURE_DIR } from "../helpers/corpus.ts";

describe("the viewer shows the legal bases as metadata", () => {
  it("lists every 'Căn cứ' line under the card, escaped, and the signer with the signer's title", async () => {
    const text = await readFile(`${FIXTURE_DIR}gazette/nghi-dinh-so-125-2026-nd-cp-469327.txt`, "utf8");
    const { document } = parseDocument({ docId: "nd-125", file: "nd-125.txt", text });
    const page = String(documentPage(document, [], MESSAGES.vi));
    expect(page).toContain(`Căn cứ ban hành (${document.meta.legalBases.length})`);
    expect(page).toContain("<li>Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;</li>");
    expect(page).toContain("<dd>Nguyễn Chí Dũng (Phó Thủ tướng)</dd>");
    // Shown once, in the card: no passage repeats a legal basis.
    expect(page.split("Căn cứ Luật Giáo dục đại học số 125/2025/QH15").length - 1).toBe(1);
  });
});
