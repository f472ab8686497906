import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * Housekeeping until a background worker takes it over: every app server process calls the database
 * function standby_housekeeping() (migration 0031) when it starts and then every 15 minutes. The
 * function decides what has served its purpose (idempotency keys after a day, sessions signed in
 * more than 30 days ago, sign-in counters after a day) and, when several servers call at once, only
 * one of them does the work. Calling it more often is harmless; missing a run only delays it.
 */
export const HOUSEKEEPING_EVERY_MS = 15 * 60_000;

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

// Kept on globalThis so a dev-server reload does not start a second timer.
const state = globalThis as unknown as {
  standbyHousekeeping?: { timer: NodeJS.Timeout; run: Promise<void> };
};

async function runAndReport() {
  try {
    const result = await runHousekeeping();
    if (result.idempotentActions + result.sessions + result.signInAttempts > 0) {
      console.log(
        `Housekeeping: deleted ${result.idempotentActions} idempotency keys, ${result.sessions} ended sessions, ${result.signInAttempts} sign-in counters.`,
      );
    }
  } catch (error) {
    // The database may be unreachable for a while: the next run tries again.
    console.warn(
      `Housekeeping did not run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Starts the schedule once per process: a run now, then one every `everyMs`. Returns the first run. */
export function startHousekeeping(everyMs = HOUSEKEEPING_EVERY_MS): Promise<void> {
  if (!state.standbyHousekeeping) {
    const timer = setInterval(() => void runAndReport(), everyMs);
    timer.unref(); // never keeps a process alive that is otherwise done
    state.standbyHousekeeping = { timer, run: runAndReport() };
  }
  return state.standbyHousekeeping.run;
}

export function stopHousekeeping() {
  clearInterval(state.standbyHousekeeping?.timer);
  state.standbyHousekeeping = undefined;
}
