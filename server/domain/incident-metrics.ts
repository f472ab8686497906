import { differenceInMinutes } from "date-fns";

/** Leadership numbers about incidents. */

/**
 * Whole minutes from the start of the outage to the first vendor contact (a ticket opened or an
 * escalation), or null before anyone has contacted the vendor. A contact logged before the
 * recorded start counts as 0.
 */
export function minutesToFirstVendorContact(
  startedAt: Date,
  contactTimes: readonly Date[],
): number | null {
  if (contactTimes.length === 0) return null;
  const first = contactTimes.reduce((earliest, time) =>
    time.getTime() < earliest.getTime() ? time : earliest,
  );
  return Math.max(0, differenceInMinutes(first, startedAt));
}

/** The middle value; with an even count, the mean of the two middle values (so it may end in .5). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
