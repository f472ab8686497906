import { describe, expect, test } from "vitest";
import { fromZonedInput, moveZonedInput, toZonedInput, zoneName } from "./zoned-time";

describe("zoned datetime-local values", () => {
  test("a wall-clock time in the practice's zone is one moment, wherever the browser is", () => {
    expect(fromZonedInput("2026-11-29T09:30", "America/Denver")).toEqual(
      new Date("2026-11-29T16:30:00Z"),
    );
    expect(fromZonedInput("2026-07-01T09:30", "America/Denver")).toEqual(
      new Date("2026-07-01T15:30:00Z"),
    );
    expect(toZonedInput(new Date("2026-11-29T16:30:00Z"), "America/Denver")).toBe(
      "2026-11-29T09:30",
    );
    expect(toZonedInput(new Date("2026-11-29T16:30:00Z"), "Asia/Tokyo")).toBe("2026-11-30T01:30");
  });

  test("round trips across a daylight-saving change", () => {
    for (const value of [
      "2026-03-08T01:30",
      "2026-03-08T03:30",
      "2026-11-01T00:30",
      "2026-11-01T03:00",
    ]) {
      expect(toZonedInput(fromZonedInput(value, "America/Chicago")!, "America/Chicago")).toBe(
        value,
      );
    }
  });

  test("empty or malformed input is no moment", () => {
    expect(fromZonedInput("", "UTC")).toBeNull();
    expect(fromZonedInput("2026-13-40T99:99", "UTC")).toBeNull();
    expect(toZonedInput(new Date(Number.NaN), "UTC")).toBe("");
  });

  test("a time typed for one practice keeps its moment on another practice's clock", () => {
    // 09:30 in Denver (MST) is 10:30 in Chicago (CST) and 16:30 UTC.
    expect(moveZonedInput("2026-11-29T09:30", "America/Denver", "America/Chicago")).toBe(
      "2026-11-29T10:30",
    );
    expect(moveZonedInput("2026-11-29T09:30", "America/Denver", "UTC")).toBe("2026-11-29T16:30");
    expect(moveZonedInput("2026-11-29T09:30", "America/Denver", "America/Denver")).toBe(
      "2026-11-29T09:30",
    );
    expect(moveZonedInput("2026-11-2", "America/Denver", "UTC")).toBe("2026-11-2");
  });

  test("the zone's short name follows daylight saving", () => {
    expect(zoneName(new Date("2026-01-15T12:00:00Z"), "America/Denver")).toBe("MST");
    expect(zoneName(new Date("2026-07-15T12:00:00Z"), "America/Denver")).toBe("MDT");
    expect(zoneName(new Date("2026-07-15T12:00:00Z"), "UTC")).toBe("UTC");
  });
});
