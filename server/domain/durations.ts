import { formatDuration, type Duration } from "date-fns";

/**
 * Durations in the short words the pages use: "45 min", "1 h 30 min", "4 h", "2 days",
 * "1 day 6 h". Whole minutes in; days, hours and minutes out (no months: 60 days stay "60 days").
 */

const units: Record<string, [one: string, many: string]> = {
  xDays: ["day", "days"],
  xHours: ["h", "h"],
  xMinutes: ["min", "min"],
};

/** date-fns' formatDuration with the short unit words (it asks the locale for each unit's text). */
const shortUnits = {
  formatDistance: (token: string, count: number) => {
    const [one, many] = units[token] ?? [token, token];
    return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
  },
};

/** 45 → "45 min", 90 → "1 h 30 min", 240 → "4 h", 2880 → "2 days", 0 → "0 min". */
export function humanMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole === 0) return "0 min";
  const duration: Duration = {
    days: Math.floor(whole / 1440),
    hours: Math.floor((whole % 1440) / 60),
    minutes: whole % 60,
  };
  return formatDuration(duration, {
    format: ["days", "hours", "minutes"],
    locale: shortUnits,
    delimiter: " ",
  });
}

/** 1 → "1 day", 30 → "30 days". */
export function humanDays(days: number): string {
  return humanMinutes(days * 1440);
}
