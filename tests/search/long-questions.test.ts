import { beforeAll, describe, expect, it } from "vitest";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { WEIGHTS } from "../../src/search/rank.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = loadLexicon(DATA_DIR);
});

const story = (q: string) =>
  parseQuery(q, lexicon)
    .concepts.filter((c) => c.story)
    .map((c) => c.alternatives[0]!.join(" "));

describe("a long question's story weighs less than the sentence that asks", () => {
  it("marks the words said only before the asking sentence", () => {
    const q = "Nhà chị Y bị mất một con gà. Chị Y nghĩ anh X là thủ phạm. Chị Y có quyền tố cáo không?";
    expect(story(q)).toEqual(expect.arrayContaining(["gà", "thủ", "phạm"]));
    // Words of the asking sentence are never story, even when the story says them too.
    expect(story(q)).not.toContain("quyền");
    expect(story(q)).not.toContain("chị");
  });

  it("marks nothing in one sentence, after a statement to judge, or when the asking sentence points back", () => {
    expect(story("Người dân có quyền tố cáo hành vi vi phạm pháp luật không?")).toEqual([]);
    expect(story("Hợp đồng lữ hành phải được lập thành văn bản. Đúng hay sai?")).toEqual([]);
    expect(story("Đương sự có quyền yêu cầu Tòa án xác minh chứng cứ. Điều này áp dụng trong trường hợp nào?")).toEqual(
      [],
    );
  });

  it("ranks the passage on the asked concept above one that retells the story", () => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "luat",
          passages: [
            {
              text: "Công dân có quyền tố cáo với cơ quan, tổ chức, cá nhân có thẩm quyền về hành vi vi phạm pháp luật.",
              section: "Điều 30",
            },
            {
              text: "Người nuôi gà, vịt trong khu dân cư phải bảo đảm vệ sinh; hàng xóm bị mất gà, mất vịt báo chính quyền xã.",
              section: "Điều 12",
            },
          ],
        },
      ]),
      { lexicon },
    );
    const q =
      "Hàng xóm nuôi gà, vịt và bị mất gà trong khu dân cư. Người dân có quyền tố cáo với cơ quan có thẩm quyền không?";
    expect(WEIGHTS.story).toBeLessThan(1);
    expect(index.search(q, 2)[0]?.passage.section).toBe("Điều 30");
  });
});
