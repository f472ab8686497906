/** Durations on the backups pages, in the words those pages use ("4 h", "2 days"). */

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
