import { tz } from "@date-fns/tz";
import { format, isValid, parse } from "date-fns";
import { dateTimeFormat } from "@/server/domain/intl-formats";

/**
 * Moments typed and shown on the practice's wall clock, whatever the browser's zone. A
 * datetime-local value ("2027-03-01T09:30") is a time in the practice's zone.
 */

const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** The datetime-local value of a moment on the zone's clock; "" for an invalid moment. */
export function toZonedInput(moment: Date, timeZone: string): string {
  return isValid(moment) ? format(moment, INPUT_FORMAT, { in: tz(timeZone) }) : "";
}

/** The moment a datetime-local value means in the zone; null when it is not a date and time. */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const moment = parse(value.slice(0, 16), INPUT_FORMAT, new Date(), { in: tz(timeZone) });
  return isValid(moment) ? new Date(moment.getTime()) : null;
}

/**
 * The same moment on another zone's clock: a time typed for one practice, shown for another one
 * chosen after it. Unchanged when it is not a date and time (half typed), or the zones are one.
 */
export function moveZonedInput(value: string, from: string, to: string): string {
  if (from === to) return value;
  const moment = fromZonedInput(value, from);
  return moment ? toZonedInput(moment, to) : value;
}

/** The zone's short name at a moment, for labels next to those inputs: "MST", "CDT" or "GMT+9". */
export function zoneName(moment: Date, timeZone: string): string {
  return (
    dateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
      .formatToParts(moment)
      .find((part) => part.type === "timeZoneName")?.value ?? timeZone
  );
}
