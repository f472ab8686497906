import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** Awaits a call that must fail with a tRPC error of this code; returns the error for further checks. */
export async function expectTRPCError(
  call: Promise<unknown>,
  code: TRPCError["code"],
  message?: RegExp | string,
): Promise<TRPCError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok)
    throw new Error(
      `Expected ${code}, but the call succeeded with ${JSON.stringify(outcome.value)}`,
    );
  expect(outcome.error).toBeInstanceOf(TRPCError);
  const error = outcome.error as TRPCError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}
