import "server-only";
import type { JobQueueName } from "@/db/job-queue";
import { runHousekeeping } from "@/server/housekeeping";
import { enqueueMaintenanceClocks } from "@/server/services/maintenance/scan";
import { runMaintenanceClock } from "@/server/services/maintenance/windows";
import { deliverNotification } from "@/server/services/notifications/deliver";
import { recordDailyDigests } from "@/server/services/notifications/digest";
import {
  fanOutToMsps,
  recordDueWork,
  recordOutageTimers,
} from "@/server/services/notifications/due-events";
import {
  continueReminders,
  enqueueAutoContinuation,
} from "@/server/services/outreach/auto-continue";
import { enqueueDueSending, sendDueMessages } from "@/server/services/outreach/sending";
import { rollUpMonitorResults } from "@/server/services/monitors/rollups";
import { purgeScheduleCopies } from "@/server/services/schedule/purge";
import { enqueueDueSyncs, runScheduleSync } from "@/server/services/schedule/sync";
import { describeFhirSyncError, readFhirSchedule } from "@/server/services/schedule/fhir-reader";
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
  // The due-event checks: a system job lists the MSPs (standby_msps_to_scan) and enqueues one tenant
  // job per MSP, which reads that MSP's records as role "system" and records the events. The moment
  // checked travels in the payload (`at`), so a retried job checks the same moment.
  // Planned maintenance (server/services/maintenance): a system job lists the MSPs with a window
  // scheduled or in progress (standby_maintenance_msps) and enqueues one tenant job each, which moves
  // the windows as role "system" (row-level security lets it run planned incidents only).
  "maintenance-scan": {
    kind: "system",
    async run() {
      await enqueueMaintenanceClocks(new Date());
    },
  },
  "maintenance-clock": {
    kind: "tenant",
    async run(ctx, { at }) {
      await runMaintenanceClock(ctx, checkedAt(at));
    },
  },
  "outage-timers-scan": {
    kind: "system",
    async run() {
      await fanOutToMsps("outage-timers", new Date(), { onlyOpenIncidents: true });
    },
  },
  "outage-timers": {
    kind: "tenant",
    async run(ctx, { at }) {
      await recordOutageTimers(ctx, checkedAt(at));
    },
  },
  "due-work-scan": {
    kind: "system",
    async run() {
      await fanOutToMsps("due-work", new Date(), { onlyOpenIncidents: false });
    },
  },
  "due-work": {
    kind: "tenant",
    async run(ctx, { at }) {
      await recordDueWork(ctx, checkedAt(at));
    },
  },
  // Each member's daily digest of due work, one MSP per job (server/services/notifications/digest.ts).
  "daily-digest-scan": {
    kind: "system",
    async run() {
      await fanOutToMsps("daily-digest", new Date(), { onlyOpenIncidents: false });
    },
  },
  "daily-digest": {
    kind: "tenant",
    async run(ctx, { at }) {
      await recordDailyDigests(ctx, checkedAt(at));
    },
  },
  // The schedule copy (server/services/schedule): each sync reads the EHR with no transaction open,
  // then stores the whole copy in one (role "system", which the copy's policies admit for this).
  "schedule-sync-scan": {
    kind: "system",
    async run() {
      await enqueueDueSyncs(new Date());
    },
  },
  "schedule-sync": {
    kind: "system",
    async run({ mspId, connectionId }) {
      const outcome = await runScheduleSync(
        String(mspId),
        String(connectionId),
        readFhirSchedule,
        describeFhirSyncError,
      );
      if (outcome.status === "failed")
        console.warn(
          `Schedule sync of connection ${String(connectionId)} failed: ${outcome.error.message}`,
        );
    },
  },
  "schedule-purge-scan": {
    kind: "system",
    async run() {
      await fanOutToMsps("schedule-purge", new Date(), { onlyOpenIncidents: false });
    },
  },
  // Patient outreach (server/services/outreach/sending.ts): the scan finds practices with messages due
  // (standby_outreach_due) and asks for one sending job each; a job claims, sends and records in
  // transactions of its own (none open over the network), as the MSP's role "system".
  "outreach-send-scan": {
    kind: "system",
    async run() {
      await enqueueDueSending(new Date());
    },
  },
  "outreach-send": {
    kind: "system",
    async run({ mspId, practiceId }) {
      await sendDueMessages(String(mspId), String(practiceId));
    },
  },
  // Automatic continuation: reminders while a practice's EHR is down (a practice setting).
  "outreach-auto-scan": {
    kind: "system",
    async run() {
      await enqueueAutoContinuation(new Date());
    },
  },
  "outreach-auto": {
    kind: "tenant",
    async run(ctx, { at }) {
      await continueReminders(ctx, checkedAt(at));
    },
  },
  // Monitor results (server/services/monitors/rollups.ts): hourly rollups and retention, one MSP per job.
  "monitor-rollup-scan": {
    kind: "system",
    async run() {
      await fanOutToMsps("monitor-rollup", new Date(), { onlyOpenIncidents: false });
    },
  },
  "monitor-rollup": {
    kind: "tenant",
    async run(ctx, { at }) {
      await rollUpMonitorResults(ctx, checkedAt(at));
    },
  },
  "schedule-purge": {
    kind: "tenant",
    async run(ctx, { at }) {
      await purgeScheduleCopies(ctx, checkedAt(at));
    },
  },
};

function checkedAt(at: unknown): Date {
  const date = typeof at === "string" ? new Date(at) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
}
