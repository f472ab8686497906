/** Durations in the incident room (dates, times and money: components/ui/format). */

const pad = (value: number) => String(value).padStart(2, "0");

/** A running clock: "42 min 07 s", "1 h 05 min 07 s", "2 d 3 h 05 min". */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h ${pad(minutes)} min`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(rest)} s`;
  return `${minutes} min ${pad(rest)} s`;
}

/** Whole minutes for people: "45 min", "2 h", "2 h 5 min", "3 d 4 h". */
export function formatMinutes(total: number): string {
  const minutes = Math.max(0, Math.round(total));
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
}

/** How far away a moment is, rounded up to whole minutes: "under a minute", "4 min", "1 h 10 min". */
export function formatGap(milliseconds: number): string {
  const absolute = Math.abs(milliseconds);
  if (absolute < 60_000) return "under a minute";
  return formatMinutes(Math.ceil(absolute / 60_000));
}
