/** How the incident lists and the banner write durations. */

/** "23 min", "2 h 5 min", "3 d 4 h": short enough for a phone line. */
export function durationLabel(minutes: number): string {
  const whole = Math.max(0, Math.trunc(minutes));
  if (whole < 60) return `${whole} min`;
  if (whole < 24 * 60) {
    const hours = Math.floor(whole / 60);
    const rest = whole % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(whole / (24 * 60));
  const hours = Math.floor((whole % (24 * 60)) / 60);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** Whole minutes from a start to a moment (never negative). */
export function minutesBetween(start: Date | string, end: Date | number): number {
  const from = typeof start === "string" ? new Date(start).getTime() : start.getTime();
  const to = typeof end === "number" ? end : end.getTime();
  return Math.max(0, Math.floor((to - from) / 60_000));
}
