import { describe, expect, test } from "vitest";
import {
  dayIfNotToday,
  dayInZone,
  formatDay,
  formatDayOf,
  formatMoment,
  formatShortMoment,
  formatUsd,
  relativeDays,
} from "./format";

const moment = new Date("2026-11-20T20:05:00Z");

describe("the house formatters", () => {
  test("moments are written on the practice's clock", () => {
    expect(formatMoment(moment, "America/Chicago")).toBe("Nov 20, 2026, 14:05 CST");
    expect(formatMoment(moment.toISOString(), "America/Chicago")).toBe("Nov 20, 2026, 14:05 CST");
    expect(formatShortMoment(moment, "America/Denver")).toBe("Nov 20, 13:05 MST");
  });

  test("a calendar day is the day written, a moment's day is the day in the zone", () => {
    expect(formatDay("2027-03-01")).toBe("Mar 1, 2027");
    expect(formatDayOf(new Date("2026-11-21T03:00:00Z"), "America/Denver")).toBe("Nov 20, 2026");
    expect(dayInZone(new Date("2026-11-21T03:00:00Z"), "America/Denver")).toBe("2026-11-20");
  });

  test("days relative to now, in the zone", () => {
    const now = new Date("2026-11-20T18:00:00Z");
    expect(relativeDays(new Date("2026-11-20T22:00:00Z"), now, "America/Denver")).toBe("today");
    expect(relativeDays(new Date("2026-12-02T18:00:00Z"), now, "America/Denver")).toBe(
      "in 12 days",
    );
    expect(dayIfNotToday(new Date("2026-11-20T22:00:00Z"), now, "America/Denver")).toBe("");
    expect(dayIfNotToday(new Date("2026-11-18T22:00:00Z"), now, "America/Denver")).toBe("Nov 18");
  });

  test("money: whole dollars when whole, cents otherwise", () => {
    expect(formatUsd(103_500)).toBe("$1,035");
    expect(formatUsd(103_550)).toBe("$1,035.50");
    expect(formatUsd(4_250)).toBe("$42.50");
    expect(formatUsd(0)).toBe("$0");
  });
});
