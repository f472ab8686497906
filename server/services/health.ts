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

/** No heartbeat from any worker for this long: /api/health answers 503. */
export const WORKER_SILENT_AFTER_SECONDS = 120;

export type WorkerHealth =
  | { ok: true; lastHeartbeatSecondsAgo: number; workers: number }
  | { ok: false; lastHeartbeatSecondsAgo: number | null; workers: 0; error: string };

/**
 * The workers' heartbeats (server/worker/worker.ts): ok when one was seen within 2 minutes. Ages are
 * taken on the database's clock, so servers and workers on other machines need not agree on the time;
 * `now` (tests) stands in for the database's now().
 */
export async function checkWorker(now?: Date): Promise<WorkerHealth> {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const [row] = await getDb().execute<{ age: number | null; live: number }>(sql`
    select extract(epoch from ${at} - max(seen_at))::float8 as age,
           count(*) filter (where seen_at > ${at} - make_interval(secs => ${WORKER_SILENT_AFTER_SECONDS}))::int as live
      from worker_heartbeats`);
  const age = row?.age == null ? null : Math.max(0, Math.round(row.age));
  if (age !== null && row && row.live > 0)
    return { ok: true, lastHeartbeatSecondsAgo: age, workers: row.live };
  return {
    ok: false,
    lastHeartbeatSecondsAgo: age,
    workers: 0,
    error:
      age === null
        ? "No worker has ever run on this database: background jobs (housekeeping, and later notifications) are not running. Start one with `npm run worker`."
        : `No worker has been seen for ${Math.floor(age / 60)} minutes (none in the last 2): background jobs are not running. Start one with \`npm run worker\`.`,
  };
}

export type Health = {
  status: "ok" | "degraded";
  database: Awaited<ReturnType<typeof checkDatabase>>;
  worker?: WorkerHealth;
};

/** What /api/health answers: 200 when the database answers and a worker was seen, 503 otherwise. */
export async function healthResponse(now?: Date): Promise<Response> {
  const database = await checkDatabase();
  const worker = database.ok
    ? await Promise.race([
        checkWorker(now),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 3_000)),
      ]).catch((): WorkerHealth => ({
        ok: false,
        lastHeartbeatSecondsAgo: null,
        workers: 0,
        error: "The workers' heartbeats could not be read.",
      }))
    : undefined;
  const ok = database.ok && worker?.ok === true;
  const body: Health = { status: ok ? "ok" : "degraded", database, ...(worker ? { worker } : {}) };
  return Response.json(body, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
