import { localDate } from "./local-date";

/**
 * Quarters as leadership reads them: calendar quarters in the practice's own time zone, keyed
 * "2026-Q4". The SQL aggregates bucket the same way (date_trunc('quarter', at time zone tz)).
 */
export type QuarterKey = `${number}-Q${1 | 2 | 3 | 4}`;

export function quarterKeyOfDay(day: string): QuarterKey {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}` as QuarterKey;
}

export function quarterOf(moment: Date, timeZone: string): QuarterKey {
  return quarterKeyOfDay(localDate(moment, timeZone));
}

/** The last `count` quarters up to and including the current one, oldest first. */
export function lastQuarters(now: Date, timeZone: string, count = 8): QuarterKey[] {
  const [year, quarter] = quarterOf(now, timeZone).split("-Q").map(Number) as [number, number];
  const index = year * 4 + (quarter - 1);
  return Array.from({ length: count }, (_, offset) => {
    const at = index - (count - 1) + offset;
    return `${Math.floor(at / 4)}-Q${(at % 4) + 1}` as QuarterKey;
  });
}

/** The first day of a quarter and of the one after it, as calendar days ("2026-10-01", "2027-01-01"). */
export function quarterDays(key: QuarterKey): { first: string; next: string } {
  const [year, quarter] = key.split("-Q").map(Number) as [number, number];
  const month = (quarter - 1) * 3 + 1;
  const nextYear = quarter === 4 ? year + 1 : year;
  const nextMonth = quarter === 4 ? 1 : month + 3;
  const pad = (value: number) => String(value).padStart(2, "0");
  return { first: `${year}-${pad(month)}-01`, next: `${nextYear}-${pad(nextMonth)}-01` };
}

/** Change against the previous quarter: null when there is nothing to compare with. */
export function trend(
  current: number | null,
  previous: number | null,
): { change: number; direction: "up" | "down" | "same" } | null {
  if (current === null || previous === null) return null;
  const change = Math.round((current - previous) * 10) / 10;
  return { change, direction: change > 0 ? "up" : change < 0 ? "down" : "same" };
}
