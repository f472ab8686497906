import "server-only";
import type { JobQueueName } from "@/db/job-queue";
import { runHousekeeping } from "@/server/housekeeping";
import { deliverNotification } from "@/server/services/notifications/deliver";
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
  // Not "tenant": an attempt claims, sends and records in transactions of its own (none stays open
  // over the network), each as the MSP the payload names, with row-level security (role "system").
  "notification-delivery": {
    kind: "system",
    async run({ mspId, deliveryId }) {
      await deliverNotification(String(mspId), String(deliveryId));
    },
  },
};
