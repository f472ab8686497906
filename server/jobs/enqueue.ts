import "server-only";
import { sql, type SQL } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Transaction } from "@/db/client";
import { JOB_QUEUE_SCHEMA, JOB_QUEUES, toParameter, type JobQueueName } from "@/db/job-queue";
import { jobPayloadProblem, type JobPayload } from "@/server/domain/job-payload";

/** When and how often a job runs; anything else about the job is the queue's (db/job-queue.ts). */
export type EnqueueOptions = {
  /** Not before this moment (or this many seconds from now). */
  startAfter?: Date | number;
  /** At most one waiting job with this key per queue (the queue decides for how long). */
  singletonKey?: string;
  /** With singletonKey: at most one job per key in each window of this many seconds. */
  singletonSeconds?: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubled at each further retry when retryBackoff. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** How long one run may take before it counts as failed (and is retried). */
  expireInSeconds?: number;
  priority?: number;
};

/**
 * pg-boss builds the job's row; the statement runs in the caller's transaction (send's `db` option),
 * so this instance never connects anywhere itself.
 */
const sender = new PgBoss({
  schema: JOB_QUEUE_SCHEMA,
  db: {
    executeSql() {
      throw new Error(
        "Jobs are enqueued through enqueueInTransaction, in the caller's transaction.",
      );
    },
  },
});

/**
 * Puts a job in the queue inside the caller's transaction: if the transaction rolls back, there is
 * no job; once it commits, the job is in the database and a worker will run it, even if this process
 * dies the next moment. Call it from a service, in the same transaction as the change that causes it
 * (`ctx.tx`). The payload carries ids and plain values only (server/domain/job-payload.ts); the job
 * reads everything else itself, as the tenant it names. Returns the job's id, or null when a
 * singletonKey said a job of that key is already waiting.
 */
export async function enqueueInTransaction(
  tx: Transaction,
  queue: JobQueueName,
  payload: JobPayload,
  options: EnqueueOptions = {},
): Promise<string | null> {
  if (!Object.hasOwn(JOB_QUEUES, queue)) throw new Error(`There is no job queue "${queue}".`);
  return enqueueAnyQueue(tx, queue, payload, options);
}

/** enqueueInTransaction without the check that the queue is one of Standby's own (tests' queues). */
export async function enqueueAnyQueue(
  tx: Transaction,
  queue: string,
  payload: JobPayload,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const problem = jobPayloadProblem(payload);
  if (problem) throw new Error(`Job ${queue}: ${problem}`);
  return sender.send(queue, payload, { ...options, db: inTransaction(tx) });
}

/**
 * pg-boss's executeSql over a drizzle transaction: its $1…$n become drizzle's parameters. The text
 * given to sql.raw is pg-boss's own statement, in which only the schema name (the constant
 * JOB_QUEUE_SCHEMA) is written in; the queue's name, the payload and every option arrive as $n
 * values and are sent as parameters, so nothing a person typed is ever part of the SQL text.
 */
function inTransaction(tx: Transaction): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, index) =>
        index % 2 === 0 ? sql.raw(part) : sql`${toParameter(values[Number(part) - 1])}`,
      );
      const rows = await tx.execute(sql.join(chunks));
      return { rows: [...rows] };
    },
  };
}
