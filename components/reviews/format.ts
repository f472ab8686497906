/** Dates on the review pages: moments in the practice's time zone, calendar days as written. */
export { formatDay, formatMoment } from "@/components/plan/format";

/** "Nov 20, 2026": the day a moment falls on in the practice's time zone. */
export function formatDayOf(moment: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(
    typeof moment === "string" ? new Date(moment) : moment,
  );
}
