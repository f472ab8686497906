import { describe, expect, test } from "vitest";
import {
  localText,
  occurrencesOf,
  parseLocal,
  prepChecklist,
  prepDueAt,
  reminderDue,
  shiftLocal,
} from "./maintenance";

const H = 3_600_000;

describe("maintenance windows, pure", () => {
  test("the reminder due is the latest whose moment came after the time was set, once each", () => {
    const startsAt = new Date("2027-05-10T03:00:00Z");
    const base = {
      startsAt,
      reminderMinutes: [4320, 1440, 60],
      remindedMinutes: null,
      timesSetAt: new Date(startsAt.getTime() - 100 * H),
    };
    expect(reminderDue(base, new Date(startsAt.getTime() - 73 * H))).toBeNull();
    expect(reminderDue(base, new Date(startsAt.getTime() - 72 * H))).toBe(4320);
    // A worker away for two days sends the 24-hour one only, not both.
    expect(reminderDue(base, new Date(startsAt.getTime() - 23 * H))).toBe(1440);
    expect(
      reminderDue({ ...base, remindedMinutes: 1440 }, new Date(startsAt.getTime() - 23 * H)),
    ).toBeNull();
    // Set 30 hours ahead: no 72-hour reminder; the 24-hour one goes.
    const late = { ...base, timesSetAt: new Date(startsAt.getTime() - 30 * H) };
    expect(reminderDue(late, new Date(startsAt.getTime() - 29 * H))).toBeNull();
    expect(reminderDue(late, new Date(startsAt.getTime() - 24 * H))).toBe(1440);
    // Once started, none.
    expect(reminderDue(base, startsAt)).toBeNull();
  });

  test("the prep checklist from the plan: tell staff 7 days before, the day before, 1 hour before", () => {
    const list = prepChecklist(["Print tomorrow's schedule.", "Finish charting for the day."]);
    expect(list.map((item) => [item.label, item.dueMinutesBefore])).toEqual([
      ["Tell staff about the maintenance window.", 10080],
      ["Print tomorrow's schedule.", 1440],
      ["Print the downtime packet.", 1440],
      ["Finish charting for the day.", 60],
    ]);
    expect(prepChecklist([]).length).toBe(6);
    const startsAt = new Date("2027-05-10T03:00:00Z");
    expect(prepDueAt(startsAt, 60, new Date("2027-05-01T00:00:00Z")).toISOString()).toBe(
      "2027-05-10T02:00:00.000Z",
    );
    // Already past when the window was set: due then.
    expect(prepDueAt(startsAt, 10080, new Date("2027-05-09T00:00:00Z")).toISOString()).toBe(
      "2027-05-09T00:00:00.000Z",
    );
  });

  test("local times: months keep their day or take the last one; impossible dates are refused", () => {
    expect(shiftLocal(parseLocal("2027-01-31T22:00")!, "month", 1)).toMatchObject({
      year: 2027,
      month: 2,
      day: 28,
    });
    expect(shiftLocal(parseLocal("2027-12-15T22:00")!, "month", 2)).toMatchObject({
      year: 2028,
      month: 2,
      day: 15,
    });
    expect(parseLocal("2027-02-30T22:00")).toBeNull();
    expect(parseLocal("2027-02-10T24:00")).toBeNull();
  });

  test("a series across the spring-forward keeps 22:00 local; a time the clocks skip is refused", () => {
    const result = occurrencesOf("2027-03-13T22:00", "2027-03-14T01:00", "America/Chicago", {
      every: "week",
      count: 2,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.occurrences.map((o) => localText(o.startsAt, "America/Chicago"))).toEqual([
      "2027-03-13T22:00",
      "2027-03-20T22:00",
    ]);
    expect(
      result.occurrences[1]!.startsAt.getTime() - result.occurrences[0]!.startsAt.getTime(),
    ).toBe((7 * 24 - 1) * H);
    const skipped = occurrencesOf("2027-03-14T02:30", "2027-03-14T04:00", "America/Chicago", null);
    expect(skipped).toMatchObject({ ok: false, field: "startsLocal" });
    expect(
      occurrencesOf("2027-03-14T05:00", "2027-03-14T04:00", "America/Chicago", null),
    ).toMatchObject({
      ok: false,
      field: "endsLocal",
    });
  });
});
