import { describe, expect, test } from "vitest";
import { nextReviewDue, reviewCadence, reviewTiming } from "./review-cadence";

const now = new Date("2026-11-29T12:00:00Z");
const steady = { isNewOffice: false, isMigrating: false, lastIncidentAt: null };

describe("review cadence", () => {
  test("quarterly for a steady practice", () => {
    expect(reviewCadence(steady, now)).toEqual({ months: 3, reasons: [] });
  });

  test("monthly while new, migrating, or within 90 days of an incident — with the reasons", () => {
    expect(reviewCadence({ ...steady, isNewOffice: true }, now)).toEqual({
      months: 1,
      reasons: ["new office"],
    });
    expect(
      reviewCadence(
        { ...steady, isMigrating: true, lastIncidentAt: new Date("2026-10-01T00:00:00Z") },
        now,
      ),
    ).toEqual({
      months: 1,
      reasons: ["migrating", "incident in the last 90 days"],
    });
    expect(
      reviewCadence({ ...steady, lastIncidentAt: new Date("2026-08-31T12:00:00Z") }, now).months,
    ).toBe(1); // 90 days ago
    expect(
      reviewCadence({ ...steady, lastIncidentAt: new Date("2026-08-30T12:00:00Z") }, now).months,
    ).toBe(3); // 91 days ago
  });

  test("the next review is one cadence after the last sign-off, or after the practice joined", () => {
    expect(
      nextReviewDue(
        {
          signedOffAt: new Date("2026-09-15T10:00:00Z"),
          practiceCreatedAt: new Date("2025-01-01T00:00:00Z"),
        },
        { months: 3, reasons: [] },
      ),
    ).toEqual(new Date("2026-12-15T10:00:00Z"));
    expect(
      nextReviewDue(
        { signedOffAt: null, practiceCreatedAt: new Date("2026-11-01T00:00:00Z") },
        { months: 1, reasons: ["new office"] },
      ),
    ).toEqual(new Date("2026-12-01T00:00:00Z"));
  });

  test("a review is due soon within 14 days, overdue after its date", () => {
    expect(reviewTiming(new Date("2026-12-31T00:00:00Z"), now)).toEqual({
      status: "on_track",
      daysLeft: 32,
    });
    expect(reviewTiming(new Date("2026-12-13T00:00:00Z"), now)).toEqual({
      status: "due_soon",
      daysLeft: 14,
    });
    expect(reviewTiming(new Date("2026-11-28T00:00:00Z"), now)).toEqual({
      status: "overdue",
      daysLeft: -1,
    });
  });
});
