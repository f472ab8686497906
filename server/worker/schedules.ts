import "server-only";
import type { JobQueueName } from "@/db/job-queue";

/**
 * Every recurring job of Standby, in this one list (in order of queue name). Each worker writes it into pg-boss's schedule
 * table when it starts (upserting these, removing ones no longer listed); pg-boss then fires each
 * schedule once per minute slot however many workers run (the cron check is taken by one worker at a
 * time and the resulting job is a singleton of that minute).
 *
 * Work that follows each practice's local time (a 7:00 digest in the practice's time zone) is not
 * one cron per practice: it is an hourly schedule here whose job finds the practices where the hour
 * has just come (practices.timezone) and enqueues one job per practice.
 */
export type Schedule = {
  queue: JobQueueName;
  /** Five-field cron, evaluated in `timezone`. */
  cron: string;
  timezone: string;
  what: string;
};

export const schedules: readonly Schedule[] = [
  {
    queue: "daily-digest-scan",
    cron: "12 * * * *",
    timezone: "UTC",
    what: "Each member's daily digest email of due work (those who turned it on): at the hour they chose (07:00 by default) in their own time zone or where most of their practices are, once a day.",
  },
  {
    queue: "due-work-scan",
    cron: "7 * * * *",
    timezone: "UTC",
    what: "Due work of every practice, dates in its time zone: restore tests, reviews, plan review dates, risk acceptances, packets, vendor contacts.",
  },
  {
    queue: "housekeeping",
    cron: "*/15 * * * *",
    timezone: "UTC",
    what: "Delete idempotency keys after a day, sessions signed in 30 days ago, stale sign-in counters.",
  },
  {
    queue: "maintenance-scan",
    cron: "* * * * *",
    timezone: "UTC",
    what: "Planned maintenance windows: start and end them on time (each as a planned incident), send the reminder due (72 h, 24 h, 1 h before by default) and notify prep items past their time — each once.",
  },
  {
    queue: "monitor-rollup-scan",
    cron: "3 * * * *",
    timezone: "UTC",
    what: "Monitor results: each hour summed per monitor (kept two years); results older than 30 days deleted. (The checks themselves are claimed by every worker's monitor ticker, not a schedule.)",
  },
  {
    queue: "outage-timers-scan",
    cron: "* * * * *",
    timezone: "UTC",
    what: "Open outages: next update overdue, time to call the vendor again (MSPs with an open incident only).",
  },
  {
    queue: "outreach-auto-scan",
    cron: "*/15 * * * *",
    timezone: "UTC",
    what: "Practices that keep sending their usual reminders during an EHR outage: queue the reminders now due (24 h and 2 h before, by default); stop them once the outage is resolved.",
  },
  {
    queue: "outreach-send-scan",
    cron: "* * * * *",
    timezone: "UTC",
    what: "Patient messages due (queued, at the end of quiet hours, a retry's time): start sending for each practice that has some.",
  },
  {
    queue: "schedule-purge-scan",
    cron: "41 * * * *",
    timezone: "UTC",
    what: "Schedule copies: delete appointments and walk-ins past each practice's retention (14 days at most), and patients left with none.",
  },
  {
    queue: "schedule-sync-scan",
    cron: "* * * * *",
    timezone: "UTC",
    what: "Schedule copies read from an EHR: start the syncs that are due (every 15 minutes per practice unless set otherwise).",
  },
];
