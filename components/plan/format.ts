/** Dates on plan pages: moments in the practice's time zone, calendar days as written. */

export function formatMoment(moment: Date | string, timeZone: string): string {
  const date = typeof moment === "string" ? new Date(moment) : moment;
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(date);
}

/** A calendar day ("2027-03-01") shown as "Mar 1, 2027", whatever the viewer's time zone. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(new Date(`${day}T00:00:00Z`));
}

/** "2027-03-01", `days` after `from` (UTC calendar). */
export function dayAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);
}

export function minutesLabel(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
