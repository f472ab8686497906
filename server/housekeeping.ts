import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * The database function standby_housekeeping() (migration 0031), called by the worker's
 * `housekeeping` job every 15 minutes (server/worker/schedules.ts). The function decides what has
 * served its purpose (idempotency keys after a day, sessions signed in more than 30 days ago,
 * sign-in counters after a day) and, when two calls overlap, only one of them does the work. Calling
 * it more often is harmless; missing a run only delays it.
 */
export type HousekeepingResult = {
  idempotentActions: number;
  sessions: number;
  signInAttempts: number;
};

export async function runHousekeeping(): Promise<HousekeepingResult> {
  const [row] = await getDb().execute<{
    idempotent_actions_deleted: string;
    sessions_deleted: string;
    sign_in_attempts_deleted: string;
  }>(sql`select * from standby_housekeeping()`);
  return {
    idempotentActions: Number(row?.idempotent_actions_deleted ?? 0),
    sessions: Number(row?.sessions_deleted ?? 0),
    signInAttempts: Number(row?.sign_in_attempts_deleted ?? 0),
  };
}
