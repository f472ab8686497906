import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { localText } from "@/server/domain/maintenance";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { jobs } from "@/server/worker/jobs";
import { runJob } from "@/server/worker/worker";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let tech: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Maintenance"), createMsp("Other maintenance")]);
  [admin, tech, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

/** The worker's minute, as a worker runs it (app role, tenant set, role "system"), at `at`. */
const clock = (mspId: string, at: Date) =>
  runJob("maintenance-clock", jobs["maintenance-clock"], { mspId, at: at.toISOString() });

const HOUR = 3_600_000;

async function practiceWithEhr(timezone = "America/Chicago") {
  const practice = await insertPractice(msp.id, { name: unique("Maint practice "), timezone });
  const [ehr, workstations] = await asTenant(msp.id, async (tx) => {
    const rows = await tx
      .insert(schema.systems)
      .values([
        {
          mspId: msp.id,
          practiceId: practice.id,
          name: "EHR",
          category: "ehr",
          criticality: "critical",
        },
        {
          mspId: msp.id,
          practiceId: practice.id,
          name: "E-prescribing",
          category: "eprescribing",
          criticality: "important",
        },
      ])
      .returning({ id: schema.systems.id });
    await tx.insert(schema.systemDependencies).values({
      mspId: msp.id,
      practiceId: practice.id,
      systemId: rows[1]!.id,
      dependsOnId: rows[0]!.id,
    });
    return rows;
  });
  return { practiceId: practice.id, ehrId: ehr!.id, eprescribingId: workstations!.id };
}

const local = (at: Date, timezone = "America/Chicago") => localText(at, timezone);

async function eventsOf(practiceId: string, kind?: string) {
  const rows = await ownerSql()<
    { kind: string; headline: string; dedupe_key: string; calendar_ics: string | null }[]
  >`select kind, headline, dedupe_key, calendar_ics from notification_events
     where practice_id = ${practiceId} order by occurred_at, dedupe_key`;
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

function planned(practiceId: string, ehrId: string, startsAt: Date, hours = 4) {
  return {
    practiceId,
    title: "EHR upgrade",
    reason: "Vendor upgrade to version 24.2",
    startsLocal: local(startsAt),
    endsLocal: local(new Date(startsAt.getTime() + hours * HOUR)),
    systemIds: [ehrId],
    reminderMinutes: [72 * 60, 24 * 60, 60],
    recurrence: null,
  };
}

/** A moment on a whole minute, `hours` from now. */
const inHours = (hours: number) =>
  new Date(Math.ceil((Date.now() + hours * HOUR) / 60_000) * 60_000);

describe("maintenance windows", () => {
  test("a window is planned in local time with its prep list, what it takes down, and a notice with an invitation", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const startsAt = inHours(100);
    const { ids } = await tech.maintenance.create(planned(practiceId, ehrId, startsAt));
    const window = await tech.maintenance.get({ practiceId, windowId: ids[0]! });
    expect(window.startsAt.getTime()).toBe(startsAt.getTime());
    expect(window.status).toBe("scheduled");
    expect(window.systems.map((s) => s.name)).toEqual(["EHR"]);
    expect(window.alsoStops).toEqual(["E-prescribing"]);
    expect(window.prep[0]).toMatchObject({
      label: "Tell staff about the maintenance window.",
      dueMinutesBefore: 7 * 24 * 60,
    });
    expect(window.prep.some((item) => item.dueMinutesBefore === 60)).toBe(true);
    expect(window.prep.some((item) => item.dueMinutesBefore === 24 * 60)).toBe(true);
    const [notice] = await eventsOf(practiceId, "maintenance.scheduled");
    expect(notice!.headline).toContain("EHR upgrade");
    expect(notice!.calendar_ics).toContain("METHOD:REQUEST");
    expect(notice!.calendar_ics).toContain(`UID:maintenance-${ids[0]}@standby`);
    expect(notice!.calendar_ics).toContain("SEQUENCE:0");
    const audit = await auditRows(msp.id, { action: "maintenance.create" });
    expect(audit.some((row) => row.entityId === ids[0])).toBe(true);
  });

  test("the worker starts and ends the window on time, runs it as a planned incident, and sends each reminder once with two workers", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const startsAt = inHours(80);
    const { ids } = await admin.maintenance.create(planned(practiceId, ehrId, startsAt, 2));
    const windowId = ids[0]!;
    // 72 hours before: two workers check the same minute, and again a minute later.
    const at72 = new Date(startsAt.getTime() - 72 * HOUR + 30_000);
    await Promise.all([clock(msp.id, at72), clock(msp.id, at72)]);
    await Promise.all([
      clock(msp.id, new Date(at72.getTime() + 60_000)),
      clock(msp.id, new Date(at72.getTime() + 60_000)),
    ]);
    expect((await eventsOf(practiceId, "maintenance.reminder")).length).toBe(1);
    // 24 hours and 1 hour before: one more each.
    const at24 = new Date(startsAt.getTime() - 24 * HOUR);
    await Promise.all([clock(msp.id, at24), clock(msp.id, at24)]);
    const at1 = new Date(startsAt.getTime() - HOUR + 1_000);
    await Promise.all([clock(msp.id, at1), clock(msp.id, at1)]);
    const reminders = await eventsOf(practiceId, "maintenance.reminder");
    expect(reminders.map((row) => row.headline.match(/in ([\d\w ]+?):/)![1])).toEqual([
      "72 hours",
      "24 hours",
      "1 hour",
    ]);
    // The start: two workers, one incident.
    await Promise.all([clock(msp.id, startsAt), clock(msp.id, startsAt)]);
    let window = await admin.maintenance.get({ practiceId, windowId });
    expect(window.status).toBe("in_progress");
    expect(window.incident).toMatchObject({ status: "identified" });
    const [incident] = await ownerSql()<{ id: string; kind: string; status: string }[]>`
      select id, kind, status from incidents where practice_id = ${practiceId}`;
    expect(incident).toMatchObject({ kind: "planned" });
    expect((await eventsOf(practiceId, "maintenance.started")).length).toBe(1);
    // The room works as any incident's: an update is posted.
    const room = await tech.incidents.get({ practiceId, incidentId: incident!.id });
    await tech.incidents.postUpdate({
      practiceId,
      incidentId: incident!.id,
      body: "Paper charts in use; vendor says on track.",
      shareWithLinked: false,
    });
    expect(room.incident.title).toContain("Planned maintenance");
    // The end: resolved with its reconciliation checklist; completed.
    const end = new Date(startsAt.getTime() + 2 * HOUR);
    await Promise.all([clock(msp.id, end), clock(msp.id, end)]);
    window = await admin.maintenance.get({ practiceId, windowId });
    expect(window.status).toBe("completed");
    const resolved = await tech.incidents.get({ practiceId, incidentId: incident!.id });
    expect(resolved.incident.status).toBe("resolved");
    expect(resolved.reconciliation.length).toBeGreaterThan(0);
    expect((await eventsOf(practiceId, "maintenance.ended")).length).toBe(1);
    // Leadership's figures count it as planned downtime, not as an outage; no prep item was done.
    const figures = await admin.metrics.quarterly({ practiceId });
    const quarter = figures.figures.find((row) => row.plannedDowntimeMinutes > 0);
    expect(quarter).toMatchObject({
      plannedDowntimeMinutes: 120,
      incidents: 0,
      downtimeMinutes: 0,
      maintenanceWindows: 1,
      prepListsOnTime: 0,
    });
    // Nothing more is sent once it is over.
    const sent = (await eventsOf(practiceId)).length;
    await clock(msp.id, new Date(end.getTime() + HOUR));
    expect((await eventsOf(practiceId)).length).toBe(sent);
  });

  test("postponing re-notifies with the new time and resets reminders; editing the text sends nothing", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const startsAt = inHours(30);
    const { ids } = await admin.maintenance.create(planned(practiceId, ehrId, startsAt));
    const windowId = ids[0]!;
    await clock(msp.id, new Date(startsAt.getTime() - 24 * HOUR));
    expect((await eventsOf(practiceId, "maintenance.reminder")).length).toBe(1);
    const before = (await eventsOf(practiceId)).length;
    const edited = await admin.maintenance.update({
      practiceId,
      windowId,
      version: 1,
      title: "EHR upgrade (v24.2)",
      reason: "Now with the lab interface patch",
      systemIds: [ehrId],
      reminderMinutes: [24 * 60, 60],
    });
    expect((await eventsOf(practiceId)).length).toBe(before);
    await expectTRPCError(
      admin.maintenance.update({
        practiceId,
        windowId,
        version: 1,
        title: "Stale edit",
        reason: "",
        systemIds: [],
        reminderMinutes: [],
      }),
      "CONFLICT",
    );
    const moved = new Date(startsAt.getTime() + 48 * HOUR);
    await admin.maintenance.postpone({
      practiceId,
      windowId,
      version: edited.version,
      startsLocal: local(moved),
      endsLocal: local(new Date(moved.getTime() + 3 * HOUR)),
    });
    const [change] = await eventsOf(practiceId, "maintenance.changed");
    expect(change!.headline).toContain("moved");
    expect(change!.calendar_ics).toContain("SEQUENCE:1");
    expect(change!.calendar_ics).toContain("METHOD:REQUEST");
    const window = await admin.maintenance.get({ practiceId, windowId });
    expect(window.startsAt.getTime()).toBe(moved.getTime());
    expect(window.prep.every((item) => item.dueAt.getTime() <= moved.getTime())).toBe(true);
    // The 24-hour reminder goes again, for the new time.
    await clock(msp.id, new Date(moved.getTime() - 24 * HOUR));
    expect((await eventsOf(practiceId, "maintenance.reminder")).length).toBe(2);
    // The old start passes: nothing starts.
    await clock(msp.id, new Date(startsAt.getTime() + 60_000));
    expect((await admin.maintenance.get({ practiceId, windowId })).status).toBe("scheduled");
    await admin.maintenance.cancel({
      practiceId,
      windowId,
      version: window.version,
      reason: "Vendor postponed the release",
    });
    const changes = await eventsOf(practiceId, "maintenance.changed");
    expect(changes[1]!.calendar_ics).toContain("METHOD:CANCEL");
    expect(changes[1]!.calendar_ics).toContain("STATUS:CANCELLED");
    expect(changes[1]!.calendar_ics).toContain("SEQUENCE:2");
    await clock(msp.id, new Date(moved.getTime() + 60_000));
    expect((await admin.maintenance.get({ practiceId, windowId })).status).toBe("cancelled");
  });

  test("a window across the fall-back night keeps its local hours, and a skipped time is refused", async () => {
    const { practiceId, ehrId } = await practiceWithEhr("America/New_York");
    const year = new Date().getUTCFullYear() + 1;
    // 1 November of next year falls before or on the first Sunday of November: use that Sunday.
    const firstSunday = [1, 2, 3, 4, 5, 6, 7].find(
      (day) => new Date(Date.UTC(year, 10, day)).getUTCDay() === 0,
    )!;
    const saturday = `${year}-11-${String(firstSunday - 1).padStart(2, "0")}`;
    const sunday = `${year}-11-${String(firstSunday).padStart(2, "0")}`;
    const { ids } = await admin.maintenance.create({
      ...planned(practiceId, ehrId, new Date()),
      startsLocal: `${saturday}T22:00`,
      endsLocal: `${sunday}T04:00`,
    });
    const window = await admin.maintenance.get({ practiceId, windowId: ids[0]! });
    // 22:00 EDT (UTC-4) to 04:00 EST (UTC-5): seven hours, not six.
    expect(window.startsAt.toISOString()).toBe(
      new Date(`${saturday}T22:00:00-04:00`).toISOString(),
    );
    expect(window.endsAt.toISOString()).toBe(new Date(`${sunday}T04:00:00-05:00`).toISOString());
    expect((window.endsAt.getTime() - window.startsAt.getTime()) / HOUR).toBe(7);
    expect(window.startsLocal).toBe(`${saturday}T22:00`);
    expect(window.endsLocal).toBe(`${sunday}T04:00`);
    // Weekly: the next occurrence keeps 22:00 local, in standard time.
    const series = await admin.maintenance.create({
      ...planned(practiceId, ehrId, new Date()),
      startsLocal: `${saturday}T22:00`,
      endsLocal: `${sunday}T01:00`,
      recurrence: { every: "week", count: 2 },
    });
    const second = await admin.maintenance.get({ practiceId, windowId: series.ids[1]! });
    expect(second.startsLocal.slice(11)).toBe("22:00");
    expect(second.startsAt.getTime() - new Date(`${saturday}T22:00:00-04:00`).getTime()).toBe(
      (7 * 24 + 1) * HOUR,
    );
    // Spring forward: 02:30 does not exist on that night.
    const march = [8, 9, 10, 11, 12, 13, 14].find(
      (day) => new Date(Date.UTC(year, 2, day)).getUTCDay() === 0,
    )!;
    await expectTRPCError(
      admin.maintenance.create({
        ...planned(practiceId, ehrId, new Date()),
        startsLocal: `${year}-03-${String(march).padStart(2, "0")}T02:30`,
        endsLocal: `${year}-03-${String(march).padStart(2, "0")}T05:00`,
      }),
      "BAD_REQUEST",
      /daylight saving/,
    );
  });

  test("an EHR vendor's maintenance night makes one linked window per practice on that vendor, at each one's local time", async () => {
    const vendorName = unique("Cloud EHR ");
    const chicago = await practiceWithEhr("America/Chicago");
    const denver = await practiceWithEhr("America/Denver");
    const elsewhere = await practiceWithEhr("America/Chicago");
    const vendorId = await asTenant(msp.id, async (tx) => {
      const [vendor] = await tx
        .insert(schema.vendors)
        .values({ mspId: msp.id, name: vendorName, category: "ehr" })
        .returning({ id: schema.vendors.id });
      for (const practice of [chicago, denver])
        await tx.insert(schema.practiceVendors).values({
          mspId: msp.id,
          practiceId: practice.practiceId,
          vendorId: vendor!.id,
        });
      for (const practice of [chicago, denver])
        await tx
          .update(schema.systems)
          .set({ vendorId: vendor!.id })
          .where(eq(schema.systems.id, practice.ehrId));
      return vendor!.id;
    });
    const tomorrow = local(inHours(30)).slice(0, 10);
    const after = local(inHours(54)).slice(0, 10);
    const result = await tech.maintenance.planVendorNight({
      vendorId,
      title: "Vendor maintenance night",
      reason: "Quarterly platform maintenance",
      startsLocal: `${tomorrow}T22:00`,
      endsLocal: `${after}T02:00`,
      reminderMinutes: [24 * 60],
    });
    expect(result.practices).toBe(2);
    const windows = await ownerSql()<
      { practice_id: string; group_id: string; starts_at: Date }[]
    >`select practice_id, group_id, starts_at from maintenance_windows where group_id = ${result.groupId}`;
    expect(windows.map((row) => row.practice_id).sort()).toEqual(
      [chicago.practiceId, denver.practiceId].sort(),
    );
    const chicagoStart = windows.find((row) => row.practice_id === chicago.practiceId)!.starts_at;
    const denverStart = windows.find((row) => row.practice_id === denver.practiceId)!.starts_at;
    expect(new Date(denverStart).getTime() - new Date(chicagoStart).getTime()).toBe(HOUR);
    const [denverRow] = await ownerSql()<{ id: string }[]>`
      select id from maintenance_windows
       where group_id = ${result.groupId} and practice_id = ${denver.practiceId}`;
    const denverWindow = await admin.maintenance.get({
      practiceId: denver.practiceId,
      windowId: denverRow!.id,
    });
    expect(denverWindow.systems.map((system) => system.name)).toEqual(["EHR"]);
    expect(denverWindow.linkedPractices).toBe(2);
    expect((await admin.maintenance.list({ practiceId: elsewhere.practiceId })).windows).toEqual(
      [],
    );
    // A practice manager cannot plan a vendor's night.
    await expectTRPCError(
      manager.maintenance.planVendorNight({
        vendorId,
        title: "x",
        reason: "",
        startsLocal: `${tomorrow}T22:00`,
        endsLocal: `${after}T02:00`,
        reminderMinutes: [],
      }),
      "FORBIDDEN",
    );
  });

  test("prep items are ticked by who and when, and an overdue one is notified once", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const startsAt = inHours(10 * 24);
    const { ids } = await tech.maintenance.create(planned(practiceId, ehrId, startsAt));
    const windowId = ids[0]!;
    let window = await tech.maintenance.get({ practiceId, windowId });
    const [tellStaff, ...rest] = window.prep;
    await tech.maintenance.setPrepOwner({
      practiceId,
      windowId,
      prepItemId: rest[0]!.id,
      ownerName: "Priya",
    });
    await tech.maintenance.setPrepDone({
      practiceId,
      windowId,
      prepItemId: rest[0]!.id,
      done: true,
    });
    window = await tech.maintenance.get({ practiceId, windowId });
    expect(window.prep[1]).toMatchObject({ ownerName: "Priya", doneByName: msp.technician.name });
    await tech.maintenance.setPrepDone({
      practiceId,
      windowId,
      prepItemId: rest[0]!.id,
      done: false,
    });
    window = await tech.maintenance.get({ practiceId, windowId });
    expect(window.prep[1]!.doneAt).toBeNull();
    // Seven days before, plus an hour: "tell staff" is overdue, notified once by two workers.
    const late = new Date(startsAt.getTime() - 7 * 24 * HOUR + HOUR);
    await Promise.all([clock(msp.id, late), clock(msp.id, late)]);
    await clock(msp.id, new Date(late.getTime() + HOUR));
    const overdue = await eventsOf(practiceId, "maintenance.prep_overdue");
    expect(overdue.length).toBe(1);
    expect(overdue[0]!.headline).toContain(tellStaff!.label);
  });

  test("tenancy and roles: another MSP, another practice's manager, leadership read-only, bad input", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const { ids } = await admin.maintenance.create(planned(practiceId, ehrId, inHours(50)));
    const windowId = ids[0]!;
    const ref = { practiceId, windowId };
    await expectTRPCError(otherAdmin.maintenance.get(ref), "NOT_FOUND");
    await expectTRPCError(otherAdmin.maintenance.list({ practiceId }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.maintenance.cancel({ ...ref, version: 1, reason: "no" }),
      "NOT_FOUND",
    );
    // The manager of practices[0] cannot see this practice's windows.
    await expectTRPCError(manager.maintenance.get(ref), "NOT_FOUND");
    // Leadership reads its practice's windows and changes none.
    const forLeadership = await admin.maintenance.create({
      ...planned(msp.practices[0].id, ehrId, inHours(50)),
      systemIds: [],
    });
    const leadRef = { practiceId: msp.practices[0].id, windowId: forLeadership.ids[0]! };
    expect((await leadership.maintenance.get(leadRef)).title).toBe("EHR upgrade");
    await expectTRPCError(
      leadership.maintenance.cancel({ ...leadRef, version: 1, reason: "x" }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leadership.maintenance.startNow({ ...leadRef, version: 1, minutes: 30 }),
      "FORBIDDEN",
    );
    // Another practice's system cannot be named.
    await expectTRPCError(
      admin.maintenance.create({ ...planned(msp.practices[0].id, ehrId, inHours(50)) }),
      "BAD_REQUEST",
      /dependency map/,
    );
    await expectTRPCError(
      admin.maintenance.create({
        ...planned(practiceId, ehrId, inHours(50)),
        endsLocal: "tomorrow",
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.maintenance.create({
        ...planned(practiceId, ehrId, inHours(50)),
        endsLocal: local(inHours(49)),
      }),
      "BAD_REQUEST",
      /after the start/,
    );
    const windows = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from maintenance_windows where practice_id = ${practiceId}`;
    expect(windows[0]!.n).toBe(1);
  });

  test("start now for N minutes opens the planned incident at once; end closes the window", async () => {
    const { practiceId, ehrId } = await practiceWithEhr();
    const { ids } = await tech.maintenance.create(planned(practiceId, ehrId, inHours(5)));
    const windowId = ids[0]!;
    const started = await tech.maintenance.startNow({
      practiceId,
      windowId,
      version: 1,
      minutes: 45,
    });
    const window = await tech.maintenance.get({ practiceId, windowId });
    expect(window.status).toBe("in_progress");
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(45 * 60_000);
    expect(window.incident?.id).toBe(started.incidentId);
    const [notice] = await eventsOf(practiceId, "maintenance.started");
    expect(notice!.calendar_ics).toContain("SEQUENCE:1");
    await tech.maintenance.end({ practiceId, windowId, version: started.version });
    expect((await tech.maintenance.get({ practiceId, windowId })).status).toBe("completed");
    const incident = await tech.incidents.get({ practiceId, incidentId: started.incidentId });
    expect(incident.incident.status).toBe("resolved");
  });
});
