import { describe, expect, test } from "vitest";
import { chartData, hasData } from "./figures";
import { headlineWords, type Headline } from "./headline-words";
import type { QuarterlyMetrics } from "./types";

describe("which charts have data", () => {
  test("a count of 0 in every quarter is nothing recorded; any other value is data", () => {
    expect(hasData([{ drillsHeld: 0 }, { drillsHeld: 0 }], ["drillsHeld"])).toBe(false);
    expect(hasData([{ drillsHeld: 0 }, { drillsHeld: 1 }], ["drillsHeld"])).toBe(true);
    expect(
      hasData(
        [{ backupTests: 0, backupTestsPassed: 0 }, { backupTests: 2 }],
        ["backupTestsPassed"],
      ),
    ).toBe(false);
  });

  test("a figure that is empty when there is nothing to measure counts 0 as data", () => {
    expect(hasData([{ planCompleteness: null }], ["planCompleteness"])).toBe(false);
    expect(hasData([{ vendorsVerifiedPercent: 0 }], ["vendorsVerifiedPercent"])).toBe(true);
    expect(hasData([{ medianMinutesToRestore: null }], ["medianMinutesToRestore"])).toBe(false);
  });
});

describe("what a chart would show", () => {
  test("bars where a value is above zero, a line where all are zero or none is recorded", () => {
    expect(chartData([{ drillsHeld: 0 }, { drillsHeld: 2 }], ["drillsHeld"])).toBe("some");
    expect(
      chartData([{ seenFirstPercent: 0 }, { seenFirstPercent: null }], ["seenFirstPercent"]),
    ).toBe("zero");
    expect(chartData([{ seenFirstPercent: null }], ["seenFirstPercent"])).toBe("none");
  });
});

describe("the headline's words", () => {
  const metrics = (quarters: string[]) =>
    ({ figures: quarters.map((quarter) => ({ quarter })) }) as unknown as QuarterlyMetrics;
  const figure = (changes: Partial<Headline>): Headline => ({
    key: "downtimeMinutes",
    value: 95,
    previous: 240,
    trend: { change: -145, direction: "down" },
    detail: { count: 1, of: null },
    ...changes,
  });

  test("less downtime is better, with an arrow's direction and the words", () => {
    expect(headlineWords(figure({}), metrics(["2026-Q3", "2026-Q4"]))).toEqual({
      text: "145 fewer downtime minutes than 2026-Q3",
      change: "145 fewer downtime minutes",
      direction: "down",
      verdict: "better",
    });
  });

  test("fewer restore tests passed is worse", () => {
    expect(
      headlineWords(
        figure({
          key: "restoreTestsPassedPercent",
          value: 50,
          previous: 100,
          trend: { change: -50, direction: "down" },
          detail: { count: 1, of: 2 },
        }),
        metrics(["2026-Q3", "2026-Q4"]),
      ),
    ).toMatchObject({
      text: "50\u00a0points fewer restore tests passed than 2026-Q3",
      verdict: "worse",
    });
  });

  test("no data for the quarter before, or no quarter before, says so", () => {
    expect(
      headlineWords(
        figure({ key: "planCompleteness", value: 60, previous: null, trend: null }),
        metrics(["2026-Q3", "2026-Q4"]),
      ),
    ).toMatchObject({ text: "No data for 2026-Q3 to compare with", direction: "none" });
    expect(
      headlineWords(figure({ previous: null, trend: null }), metrics(["2026-Q4"])),
    ).toMatchObject({ text: "Nothing to compare with yet", verdict: "none" });
  });
});
