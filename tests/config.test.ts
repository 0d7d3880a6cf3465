import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456789";

describe("loadConfig", () => {
  it("applies the documented defaults to an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      botToken: undefined,
      telegramApiRoot: "https://api.telegram.org",
      botMode: "polling",
      adminIds: [],
      dataDir: "data/directives",
      stateDir: "var",
      port: 3000,
      host: "127.0.0.1",
      publicBaseUrl: "http://localhost:3000",
      logLevel: "info",
    });
  });

  it("treats empty strings from .env as unset", () => {
    expect(loadConfig({ BOT_TOKEN: "", PORT: "", PUBLIC_BASE_URL: "" }).port).toBe(3000);
  });

  it("derives PUBLIC_BASE_URL from PORT and strips trailing slashes", () => {
    expect(loadConfig({ PORT: "8080" }).publicBaseUrl).toBe("http://localhost:8080");
    expect(loadConfig({ PUBLIC_BASE_URL: "https://bot.example.vn/" }).publicBaseUrl).toBe("https://bot.example.vn");
    expect(loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:9000/" }).telegramApiRoot).toBe("http://127.0.0.1:9000");
  });

  it("parses ADMIN_IDS as numbers and names a bad entry", () => {
    expect(loadConfig({ ADMIN_IDS: " 12, 345 ,-100" }).adminIds).toEqual([12, 345, -100]);
    expect(() => loadConfig({ ADMIN_IDS: "12,abc" })).toThrow(/ADMIN_IDS: "abc" is not a numeric Telegram user id/);
  });

  it("rejects a bad PORT with one line naming the variable and the value", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/^config: PORT: .*\(got "abc"\)$/);
  });

  it("never echoes a malformed BOT_TOKEN back", () => {
    const secret = "not-a-token-but-secret-ish";
    let message = "";
    try {
      loadConfig({ BOT_TOKEN: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/BOT_TOKEN/);
    expect(message).not.toContain(secret);
  });

  it("requires WEBHOOK_URL and WEBHOOK_SECRET in webhook mode with a token", () => {
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" })).toThrow(
      /WEBHOOK_URL: is required[\s\S]*WEBHOOK_SECRET: is required/,
    );
    const c = loadConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://x.vn/tg",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
    });
    expect(c.botMode).toBe("webhook");
  });

  it("rejects an unknown BOT_MODE and LOG_LEVEL", () => {
    expect(() => loadConfig({ BOT_MODE: "push" })).toThrow(/BOT_MODE/);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});

describe("loadConfig: retention and alerts", () => {
  it("keeps questions 90 days by default and refuses a retention below one day", () => {
    expect(loadConfig({}).queryLogRetentionDays).toBe(90);
    expect(loadConfig({ QUERY_LOG_RETENTION_DAYS: "30" }).queryLogRetentionDays).toBe(30);
    expect(() => loadConfig({ QUERY_LOG_RETENTION_DAYS: "0" })).toThrow(/QUERY_LOG_RETENTION_DAYS/);
    expect(loadConfig({}).alertsOnFirstLoad).toBe(false);
    expect(loadConfig({ ALERTS_ON_FIRST_LOAD: "true" }).alertsOnFirstLoad).toBe(true);
  });
  it("keeps Zalo off without ZALO_BOT_TOKEN, with the documented Zalo defaults", () => {
    expect(loadConfig({})).toMatchObject({
      zaloBotToken: undefined,
      zaloApiRoot: "https://bot-api.zaloplatforms.com",
      zaloMode: "polling",
      zaloAdminIds: [],
    });
    const c = loadConfig({
      ZALO_BOT_TOKEN: "1234567:zaloSecretPart",
      ZALO_API_ROOT: "http://127.0.0.1:9001/",
      ZALO_ADMIN_IDS: " 8401234567890123456 , adm-2 ",
    });
    expect(c).toMatchObject({
      zaloBotToken: "1234567:zaloSecretPart",
      zaloApiRoot: "http://127.0.0.1:9001",
      zaloAdminIds: ["8401234567890123456", "adm-2"],
    });
  });

  it("requires ZALO_WEBHOOK_URL and an 8-256 character ZALO_WEBHOOK_SECRET in Zalo webhook mode, never echoing it", () => {
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "1234567:zaloSecretPart", ZALO_MODE: "webhook" })).toThrow(
      new ConfigError(
        'config: ZALO_WEBHOOK_URL: is required when ZALO_MODE=webhook (got "")\nconfig: ZALO_WEBHOOK_SECRET: is required when ZALO_MODE=webhook',
      ),
    );
    const err = (() => {
      try {
        loadConfig({ ZALO_WEBHOOK_SECRET: "short" });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err?.message).toBe("config: ZALO_WEBHOOK_SECRET: use 8-256 printable characters, no spaces");
    expect(() => loadConfig({ ZALO_ADMIN_IDS: "12,3 4" })).toThrow(
      'config: ZALO_ADMIN_IDS: "3 4" is not a Zalo user id (letters, digits, _ or -)',
    );
  });
});
