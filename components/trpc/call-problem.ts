/** What a failed tRPC call tells the person: its code, message and any per-field messages. */
export type CallProblem = { message: string; code?: string; fieldErrors: Record<string, string[] | undefined> };

export function callProblem(error: unknown, fallback = "Could not save. Try again."): CallProblem {
  const data = (error as { data?: { code?: string; fieldErrors?: Record<string, string[] | undefined> } }).data;
  return {
    message: error instanceof Error && error.message ? error.message : fallback,
    code: data?.code,
    fieldErrors: data?.fieldErrors ?? {},
  };
}

/** The first server message for a form field, if the server named one. */
export function fieldMessage(problem: CallProblem, field: string): string | undefined {
  return problem.fieldErrors[field]?.[0];
}
