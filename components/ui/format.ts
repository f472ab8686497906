import { tz } from "@date-fns/tz";
import { differenceInCalendarDays, format, isSameDay } from "date-fns";
import { dateTimeFormat } from "@/server/domain/intl-formats";

/**
 * Dates, times and money as every page writes them. Moments are shown in the practice's time zone
 * (24-hour clock); calendar days ("2027-03-01") as written, whatever the viewer's zone.
 */

const toDate = (moment: Date | string) => (typeof moment === "string" ? new Date(moment) : moment);

/** "Nov 20, 2026, 14:05 CST". */
export function formatMoment(moment: Date | string, timeZone: string): string {
  return dateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(toDate(moment));
}

/** "Mar 1, 14:30 MST": for timeline entries and who-did-what lines. */
export function formatShortMoment(moment: Date, timeZone: string): string {
  return dateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(moment);
}

/** "14:30" in the zone. */
export function formatClock(moment: Date, timeZone: string): string {
  return dateTimeFormat("en-US", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(moment);
}

/** A calendar day ("2027-03-01") shown as "Mar 1, 2027", whatever the viewer's time zone. */
export function formatDay(day: string): string {
  return dateTimeFormat("en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(new Date(`${day}T00:00:00Z`));
}

/** "Nov 20, 2026": the day a moment falls on in the zone, the same on the server and in the browser. */
export function formatDayOf(moment: Date | string, timeZone: string): string {
  return dateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(toDate(moment));
}

/** "Mar 1" when the moment is not today in the zone, "" when it is. */
export function dayIfNotToday(moment: Date, now: Date, timeZone: string): string {
  return isSameDay(moment, now, { in: tz(timeZone) })
    ? ""
    : dateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(moment);
}

/** The calendar day in the zone, as a date input wants it ("2027-03-01"). */
export function dayInZone(moment: Date, timeZone: string): string {
  return format(moment, "yyyy-MM-dd", { in: tz(timeZone) });
}

/** "2027-03-01", `days` after `from` (UTC calendar). */
export function dayAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);
}

/** "in 12 days", "today", "3 days ago" — whole calendar days between two moments in a time zone. */
export function relativeDays(moment: Date, now: Date, timeZone: string): string {
  const days = differenceInCalendarDays(moment, now, { in: tz(timeZone) });
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** 45 → "45 minutes", 120 → "2 hours", 90 → "90 minutes". */
export function minutesLabel(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

const wholeDollars = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const dollarsAndCents = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Integer cents as US dollars: whole dollars when the amount is whole ($2,375), cents otherwise ($42.50). */
export const formatUsd = (cents: number) =>
  cents % 100 === 0 ? wholeDollars.format(cents / 100) : dollarsAndCents.format(cents / 100);
