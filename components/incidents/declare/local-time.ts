/** The value a datetime-local input shows for a moment, in the device's own time zone ("2026-11-03T14:05"). */
export function toDatetimeLocal(moment: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

/** "America/Denver" or, failing that, "UTC−6": which clock the started-at field uses. */
export function deviceTimeZoneLabel(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) return zone.replaceAll("_", " ");
  const offset = -new Date().getTimezoneOffset() / 60;
  return `UTC${offset >= 0 ? "+" : "−"}${Math.abs(offset)}`;
}
