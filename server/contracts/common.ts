import { z } from "zod";

/**
 * The version of a document an editor read, sent back with a change (a mismatch is a CONFLICT).
 * Versions are PostgreSQL integers: a larger number is refused here, not by the database.
 */
const MAX_VERSION = 2_147_483_647;
const outdated = "Unknown version of this record. Reload the page and make your change again.";

export const documentVersion = z
  .number(outdated)
  .int(outdated)
  .min(1, outdated)
  .max(MAX_VERSION, outdated);

/** As documentVersion, with 0 for a document that has never been saved. */
export const documentVersionOrNew = z
  .number(outdated)
  .int(outdated)
  .min(0, outdated)
  .max(MAX_VERSION, outdated);

/**
 * A moment people enter (a start, a schedule, an ETA): from 2000 to the end of 9999. JavaScript
 * dates reach the year 275760, which PostgreSQL cannot read back; such a date is refused here.
 */
export const enteredMoment = (what: string) =>
  z.coerce
    .date(`Enter ${what}.`)
    .min(new Date("2000-01-01T00:00:00Z"), `Enter ${what}.`)
    .max(new Date("9999-12-31T23:59:59Z"), `Enter ${what} before the year 10000.`);

/** An IANA time zone this runtime knows, e.g. America/Denver. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
