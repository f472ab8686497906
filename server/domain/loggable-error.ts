/**
 * What the server log may keep of an unexpected error. A failed query's error carries the query's
 * parameters, and PostgreSQL's message and detail can quote a value ("Key (email)=(…) already
 * exists", "invalid input syntax for type uuid: …"): a patient's name would end up in the log. So
 * a query is logged as its SQL text and PostgreSQL's codes, never its values; any other error as its
 * name, message and stack frames.
 */

type Loggable = {
  error: string;
  message?: string;
  query?: string;
  postgres?: Record<string, string>;
  at?: string[];
};

const postgresFields = [
  "code",
  "severity",
  "routine",
  "constraint_name",
  "table_name",
  "column_name",
];

const framesOf = (error: Error) =>
  (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 8)
    .map((line) => line.trim());

function postgresPart(error: unknown): Record<string, string> | undefined {
  if (!error || typeof error !== "object") return undefined;
  const part: Record<string, string> = {};
  for (const field of postgresFields) {
    const value = (error as Record<string, unknown>)[field];
    if (typeof value === "string") part[field] = value;
  }
  return /^[0-9A-Z]{5}$/.test(part.code ?? "") ? part : undefined;
}

export function loggableError(error: unknown, depth = 0): Loggable {
  if (!(error instanceof Error)) return { error: typeof error };
  const query = (error as { query?: unknown }).query;
  if (typeof query === "string") {
    // drizzle's "Failed query": its message repeats the parameters; the cause is the driver's error.
    const cause = (error as { cause?: unknown }).cause;
    return {
      error: error.name,
      query,
      postgres: postgresPart(cause),
      at: framesOf(error),
    };
  }
  const postgres = postgresPart(error);
  if (postgres) return { error: error.name, postgres, at: framesOf(error) };
  // Auth.js wraps the error of a sign-in callback as { cause: { err } }.
  const wrapped = (error as { cause?: unknown }).cause;
  const cause =
    wrapped instanceof Error ? wrapped : (wrapped as { err?: unknown } | undefined)?.err;
  if (cause instanceof Error && depth < 3) return loggableError(cause, depth + 1);
  return { error: error.name, message: error.message, at: framesOf(error) };
}
