/**
 * What a job's payload may hold: ids and small plain values, never text that people wrote. The
 * queue's table is shared by every tenant (the app role can read all of it, like any other
 * bookkeeping table), so a payload names what the job is about and the worker reads it through
 * row-level security, as the tenant the job names. Pure: unit-tested.
 */
export type JobPayloadValue = string | number | boolean | null;
export type JobPayload = Readonly<Record<string, JobPayloadValue>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A calendar date or an instant in ISO 8601 (due dates, "the digest of 2026-12-01"). */
const ISO_DATE_OR_INSTANT =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** An enum value or a time zone: `outage_declared`, `restore-test.overdue`, `America/New_York`. */
const CODE = /^[A-Za-z][A-Za-z0-9_./+-]{0,63}$/;
/** Keys are identifiers in camelCase or snake_case. */
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_KEYS = 20;

/** Why a payload is refused, or null when it carries only ids and plain values. */
export function jobPayloadProblem(payload: unknown): string | null {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    return "A job's payload is an object of ids and plain values.";
  const entries = Object.entries(payload);
  if (entries.length > MAX_KEYS) return `A job's payload has at most ${MAX_KEYS} fields.`;
  for (const [key, value] of entries) {
    if (!KEY.test(key)) return `"${key.slice(0, 64)}" is not a payload field name.`;
    if (value === null || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (Number.isFinite(value)) continue;
      return `Payload field ${key} is not a finite number.`;
    }
    if (typeof value === "string") {
      if (UUID.test(value) || ISO_DATE_OR_INSTANT.test(value)) continue;
      // A word such as an enum value passes; anything with spaces or punctuation of prose does not.
      if (CODE.test(value)) continue;
      return `Payload field ${key} must be an id, a date or a code, not text: the worker reads the rest from the database.`;
    }
    return `Payload field ${key} must be an id, a number, a date, a code, true/false or null.`;
  }
  return null;
}
