import "server-only";
import type { JobQueueName } from "@/db/job-queue";
import { runHousekeeping } from "@/server/housekeeping";
import type { JobDefinition } from "./job-types";

/** What each of Standby's queues (db/job-queue.ts) does. Recurring ones are in ./schedules.ts. */
export const jobs: Readonly<Record<JobQueueName, JobDefinition>> = {
  housekeeping: {
    kind: "system",
    async run() {
      const result = await runHousekeeping();
      if (result.idempotentActions + result.sessions + result.signInAttempts > 0)
        console.log(
          `Housekeeping: deleted ${result.idempotentActions} idempotency keys, ${result.sessions} ended sessions, ${result.signInAttempts} sign-in counters.`,
        );
    },
  },
};
