import type { Engine } from "../engine.ts";
import type { Logger } from "../log.ts";
import type { Lang } from "../i18n/lang.ts";
import { MESSAGES } from "../i18n/messages.ts";
import type { ChatFollowUps, FollowUp } from "../store/chat-followups.ts";
import type { QueryLog } from "../store/query-log.ts";
import { itemOf } from "../search/rank.ts";
import type { ZaloClient } from "./client.ts";
import { zaloKey } from "./ids.ts";
import { ZALO_MESSAGES } from "./messages.ts";
import { parseIncoming } from "./parse-incoming.ts";
import { packBlocks, renderAnswerPage, renderItem } from "./render-zalo.ts";
import type { ZaloMessage, ZaloUpdate } from "./types.ts";
import { runCommand, type CommandDeps } from "./zalo-commands.ts";

export const PAGE = 3;

export interface ZaloHandlerDeps extends CommandDeps {
  engine(): Engine;
  client: Pick<ZaloClient, "sendMessage" | "sendChatAction">;
  queryLog: Pick<QueryLog, "record" | "setFeedback">;
  followUps: ChatFollowUps;
  /** The names a group mention of the bot may use (from getMe). */
  botNames(): readonly string[];
  log: Logger;
}

/** One incoming message, with what every reply needs. */
export interface ZaloTurn {
  msg: ZaloMessage;
  group: boolean;
  chatKey: string;
  userKey: string;
  reply(text: string): Promise<void>;
}

/** Handles one update: questions, follow-ups, votes, commands; group chatter and non-text in groups are ignored. */
export async function handleUpdate(deps: ZaloHandlerDeps, update: ZaloUpdate): Promise<void> {
  const msg = update.message;
  if (!msg?.chat?.id || !msg.from?.id || msg.from.is_bot) return;
  const group = msg.chat.chat_type === "GROUP";
  // Ids only, never the text: how an operator finds a user's id for ZALO_ADMIN_IDS.
  deps.log.debug("zalo: message", {
    event: update.event_name,
    chat: msg.chat.id,
    chatType: msg.chat.chat_type,
    from: msg.from.id,
  });
  const turn: ZaloTurn = {
    msg,
    group,
    chatKey: zaloKey(msg.chat.id),
    userKey: zaloKey(msg.from.id),
    async reply(text) {
      for (const part of packBlocks([text])) await deps.client.sendMessage(msg.chat.id, part);
    },
  };
  if (update.event_name !== "message.text.received" || typeof msg.text !== "string") {
    if (!group) await turn.reply(MESSAGES.vi.onlyText);
    return;
  }
  const incoming = parseIncoming(msg.text, { group, botNames: deps.botNames() });
  switch (incoming.kind) {
    case "ignore":
      return;
    case "question":
      return answer(deps, turn, incoming.text);
    case "more":
      return showMore(deps, turn);
    case "item":
      return showItem(deps, turn, incoming.n);
    case "feedback":
      return vote(deps, turn, incoming.value);
    case "command":
      if (incoming.name === "hoi") return turn.reply(MESSAGES.vi.askWhat);
      return runCommand(deps, turn, incoming.name, incoming.args);
  }
}

function footerFor(turn: ZaloTurn, lang: Lang, shown: number, more: boolean): string {
  return ZALO_MESSAGES[lang].followUps(turn.group ? "/hoi " : "", shown, more);
}

/** Searches, logs the question, answers with the first page and remembers it for the follow-ups. */
async function answer(deps: ZaloHandlerDeps, turn: ZaloTurn, question: string): Promise<void> {
  void deps.client
    .sendChatAction(turn.msg.chat.id, "typing")
    .catch((err) => deps.log.debug("zalo: sendChatAction failed", { error: String(err) }));
  const started = performance.now();
  // Three pages at most, so the first page knows whether "thêm" will find anything.
  const set = deps.engine().ask(question, PAGE * 3);
  const lang: Lang = set.lang;
  const t = MESSAGES[lang];
  const top = set.answers[0];
  let queryId: number | null = null;
  try {
    queryId = deps.queryLog.record({
      chatType: turn.group ? "group" : "private",
      chatId: turn.chatKey,
      userId: turn.userKey,
      lang,
      question: set.query,
      answered: set.answers.length > 0,
      topDocId: top?.docId ?? null,
      topSection: top?.section ?? null,
      answers: set.answers.length,
      latencyMs: performance.now() - started,
      channel: "zalo",
    });
  } catch (err) {
    deps.log.error("store: cannot log the question; answering anyway", { error: String(err) });
  }
  if (!top) return turn.reply(`${t.noAnswer}\n${t.examples.map((e) => `• ${e}`).join("\n")}`);
  const page = set.answers.slice(0, PAGE);
  const state: FollowUp = {
    question: set.query,
    lang,
    queryId,
    answers: page.map((a) => ({ docId: a.docId, section: a.section, url: a.url, passageId: a.passageId })),
  };
  remember(deps, turn, state);
  const footer = footerFor(turn, lang, page.length, set.answers.length > PAGE);
  for (const text of renderAnswerPage(page, t, lang, { offset: 0, footer }))
    await deps.client.sendMessage(turn.msg.chat.id, text);
}

function remember(deps: ZaloHandlerDeps, turn: ZaloTurn, state: FollowUp): void {
  try {
    deps.followUps.set(turn.chatKey, state);
  } catch (err) {
    deps.log.error("store: cannot keep the follow-up state; 'thêm' and numbers will not work for it", {
      error: String(err),
    });
  }
}

/** "thêm": the next page of the same question, numbered on from the answers already shown. */
async function showMore(deps: ZaloHandlerDeps, turn: ZaloTurn): Promise<void> {
  const state = deps.followUps.get(turn.chatKey);
  if (!state) return turn.reply(ZALO_MESSAGES.vi.nothingToFollow);
  const t = MESSAGES[state.lang];
  const shown = state.answers.length;
  const set = deps.engine().ask(state.question, shown + PAGE + 1);
  const page = set.answers.slice(shown, shown + PAGE);
  if (page.length === 0) return turn.reply(t.noMore);
  const answers = [
    ...state.answers,
    ...page.map((a) => ({ docId: a.docId, section: a.section, url: a.url, passageId: a.passageId })),
  ];
  remember(deps, turn, { ...state, answers });
  const footer = footerFor(turn, state.lang, answers.length, set.answers.length > shown + PAGE);
  for (const text of renderAnswerPage(page, t, state.lang, { offset: shown, footer }))
    await deps.client.sendMessage(turn.msg.chat.id, text);
}

/** "1".."N": the whole item the n-th shown answer cites, from the corpus in service. */
async function showItem(deps: ZaloHandlerDeps, turn: ZaloTurn, n: number): Promise<void> {
  const state = deps.followUps.get(turn.chatKey);
  if (!state) return turn.reply(ZALO_MESSAGES.vi.nothingToFollow);
  const t = MESSAGES[state.lang];
  const shown = state.answers[n - 1];
  if (!shown) return turn.reply(ZALO_MESSAGES[state.lang].noSuchItem(n, state.answers.length));
  const doc = deps.engine().corpus.documents.get(shown.docId);
  const passage =
    doc?.passages.find((p) => p.id === shown.passageId) ?? doc?.passages.find((p) => p.section === shown.section);
  if (!doc || !passage) return turn.reply(t.stale);
  const item = itemOf(passage.section);
  const members = item ? doc.passages.filter((p) => itemOf(p.section) === item) : [passage];
  for (const text of renderItem(doc, members, shown.url, t)) await deps.client.sendMessage(turn.msg.chat.id, text);
}

async function vote(deps: ZaloHandlerDeps, turn: ZaloTurn, value: 1 | -1): Promise<void> {
  const state = deps.followUps.get(turn.chatKey);
  if (!state?.queryId) return turn.reply(ZALO_MESSAGES.vi.nothingToFollow);
  const ok = deps.queryLog.setFeedback(state.queryId, turn.userKey, value, "zalo");
  await turn.reply(ok ? MESSAGES[state.lang].thanks : MESSAGES[state.lang].stale);
}
