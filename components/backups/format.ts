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
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(typeof moment === "string" ? new Date(moment) : moment);
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
  const day = (date: Date) => {
    const [year, month, dayOfMonth] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date).split("-").map(Number);
    return Date.UTC(year!, month! - 1, dayOfMonth!) / 86_400_000;
  };
  const days = day(moment) - day(now);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

function offsetMinutes(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The value of a datetime-local input ("2026-11-20T14:05") showing a moment as the practice's wall clock. */
export function toZonedInput(moment: Date, timeZone: string): string {
  if (Number.isNaN(moment.getTime())) return "";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The moment a datetime-local value means on the practice's wall clock; an invalid Date when it is empty or malformed. */
export function fromZonedInput(value: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return new Date(Number.NaN);
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guessed moment, then again at the corrected one (it differs across a DST change).
  let moment = wall - offsetMinutes(wall, timeZone) * 60_000;
  moment = wall - offsetMinutes(moment, timeZone) * 60_000;
  return new Date(moment);
}
