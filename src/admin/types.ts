/** What one corpus reload did, for the admin who asked and for the log. */
export interface ReloadReport {
  ok: boolean;
  /** Why the new corpus was refused (the old one keeps serving). */
  error?: string;
  added: string[];
  changed: string[];
  removed: string[];
  documents: number;
  passages: number;
  fileErrors: { file: string; error: string }[];
  fileWarnings: { file: string; warnings: string[] }[];
  ms: number;
  /** Alerts queued for the new and changed documents. */
  queued: number;
}

export type ReloadSource = "command" | "watch" | "signal" | "upload" | "start";

export interface Reloader {
  /** Reloads DATA_DIR; one at a time, a request during a reload runs once after it. */
  reload(source: ReloadSource, by: number | string | null): Promise<ReloadReport>;
  /** Resolves once no reload is running or waiting (shutdown waits for it before closing the store). */
  settled(): Promise<void>;
}

export interface AuditEntry {
  /** Telegram's integer user id, or another channel's qualified id ("zalo:<id>"). */
  actorId: number | string | null;
  action: string;
  target?: string | null;
  outcome: "ok" | "refused" | "failed";
  detail?: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): void;
}
