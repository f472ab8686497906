import { format } from "date-fns";

/** The value a datetime-local input shows for a moment, in the device's own time zone ("2026-11-03T14:05"). */
export function toDatetimeLocal(moment: Date): string {
  return format(moment, "yyyy-MM-dd'T'HH:mm");
}

/** "America/Denver" or, failing that, "UTC−06:00": which clock the started-at field uses. */
export function deviceTimeZoneLabel(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) return zone.replaceAll("_", " ");
  return `UTC${format(new Date(), "xxx").replace("-", "−")}`;
}
