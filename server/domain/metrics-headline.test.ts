import { describe, expect, test } from "vitest";
import { headlineFigures, percentOf, type HeadlineQuarter } from "./metrics-headline";

const quarter = (changes: Partial<HeadlineQuarter> = {}): HeadlineQuarter => ({
  quarter: "2026-Q4",
  incidents: 0,
  downtimeMinutes: 0,
  planCompleteness: null,
  backupTests: 0,
  backupTestsPassed: 0,
  ...changes,
});

describe("the metrics headline", () => {
  test("downtime, plan completeness and restore tests passed, each against the quarter before", () => {
    const [downtime, plan, restores] = headlineFigures([
      quarter({ quarter: "2026-Q2", downtimeMinutes: 999, planCompleteness: 10 }),
      quarter({
        quarter: "2026-Q3",
        incidents: 3,
        downtimeMinutes: 240,
        planCompleteness: 70,
        backupTests: 4,
        backupTestsPassed: 2,
      }),
      quarter({
        quarter: "2026-Q4",
        incidents: 1,
        downtimeMinutes: 95,
        planCompleteness: 85,
        backupTests: 3,
        backupTestsPassed: 3,
      }),
    ]);
    expect(downtime).toEqual({
      key: "downtimeMinutes",
      value: 95,
      previous: 240,
      trend: { change: -145, direction: "down" },
      detail: { count: 1, of: null },
    });
    expect(plan).toEqual({
      key: "planCompleteness",
      value: 85,
      previous: 70,
      trend: { change: 15, direction: "up" },
      detail: null,
    });
    expect(restores).toEqual({
      key: "restoreTestsPassedPercent",
      value: 100,
      previous: 50,
      trend: { change: 50, direction: "up" },
      detail: { count: 3, of: 3 },
    });
  });

  test("no data yet: no published plan and no restore test give no value and no trend; no downtime is 0", () => {
    const [downtime, plan, restores] = headlineFigures([
      quarter({ quarter: "2026-Q3" }),
      quarter({ quarter: "2026-Q4" }),
    ]);
    expect(downtime).toMatchObject({
      value: 0,
      previous: 0,
      trend: { change: 0, direction: "same" },
    });
    expect(plan).toMatchObject({ value: null, previous: null, trend: null, detail: null });
    expect(restores).toMatchObject({ value: null, previous: null, trend: null, detail: null });
  });

  test("a figure new this quarter has a value but nothing to compare with", () => {
    const [, plan, restores] = headlineFigures([
      quarter({ quarter: "2026-Q3" }),
      quarter({ quarter: "2026-Q4", planCompleteness: 60, backupTests: 2, backupTestsPassed: 1 }),
    ]);
    expect(plan).toMatchObject({ value: 60, previous: null, trend: null });
    expect(restores).toMatchObject({ value: 50, previous: null, trend: null });
  });

  test("a single quarter has nothing before it; no quarters, no headline", () => {
    const [downtime] = headlineFigures([quarter({ downtimeMinutes: 30, incidents: 1 })]);
    expect(downtime).toMatchObject({ value: 30, previous: null, trend: null });
    expect(headlineFigures([])).toEqual([]);
  });

  test("percentOf rounds to whole percent and has none of nothing", () => {
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });
});
