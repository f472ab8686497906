import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, IDLE_IN_TRANSACTION_TIMEOUT_MS, STATEMENT_TIMEOUT_MS } from "@/db/client";
import { runHousekeeping } from "@/server/housekeeping";
import { jobs } from "@/server/worker/jobs";
import { schedules } from "@/server/worker/schedules";
import { runJob } from "@/server/worker/worker";
import { asTenant, createMsp, ownerSql, unique, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;

beforeAll(async () => {
  msp = await createMsp("Housekeeping");
});

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000).toISOString();

/** One row of each kind just past its retention and one just inside it; returns their keys. */
async function plantRows() {
  const user = msp.technician;
  const actions = { old: randomUUID(), fresh: randomUUID() };
  const sessions = { old: randomUUID(), revokedRecently: randomUUID(), fresh: randomUUID() };
  const attempts = {
    old: unique("old-"),
    oldButBlocked: unique("blocked-"),
    fresh: unique("fresh-"),
  };
  await asTenant(msp.id, async (tx) => {
    await tx.execute(sql`
      insert into idempotent_actions (msp_id, user_id, key, action, created_at) values
        (${msp.id}, ${user.id}, ${actions.old}, 'test', ${daysAgo(1.1)}), (${msp.id}, ${user.id}, ${actions.fresh}, 'test', ${daysAgo(0.9)})`);
    await tx.execute(sql`
      insert into sessions (id, msp_id, user_id, created_at, last_seen_at, revoked_at) values
        (${sessions.old}, ${msp.id}, ${user.id}, ${daysAgo(31)}, ${daysAgo(31)}, null),
        (${sessions.revokedRecently}, ${msp.id}, ${user.id}, ${daysAgo(29)}, ${daysAgo(29)}, ${daysAgo(1)}),
        (${sessions.fresh}, ${msp.id}, ${user.id}, ${daysAgo(0.1)}, ${daysAgo(0.1)}, null)`);
  });
  await ownerSql()`
    insert into sign_in_attempts (key_hash, failures, window_started_at, blocked_until) values
      (${attempts.old}, 3, ${daysAgo(1.1)}, ${daysAgo(1.09)}),
      (${attempts.oldButBlocked}, 0, ${daysAgo(1.1)}, ${new Date(Date.now() + 60_000).toISOString()}),
      (${attempts.fresh}, 3, ${daysAgo(0.9)}, null)`;
  return { actions, sessions, attempts };
}

async function remaining(planted: Awaited<ReturnType<typeof plantRows>>) {
  const owner = ownerSql();
  // The owner sees tenant rows only with the tenant set (FORCE), so these reads go through asTenant.
  return asTenant(msp.id, async (tx) => ({
    actions: (
      await tx.execute<{ key: string }>(
        sql`select key from idempotent_actions where key in (${planted.actions.old}, ${planted.actions.fresh})`,
      )
    )
      .map((row) => row.key)
      .sort(),
    sessions: (
      await tx.execute<{ id: string }>(
        sql`select id from sessions where id in (${planted.sessions.old}, ${planted.sessions.revokedRecently}, ${planted.sessions.fresh})`,
      )
    )
      .map((row) => row.id)
      .sort(),
    attempts: (
      await owner<
        { key_hash: string }[]
      >`select key_hash from sign_in_attempts where key_hash in ${owner(Object.values(planted.attempts))}`
    )
      .map((row) => row.key_hash)
      .sort(),
  }));
}

describe("housekeeping", () => {
  test("deletes idempotency keys after a day, sessions signed in over 30 days ago and stale sign-in counters; keeps the rest", async () => {
    const planted = await plantRows();
    const result = await runHousekeeping();
    expect(result.idempotentActions).toBeGreaterThanOrEqual(1);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.signInAttempts).toBeGreaterThanOrEqual(1);
    expect(await remaining(planted)).toEqual({
      actions: [planted.actions.fresh],
      sessions: [planted.sessions.revokedRecently, planted.sessions.fresh].sort(),
      attempts: [planted.attempts.oldButBlocked, planted.attempts.fresh].sort(),
    });
  });

  test("the app role cannot prune anything by itself: only through the function", async () => {
    const planted = await plantRows();
    const refused = await getDb()
      .execute(sql`delete from idempotent_actions where key = ${planted.actions.old}`)
      .then(
        () => "deleted",
        (error: { cause?: { code?: string } }) => error.cause?.code,
      );
    expect(refused).toBe("42501"); // insufficient privilege
    // Without a tenant the app role sees no sessions, so it deletes none.
    const deleted = await getDb().execute(
      sql`delete from sessions where id = ${planted.sessions.old} returning id`,
    );
    expect(deleted).toHaveLength(0);
    await runHousekeeping();
  });

  test("the worker's housekeeping job runs it, every 15 minutes (server/worker/schedules.ts)", async () => {
    const planted = await plantRows();
    await runJob("housekeeping", jobs.housekeeping, {});
    expect((await remaining(planted)).actions).toEqual([planted.actions.fresh]);
    expect(schedules.filter((schedule) => schedule.queue === "housekeeping")).toEqual([
      expect.objectContaining({ cron: "*/15 * * * *" }),
    ]);
  });
});

describe("the app's connections", () => {
  test("carry a statement timeout and an idle-in-transaction timeout, so nothing waits on the database forever", async () => {
    const [settings] = await getDb().execute<{ statement_timeout: string; idle: string }>(
      sql`select current_setting('statement_timeout') as statement_timeout, current_setting('idle_in_transaction_session_timeout') as idle`,
    );
    expect(settings).toEqual({ statement_timeout: "15s", idle: "5min" });
    expect([STATEMENT_TIMEOUT_MS, IDLE_IN_TRANSACTION_TIMEOUT_MS]).toEqual([15_000, 300_000]);
  });
});
