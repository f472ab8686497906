import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export async function checkDatabase(): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 3 s")), 3_000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error && error.message.includes("timed out") ? "timed out" : "unreachable" };
  }
}
