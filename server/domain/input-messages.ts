/**
 * Plain-language messages for input problems a schema gives no message of its own (a missing
 * field, a wrong type, a limit without its own wording). zod's defaults ("Invalid input: expected
 * string, received undefined") are for programmers; these are for the person who sent the form.
 */

type Issue = {
  code: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
};

const typeNames: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "yes or no (true or false)",
  object: "a set of fields",
  array: "a list",
  date: "a date",
  bigint: "a whole number",
};

function describeValue(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid date" : "a date";
  if (typeof value === "number")
    return Number.isNaN(value)
      ? "a value that is not a number"
      : Number.isFinite(value)
        ? "a number"
        : "an infinite number";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true or false";
  if (typeof value === "object") return "a set of fields";
  return `a ${typeof value} value`;
}

const count = (value: number | bigint | undefined) => Number(value ?? 0).toLocaleString("en-US");
const items = (value: number | bigint | undefined) =>
  Number(value) === 1 ? "one item" : `${count(value)} items`;

const formatMessages: Record<string, string> = {
  uuid: "This is not a known id.",
  guid: "This is not a known id.",
  date: "Use a date like 2026-11-29.",
  datetime: "Use a date and time like 2026-11-29T14:30:00Z.",
  email: "Enter an email address.",
  url: "Enter a web address starting with https://",
  regex: "This is not in the expected format.",
};

export function plainInputMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "This is required.";
      return `Expected ${typeNames[issue.expected ?? ""] ?? issue.expected}, not ${describeValue(issue.input)}.`;
    case "too_big":
      if (issue.origin === "string") return `At most ${count(issue.maximum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `At most ${items(issue.maximum)}.`;
      if (issue.origin === "date") return "This date is too late.";
      return `At most ${count(issue.maximum)}.`;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? "This cannot be empty."
          : `At least ${count(issue.minimum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `At least ${items(issue.minimum)}.`;
      if (issue.origin === "date") return "This date is too early.";
      return `At least ${count(issue.minimum)}.`;
    case "invalid_format":
      return formatMessages[issue.format ?? ""] ?? "This is not in the expected format.";
    case "invalid_value": {
      const values = (issue.values ?? []).map(String);
      return values.length && values.length <= 12
        ? `Choose one of: ${values.join(", ")}.`
        : "Choose one of the offered values.";
    }
    case "invalid_union":
      return "This value is not one of the accepted forms.";
    case "unrecognized_keys": {
      const keys = (issue.keys ?? []).map((key) => key.slice(0, 40));
      return `Unrecognized key${keys.length === 1 ? "" : "s"}: ${keys.slice(0, 5).join(", ")}.`;
    }
    case "not_multiple_of":
      return "This number is not allowed here.";
    default:
      return "This value is not accepted.";
  }
}
