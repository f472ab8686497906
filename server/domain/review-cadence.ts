import { addMonths, differenceInCalendarDays } from "date-fns";

/**
 * How often a practice is reviewed: every quarter, monthly while it is a new office, migrating,
 * or had an incident in the last 90 days. Pure: the clock is passed in.
 */
export type Cadence = { months: 1 | 3; reasons: string[] };

export const RECENT_INCIDENT_DAYS = 90;
export const DUE_SOON_DAYS = 14;

export function reviewCadence(
  practice: { isNewOffice: boolean; isMigrating: boolean; lastIncidentAt: Date | null },
  now: Date,
): Cadence {
  const reasons = [
    ...(practice.isNewOffice ? ["new office"] : []),
    ...(practice.isMigrating ? ["migrating"] : []),
    ...(practice.lastIncidentAt &&
    differenceInCalendarDays(now, practice.lastIncidentAt) <= RECENT_INCIDENT_DAYS
      ? ["incident in the last 90 days"]
      : []),
  ];
  return { months: reasons.length > 0 ? 1 : 3, reasons };
}

/** The next review is due one cadence after the last sign-off (or after the practice joined). */
export function nextReviewDue(
  last: { signedOffAt: Date | null; practiceCreatedAt: Date },
  cadence: Cadence,
): Date {
  return addMonths(last.signedOffAt ?? last.practiceCreatedAt, cadence.months);
}

export function reviewTiming(
  due: Date,
  now: Date,
): { status: "overdue" | "due_soon" | "on_track"; daysLeft: number } {
  const daysLeft = differenceInCalendarDays(due, now);
  return {
    status: daysLeft < 0 ? "overdue" : daysLeft <= DUE_SOON_DAYS ? "due_soon" : "on_track",
    daysLeft,
  };
}
