import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db/client";
import { installJobQueue } from "@/db/job-queue";
import { withTenant } from "@/db/tenant";
import { spawnWorker } from "@/server/cli/worker-process";
import { enqueueAnyQueue, enqueueInTransaction } from "@/server/jobs/enqueue";
import { healthResponse } from "@/server/services/health";
import { createMsp, ownerSql, type TestMsp } from "@/server/test/fixtures";
import type { JobDefinitions } from "./job-types";
import { schedules } from "./schedules";
import { startWorker, type RunningWorker } from "./worker";

/** This file's own queues, created by the owner as `npm run db:migrate` creates Standby's. */
const queues = {
  test_commit: { retryLimit: 0 },
  test_once: { retryLimit: 0 },
  test_tenant: { retryLimit: 0 },
  test_graceful: { retryLimit: 1, retryDelay: 0 },
  test_cron: { retryLimit: 0 },
  // A worker that vanishes mid-job loses the job after 2 s; a live worker then retries it.
  test_killed: { retryLimit: 2, retryDelay: 0, expireInSeconds: 2 },
};

let mspA: TestMsp;
let mspB: TestMsp;
const running: RunningWorker[] = [];
/** Jobs that hold on until the file's end (a stopped worker still waits for them). */
const held: (() => void)[] = [];
const holdOn = () => new Promise<void>((resolve) => held.push(resolve));

async function worker(jobs: JobDefinitions, extra: { maintenanceIntervalSeconds?: number } = {}) {
  const started = await startWorker({
    jobs,
    schedules: null,
    pollingIntervalSeconds: 0.5,
    log: () => {},
    ...extra,
  });
  running.push(started);
  return started;
}

async function jobStates(queue: string, marker: string) {
  return (
    await ownerSql()<{ state: string }[]>`
      select state from pgboss.job where name = ${queue} and data->>'marker' = ${marker}`
  ).map((row) => row.state);
}

const until = (what: () => Promise<boolean> | boolean, timeout = 10_000) =>
  expect.poll(what, { timeout, interval: 100 }).toBe(true);

beforeAll(async () => {
  await installJobQueue(process.env.DATABASE_URL!, queues);
  [mspA, mspB] = await Promise.all([createMsp("Jobs A"), createMsp("Jobs B")]);
});

afterAll(async () => {
  for (const release of held) release();
  await Promise.all(running.map((started) => started.stop({ timeoutMs: 1_000 })));
});

describe("enqueueing in the change's transaction", () => {
  test("a rolled-back transaction enqueues nothing; a committed one is processed by a worker", async () => {
    const seen: string[] = [];
    await worker({
      test_commit: {
        kind: "system",
        async run(payload) {
          seen.push(String(payload.marker));
        },
      },
    });
    const [kept, undone] = [randomUUID(), randomUUID()];
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueAnyQueue(tx, "test_commit", { marker: undone });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const id = await getDb().transaction((tx) =>
      enqueueAnyQueue(tx, "test_commit", { marker: kept }),
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await until(() => seen.includes(kept));
    await until(async () => (await jobStates("test_commit", kept)).join() === "completed");
    expect(await jobStates("test_commit", undone)).toEqual([]);
    expect(seen).not.toContain(undone);
  });

  test("payloads carry ids only, and only Standby's queues are open to services", async () => {
    await expect(
      getDb().transaction((tx) => enqueueAnyQueue(tx, "test_commit", { patient: "Jane Doe" })),
    ).rejects.toThrow(/not text/);
    await expect(
      getDb().transaction((tx) => enqueueInTransaction(tx, "nonsense" as never, {})),
    ).rejects.toThrow(/no job queue "nonsense"/);
  });
});

describe("several workers", () => {
  test("two workers take 30 jobs between them and run each exactly once", async () => {
    const runs = new Map<string, string[]>();
    const definitions = (name: string): JobDefinitions => ({
      test_once: {
        kind: "system",
        async run(payload) {
          const marker = String(payload.marker);
          runs.set(marker, [...(runs.get(marker) ?? []), name]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      },
    });
    await Promise.all([worker(definitions("first")), worker(definitions("second"))]);
    const markers = Array.from({ length: 30 }, () => randomUUID());
    await getDb().transaction(async (tx) => {
      for (const marker of markers) await enqueueAnyQueue(tx, "test_once", { marker });
    });
    await until(() => markers.every((marker) => runs.has(marker)), 20_000);
    // A moment for a second run, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(markers.map((marker) => runs.get(marker)!.length)).toEqual(markers.map(() => 1));
  });

  test("a worker killed mid-job (SIGKILL): the job is done by a worker started afterwards", async () => {
    const marker = randomUUID();
    const child = spawnWorker({
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
      script: "server/test/worker-child.ts",
      args: ["test_killed"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await until(() => output.includes("ready"), 15_000);
      await getDb().transaction((tx) => enqueueAnyQueue(tx, "test_killed", { marker }));
      await until(() => output.includes(`started ${marker}`));
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    expect(await jobStates("test_killed", marker)).toEqual(["active"]);

    const done: string[] = [];
    await worker(
      {
        test_killed: {
          kind: "system",
          async run(payload) {
            done.push(String(payload.marker));
          },
        },
      },
      { maintenanceIntervalSeconds: 1 },
    );
    await until(() => done.includes(marker), 15_000);
    expect(done.filter((each) => each === marker)).toHaveLength(1);
    await until(async () => (await jobStates("test_killed", marker)).join() === "completed");
  }, 30_000);

  test("stopping a worker lets a short job finish and gives a long one back for a retry", async () => {
    const [short, long] = [randomUUID(), randomUUID()];
    const started: string[] = [];
    const stopping = await worker({
      test_graceful: {
        kind: "system",
        async run(payload) {
          started.push(String(payload.marker));
          await (payload.marker === short
            ? new Promise((resolve) => setTimeout(resolve, 300))
            : holdOn());
        },
      },
    });
    await getDb().transaction((tx) => enqueueAnyQueue(tx, "test_graceful", { marker: short }));
    await until(() => started.includes(short));
    await stopping.stop({ timeoutMs: 5_000 });
    expect(await jobStates("test_graceful", short)).toEqual(["completed"]);

    const holding = await worker({
      test_graceful: {
        kind: "system",
        async run(payload) {
          started.push(String(payload.marker));
          await holdOn();
        },
      },
    });
    await getDb().transaction((tx) => enqueueAnyQueue(tx, "test_graceful", { marker: long }));
    await until(() => started.includes(long));
    await holding.stop({ timeoutMs: 1_000 });
    // Given back: waiting for a retry, not lost and not left "active" until it expires.
    expect(await jobStates("test_graceful", long)).toEqual(["retry"]);
  });
});

describe("tenant jobs", () => {
  test("run as the app role with the job's MSP set: row-level security hides every other MSP", async () => {
    const seen: { role: string; practices: string[]; other: number }[] = [];
    await worker({
      test_tenant: {
        kind: "tenant",
        async run(ctx, payload) {
          const [who] = await ctx.tx.execute<{ role: string }>(sql`select current_user as role`);
          const practices = await ctx.tx.execute<{ id: string }>(sql`select id from practices`);
          // Asking for MSP B's practice by its id, as a job for MSP A.
          const other = await ctx.tx.execute(
            sql`select id from practices where id = ${String(payload.otherPracticeId)}`,
          );
          seen.push({
            role: who!.role,
            practices: practices.map((row) => row.id).sort(),
            other: other.length,
          });
        },
      },
    });
    // Enqueued as a service would: inside a request's tenant transaction.
    await withTenant(
      { mspId: mspA.id, userId: mspA.technician.id, role: "technician", practiceIds: "*" },
      (tx) =>
        enqueueAnyQueue(tx, "test_tenant", {
          mspId: mspA.id,
          otherPracticeId: mspB.practices[0].id,
        }),
    );
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual({
      role: "standby_app",
      practices: mspA.practices.map((practice) => practice.id).sort(),
      other: 0,
    });
  });
});

describe("/api/health and the workers", () => {
  test("200 with a worker seen just now; 503 saying so in words when none was seen for 2 minutes", async () => {
    await worker({}); // writes its heartbeat when it starts
    const fresh = await healthResponse();
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      worker: { ok: true, lastHeartbeatSecondsAgo: expect.any(Number) },
    });

    // Three minutes on (the clock injected): every heartbeat, this run's included, is too old.
    const [database] = await ownerSql()<{ ms: number }[]>`
      select (extract(epoch from now()) * 1000)::float8 as ms`;
    const later = await healthResponse(new Date(database!.ms + 3 * 60_000));
    expect(later.status).toBe(503);
    const body = (await later.json()) as { status: string; database: unknown; worker: unknown };
    expect(body).toMatchObject({
      status: "degraded",
      database: { ok: true },
      worker: { ok: false, lastHeartbeatSecondsAgo: expect.any(Number) },
    });
    expect(JSON.stringify(body.worker)).toMatch(
      /No worker has been seen for 3 minutes.*background jobs are not running/,
    );
  });
});

describe("the schedule", () => {
  test("a schedule fires once per slot with two workers checking it", async () => {
    // Clear of a minute's end, so the few seconds below hold one slot (a second slot may not start).
    const second = new Date().getUTCSeconds();
    if (second >= 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1_000));
    const runs: string[] = [];
    const everyMinute = [
      { queue: "test_cron" as never, cron: "* * * * *", timezone: "UTC", what: "a test" },
    ];
    const definitions = (name: string): JobDefinitions => ({
      test_cron: {
        kind: "system",
        async run() {
          runs.push(name);
        },
      },
    });
    const started = await Promise.all(
      ["first", "second"].map(async (name) => {
        const each = await startWorker({
          jobs: definitions(name),
          schedules: everyMinute,
          scheduleCheckSeconds: 1,
          pollingIntervalSeconds: 0.5,
          log: () => {},
        });
        running.push(each);
        return each;
      }),
    );
    await until(() => runs.length > 0);
    // Both workers look at the schedule every second; the slot's job must still be the only one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(runs).toHaveLength(1);
    await Promise.all(started.map((each) => each.stop({ timeoutMs: 1_000 })));
  });

  test("a starting worker writes every listed schedule once and removes ones no longer listed", async () => {
    const owner = ownerSql();
    await owner`insert into pgboss.schedule (name, cron, timezone) values ('test_commit', '* * * * *', 'UTC')
                on conflict (name) do nothing`;
    const started = await startWorker({ jobs: {}, log: () => {} });
    running.push(started);
    const rows = await owner<{ name: string; cron: string; timezone: string }[]>`
      select name, cron, timezone from pgboss.schedule order by name`;
    expect(rows).toEqual(
      schedules.map((schedule) => ({
        name: schedule.queue,
        cron: schedule.cron,
        timezone: schedule.timezone,
      })),
    );
  });
});
