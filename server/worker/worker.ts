import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { getDb } from "@/db/client";
import { appDatabaseUrl } from "@/db/config";
import { JOB_QUEUE_SCHEMA } from "@/db/job-queue";
import { withTenant } from "@/db/tenant";
import { jobPayloadProblem, type JobPayload } from "@/server/domain/job-payload";
import { loggableError } from "@/server/domain/loggable-error";
import type { JobDefinition, JobDefinitions } from "./job-types";
import {
  claimDueChecks,
  readClaimedMonitors,
  runClaimedCheck,
} from "@/server/services/monitors/tick";
import { jobs as standbyJobs } from "./jobs";
import { schedules as standbySchedules, type Schedule } from "./schedules";

/** How often a running worker says so (worker_heartbeats); /api/health wants one within 2 minutes. */
export const HEARTBEAT_EVERY_MS = 15_000;

export type WorkerOptions = {
  /** The app role's connection (default: APP_DATABASE_URL, as the app servers use). */
  databaseUrl?: string;
  jobs?: JobDefinitions;
  /** The recurring jobs to keep in pg-boss's schedule table; null leaves the table alone. */
  schedules?: readonly Schedule[] | null;
  /** Jobs of one queue a worker runs at once (default 5). */
  concurrency?: number;
  /** How often each queue is asked for work when it was empty. */
  pollingIntervalSeconds?: number;
  heartbeatEveryMs?: number;
  /** How often the schedules are looked at (by one worker at a time); tests shorten it. */
  scheduleCheckSeconds?: number;
  /** How often one of the workers fails jobs whose worker vanished (past their expiry), for retry. */
  maintenanceIntervalSeconds?: number;
  log?: (message: string) => void;
  /**
   * How often this worker claims due monitor checks (server/services/monitors/tick.ts); null: never.
   * Every worker ticks: the claim's row locks give each check to one of them.
   */
  monitorTickMs?: number | null;
  /** Monitor checks this worker runs at once, at most. */
  monitorConcurrency?: number;
};

export type RunningWorker = {
  id: string;
  /**
   * Stops taking jobs, waits up to `timeoutMs` for the ones running to finish, then gives the rest
   * back as failed (each is retried by another worker, within its queue's retry limit).
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A worker: takes jobs from every queue in `jobs` (FOR UPDATE SKIP LOCKED, so each job goes to one
 * worker however many run), keeps the schedules, and writes a heartbeat. Runs as the app role; tenant
 * jobs run with their tenant set. Any number may run, on any number of machines.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const id = randomUUID();
  const log = options.log ?? ((message: string) => console.log(message));
  const definitions = options.jobs ?? standbyJobs;
  const boss = new PgBoss({
    connectionString: options.databaseUrl ?? appDatabaseUrl(),
    schema: JOB_QUEUE_SCHEMA,
    application_name: "standby-worker",
    max: 4,
    // The owner installs and upgrades the queue's tables (db/job-queue.ts); the app role only checks them.
    migrate: false,
    supervise: true,
    schedule: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    cronMonitorIntervalSeconds: options.scheduleCheckSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(options.scheduleCheckSeconds ?? 5, 5),
  });
  let lastError = "";
  boss.on("error", (error: Error) => {
    // The database may be restarting: pg-boss retries by itself. Say so once per distinct error.
    if (error.message !== lastError) log(`Worker: ${error.message}`);
    lastError = error.message;
  });

  await boss.start();
  if (options.schedules !== null) await keepSchedules(boss, options.schedules ?? standbySchedules);
  for (const [queue, definition] of Object.entries(definitions)) {
    let workerId = "";
    workerId = await boss.work<JobPayload>(
      queue,
      {
        batchSize: options.concurrency ?? 5,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      async (batch) => {
        // Each job of the batch on its own: one that fails is failed alone (and retried within its
        // queue's limit); pg-boss then completes the others.
        await Promise.all(
          batch.map((job) =>
            runJob(queue, definition, job.data).catch((error: unknown) => {
              log(`Job ${queue} ${job.id} failed: ${JSON.stringify(loggableError(error))}`);
              return boss.fail(queue, job.id, loggableError(error));
            }),
          ),
        );
        // Work was waiting: ask again at once rather than after the polling interval.
        boss.notifyWorker(workerId);
      },
    );
  }

  const beat = () =>
    heartbeat(id).then(
      () => undefined,
      (error: unknown) =>
        log(`Worker heartbeat failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  await beat();
  const timer = setInterval(() => void beat(), options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS);

  const monitorTicker =
    options.monitorTickMs === null
      ? null
      : startMonitorTicker(options.monitorTickMs ?? 500, options.monitorConcurrency ?? 50, log);

  let stopping: Promise<void> | null = null;
  return {
    id,
    stop({ timeoutMs = 25_000 } = {}) {
      stopping ??= (async () => {
        clearInterval(timer);
        await monitorTicker?.stop();
        await boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: true });
      })();
      return stopping;
    },
  };
}

/** Runs one job as its definition says: tenant jobs inside their tenant, as the app role. */
export async function runJob(queue: string, definition: JobDefinition, data: unknown) {
  const problem = jobPayloadProblem(data);
  if (problem) throw new Error(`Job ${queue}: ${problem}`);
  const payload = data as JobPayload;
  if (definition.kind === "system") return definition.run(payload);
  const mspId = payload.mspId;
  if (typeof mspId !== "string" || !UUID.test(mspId))
    throw new Error(`Job ${queue} names no MSP (mspId), so it cannot run as a tenant.`);
  await withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    definition.run(
      { tx, mspId, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
      { ...payload, mspId },
    ),
  );
}

/**
 * Claims due monitor checks every `everyMs` and runs them, at most `concurrency` at once (a tick
 * claims only what there is room for; the rest stays due for the next tick or another worker).
 */
function startMonitorTicker(everyMs: number, concurrency: number, log: (message: string) => void) {
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let lastError = "";
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const room = concurrency - running.size;
    if (room > 0) {
      try {
        const now = new Date();
        const claims = await claimDueChecks(now, room);
        // The claimed monitors in one read (per MSP), not one transaction per check.
        const read = await readClaimedMonitors(claims);
        for (const claim of claims) {
          const check: Promise<unknown> = runClaimedCheck(
            claim,
            now,
            undefined,
            read.get(claim.monitorId) ?? null,
          )
            .catch((error: unknown) =>
              log(
                `Monitor check ${claim.monitorId} failed: ${JSON.stringify(loggableError(error))}`,
              ),
            )
            .finally(() => running.delete(check));
          running.add(check);
        }
        lastError = "";
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) log(`Monitor ticker: ${message}`);
        lastError = message;
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

async function heartbeat(id: string) {
  await getDb().execute(sql`
    with gone as (delete from worker_heartbeats where seen_at < now() - interval '1 day')
    insert into worker_heartbeats (id, hostname, pid) values (${id}, ${hostname()}, ${process.pid})
    on conflict (id) do update set seen_at = now()`);
}

/**
 * Writes the schedules into pg-boss (an upsert of each: several workers starting at once write the
 * same rows) and removes schedules no longer listed. A listed schedule is never removed and added
 * again, which could fire it twice.
 */
async function keepSchedules(boss: PgBoss, schedules: readonly Schedule[]) {
  for (const schedule of schedules)
    await boss.schedule(schedule.queue, schedule.cron, {}, { tz: schedule.timezone });
  const listed = new Set<string>(schedules.map((schedule) => schedule.queue));
  for (const existing of await boss.getSchedules())
    if (!listed.has(existing.name)) await boss.unschedule(existing.name);
}
