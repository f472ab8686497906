import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable";

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe("isDatabaseUnavailable", () => {
  it("recognises refused, reset and timed-out connections", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "EPIPE",
      "ETIMEDOUT",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "CONNECT_TIMEOUT",
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
  });

  it("recognises a server shutting down, starting, or ending the session", () => {
    for (const code of ["57P01", "57P02", "57P03", "08006", "08001", "08P01", "53300"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
  });

  it("looks through causes (drizzle wraps the driver's error) and aggregate errors", () => {
    expect(
      isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode("57P01") })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([new Error("x"), withCode("ECONNREFUSED")])),
    ).toBe(true);
  });

  it("leaves request errors alone", () => {
    for (const code of ["23505", "23503", "40001", "22P02", "42501", "57014"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("does not loop on a cause that refers to itself", () => {
    const error = new Error("loop") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
