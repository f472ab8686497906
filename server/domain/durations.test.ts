import { describe, expect, it } from "vitest";
import { humanDays, humanMinutes } from "./durations";

describe("durations in words", () => {
  it("writes minutes, hours and days in the short words the pages use", () => {
    expect(humanMinutes(0)).toBe("0 min");
    expect(humanMinutes(1)).toBe("1 min");
    expect(humanMinutes(45)).toBe("45 min");
    expect(humanMinutes(60)).toBe("1 h");
    expect(humanMinutes(90)).toBe("1 h 30 min");
    expect(humanMinutes(240)).toBe("4 h");
    expect(humanMinutes(1440)).toBe("1 day");
    expect(humanMinutes(1500)).toBe("1 day 1 h");
    expect(humanMinutes(1441)).toBe("1 day 1 min");
    expect(humanMinutes(2880)).toBe("2 days");
    expect(humanMinutes(2 * 1440 + 3 * 60 + 5)).toBe("2 days 3 h 5 min");
  });

  it("keeps long spans in days rather than months", () => {
    expect(humanMinutes(60 * 1440)).toBe("60 days");
    expect(humanDays(365)).toBe("365 days");
    expect(humanDays(1000)).toBe("1,000 days");
  });

  it("says days for a cadence", () => {
    expect(humanDays(1)).toBe("1 day");
    expect(humanDays(30)).toBe("30 days");
  });

  it("reads a stray fraction or negative as whole minutes, never below zero", () => {
    expect(humanMinutes(89.6)).toBe("1 h 30 min");
    expect(humanMinutes(-5)).toBe("0 min");
  });
});
