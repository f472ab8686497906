/**
 * Suspected outages end to end: real ticks of the worker against loopback HTTP targets switched off
 * and on, with an injected clock, through the dependency map (the cause, not its consequences),
 * redundancy, vendor-wide proposals, blips, dismissal, declaring, the incident room's monitors and
 * tenancy through the tRPC callers.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseOutboundAllowlist } from "@/server/domain/outbound-address";
import { systemResolveHost } from "@/server/services/outbound-http";
import { runMonitorTick } from "@/server/services/monitors/tick";
import type { CheckEnvironment } from "@/server/services/monitors/types";
import { callerFor, createMsp, ownerSql, type Caller, type TestMsp } from "@/server/test/fixtures";
import { startHttpTarget, type HttpTarget } from "@/server/test/monitor-targets";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let outsider: Caller;
const targets: HttpTarget[] = [];

const environment = (now: Date): CheckEnvironment => ({
  rules: { httpsOnly: false, allow: parseOutboundAllowlist("127.0.0.1") },
  resolveHost: systemResolveHost,
  dnsServers: [],
  now,
});

const codeOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
};

async function newTarget() {
  const target = await startHttpTarget();
  targets.push(target);
  return target;
}

async function system(
  testMsp: TestMsp,
  practiceId: string,
  name: string,
  vendorId: string | null = null,
) {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into systems (msp_id, practice_id, name, category, criticality, vendor_id)
    values (${testMsp.id}, ${practiceId}, ${name}, 'ehr', 'critical', ${vendorId}) returning id`;
  return row!.id;
}

async function dependsOn(testMsp: TestMsp, practiceId: string, from: string, to: string) {
  await ownerSql()`insert into system_dependencies (msp_id, practice_id, system_id, depends_on_id)
                   values (${testMsp.id}, ${practiceId}, ${from}, ${to})`;
}

async function monitorOn(
  testMsp: TestMsp,
  practiceId: string,
  systemId: string,
  target: HttpTarget,
  dueAt: Date,
  name = "Status page",
) {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into monitors (msp_id, practice_id, system_id, name, kind, target, interval_seconds, timeout_seconds, next_check_at)
    values (${testMsp.id}, ${practiceId}, ${systemId}, ${name}, 'http', ${target.url}, 30, 2, ${dueAt.toISOString()})
    returning id`;
  return row!.id;
}

/** Pauses every monitor but these, so ticks only check the ones a test is about. */
async function only(...ids: string[]) {
  await ownerSql()`update monitors set status = 'paused', paused_reason = 'other test', paused_until = null
                   where id <> all(${ids}::uuid[]) and status <> 'paused'`;
}

function clock(t0: Date) {
  const at = (step: number) => new Date(t0.getTime() + step * 30_000);
  return {
    at,
    tick: (step: number) => runMonitorTick({ now: at(step), environment: environment(at(step)) }),
  };
}

type SuspectedRow = {
  id: string;
  practice_id: string | null;
  scope: string;
  status: string;
  effect: string;
  system_name: string;
  vendor_wide_id: string | null;
  recovered_at: Date | null;
  dismissed_reason: string | null;
  incident_id: string | null;
  incident_group_id: string | null;
};

const suspectedOf = (testMsp: TestMsp) =>
  ownerSql()<
    SuspectedRow[]
  >`select * from suspected_outages where msp_id = ${testMsp.id} order by opened_at, system_name`;

const sentOf = async (testMsp: TestMsp, kind: string) =>
  (
    await ownerSql()<{ headline: string; deliveries: number }[]>`
      select e.headline, (select count(*)::int from notification_deliveries d where d.event_id = e.id) as deliveries
        from notification_events e where e.msp_id = ${testMsp.id} and e.kind = ${kind}`
  ).map((row) => row);

const monitorsOf = (ids: string[]) =>
  ownerSql()<{ id: string; status: string; unreachable_because: string | null }[]>`
    select id, status, unreachable_because from monitors where id = any(${ids}::uuid[])`;

beforeAll(async () => {
  msp = await createMsp("Suspected");
  other = await createMsp("Other suspected");
  technician = await callerFor(msp.technician);
  manager = await callerFor(msp.manager);
  leadership = await callerFor(msp.leadership);
  outsider = await callerFor(other.admin);
});

afterAll(async () => {
  for (const target of targets) await target.close();
});

describe("the cause, not its consequences", () => {
  test("a parent down with five dependent monitors down: one suspected outage, one notification; recovery clears it as a blip", async () => {
    const testMsp = await createMsp("Firewall");
    const practiceId = testMsp.practices[0].id;
    const firewallTarget = await newTarget();
    const t0 = new Date(Date.UTC(2031, 0, 1, 9, 0, 0));
    const firewall = await system(testMsp, practiceId, "Firewall");
    const ids = [await monitorOn(testMsp, practiceId, firewall, firewallTarget, t0, "Firewall")];
    for (const name of ["EHR", "Portal", "Phones", "Labs", "Imaging"]) {
      const dependent = await system(testMsp, practiceId, name);
      await dependsOn(testMsp, practiceId, dependent, firewall);
      // Behind the firewall: its site answers through it, so it fails when the firewall does.
      ids.push(await monitorOn(testMsp, practiceId, dependent, firewallTarget, t0, name));
    }
    await only(...ids);
    const { tick } = clock(t0);
    await tick(0);
    await firewallTarget.off();
    for (const step of [1, 2, 3, 4]) await tick(step);

    const states = await monitorsOf(ids);
    expect(states.every((state) => state.status === "down")).toBe(true);
    expect(
      states.filter((state) => state.unreachable_because).map((s) => s.unreachable_because),
    ).toEqual(Array(5).fill("Unreachable: Firewall is down"));
    const opened = await suspectedOf(testMsp);
    expect(opened.map((row) => [row.system_name, row.status, row.effect])).toEqual([
      ["Firewall", "open", "down"],
    ]);
    const sent = await sentOf(testMsp, "outage.suspected");
    expect(sent).toEqual([{ headline: "Suspected outage: Firewall is down", deliveries: 1 }]);

    // Shown to the MSP's staff (and the practice's manager, whose practice it is).
    await expect(
      (await callerFor(testMsp.technician)).suspectedOutages.open(),
    ).resolves.toHaveLength(1);
    const managerSees = await (await callerFor(testMsp.manager)).suspectedOutages.open();
    expect(managerSees.map((row) => row.systemName)).toEqual(["Firewall"]);

    // Back before anyone declared it: cleared by itself, kept as a blip; recovery is not suppressed.
    await firewallTarget.on();
    for (const step of [5, 6]) await tick(step);
    const [blip] = await suspectedOf(testMsp);
    expect(blip).toMatchObject({ status: "cleared" });
    expect(blip!.recovered_at).not.toBeNull();
    expect((await monitorsOf(ids)).every((state) => state.status === "up")).toBe(true);
    expect((await monitorsOf(ids)).every((state) => state.unreachable_because === null)).toBe(true);
    expect(await sentOf(testMsp, "outage.suspected_cleared")).toHaveLength(1);
    expect(await sentOf(testMsp, "outage.suspected")).toHaveLength(1);
    const history = await (
      await callerFor(testMsp.admin)
    ).suspectedOutages.forPractice({ practiceId });
    expect(history.map((row) => row.status)).toEqual(["cleared"]);
  });

  test("one of two circuits down is degraded: one suspected outage (redundancy lost), none for what depends on them", async () => {
    const testMsp = await createMsp("Circuits");
    const practiceId = testMsp.practices[0].id;
    const circuitTarget = await newTarget();
    const ehrTarget = await newTarget();
    const t0 = new Date(Date.UTC(2031, 0, 2, 9, 0, 0));
    const isp1 = await system(testMsp, practiceId, "Circuit A");
    const isp2 = await system(testMsp, practiceId, "Circuit B");
    const [a, b] = [isp1, isp2].sort();
    await ownerSql()`insert into system_redundancies (msp_id, practice_id, system_a_id, system_b_id)
                     values (${testMsp.id}, ${practiceId}, ${a!}, ${b!})`;
    const ehr = await system(testMsp, practiceId, "EHR");
    await dependsOn(testMsp, practiceId, ehr, isp1);
    await dependsOn(testMsp, practiceId, ehr, isp2);
    const ids = [
      await monitorOn(testMsp, practiceId, isp1, circuitTarget, t0, "Circuit A"),
      await monitorOn(testMsp, practiceId, ehr, ehrTarget, t0, "EHR"),
    ];
    await only(...ids);
    const { tick } = clock(t0);
    await tick(0);
    await circuitTarget.off();
    for (const step of [1, 2, 3]) await tick(step);
    expect((await suspectedOf(testMsp)).map((row) => [row.system_name, row.effect])).toEqual([
      ["Circuit A", "degraded"],
    ]);
    const [, ehrMonitor] = await monitorsOf(ids).then((rows) =>
      ids.map((id) => rows.find((row) => row.id === id)!),
    );
    expect(ehrMonitor).toMatchObject({ status: "up", unreachable_because: null });
    expect((await sentOf(testMsp, "outage.suspected"))[0]!.headline).toBe(
      "Suspected outage (redundancy lost): Circuit A is down",
    );
  });
});

describe("vendor-wide", () => {
  test("two practices' monitors of one vendor's systems down within ten minutes: one vendor-wide proposal, declared as one linked outage", async () => {
    const testMsp = await createMsp("Vendor");
    const [first, second] = testMsp.practices;
    const [vendor] = await ownerSql()<{ id: string }[]>`
      insert into vendors (msp_id, name, category) values (${testMsp.id}, 'CloudChart', 'ehr') returning id`;
    const target = await newTarget();
    const t0 = new Date(Date.UTC(2031, 0, 3, 9, 0, 0));
    const firstSystem = await system(testMsp, first.id, "Cloud EHR", vendor!.id);
    const secondSystem = await system(testMsp, second.id, "Cloud EHR", vendor!.id);
    const ids = [
      await monitorOn(testMsp, first.id, firstSystem, target, t0),
      // The second practice's monitor runs 4 minutes later: still within ten minutes.
      await monitorOn(testMsp, second.id, secondSystem, target, new Date(t0.getTime() + 240_000)),
    ];
    await only(...ids);
    const { tick, at } = clock(t0);
    await tick(0);
    await target.off();
    for (const step of [1, 2, 3]) await tick(step);
    expect((await suspectedOf(testMsp)).filter((row) => row.scope === "vendor_wide")).toEqual([]);
    await runMonitorTick({
      now: new Date(t0.getTime() + 240_000),
      environment: environment(at(8)),
    });
    for (const step of [9, 10, 11]) await tick(step);

    const rows = await suspectedOf(testMsp);
    const vendorWide = rows.filter((row) => row.scope === "vendor_wide");
    expect(vendorWide.map((row) => [row.system_name, row.status])).toEqual([
      ["CloudChart", "open"],
    ]);
    const locals = rows.filter((row) => row.scope === "local");
    expect(locals.map((row) => row.vendor_wide_id)).toEqual([vendorWide[0]!.id, vendorWide[0]!.id]);
    expect((await sentOf(testMsp, "outage.suspected")).map((row) => row.headline).sort()).toEqual([
      "Suspected outage: Cloud EHR is down",
      "Suspected outage: Cloud EHR is down",
      "Suspected vendor-wide outage: CloudChart at 2 practices",
    ]);
    const shown = await (await callerFor(testMsp.admin)).suspectedOutages.open();
    expect(shown.find((row) => row.scope === "vendor_wide")!.practices).toHaveLength(2);
    // A practice manager sees their own practice's, not the vendor-wide proposal across practices.
    const managerView = await (await callerFor(testMsp.manager)).suspectedOutages.open();
    expect(managerView.map((row) => [row.scope, row.practiceId])).toEqual([["local", first.id]]);
    expect(
      await codeOf(
        (await callerFor(testMsp.manager)).suspectedOutages.declareVendorWide({
          vendorWideId: vendorWide[0]!.id,
          severity: "major",
          patientCareInterrupted: false,
        }),
      ),
    ).toBe("FORBIDDEN");

    const declared = await (
      await callerFor(testMsp.technician)
    ).suspectedOutages.declareVendorWide({
      vendorWideId: vendorWide[0]!.id,
      severity: "major",
      patientCareInterrupted: true,
    });
    expect(declared.incidentIds).toHaveLength(2);
    const incidents = await ownerSql()<{ group_id: string; practice_id: string; title: string }[]>`
      select group_id, practice_id, title from incidents where id = any(${declared.incidentIds}::uuid[])`;
    expect(new Set(incidents.map((incident) => incident.group_id))).toEqual(
      new Set([declared.groupId]),
    );
    expect(incidents.map((incident) => incident.title)).toEqual([
      "CloudChart outage (vendor-wide)",
      "CloudChart outage (vendor-wide)",
    ]);
    const after = await suspectedOf(testMsp);
    expect(after.map((row) => row.status)).toEqual(["declared", "declared", "declared"]);
    expect(after.find((row) => row.scope === "vendor_wide")!.incident_group_id).toBe(
      declared.groupId,
    );
  });
});

describe("declaring and dismissing", () => {
  let practiceId: string;
  let target: HttpTarget;
  let monitorId: string;
  let ehr: string;
  const t0 = new Date(Date.UTC(2031, 0, 4, 9, 0, 0));
  const { tick } = clock(t0);

  beforeAll(async () => {
    practiceId = msp.practices[0].id;
    target = await newTarget();
    ehr = await system(msp, practiceId, "EHR");
    monitorId = await monitorOn(msp, practiceId, ehr, target, t0);
    await only(monitorId);
    await tick(0);
    await target.off();
    for (const step of [1, 2, 3]) await tick(step);
  });

  test("dismissing keeps the reason; bad input writes nothing; leadership and other tenants cannot", async () => {
    const [open] = (await suspectedOf(msp)).filter((row) => row.status === "open");
    const ref = { practiceId, suspectedOutageId: open!.id };
    expect(await codeOf(technician.suspectedOutages.dismiss({ ...ref, reason: "   " }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(leadership.suspectedOutages.dismiss({ ...ref, reason: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(outsider.suspectedOutages.dismiss({ ...ref, reason: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(outsider.suspectedOutages.get(ref))).toBe("NOT_FOUND");
    expect(await outsider.suspectedOutages.open()).toEqual([]);
    expect(
      await codeOf(
        outsider.suspectedOutages.dismiss({
          practiceId: other.practices[0].id,
          suspectedOutageId: open!.id,
          reason: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect((await suspectedOf(msp)).find((row) => row.id === open!.id)!.status).toBe("open");

    await technician.suspectedOutages.dismiss({ ...ref, reason: "Planned restart of the EHR" });
    const dismissed = (await suspectedOf(msp)).find((row) => row.id === open!.id)!;
    expect(dismissed).toMatchObject({
      status: "dismissed",
      dismissed_reason: "Planned restart of the EHR",
    });
    expect(await codeOf(technician.suspectedOutages.dismiss({ ...ref, reason: "again" }))).toBe(
      "BAD_REQUEST",
    );
    const history = await manager.suspectedOutages.forPractice({ practiceId });
    expect(history[0]).toMatchObject({
      status: "dismissed",
      dismissedReason: "Planned restart of the EHR",
    });
  });

  test("declaring from a suspected outage links it to the incident; the room shows the monitors and suggests resolving on recovery", async () => {
    // Still down: bring it back up and down again to open a new suspected outage.
    await target.on();
    for (const step of [4, 5]) await tick(step);
    await target.off();
    for (const step of [6, 7, 8]) await tick(step);
    const [open] = (await suspectedOf(msp)).filter((row) => row.status === "open");
    expect(open).toBeDefined();
    const suspected = await manager.suspectedOutages.get({
      practiceId,
      suspectedOutageId: open!.id,
    });
    expect(suspected.systemId).toBe(ehr);
    // A manager of another practice cannot see it.
    expect(
      await codeOf(
        manager.suspectedOutages.get({
          practiceId: msp.practices[1].id,
          suspectedOutageId: open!.id,
        }),
      ),
    ).toBe("NOT_FOUND");

    const { id: incidentId } = await manager.incidents.declare({
      practiceId,
      title: "",
      systemIds: [ehr],
      severity: "major",
      patientCareInterrupted: false,
      startedAt: new Date(Date.now() - 60_000),
      ownerName: "",
      updateEveryMinutes: 30,
      suspectedOutageId: open!.id,
    });
    const linked = (await suspectedOf(msp)).find((row) => row.id === open!.id)!;
    expect(linked).toMatchObject({ status: "declared", incident_id: incidentId });
    // Declared once: not again.
    expect(
      await codeOf(
        manager.incidents.declare({
          practiceId,
          title: "",
          systemIds: [ehr],
          severity: "major",
          patientCareInterrupted: false,
          startedAt: new Date(Date.now() - 60_000),
          ownerName: "",
          updateEveryMinutes: 30,
          suspectedOutageId: open!.id,
          // Past the open-outage question (that outage is open now): the suspected one is refused still.
          confirmDuplicate: true,
        }),
      ),
    ).toBe("BAD_REQUEST");

    const room = await leadership.suspectedOutages.incidentMonitors({ practiceId, incidentId });
    expect(room.monitors.map((monitor) => monitor.status)).toEqual(["down"]);
    expect(room.suggestResolve).toBe(false);
    await target.on();
    for (const step of [9, 10]) await tick(step);
    const recovered = await manager.suspectedOutages.incidentMonitors({ practiceId, incidentId });
    expect(recovered).toMatchObject({ suggestResolve: true, monitors: [{ status: "up" }] });
    // A suggestion only: the incident is still open.
    const [incident] = await ownerSql()<
      { status: string }[]
    >`select status from incidents where id = ${incidentId}`;
    expect(incident!.status).not.toBe("resolved");
    expect(
      (await suspectedOf(msp)).find((row) => row.id === open!.id)!.recovered_at,
    ).not.toBeNull();
    expect(
      await codeOf(outsider.suspectedOutages.incidentMonitors({ practiceId, incidentId })),
    ).toBe("NOT_FOUND");
  });
});

describe("planned maintenance", () => {
  test("during a window its systems' monitors record maintenance and open nothing; still down at its end opens a suspected outage", async () => {
    const testMsp = await createMsp("Maintenance night");
    const practiceId = testMsp.practices[0].id;
    const firewallTarget = await newTarget();
    const scannerTarget = await newTarget();
    const t0 = new Date(Date.UTC(2031, 1, 1, 22, 0, 0));
    const { at, tick } = clock(t0);
    const firewall = await system(testMsp, practiceId, "Firewall");
    const ehr = await system(testMsp, practiceId, "EHR");
    await dependsOn(testMsp, practiceId, ehr, firewall);
    const scanner = await system(testMsp, practiceId, "Scanner");
    const ids = [
      await monitorOn(testMsp, practiceId, firewall, firewallTarget, t0, "Firewall"),
      await monitorOn(testMsp, practiceId, ehr, firewallTarget, t0, "EHR"),
    ];
    const scannerMonitor = await monitorOn(testMsp, practiceId, scanner, scannerTarget, t0, "Scan");
    await only(...ids, scannerMonitor);
    // The firewall's upgrade from step 1 to step 5 (the EHR behind it is covered through the map).
    const [window] = await ownerSql()<{ id: string }[]>`
      insert into maintenance_windows (msp_id, practice_id, title, starts_at, ends_at, status, created_by_name)
      values (${testMsp.id}, ${practiceId}, 'Firewall upgrade', ${at(1).toISOString()}, ${at(5).toISOString()}, 'in_progress', 'Test')
      returning id`;
    await ownerSql()`insert into maintenance_window_systems (msp_id, practice_id, window_id, system_id, system_name)
                     values (${testMsp.id}, ${practiceId}, ${window!.id}, ${firewall}, 'Firewall')`;

    await tick(0);
    await firewallTarget.off();
    await scannerTarget.off();
    for (const step of [1, 2, 3, 4]) await tick(step);

    const during = await ownerSql()<
      { id: string; status: string; maintenance_window_id: string | null }[]
    >`
      select id, status, maintenance_window_id from monitors where id = any(${[...ids, scannerMonitor]}::uuid[])`;
    const byId = new Map(during.map((row) => [row.id, row]));
    for (const id of ids)
      expect(byId.get(id)).toMatchObject({ status: "down", maintenance_window_id: window!.id });
    // Outside the window: the scanner's failure is suspected as usual.
    expect(byId.get(scannerMonitor)).toMatchObject({ status: "down", maintenance_window_id: null });
    const results = await ownerSql()<{ maintenance: number; other: number }[]>`
      select count(*) filter (where maintenance_window_id is not null)::int as maintenance,
             count(*) filter (where maintenance_window_id is null)::int as other
        from monitor_results where monitor_id = any(${ids}::uuid[])`;
    expect(results[0]).toEqual({ maintenance: 8, other: 2 });
    expect((await suspectedOf(testMsp)).map((row) => row.system_name)).toEqual(["Scanner"]);

    // The window is over and the firewall is still down: now it is a suspected outage, sent once.
    await tick(5);
    await tick(6);
    const after = await suspectedOf(testMsp);
    expect(after.map((row) => [row.system_name, row.status])).toEqual([
      ["Scanner", "open"],
      ["Firewall", "open"],
    ]);
    expect((await sentOf(testMsp, "outage.suspected")).map((row) => row.headline).sort()).toEqual([
      "Suspected outage: Firewall is down",
      "Suspected outage: Scanner is down",
    ]);
    const cleared = await ownerSql()<{ maintenance_window_id: string | null }[]>`
      select maintenance_window_id from monitors where id = any(${ids}::uuid[])`;
    expect(cleared.every((row) => row.maintenance_window_id === null)).toBe(true);
  });
});
