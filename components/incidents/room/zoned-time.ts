/**
 * Moments typed in a datetime-local input mean the practice's wall clock, whatever the browser's
 * zone: "2027-03-01T09:30" at a Denver practice is 09:30 in Denver.
 */

function wallClock(moment: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far the zone's wall clock is ahead of UTC at a moment, in milliseconds. */
function offsetAt(moment: Date, timeZone: string): number {
  const wall = wallClock(moment, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(moment.getTime() / 1000) * 1000;
}

/** The datetime-local value of a moment in the zone ("2027-03-01T09:30"). */
export function toZonedInput(moment: Date, timeZone: string): string {
  const wall = wallClock(moment, timeZone);
  const pad = (value: number, length = 2) => String(value).padStart(length, "0");
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The moment a datetime-local value means in the zone; null when it is not a date and time. */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const wallAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second || 0);
  if (Number.isNaN(wallAsUtc)) return null;
  // Two passes find the offset on the right side of a daylight-saving change.
  let moment = wallAsUtc - offsetAt(new Date(wallAsUtc), timeZone);
  const corrected = wallAsUtc - offsetAt(new Date(moment), timeZone);
  if (corrected !== moment) moment = corrected;
  return new Date(moment);
}

/** The zone's short name for labels, e.g. "MST" or "GMT-7". */
export function zoneName(moment: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(moment).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}
