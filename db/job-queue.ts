import PgBoss from "pg-boss";
import postgres from "postgres";
import { APP_ROLE } from "./config";

/**
 * The job queue's tables: pg-boss's schema `pgboss` in Standby's database, owned (like every table)
 * by the owner, who installs and upgrades it when the migrations run (`migrateDatabase`). The app
 * role, which the web servers and the workers use, may put jobs in, take them out and keep the
 * schedules, but not change the tables: pg-boss keeps one partition per queue, and creating one is
 * DDL, so every queue is created here, by the owner, from this list.
 *
 * The queue's rows are not tenant data: a job's payload carries ids only (server/domain/job-payload.ts
 * refuses anything else), and the worker reads what a job is about through row-level security, as
 * the tenant the job names (runJob in server/worker/worker.ts).
 */
export const JOB_QUEUE_SCHEMA = "pgboss";

/** pg-boss's own queue for cron schedules (timekeeper.js); it cannot create it as the app role. */
const CRON_QUEUE = "__pgboss__send-it";

type QueueOptions = Omit<PgBoss.Queue, "name">;

/**
 * Every queue Standby has. A new kind of job adds its queue here (and its handler in
 * server/worker/jobs.ts); the next `npm start` / `npm run db:migrate` creates it.
 */
export const JOB_QUEUES = {
  /** standby_housekeeping(): expired idempotency keys, old sessions and sign-in counters. */
  housekeeping: { retryLimit: 2, retryDelay: 60, expireInSeconds: 5 * 60 },
  /**
   * One attempt at one notification delivery. The delivery's own retries (backoff, Retry-After, 24
   * hours) are new jobs with a start time (server/services/notifications/deliver.ts); pg-boss's
   * retries only cover a worker that died mid-attempt (the job expires and runs again).
   */
  "notification-delivery": { retryLimit: 5, retryDelay: 30, expireInSeconds: 90 },
  /** Every minute: enqueues an outage-timers job for each MSP with an open incident. */
  "outage-timers-scan": { retryLimit: 1, retryDelay: 10, expireInSeconds: 60 },
  /** One MSP's open incidents: next update overdue, time to call the vendor again. */
  "outage-timers": { retryLimit: 2, retryDelay: 15, expireInSeconds: 120 },
  /** Hourly: enqueues a due-work job for each MSP. */
  "due-work-scan": { retryLimit: 2, retryDelay: 60, expireInSeconds: 5 * 60 },
  /** One MSP's due work: restore tests, reviews, plan review dates, risk acceptances, packet, vendors. */
  "due-work": { retryLimit: 2, retryDelay: 120, expireInSeconds: 15 * 60 },
  /** Hourly: enqueues a daily-digest job for each MSP. */
  "daily-digest-scan": { retryLimit: 2, retryDelay: 60, expireInSeconds: 5 * 60 },
  /** One MSP's members' daily digests (each at their own hour and time zone, once a day). */
  "daily-digest": { retryLimit: 2, retryDelay: 120, expireInSeconds: 15 * 60 },
  /** Every minute: enqueues a schedule-sync job for each FHIR connection that is due. */
  "schedule-sync-scan": { retryLimit: 1, retryDelay: 10, expireInSeconds: 60 },
  /**
   * One read of one practice's schedule from its EHR. Not retried by the queue: a failed sync is
   * recorded on the connection and the next one comes at its interval.
   */
  "schedule-sync": { retryLimit: 0, expireInSeconds: 10 * 60 },
  /** Hourly: enqueues a schedule-purge job for each MSP. */
  "schedule-purge-scan": { retryLimit: 2, retryDelay: 60, expireInSeconds: 5 * 60 },
  /** One MSP's schedule copies: delete what is past each practice's retention. */
  "schedule-purge": { retryLimit: 2, retryDelay: 120, expireInSeconds: 15 * 60 },
  /** Every minute: enqueues an outreach-send job for each practice with patient messages due. */
  "outreach-send-scan": { retryLimit: 1, retryDelay: 10, expireInSeconds: 60 },
  /**
   * One practice's due patient messages, sent at its pace for up to a minute. "stately": one job
   * sending and one waiting per practice (the singletonKey is the practice), however often it is
   * asked for. A worker that dies mid-job: the job runs again; each message is still sent at most
   * once (server/services/outreach/sending.ts).
   */
  "outreach-send": {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 2 * 60,
  },
  /** Hourly: enqueues a monitor-rollup job for each MSP. */
  "monitor-rollup-scan": { retryLimit: 2, retryDelay: 60, expireInSeconds: 5 * 60 },
  /** One MSP's monitor results: the last hours summed into rollups; results past 30 days and rollups past two years deleted. */
  "monitor-rollup": { retryLimit: 2, retryDelay: 120, expireInSeconds: 15 * 60 },
  /** Every 15 minutes: enqueues an outreach-auto job for each MSP whose practices continue reminders by themselves. */
  "outreach-auto-scan": { retryLimit: 1, retryDelay: 30, expireInSeconds: 5 * 60 },
  /** One MSP's automatic reminders during its practices' EHR outages, and their stop once an outage is over. */
  "outreach-auto": { retryLimit: 2, retryDelay: 60, expireInSeconds: 10 * 60 },
  /** Every minute: enqueues a maintenance-clock job for each MSP with a window scheduled or in progress. */
  "maintenance-scan": { retryLimit: 1, retryDelay: 10, expireInSeconds: 60 },
  /** One MSP's maintenance windows: start and end them on time, reminders, overdue prep items. */
  "maintenance-clock": { retryLimit: 2, retryDelay: 15, expireInSeconds: 120 },
} satisfies Record<string, QueueOptions>;

export type JobQueueName = keyof typeof JOB_QUEUES;

/** What the app role may do in the queue's schema: use the tables, never change them. */
const APP_ROLE_GRANTS = `
  GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ${JOB_QUEUE_SCHEMA}.job, ${JOB_QUEUE_SCHEMA}.archive TO ${APP_ROLE};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ${JOB_QUEUE_SCHEMA}.schedule TO ${APP_ROLE};
  GRANT SELECT ON ${JOB_QUEUE_SCHEMA}.queue, ${JOB_QUEUE_SCHEMA}.subscription TO ${APP_ROLE};
  GRANT SELECT, UPDATE ON ${JOB_QUEUE_SCHEMA}.version TO ${APP_ROLE};
  REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${JOB_QUEUE_SCHEMA} FROM PUBLIC;
`;

/**
 * Installs or upgrades pg-boss's schema, creates (and updates) the queues, and grants the app role
 * its rights. Run as the owner; safe to repeat. `extraQueues` is for tests' own queues.
 */
export async function installJobQueue(
  ownerUrl: string,
  extraQueues: Record<string, QueueOptions> = {},
): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const boss = new PgBoss({
    db: {
      // pg-boss's install and upgrade are one multi-statement script without parameters.
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: values.length
          ? await client.unsafe(text, values.map(toParameter) as never[])
          : await client.unsafe(text).simple(),
      }),
    },
    schema: JOB_QUEUE_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  try {
    await boss.start();
    for (const [name, options] of Object.entries({ ...JOB_QUEUES, ...extraQueues })) {
      await boss.createQueue(name, { name, ...options });
      await boss.updateQueue(name, { name, ...options });
    }
    await boss.createQueue(CRON_QUEUE);
    await client.unsafe(APP_ROLE_GRANTS).simple();
    await boss.stop({ graceful: false, close: false });
  } finally {
    await client.end();
  }
}

/** A value as pg-boss's SQL expects it, for postgres.js: JSON as text, undefined as NULL. */
export function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date))
    return JSON.stringify(value);
  return value;
}
