import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/server/domain/database-unavailable";
import { toTRPCError } from "@/server/trpc";

const driverError = (code: string) =>
  Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code });

describe("a database that cannot be reached", () => {
  it("is a 503 that says to try again, whatever the driver reported", () => {
    for (const cause of [
      driverError("ECONNREFUSED"),
      driverError("CONNECTION_CLOSED"),
      driverError("CONNECT_TIMEOUT"),
      new Error("Failed query: select 1", { cause: driverError("57P01") }),
    ]) {
      const error = toTRPCError(cause)!;
      expect(error.code).toBe("SERVICE_UNAVAILABLE");
      expect(getHTTPStatusCodeFromError(error)).toBe(503);
      expect(error.message).toBe(
        "The database cannot be reached right now. Nothing was lost: try again in a moment.",
      );
      // A server-rendered page's error boundary recognises it by its digest.
      expect((error as unknown as { digest?: string }).digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    }
  });

  it("leaves other database errors as they were", () => {
    expect(toTRPCError(driverError("23505"))?.code).toBe("CONFLICT");
    expect(toTRPCError(new Error("boom"))).toBeNull();
  });
});
