import { toNestErrors } from "@hookform/resolvers";
import type { FieldError, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * A resolver for a form whose values are not the service's input as such (dates typed in the
 * practice's time zone, minutes typed as text, a status with only the fields it needs): the values
 * are turned into the service's input and checked with the service's own schema, so the person sees
 * the server's messages. `fieldOf` names the form field an issue belongs to (null: not a field).
 */
export function serviceSchemaResolver<F extends FieldValues>(
  schema: z.ZodType,
  toInput: (values: F) => unknown,
  fieldOf: (path: PropertyKey[]) => string | null = (path) => path.map(String).join(".") || null,
  extraIssues?: (values: F) => { field: string; message: string }[],
): Resolver<F> {
  return async (values, _context, options) => {
    const flat: Record<string, FieldError> = {};
    for (const { field, message } of extraIssues?.(values) ?? [])
      flat[field] ??= { type: "custom", message };
    const result = await schema.safeParseAsync(toInput(values));
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = fieldOf(issue.path);
        if (field) flat[field] ??= { type: issue.code, message: issue.message };
      }
    }
    if (Object.keys(flat).length === 0) return { values, errors: {} };
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}
