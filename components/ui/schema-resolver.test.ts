import { describe, expect, test } from "vitest";
import { z } from "zod";
import { serviceSchemaResolver } from "./schema-resolver";

type Form = { minutes: string; note: string };
const schema = z.object({
  minutes: z.number({ error: "Enter the minutes as a number." }).int().min(1, "At least 1 minute."),
  note: z.string().max(5, "At most 5 characters."),
});
const toInput = (values: Form) => ({
  minutes: values.minutes.trim() === "" ? undefined : Number(values.minutes),
  note: values.note,
});
const options = { fields: {}, shouldUseNativeValidation: false } as never;

describe("a resolver that checks the service's input made from the form's values", () => {
  test("valid values pass through as the form's own", async () => {
    const resolve = serviceSchemaResolver<Form>(schema, toInput);
    const values = { minutes: "15", note: "ok" };
    expect(await resolve(values, undefined, options)).toEqual({ values, errors: {} });
  });

  test("the service's messages land on the form's fields", async () => {
    const resolve = serviceSchemaResolver<Form>(schema, toInput);
    const result = await resolve({ minutes: "0", note: "too long" }, undefined, options);
    expect(result.values).toEqual({});
    expect(result.errors.minutes?.message).toBe("At least 1 minute.");
    expect(result.errors.note?.message).toBe("At most 5 characters.");
  });

  test("issues are moved to the field that names them; extra rules come first", async () => {
    const resolve = serviceSchemaResolver<Form>(
      schema,
      toInput,
      (path) => (path[0] === "minutes" ? "note" : null),
      (values) => (values.note === "" ? [{ field: "note", message: "Write a note." }] : []),
    );
    const result = await resolve({ minutes: "0", note: "" }, undefined, options);
    expect(result.errors.note?.message).toBe("Write a note.");
    expect(result.errors.minutes).toBeUndefined();
  });
});
