import { describe, expect, test } from "vitest";
import {
  bodyLimitFor,
  CSV_IMPORT_BODY_LIMIT_BYTES,
  rateLimitedMessage,
  rateWindow,
  REQUEST_BODY_LIMIT_BYTES,
  requestRateLimitFromEnv,
  StreamSlots,
} from "./request-limits";

describe("request limits", () => {
  test("the CSV import's calls may send more than the rest; a batch gets its largest call's limit", () => {
    expect(bodyLimitFor(["vendors.create"])).toBe(REQUEST_BODY_LIMIT_BYTES);
    expect(bodyLimitFor(["vendors.commitImport"])).toBe(CSV_IMPORT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor(["vendors.list", "vendors.previewImport"])).toBe(
      CSV_IMPORT_BODY_LIMIT_BYTES,
    );
  });

  test("REQUEST_RATE_LIMIT_PER_MINUTE: default 1,200, 0 turns it off, anything else is refused at start", () => {
    expect(requestRateLimitFromEnv({})).toEqual({ callsPerWindow: 1_200, windowSeconds: 60 });
    expect(requestRateLimitFromEnv({ REQUEST_RATE_LIMIT_PER_MINUTE: "300" })).toEqual({
      callsPerWindow: 300,
      windowSeconds: 60,
    });
    expect(requestRateLimitFromEnv({ REQUEST_RATE_LIMIT_PER_MINUTE: "0" })).toBeNull();
    expect(() => requestRateLimitFromEnv({ REQUEST_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(
      /whole number/,
    );
  });

  test("fixed windows: the start of the minute and the seconds left in it", () => {
    expect(rateWindow(new Date("2026-01-01T10:00:00.000Z"), 60)).toEqual({
      start: new Date("2026-01-01T10:00:00Z"),
      retryAfterSeconds: 60,
    });
    expect(rateWindow(new Date("2026-01-01T10:00:59.500Z"), 60)).toEqual({
      start: new Date("2026-01-01T10:00:00Z"),
      retryAfterSeconds: 1,
    });
    expect(rateLimitedMessage(1)).toBe(
      "Too many requests from your account in the last minute. Wait 1 second and try again.",
    );
  });

  test("stream slots: at most the maximum per key; a released slot (released once, however often called) can be taken again", () => {
    const slots = new StreamSlots(2);
    const first = slots.take("ann")!;
    expect(slots.take("ann")).not.toBeNull();
    expect(slots.take("ann")).toBeNull();
    expect(slots.take("bob")).not.toBeNull();
    first();
    first();
    expect(slots.count("ann")).toBe(1);
    expect(slots.take("ann")).not.toBeNull();
  });
});
