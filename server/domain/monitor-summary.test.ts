import { describe, expect, test } from "vitest";
import { rollUp } from "./monitor-rollup";
import {
  bucketRollups,
  firstBucketStart,
  systemMonitorStates,
  worstStatus,
} from "./monitor-summary";

describe("a system's monitor state", () => {
  test("the worst state wins: down over failing over degraded over not checked over up over paused", () => {
    expect(worstStatus([])).toBeNull();
    expect(worstStatus(["up", "paused"])).toBe("up");
    expect(worstStatus(["paused"])).toBe("paused");
    expect(worstStatus(["up", "unknown"])).toBe("unknown");
    expect(worstStatus(["up", "degraded", "unknown"])).toBe("degraded");
    expect(worstStatus(["degraded", "pending"])).toBe("pending");
    expect(worstStatus(["up", "pending", "down", "paused"])).toBe("down");
  });

  test("per system from grouped rows: the worst state, how many are in it, of how many", () => {
    const states = systemMonitorStates([
      { systemId: "ehr", status: "up", monitors: 2 },
      { systemId: "ehr", status: "down", monitors: 1 },
      { systemId: "internet", status: "paused", monitors: 1 },
      { systemId: "internet", status: "up", monitors: 3 },
      { systemId: "printer", status: "degraded", monitors: 1 },
    ]);
    expect(states.get("ehr")).toEqual({ status: "down", inStatus: 1, monitors: 3 });
    expect(states.get("internet")).toEqual({ status: "up", inStatus: 3, monitors: 4 });
    expect(states.get("printer")).toEqual({ status: "degraded", inStatus: 1, monitors: 1 });
    expect(states.has("firewall")).toBe(false);
  });
});

describe("chart buckets", () => {
  const from = new Date("2026-12-07T00:00:00Z");
  const at = (minutes: number) => new Date(from.getTime() + minutes * 60_000);
  const result = (outcome: "up" | "down" | "degraded", latencyMs: number | null) =>
    rollUp([{ outcome, latencyMs }]);

  test("results fall into their bucket; an empty bucket is a gap, not an outage", () => {
    const buckets = bucketRollups(
      [
        { at: at(0), rollup: result("up", 100) },
        { at: at(10), rollup: result("down", null) },
        { at: at(29), rollup: result("degraded", 300) },
        { at: at(95), rollup: result("up", 50) },
        { at: at(-1), rollup: result("down", null) }, // before the chart: left out
        { at: at(120), rollup: result("down", null) }, // after it: left out
      ],
      from,
      30 * 60_000,
      4,
    );
    expect(buckets.map((bucket) => bucket.start)).toEqual([
      "2026-12-07T00:00:00.000Z",
      "2026-12-07T00:30:00.000Z",
      "2026-12-07T01:00:00.000Z",
      "2026-12-07T01:30:00.000Z",
    ]);
    expect(buckets[0]).toMatchObject({
      checks: 3,
      downChecks: 1,
      meanLatencyMs: 200,
      maxLatencyMs: 300,
    });
    expect(buckets[0]!.availability).toBeCloseTo(2 / 3);
    expect(buckets[1]).toMatchObject({ checks: 0, availability: null, meanLatencyMs: null });
    expect(buckets[3]).toMatchObject({ checks: 1, availability: 1, meanLatencyMs: 50 });
  });

  test("hourly rollups sum into days", () => {
    const hour = {
      ...result("up", 100),
      checks: 60,
      upChecks: 59,
      downChecks: 1,
      latencyCount: 59,
      latencySumMs: 5900,
      latencyMaxMs: 400,
    };
    const buckets = bucketRollups(
      [
        { at: at(0), rollup: hour },
        { at: at(60), rollup: hour },
      ],
      from,
      24 * 3_600_000,
      1,
    );
    expect(buckets[0]).toMatchObject({
      checks: 120,
      downChecks: 2,
      meanLatencyMs: 100,
      maxLatencyMs: 400,
    });
    expect(buckets[0]!.availability).toBeCloseTo(118 / 120);
  });

  test("the last bucket holds now", () => {
    const now = new Date("2026-12-07T10:47:00Z");
    expect(firstBucketStart(now, 30 * 60_000, 48).toISOString()).toBe("2026-12-06T11:00:00.000Z");
    expect(firstBucketStart(now, 24 * 3_600_000, 30).toISOString()).toBe(
      "2026-11-08T00:00:00.000Z",
    );
  });
});
