import type { DefaultValues, FieldValues } from "react-hook-form";
import type { CallProblem } from "@/components/trpc/call-problem";

/**
 * What saving a form came to. Saved: at a new version, or with other values to show now (an
 * emptied form). Refused: why (a problem), and the messages that belong next to fields, by name.
 */
export type SaveOutcome<T extends FieldValues = FieldValues> =
  | { saved: true; version?: number; resetTo?: DefaultValues<T> }
  | { saved: false; problem?: CallProblem; fieldErrors?: Partial<Record<string, string>> };

/**
 * The messages to show next to the form's fields: the ones the container placed itself, then the
 * server's first message for each of the form's fields that it named. A message for a field the
 * form does not have stays with the problem.
 */
export function fieldMessages(
  outcome: { problem?: CallProblem; fieldErrors?: Partial<Record<string, string>> },
  fields: readonly string[],
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [field, message] of Object.entries(outcome.fieldErrors ?? {}))
    if (message) messages[field] = message;
  for (const field of fields) {
    const message = outcome.problem?.fieldErrors[field]?.[0];
    if (message && !(field in messages)) messages[field] = message;
  }
  return messages;
}
