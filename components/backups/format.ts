import { tz } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";

/** Times and durations on the backups pages: moments in the practice's time zone, durations in words. */

/** "Nov 20, 2026, 14:05 CST": a moment in the practice's time zone. */
export function formatMoment(moment: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(typeof moment === "string" ? new Date(moment) : moment);
}

/** "Nov 20, 2026": the day a moment falls on in the practice's time zone. */
export function formatDayOf(moment: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(
    typeof moment === "string" ? new Date(moment) : moment,
  );
}

/** 45 → "45 min", 240 → "4 h", 90 → "1 h 30 min", 2880 → "2 days". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes % 1440 === 0) {
    const days = minutes / 1440;
    return `${days} day${days === 1 ? "" : "s"}`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 45 → "45 min", 300 → "300 min (5 h)": the minutes people type, with the words for longer ones. */
export function formatMinutesExact(minutes: number): string {
  const exact = `${minutes.toLocaleString("en-US")} min`;
  return minutes < 60 ? exact : `${exact} (${formatMinutes(minutes)})`;
}

/** "in 12 days", "today", "3 days ago" — whole calendar days between two moments in a time zone. */
export function relativeDays(moment: Date, now: Date, timeZone: string): string {
  const days = differenceInCalendarDays(moment, now, { in: tz(timeZone) });
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
