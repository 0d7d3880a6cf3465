import type { Database } from "better-sqlite3";

export interface UsageStats {
  today: number;
  week: number;
  answeredRate: number | null;
  medianLatencyMs: number | null;
  top: { question: string; count: number }[];
  feedback: { up: number; down: number };
}

export interface UnansweredQuestion {
  question: string;
  count: number;
  /** Asked and not answered, or answered and voted 👎. */
  reason: "no answer" | "👎";
}

/** Read-only figures from the query log for /stats and /unanswered. */
export function createUsageStats(db: Database, now: () => Date = () => new Date()) {
  const since = (days: number) => new Date(now().getTime() - days * 86_400_000).toISOString();
  const startOfDay = () => {
    const d = now();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
  };
  const count = db.prepare("SELECT COUNT(*) FROM query_log WHERE created_at >= ?").pluck();
  const answered = db.prepare("SELECT AVG(answered) FROM query_log WHERE created_at >= ?").pluck();
  const latencies = db.prepare("SELECT latency_ms FROM query_log WHERE created_at >= ? ORDER BY latency_ms").pluck();
  const top = db.prepare(
    "SELECT question, COUNT(*) AS count FROM query_log WHERE created_at >= ? GROUP BY lower(question) ORDER BY count DESC, MAX(id) DESC LIMIT ?",
  );
  const votes = db.prepare(
    "SELECT COALESCE(SUM(value = 1), 0) AS up, COALESCE(SUM(value = -1), 0) AS down FROM feedback WHERE created_at >= ?",
  );
  const unanswered = db.prepare(`
    SELECT question, COUNT(*) AS count, 'no answer' AS reason FROM query_log WHERE created_at >= ? AND answered = 0 GROUP BY lower(question)
    UNION ALL
    SELECT q.question, COUNT(*) AS count, '👎' AS reason FROM feedback f JOIN query_log q ON q.id = f.query_id WHERE f.created_at >= ? AND f.value = -1 GROUP BY lower(q.question)
    ORDER BY count DESC LIMIT ?`);
  return {
    usage(days = 7): UsageStats {
      const from = since(days);
      const l = latencies.all(from) as number[];
      const rate = answered.get(from) as number | null;
      return {
        today: count.get(startOfDay()) as number,
        week: count.get(from) as number,
        answeredRate: rate,
        medianLatencyMs: l.length ? l[Math.floor(l.length / 2)]! : null,
        top: top.all(from, 5) as { question: string; count: number }[],
        feedback: votes.get(from) as { up: number; down: number },
      };
    },
    unanswered(days = 30, limit = 10): UnansweredQuestion[] {
      const from = since(days);
      return unanswered.all(from, from, limit) as UnansweredQuestion[];
    },
  };
}
