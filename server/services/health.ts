import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/server/domain/database-unavailable";

const selectOne = () => getDb().execute(sql`select 1`);

export async function checkDatabase(): Promise<{
  ok: boolean;
  latencyMs?: number;
  error?: string;
}> {
  const started = performance.now();
  try {
    await Promise.race([
      // A pooled connection the server has cut is only found dead when used: one more try takes a
      // fresh one, so the check reports on the database rather than on one stale connection.
      selectOne().catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) return selectOne();
        throw error;
      }),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 3 s")), 3_000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      error:
        error instanceof Error && error.message.includes("timed out") ? "timed out" : "unreachable",
    };
  }
}
