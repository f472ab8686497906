import { describe, expect, test } from "vitest";
import {
  DEFAULT_ESCALATION_HOURS,
  nextUpdateDue,
  outageCost,
  outageCostCents,
  outageMinutes,
  outageTier,
  vendorCallbackDue,
} from "./incident-timing";

const start = new Date("2026-11-29T09:00:00Z");
const at = (time: string) => new Date(`2026-11-29T${time}Z`);

describe("outage duration and cost", () => {
  test("counts whole minutes to the end, or to now while it runs", () => {
    expect(outageMinutes({ startedAt: start, endedAt: at("10:30:00") }, at("23:00:00"))).toBe(90);
    expect(outageMinutes({ startedAt: start, endedAt: null }, at("09:45:59"))).toBe(45);
    expect(outageMinutes({ startedAt: start, endedAt: null }, at("09:00:59"))).toBe(0);
  });

  test("is never negative, even with an end (or a clock) before the start", () => {
    expect(outageMinutes({ startedAt: start, endedAt: at("08:00:00") }, at("12:00:00"))).toBe(0);
    expect(outageMinutes({ startedAt: start, endedAt: null }, at("08:59:00"))).toBe(0);
  });

  test("costs minutes × cost per minute in integer cents", () => {
    expect(outageCostCents(90, 1250)).toBe(112_500);
    expect(outageCostCents(0, 1250)).toBe(0);
    expect(outageCostCents(90, 0)).toBe(0);
    expect(
      outageCost({ startedAt: start, endedAt: null, costPerMinuteCents: 333 }, at("11:00:30")),
    ).toEqual({ minutes: 120, costCents: 39_960 });
    expect(Number.isInteger(outageCostCents(7, 333))).toBe(true);
  });
});

describe("next update due", () => {
  test("is the promised interval after the last update, or after the start", () => {
    expect(
      nextUpdateDue(
        { startedAt: start, lastUpdateAt: null, updateEveryMinutes: 30 },
        at("09:10:00"),
      ),
    ).toEqual({ dueAt: at("09:30:00"), overdue: false });
    expect(
      nextUpdateDue(
        { startedAt: start, lastUpdateAt: at("09:25:00"), updateEveryMinutes: 30 },
        at("09:40:00"),
      ),
    ).toEqual({ dueAt: at("09:55:00"), overdue: false });
  });

  test("is overdue only once the due time has passed", () => {
    const incident = { startedAt: start, lastUpdateAt: null, updateEveryMinutes: 30 };
    expect(nextUpdateDue(incident, at("09:30:00")).overdue).toBe(false);
    expect(nextUpdateDue(incident, at("09:30:01")).overdue).toBe(true);
  });
});

describe("call the vendor again", () => {
  const ticket = { openedAt: at("09:05:00"), lastEscalatedAt: null, etaAt: null, levelHours: 2 };

  test("waits the ladder level's hours from the ticket, then from the last escalation", () => {
    expect(vendorCallbackDue(ticket, at("10:00:00"))).toEqual({
      dueAt: at("11:05:00"),
      overdue: false,
      basis: "escalation_ladder",
    });
    expect(
      vendorCallbackDue(
        { ...ticket, lastEscalatedAt: at("11:10:00"), levelHours: 0.5 },
        at("11:41:00"),
      ),
    ).toEqual({
      dueAt: at("11:40:00"),
      overdue: true,
      basis: "escalation_ladder",
    });
  });

  test("waits one hour when the level does not say", () => {
    expect(DEFAULT_ESCALATION_HOURS).toBe(1);
    expect(vendorCallbackDue({ ...ticket, levelHours: null }, at("09:30:00")).dueAt).toEqual(
      at("10:05:00"),
    );
    expect(vendorCallbackDue({ ...ticket, levelHours: 0 }, at("09:30:00")).dueAt).toEqual(
      at("10:05:00"),
    );
    expect(vendorCallbackDue({ ...ticket, levelHours: Number.NaN }, at("09:30:00")).dueAt).toEqual(
      at("10:05:00"),
    );
  });

  test("follows the vendor's ETA when one is given", () => {
    expect(vendorCallbackDue({ ...ticket, etaAt: at("13:00:00") }, at("12:00:00"))).toEqual({
      dueAt: at("13:00:00"),
      overdue: false,
      basis: "vendor_eta",
    });
    expect(vendorCallbackDue({ ...ticket, etaAt: at("09:20:00") }, at("09:30:00"))).toEqual({
      dueAt: at("09:20:00"),
      overdue: true,
      basis: "vendor_eta",
    });
  });

  test("once the missed ETA has been chased with an escalation, the ladder takes over again", () => {
    expect(
      vendorCallbackDue(
        { ...ticket, etaAt: at("10:00:00"), lastEscalatedAt: at("10:15:00") },
        at("10:20:00"),
      ),
    ).toEqual({
      dueAt: at("12:15:00"),
      overdue: false,
      basis: "escalation_ladder",
    });
  });
});

describe("short or long outage", () => {
  test("becomes long only past the plan's short-outage limit", () => {
    expect(outageTier(0, 240)).toBe("short");
    expect(outageTier(240, 240)).toBe("short");
    expect(outageTier(241, 240)).toBe("long");
  });
});
