import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { planReminders, REMINDER_DAYS } from "../../src/alerts/reminders.ts";
import type { Subscription } from "../../src/store/subscriptions.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createBodyMatcher } from "../../src/corpus/match-body.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { loadLexicon } from "../../src/search/glossary.ts";
import { openStore } from "../../src/store/open-store.ts";
import { LOAD_OPTIONS, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

const NOW = Date.parse("2021-09-28T09:00:00Z");
const LETTER = `ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY YÊN THẾ

ĐẢNG CỘNG SẢN VIỆT NAM
Yên Thế, ngày 20 tháng 9 năm 2021

Số 360-CV/HU

V/v rà soát phương án sơ tán

Kính gửi: - UBND huyện.

Ban Thường vụ Huyện ủy yêu cầu:

1. UBND huyện, Công an huyện rà soát phương án sơ tán, báo cáo trước ngày 30/9/2021.

2. UBND huyện tổng kết công tác cứu hộ, báo cáo trước ngày 25/9/2021.

3. UBND huyện xây dựng kế hoạch diễn tập, hoàn thành trước ngày 30/10/2021.

4. Trung tâm Y tế huyện báo cáo trước ngày 29/9/2021./.

Nơi nhận:
- Như trên.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nông Văn Tâm
`;

const sub = (id: number, chatId: number, filter: string, active = true): Subscription => ({
  id,
  chatId,
  threadId: 0,
  channel: "telegram",
  chatType: "group",
  filter,
  active,
  pausedReason: null,
});
let corpus: Corpus;
let stateDir: string;
const deps = () => ({
  matcher: createBodyMatcher(loadLexicon("data").abbreviations),
  render: (_d: unknown, _p: unknown, text: string, days: number) => `${days}|${text}`,
  now: () => NOW,
});

beforeAll(async () => {
  corpus = await loadCorpus(await makeCorpusDir({ "2021-09-20-yen-the-cv-360.txt": LETTER }), LOAD_OPTIONS);
  stateDir = await mkdtemp(join(tmpdir(), "reminders-"));
});
afterAll(async () => {
  await removeCorpusDirs();
  await rm(stateDir, { recursive: true, force: true });
});

describe("planReminders", () => {
  it("one row per dated deadline of the unit still ahead, sent REMINDER_DAYS before it; none for past deadlines or other units", () => {
    const rows = planReminders(
      corpus,
      [sub(1, -1, "ubnd huyen"), sub(2, -2, "kien giang"), sub(3, -3, "ubnd huyen", false)],
      deps(),
    );
    expect(rows.map((r) => [r.chatId, r.text])).toEqual([
      [-1, "2|trước ngày 30/9/2021"],
      [-1, "3|trước ngày 30/10/2021"],
    ]);
    expect(rows[0]!.notBefore).toBe(Date.parse("2021-09-30T01:00:00Z") - REMINDER_DAYS * 86_400_000);
    expect(rows.every((r) => r.kind === "reminder" && r.contentHash.startsWith("reminder:2021-"))).toBe(true);
  });

  it("queued twice (a restart, a reload), a reminder is one row; a future one waits for its day", () => {
    const store = openStore(stateDir);
    let now = NOW;
    const queue = createDeliveryQueue(store.db, () => now);
    const rows = planReminders(corpus, [sub(1, -1, "UBND huyện")], deps());
    expect(queue.enqueue(rows)).toBe(2);
    expect(queue.enqueue(planReminders(corpus, [sub(1, -1, "UBND huyện")], deps()))).toBe(0);
    expect(queue.due(10).map((d) => d.text)).toEqual(["2|trước ngày 30/9/2021"]);
    now = Date.parse("2021-10-27T02:00:00Z");
    expect(queue.due(10)).toHaveLength(2);
    store.close();
  });
});
