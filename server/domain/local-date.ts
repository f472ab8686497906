import { dateTimeFormat } from "./intl-formats";

/** The calendar date (YYYY-MM-DD) it is at `now` in a time zone: "today" for a practice's dates. */
export function localDate(now: Date, timeZone: string): string {
  return dateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}
