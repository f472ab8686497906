import { isConnectionProblem } from "./connection-state";

/** What a failed tRPC call tells the person: its code, message and any per-field messages. */
export type CallProblem = {
  message: string;
  code?: string;
  fieldErrors: Record<string, string[] | undefined>;
};

const unreachable =
  "Connection lost: Standby could not be reached. Try again in a moment — it will not be saved twice.";

export function callProblem(error: unknown, fallback = "Could not save. Try again."): CallProblem {
  // fetch() failed before any answer ("Failed to fetch"): say what happened, in words.
  if (isConnectionProblem(error) && !(error as { data?: unknown }).data)
    return { message: unreachable, code: "SERVICE_UNAVAILABLE", fieldErrors: {} };
  const data = (
    error as { data?: { code?: string; fieldErrors?: Record<string, string[] | undefined> } }
  ).data;
  return {
    message: error instanceof Error && error.message ? error.message : fallback,
    code: data?.code,
    fieldErrors: data?.fieldErrors ?? {},
  };
}

/** The server's first message for each of a form's fields that it named. */
export function fieldErrorsFor<F extends string>(
  problem: CallProblem,
  fields: readonly F[],
): Partial<Record<F, string>> {
  return Object.fromEntries(
    fields.flatMap((field) =>
      problem.fieldErrors[field]?.[0] ? [[field, problem.fieldErrors[field]![0]]] : [],
    ),
  ) as Partial<Record<F, string>>;
}
