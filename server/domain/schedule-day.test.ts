import { describe, expect, test } from "vitest";
import {
  copyAge,
  countMarks,
  dayBounds,
  groupBySiteAndProvider,
  markReconciliationLine,
  momentOfDay,
  NO_SITE,
  shiftDay,
} from "./schedule-day";

describe("a local day of the schedule", () => {
  test("starts and ends at the practice's midnight", () => {
    expect(dayBounds("2026-12-08", "America/Chicago")).toEqual({
      from: new Date("2026-12-08T06:00:00Z"),
      to: new Date("2026-12-09T06:00:00Z"),
    });
    expect(dayBounds("2026-12-08", "Asia/Tokyo").from).toEqual(new Date("2026-12-07T15:00:00Z"));
  });

  test("a day across a change of clocks is 25 or 23 hours long", () => {
    const fallBack = dayBounds("2026-11-01", "America/Chicago");
    expect(fallBack.from).toEqual(new Date("2026-11-01T05:00:00Z"));
    expect(fallBack.to).toEqual(new Date("2026-11-02T06:00:00Z"));
    const springForward = dayBounds("2026-03-08", "America/Denver");
    expect((springForward.to.getTime() - springForward.from.getTime()) / 3_600_000).toBe(23);
  });

  test("moves by calendar days across months and years", () => {
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDay("2028-03-01", -1)).toBe("2028-02-29");
  });

  test("a wall-clock time of the day is a moment in the zone; a time the clocks skip moves forward", () => {
    expect(momentOfDay("2026-12-08", "09:30", "America/Chicago")).toEqual(
      new Date("2026-12-08T15:30:00Z"),
    );
    expect(momentOfDay("2026-03-08", "02:30", "America/Chicago")).toEqual(
      new Date("2026-03-08T08:30:00Z"),
    );
  });
});

describe("grouping", () => {
  const at = (time: string) => new Date(`2026-12-08T${time}:00Z`);
  const appointment = (locationName: string, providerName: string, time: string) => ({
    locationName,
    providerName,
    startsAt: at(time),
    id: `${locationName}|${providerName}|${time}`,
  });

  test("per site, then provider, by name; each provider's day in time order; no site last", () => {
    const groups = groupBySiteAndProvider([
      appointment("North clinic", "Dr. Okafor", "15:00"),
      appointment("Main office", "Dr. Vance", "16:00"),
      appointment("", "Dr. Vance", "14:00"),
      appointment("Main office", "Dr. Adler", "15:30"),
      appointment("Main office", "Dr. Vance", "14:00"),
      appointment("north clinic", "Dr. Okafor", "14:00"),
    ]);
    expect(groups.map((group) => group.site)).toEqual([
      "Main office",
      "North clinic",
      "north clinic",
      NO_SITE,
    ]);
    expect(groups[0]!.providers.map((p) => p.provider)).toEqual(["Dr. Adler", "Dr. Vance"]);
    expect(groups[0]!.providers[1]!.appointments.map((a) => a.startsAt)).toEqual([
      at("14:00"),
      at("16:00"),
    ]);
    expect(groupBySiteAndProvider([])).toEqual([]);
  });
});

describe("the copy's age", () => {
  const now = new Date("2026-12-08T20:05:00Z");
  const ago = (minutes: number) => copyAge(new Date(now.getTime() - minutes * 60_000), now);

  test("in words, flagged once older than 24 hours", () => {
    expect(ago(0)).toEqual({ minutes: 0, stale: false, words: "just now" });
    expect(ago(12).words).toBe("12 min ago");
    expect(ago(3 * 60 + 10)).toEqual({ minutes: 190, stale: false, words: "3 h ago" });
    expect(ago(24 * 60).stale).toBe(false);
    expect(ago(24 * 60 + 1)).toMatchObject({ stale: true, words: "24 h ago" });
    expect(ago(3 * 24 * 60).words).toBe("3 days ago");
  });

  test("a copy stamped a little ahead of the clock is not negative", () => {
    expect(ago(-2).minutes).toBe(0);
  });
});

describe("the reconciliation line", () => {
  test("says what to enter into the EHR, kind by kind", () => {
    const counts = countMarks([
      ...Array.from({ length: 4 }, () => ({ kind: "cancelled" as const, entered: false })),
      { kind: "walk_in", entered: false },
      { kind: "walk_in", entered: false },
      { kind: "cancelled", entered: true },
    ]);
    expect(counts.total).toBe(7);
    expect(counts.entered).toBe(1);
    expect(markReconciliationLine(counts)).toBe(
      "Enter 4 cancellations and 2 walk-ins into the EHR",
    );
    expect(
      markReconciliationLine(
        countMarks([
          { kind: "arrived", entered: false },
          { kind: "no_show", entered: false },
          { kind: "rescheduled", entered: false },
          { kind: "walk_in", entered: false },
        ]),
      ),
    ).toBe("Enter 1 arrival, 1 no-show, 1 rescheduled appointment and 1 walk-in into the EHR");
  });

  test("says when everything is entered, and nothing when there are no marks", () => {
    expect(
      markReconciliationLine(
        countMarks([
          { kind: "arrived", entered: true },
          { kind: "walk_in", entered: true },
        ]),
      ),
    ).toBe("All 2 front-desk changes are entered into the EHR");
    expect(markReconciliationLine(countMarks([]))).toBeNull();
  });
});
