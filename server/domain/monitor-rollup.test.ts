import { describe, expect, test } from "vitest";
import {
  availability,
  combine,
  emptyRollup,
  formatAvailability,
  hourOf,
  meanLatencyMs,
  rollUp,
} from "./monitor-rollup";

describe("monitor rollups", () => {
  test("an hour's results are counted by outcome; latency only of answered checks", () => {
    const rollup = rollUp([
      { outcome: "up", latencyMs: 100 },
      { outcome: "up", latencyMs: 300 },
      { outcome: "degraded", latencyMs: 2000 },
      { outcome: "down", latencyMs: 5000 },
      { outcome: "down", latencyMs: null },
    ]);
    expect(rollup).toEqual({
      checks: 5,
      upChecks: 2,
      degradedChecks: 1,
      downChecks: 2,
      latencyCount: 3,
      latencySumMs: 2400,
      latencyMaxMs: 2000,
    });
    expect(availability(rollup)).toBeCloseTo(0.6);
    expect(meanLatencyMs(rollup)).toBe(800);
  });

  test("rollups combine into the same sums as rolling up all the results at once", () => {
    const first = [
      { outcome: "up" as const, latencyMs: 10 },
      { outcome: "down" as const, latencyMs: null },
    ];
    const second = [{ outcome: "degraded" as const, latencyMs: 90 }];
    expect(combine([rollUp(first), rollUp(second)])).toEqual(rollUp([...first, ...second]));
    expect(combine([])).toEqual(emptyRollup);
  });

  test("no checks: no availability and no mean", () => {
    expect(availability(emptyRollup)).toBeNull();
    expect(meanLatencyMs(emptyRollup)).toBeNull();
    expect(formatAvailability(null)).toBe("No checks yet");
  });

  test("availability is never rounded up to 100% while a check failed", () => {
    expect(formatAvailability(9999.9 / 10000)).toBe("99.99%");
    expect(formatAvailability(1)).toBe("100%");
    expect(formatAvailability(0.5)).toBe("50.00%");
  });

  test("a moment's hour is the start of its UTC hour", () => {
    expect(hourOf(new Date("2026-03-01T10:59:59.999Z")).toISOString()).toBe(
      "2026-03-01T10:00:00.000Z",
    );
  });
});
