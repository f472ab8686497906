/**
 * What the monitors show (issue 21, item 7): each system's worst monitor state on the dependency
 * map, the MSP-wide list filtered by state and practice, and a monitor's 24-hour and 30-day charts;
 * each read across tenants (another MSP, a practice manager of another practice).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { callerFor, createMsp, ownerSql, type Caller, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let technician: Caller;
let manager: Caller;
let outsider: Caller;
let practiceId: string;
let secondPracticeId: string;
let ehr: string;
let internet: string;
let printer: string;
let phones: string;
const ids: Record<string, string> = {};

const codeOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
};

async function newSystem(testMsp: TestMsp, practice: string, name: string) {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into systems (msp_id, practice_id, name, category, criticality)
    values (${testMsp.id}, ${practice}, ${name}, 'other', 'critical') returning id`;
  return row!.id;
}

async function monitorOn(
  practice: string,
  systemId: string,
  name: string,
  status: "up" | "down" | "pending" | "degraded" | "paused" | "unknown",
) {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into monitors (msp_id, practice_id, system_id, name, kind, target, interval_seconds,
                          timeout_seconds, status, paused_reason)
    values (${msp.id}, ${practice}, ${systemId}, ${name}, 'http', 'https://example.com/', 60, 10,
            ${status}, ${status === "paused" ? "Maintenance" : null}) returning id`;
  ids[name] = row!.id;
  return row!.id;
}

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "";
  msp = await createMsp("Monitor views");
  other = await createMsp("Other MSP views");
  practiceId = msp.practices[0].id;
  secondPracticeId = msp.practices[1].id;
  ehr = await newSystem(msp, practiceId, "EHR");
  internet = await newSystem(msp, practiceId, "Internet");
  printer = await newSystem(msp, practiceId, "Printer");
  phones = await newSystem(msp, secondPracticeId, "Phones");
  await monitorOn(practiceId, ehr, "EHR portal", "up");
  await monitorOn(practiceId, ehr, "EHR API", "down");
  await monitorOn(practiceId, ehr, "EHR certificate", "paused");
  await monitorOn(practiceId, internet, "Circuit A", "degraded");
  await monitorOn(practiceId, internet, "Circuit B", "up");
  await monitorOn(secondPracticeId, phones, "Phones portal", "pending");
  technician = await callerFor(msp.technician);
  manager = await callerFor(msp.manager);
  outsider = await callerFor(other.admin);
});

describe("the state of each system on the dependency map", () => {
  test("the worst monitor state of each system, with how many are in it; none: null", async () => {
    const map = await technician.dependencies.map({ practiceId });
    const state = (id: string) => map.systems.find((system) => system.id === id)!.monitorState;
    expect(state(ehr)).toEqual({ status: "down", inStatus: 1, monitors: 3 });
    expect(state(internet)).toEqual({ status: "degraded", inStatus: 1, monitors: 2 });
    expect(state(printer)).toBeNull();
  });

  test("a practice manager sees their practice's states, not another's; another MSP nothing", async () => {
    const map = await manager.dependencies.map({ practiceId });
    expect(map.systems.find((system) => system.id === ehr)!.monitorState?.status).toBe("down");
    expect(await codeOf(manager.dependencies.map({ practiceId: secondPracticeId }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(outsider.dependencies.map({ practiceId }))).toBe("NOT_FOUND");
  });
});

describe("the monitors across the MSP", () => {
  test("down first, then failing and degraded; counts by state; the practices that have monitors", async () => {
    const all = await technician.monitors.listAll({});
    expect(all.items.slice(0, 3).map((item) => item.name)).toEqual([
      "EHR API",
      "Phones portal",
      "Circuit A",
    ]);
    expect(all.items.at(-1)!.name).toBe("EHR certificate");
    expect(all.counts).toEqual({ down: 1, pending: 1, degraded: 1, up: 2, paused: 1, unknown: 0 });
    expect(all.practices.map((practice) => practice.id).sort()).toEqual(
      [practiceId, secondPracticeId].sort(),
    );
    expect(all.items[0]).toMatchObject({
      practiceName: expect.any(String),
      practiceTimezone: expect.any(String),
    });
  });

  test("filtered by state and by practice (the counts follow the practice)", async () => {
    const down = await technician.monitors.listAll({ status: "down" });
    expect(down.items.map((item) => item.name)).toEqual(["EHR API"]);
    expect(down.total).toBe(1);
    const second = await technician.monitors.listAll({ practiceId: secondPracticeId });
    expect(second.items.map((item) => item.name)).toEqual(["Phones portal"]);
    expect(second.counts.pending).toBe(1);
    expect(second.counts.down).toBe(0);
    const none = await technician.monitors.listAll({
      practiceId: secondPracticeId,
      status: "down",
    });
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  test("a practice manager sees their practice's only, and cannot filter to another", async () => {
    const all = await manager.monitors.listAll({});
    expect(new Set(all.items.map((item) => item.practiceId))).toEqual(new Set([practiceId]));
    expect(all.counts.pending).toBe(0);
    expect(all.practices.map((practice) => practice.id)).toEqual([practiceId]);
    expect(await codeOf(manager.monitors.listAll({ practiceId: secondPracticeId }))).toBe(
      "NOT_FOUND",
    );
  });

  test("another MSP sees none of them, and its practice filter names nothing here", async () => {
    const theirs = await outsider.monitors.listAll({});
    expect(theirs).toMatchObject({ items: [], total: 0, practices: [] });
    expect(await codeOf(outsider.monitors.listAll({ practiceId }))).toBe("NOT_FOUND");
  });

  test("a state that does not exist is a 400", async () => {
    expect(
      await codeOf(technician.monitors.listAll({ status: "broken" as unknown as "down" })),
    ).toBe("BAD_REQUEST");
  });
});

describe("a monitor's charts", () => {
  test("24 hours from its results, 30 days from its rollups and the hours not rolled up yet", async () => {
    const monitorId = ids["EHR portal"]!;
    const sql = ownerSql();
    // Results every 10 minutes over the last 5 hours, one failed; rollups for the 3 days before.
    await sql`
      insert into monitor_results (msp_id, practice_id, monitor_id, due_at, checked_at, outcome, latency_ms)
      select ${msp.id}, ${practiceId}, ${monitorId}, t, t,
             (case when n = 3 then 'down' else 'up' end)::monitor_outcome,
             case when n = 3 then null else 100 + n end
        from generate_series(1, 30) n, lateral (select date_trunc('hour', now()) - n * interval '10 minutes' as t) x`;
    await sql`
      insert into monitor_rollups (msp_id, practice_id, monitor_id, hour, checks, up_checks, degraded_checks,
                                   down_checks, latency_count, latency_sum_ms, latency_max_ms)
      select ${msp.id}, ${practiceId}, ${monitorId}, date_trunc('hour', now()) - h * interval '1 hour',
             60, 59, 0, 1, 59, 59 * 200, 900
        from generate_series(6, 72) h`;
    const history = await technician.monitors.history({ practiceId, monitorId });
    expect(history.day).toHaveLength(48);
    expect(history.month).toHaveLength(30);
    const dayChecks = history.day.reduce((sum, bucket) => sum + bucket.checks, 0);
    expect(dayChecks).toBe(30);
    expect(history.day.reduce((sum, bucket) => sum + bucket.downChecks, 0)).toBe(1);
    expect(
      history.day.filter((bucket) => bucket.checks === 0).every((b) => b.availability === null),
    ).toBe(true);
    // 67 rolled-up hours of 60 checks, and the 30 results after the last rolled-up hour.
    const monthChecks = history.month.reduce((sum, bucket) => sum + bucket.checks, 0);
    expect(monthChecks).toBe(67 * 60 + 30);
    expect(Math.max(...history.month.map((bucket) => bucket.maxLatencyMs ?? 0))).toBe(900);
    // Another monitor's rows are not in it.
    const empty = await technician.monitors.history({ practiceId, monitorId: ids["EHR API"]! });
    expect(empty.day.every((bucket) => bucket.checks === 0)).toBe(true);
  });

  test("another MSP, another practice's manager, a monitor under the wrong practice: not found", async () => {
    const monitorId = ids["EHR portal"]!;
    expect(await codeOf(outsider.monitors.history({ practiceId, monitorId }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        manager.monitors.history({
          practiceId: secondPracticeId,
          monitorId: ids["Phones portal"]!,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(technician.monitors.history({ practiceId: secondPracticeId, monitorId })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(manager.monitors.history({ practiceId, monitorId }))).toBe("OK");
  });
});
