import { describe, expect, test } from "vitest";
import { z } from "zod";
import { plainInputMessage } from "./input-messages";

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { error: (issue) => plainInputMessage(issue as never) });
  return result.success ? null : result.error.issues[0]!.message;
};

describe("plain input messages", () => {
  test("say what is missing or wrong in words, not zod's", () => {
    expect(messageOf(z.object({ version: z.number() }), {})).toBe("This is required.");
    expect(messageOf(z.number(), "3")).toBe("Expected a number, not text.");
    expect(messageOf(z.number(), Number.NaN)).toBe(
      "Expected a number, not a value that is not a number.",
    );
    expect(messageOf(z.string().max(5), "toolong")).toBe("At most 5 characters.");
    expect(messageOf(z.array(z.string()).min(1), [])).toBe("At least one item.");
    expect(messageOf(z.uuid(), "x")).toBe("This is not a known id.");
    expect(messageOf(z.enum(["a", "b"]), "c")).toBe("Choose one of: a, b.");
    expect(messageOf(z.strictObject({ a: z.string() }), { a: "", b: 1 })).toBe(
      "Unrecognized key: b.",
    );
  });

  test("leave a schema's own message alone", () => {
    expect(messageOf(z.string().max(5, "Names are at most 5 characters."), "toolong")).toBe(
      "Names are at most 5 characters.",
    );
  });
});
