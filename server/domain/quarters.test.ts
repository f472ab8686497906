import { describe, expect, test } from "vitest";
import { lastQuarters, quarterDays, quarterOf, trend } from "./quarters";

describe("quarter bucketing", () => {
  test("a moment belongs to the quarter of the practice's own calendar", () => {
    const newYearsEveInDenver = new Date("2027-01-01T03:30:00Z"); // 20:30 on Dec 31 in Denver
    expect(quarterOf(newYearsEveInDenver, "America/Denver")).toBe("2026-Q4");
    expect(quarterOf(newYearsEveInDenver, "Europe/Berlin")).toBe("2027-Q1");
    expect(quarterOf(new Date("2026-04-01T00:00:00Z"), "UTC")).toBe("2026-Q2");
    expect(quarterOf(new Date("2026-03-31T23:59:59Z"), "UTC")).toBe("2026-Q1");
  });

  test("the last eight quarters end with the current one, across years", () => {
    expect(lastQuarters(new Date("2026-11-29T12:00:00Z"), "UTC")).toEqual([
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
    expect(lastQuarters(new Date("2026-02-01T12:00:00Z"), "UTC", 3)).toEqual([
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
    ]);
  });

  test("quarter days and trends", () => {
    expect(quarterDays("2026-Q4")).toEqual({ first: "2026-10-01", next: "2027-01-01" });
    expect(quarterDays("2026-Q1")).toEqual({ first: "2026-01-01", next: "2026-04-01" });
    expect(trend(12, 8)).toEqual({ change: 4, direction: "up" });
    expect(trend(3, 3)).toEqual({ change: 0, direction: "same" });
    expect(trend(null, 3)).toBeNull();
  });
});
