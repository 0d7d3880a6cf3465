import { z } from "zod";

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

const adminIds = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const ids: number[] = [];
    for (const part of raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!/^-?\d{1,20}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a numeric Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** Zalo user ids are opaque strings (often long digit runs): kept as strings, never as numbers. */
const zaloAdminIds = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const ids = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.find((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `"${bad}" is not a Zalo user id (letters, digits, _ or -)` });
      return z.NEVER;
    }
    return ids;
  });

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const envSchema = z
  .object({
    BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, "expected <bot id>:<secret> as issued by @BotFather")
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, z.url().default("https://api.telegram.org")),
    BOT_MODE: z.preprocess(emptyAsUndefined, z.enum(["polling", "webhook"]).default("polling")),
    WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "use 16-256 characters from A-Z a-z 0-9 _ -")
        .optional(),
    ),
    ADMIN_IDS: adminIds,
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data/directives")),
    STATE_DIR: z.preprocess(emptyAsUndefined, z.string().default("var")),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
    PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default("info")),
    CORPUS_MAX_FILE_MB: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(1024).default(20)),
    QUERY_LOG_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
    ALERTS_ON_FIRST_LOAD: z.preprocess(emptyAsUndefined, z.enum(["true", "false", "1", "0"]).default("false")),
    ZALO_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[^\s]{10,512}$/, "expected the token Zalo Bot Manager sent (no spaces)")
        .optional(),
    ),
    ZALO_API_ROOT: z.preprocess(emptyAsUndefined, z.url().default("https://bot-api.zaloplatforms.com")),
    ZALO_MODE: z.preprocess(emptyAsUndefined, z.enum(["polling", "webhook"]).default("polling")),
    ZALO_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    // Zalo requires 8-256 characters (setWebhook secret_token); printable ASCII so it survives an HTTP header.
    ZALO_WEBHOOK_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[\x21-\x7E]{8,256}$/, "use 8-256 printable characters, no spaces")
        .optional(),
    ),
    ZALO_ADMIN_IDS: zaloAdminIds,
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "webhook" && env.BOT_TOKEN) {
      if (!env.WEBHOOK_URL)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
      if (!env.WEBHOOK_SECRET)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
    }
    if (env.ZALO_MODE === "webhook" && env.ZALO_BOT_TOKEN) {
      if (!env.ZALO_WEBHOOK_URL)
        ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_URL"], message: "is required when ZALO_MODE=webhook" });
      if (!env.ZALO_WEBHOOK_SECRET)
        ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_SECRET"], message: "is required when ZALO_MODE=webhook" });
    }
  });

export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  botMode: "polling" | "webhook";
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  adminIds: readonly number[];
  dataDir: string;
  stateDir: string;
  port: number;
  host: string;
  publicBaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  corpusMaxFileBytes: number;
  /** Questions, feedback and their metadata older than this are deleted by a daily purge. */
  queryLogRetentionDays: number;
  /** Announce every document on the first load of an empty store (default: record silently, no flood). */
  alertsOnFirstLoad: boolean;
  /** Zalo Bot Platform token; undefined → the Zalo channel is off. */
  zaloBotToken: string | undefined;
  zaloApiRoot: string;
  zaloMode: "polling" | "webhook";
  zaloWebhookUrl: string | undefined;
  zaloWebhookSecret: string | undefined;
  /** Zalo user ids allowed to run admin commands in a private chat. */
  zaloAdminIds: readonly string[];
}

const SECRET_VARIABLES = new Set(["BOT_TOKEN", "WEBHOOK_SECRET", "ZALO_BOT_TOKEN", "ZALO_WEBHOOK_SECRET"]);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Pure: validates an environment map and returns the typed config, or throws one ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      // Never echo the value of a secret back into logs.
      const shown = SECRET_VARIABLES.has(name) ? "" : ` (got ${JSON.stringify(env[name] ?? "")})`;
      return `config: ${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(lines.join("\n"));
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    adminIds: e.ADMIN_IDS,
    dataDir: e.DATA_DIR,
    stateDir: e.STATE_DIR,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    logLevel: e.LOG_LEVEL,
    corpusMaxFileBytes: Math.round(e.CORPUS_MAX_FILE_MB * 1024 * 1024),
    alertsOnFirstLoad: e.ALERTS_ON_FIRST_LOAD === "true" || e.ALERTS_ON_FIRST_LOAD === "1",
    queryLogRetentionDays: e.QUERY_LOG_RETENTION_DAYS,
    zaloBotToken: e.ZALO_BOT_TOKEN,
    zaloApiRoot: e.ZALO_API_ROOT.replace(/\/+$/, ""),
    zaloMode: e.ZALO_MODE,
    zaloWebhookUrl: e.ZALO_WEBHOOK_URL,
    zaloWebhookSecret: e.ZALO_WEBHOOK_SECRET,
    zaloAdminIds: e.ZALO_ADMIN_IDS,
  };
}
