/**
 * The continuity schedule (issue 19, items 6–7): one local day of the schedule copy, the front
 * desk's marks during an outage, and those marks in the recovery reconciliation. Patient data, read
 * as the downtime log: technicians and the practice's managers, an admin only on emergency access,
 * never leadership; every read audited without the data; row-level security as the second wall.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { readScheduleDay } from "@/server/services/schedule/continuity";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  sessionUserFor,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { plantSchedule } from "@/server/test/schedule-fixtures";
import { runAs } from "@/server/trpc";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherPracticeManager: Caller;
let otherAdmin: Caller;
let app: postgres.Sql;

/** 2026-11-01 is the day the clocks go back in Chicago: 25 hours, from 05:00Z to 06:00Z the next day. */
const DST_DAY = "2026-11-01";
const patientNames = ["Zebulon Quartermaine", "Ottoline Farthingale", "Perpetua Skellig"];

const declaration = (practiceId: string) => ({
  practiceId,
  title: "EHR down",
  systemIds: [],
  severity: "critical" as const,
  patientCareInterrupted: true,
  startedAt: new Date(Date.now() - 20 * 60_000),
  ownerName: "",
  updateEveryMinutes: 15,
});

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  [msp, other] = await Promise.all([createMsp("Schedule"), createMsp("Other schedule")]);
  const otherManager = await insertUser(msp.id, {
    role: "practice_manager",
    practiceIds: [msp.practices[1].id],
  });
  [admin, technician, manager, leadership, otherPracticeManager, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(otherManager),
    callerFor(other.admin),
  ]);
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
});

describe("a day of the copy", () => {
  test("before a copy exists, the day says how to set one up", async () => {
    const day = await technician.schedule.day({ practiceId: msp.practices[0].id, date: DST_DAY });
    expect(day.connection).toBeNull();
    expect(day.sites).toEqual([]);
    expect(day.settingsPath).toBe(`/practices/${msp.practices[0].id}/schedule/settings`);
    expect(await auditRows(msp.id, { action: "schedule.read" })).toEqual([]);
  });

  test("groups one local day per site and provider in the practice's time zone, across a change of clocks", async () => {
    const practiceId = msp.practices[0].id; // America/Chicago
    const [early, late, , , removed] = await plantSchedule(
      msp.id,
      practiceId,
      [
        // 00:30 CDT and 23:30 CST: both on November 1st, a 25-hour day.
        {
          startsAt: new Date("2026-11-01T05:30:00Z"),
          providerName: "Dr. Vance",
          locationName: "North clinic",
          patient: {
            name: patientNames[0]!,
            phone: "(608) 555-0123",
            birthDate: "1961-04-02",
            preferredLanguage: "es",
          },
        },
        {
          startsAt: new Date("2026-11-02T05:30:00Z"),
          providerName: "Dr. Adler",
          locationName: "Main office",
          visitType: "New patient",
          minutes: 40,
          patient: { name: patientNames[1]! },
        },
        // 23:30 CDT the day before, and 00:30 CST the day after.
        {
          startsAt: new Date("2026-11-01T04:30:00Z"),
          patient: { name: patientNames[2]! },
        },
        { startsAt: new Date("2026-11-02T06:30:00Z"), patient: { name: "Someone Else" } },
        // Deleted in the EHR: not shown.
        { startsAt: new Date("2026-11-01T15:00:00Z"), patient: { name: "Deleted Appointment" } },
      ],
      { refreshedAt: new Date(Date.now() - (3 * 60 + 5) * 60_000) },
    );
    await asTenant(msp.id, (tx) =>
      tx
        .update(schema.scheduleAppointments)
        .set({ removedAt: new Date() })
        .where(sql`${schema.scheduleAppointments.id} = ${removed!}`),
    );

    const day = await technician.schedule.day({ practiceId, date: DST_DAY });
    expect(day.appointmentCount).toBe(2);
    expect(day.sites.map((site) => site.site)).toEqual(["Main office", "North clinic"]);
    const [main, north] = day.sites;
    expect(main!.providers[0]).toMatchObject({
      provider: "Dr. Adler",
      appointments: [
        { id: late, minutes: 40, visitType: "New patient", patient: { name: patientNames[1] } },
      ],
    });
    expect(north!.providers[0]!.appointments[0]).toMatchObject({
      id: early,
      status: "booked",
      patient: {
        name: patientNames[0],
        phone: "(608) 555-0123",
        birthDate: "1961-04-02",
        preferredLanguage: "es",
      },
      mark: null,
    });
    expect(day.days).toEqual([
      { date: "2026-10-31", appointments: 1 },
      { date: "2026-11-01", appointments: 2 },
      { date: "2026-11-02", appointments: 1 },
    ]);
    // The copy's age, for "as of 14:05, 3 h ago".
    expect(day.connection).toMatchObject({
      source: "csv",
      age: { words: "3 h ago", stale: false },
    });
    expect(day.outage).toBeNull();
  });

  test("a day without appointments is empty (and not audited); a copy older than a day is flagged", async () => {
    const practiceId = msp.practices[0].id;
    const before = (await auditRows(msp.id, { action: "schedule.read" })).length;
    const empty = await manager.schedule.day({ practiceId, date: "2026-11-05" });
    expect(empty.sites).toEqual([]);
    expect(empty.connection).not.toBeNull();
    expect((await auditRows(msp.id, { action: "schedule.read" })).length).toBe(before);

    const stalePractice = await insertPractice(msp.id, { name: "Stale copy practice" });
    await plantSchedule(
      msp.id,
      stalePractice.id,
      [{ startsAt: new Date("2026-11-05T15:00:00Z"), patient: { name: "Stale Patient" } }],
      { refreshedAt: new Date(Date.now() - 30 * 3_600_000) },
    );
    const stale = await technician.schedule.day({
      practiceId: stalePractice.id,
      date: "2026-11-05",
    });
    expect(stale.connection?.age).toMatchObject({ stale: true, words: "30 h ago" });
  });

  test("every read that returns patients is audited with counts, never with the data", async () => {
    const practiceId = msp.practices[0].id;
    await manager.schedule.day({ practiceId, date: DST_DAY });
    await technician.schedule.day({ practiceId, date: DST_DAY, purpose: "print" });
    const reads = await auditRows(msp.id, { action: "schedule.read" });
    const managerRead = reads.find((row) => row.actorUserId === msp.manager.id)!;
    expect(managerRead).toMatchObject({
      entityType: "practice",
      entityId: practiceId,
      practiceId,
      summary: { date: DST_DAY, appointments: 2, walkIns: 0 },
    });
    const [print] = await auditRows(msp.id, { action: "schedule.print" });
    expect(print).toMatchObject({ actorUserId: msp.technician.id, summary: { appointments: 2 } });
    const everything = JSON.stringify(await auditRows(msp.id));
    for (const secret of [...patientNames, "555-0123", "1961-04-02"])
      expect(everything).not.toContain(secret);
  });

  test("rejects malformed days", async () => {
    const practiceId = msp.practices[0].id;
    for (const date of ["2026-13-01", "yesterday", "1999-12-31", ""])
      await expectTRPCError(technician.schedule.day({ practiceId, date }), "BAD_REQUEST");
  });
});

describe("who reads the copy", () => {
  test("leadership is refused in words; another practice's manager and another MSP see nothing", async () => {
    const practiceId = msp.practices[0].id;
    await expectTRPCError(
      leadership.schedule.day({ practiceId, date: DST_DAY }),
      "FORBIDDEN",
      /Leadership does not see patient data/,
    );
    await expectTRPCError(
      otherPracticeManager.schedule.day({ practiceId, date: DST_DAY }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherAdmin.schedule.day({ practiceId, date: DST_DAY }), "NOT_FOUND");
    // Whether a copy exists and how old it is is no patient data: leadership may know it.
    expect((await leadership.schedule.status({ practiceId })).connection).toMatchObject({
      source: "csv",
      age: { stale: false },
    });
    // The other MSP's own practice holds nothing of this one's.
    const own = await otherAdmin.schedule.status({ practiceId: other.practices[0].id });
    expect(own.connection).toBeNull();
  });

  test("an admin reads it only on a live emergency grant, and that read is audited with the grant", async () => {
    const practiceId = msp.practices[0].id;
    await expectTRPCError(
      admin.schedule.day({ practiceId, date: DST_DAY }),
      "FORBIDDEN",
      /only through emergency access/,
    );
    const grant = await admin.emergencyAccess.request({
      practiceId,
      reason: "Front desk lost the schedule; calling today's patients.",
    });
    const day = await admin.schedule.day({ practiceId, date: DST_DAY });
    expect(day.appointmentCount).toBe(2);
    const reads = await auditRows(msp.id, { action: "schedule.read" });
    expect(reads.find((row) => row.actorUserId === msp.admin.id)?.summary).toMatchObject({
      emergencyGrantId: grant.id,
    });
    // Reading is all the grant allows.
    const { id: incidentId } = await technician.incidents.declare(declaration(practiceId));
    await expectTRPCError(
      admin.schedule.mark({
        practiceId,
        incidentId,
        appointmentId: day.sites[0]!.providers[0]!.appointments[0]!.id,
        kind: "arrived",
      }),
      "FORBIDDEN",
    );
    await resolve(practiceId, incidentId);
  });

  test("a technician whose routine access has not begun yet is refused", async () => {
    const newcomer = await insertUser(msp.id, {
      role: "technician",
      patientDataAccessFrom: new Date(Date.now() + 3_600_000),
    });
    await expectTRPCError(
      (await callerFor(newcomer)).schedule.day({ practiceId: msp.practices[0].id, date: DST_DAY }),
      "FORBIDDEN",
      /Your access to patient records starts/,
    );
  });

  test("row-level security alone: with the procedures' checks bypassed, leadership and an admin without a grant get no patient row and cannot write one", async () => {
    const practiceId = msp.practices[0].id;
    const counted = (user: { id: string; role: string }, practiceIds = "*") =>
      app.begin(async (tx) => {
        await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.user_id', ${user.id}, true),
                        set_config('app.role', ${user.role}, true), set_config('app.practice_ids', ${practiceIds}, true)`;
        const [row] = await tx<{ patients: number; appointments: number; marks: number }[]>`
          select (select count(*)::int from schedule_patients) as patients,
                 (select count(*)::int from schedule_appointments) as appointments,
                 (select count(*)::int from schedule_marks) as marks`;
        return row!;
      });
    const nothing = { patients: 0, appointments: 0, marks: 0 };
    expect(await counted(msp.leadership, practiceId)).toEqual(nothing);
    const otherAdminUser = await insertUser(msp.id, { role: "admin" }); // no grant of its own
    expect(await counted(otherAdminUser)).toEqual(nothing);
    expect(await counted(otherAdminUser)).toEqual(nothing);
    const outsideManager = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
    });
    expect(await counted(outsideManager, msp.practices[1].id)).toEqual(nothing);
    expect((await counted(msp.technician)).appointments).toBeGreaterThan(0);

    // The service itself, as leadership, with the router's refusal bypassed: the rows stay hidden.
    const day = await runAs(await sessionUserFor(msp.leadership), (ctx) =>
      readScheduleDay(ctx, { practiceId, date: DST_DAY, purpose: "view" }),
    );
    expect(day.appointmentCount).toBe(0);

    // Writing a mark as leadership is refused by the database.
    const { id: incidentId } = await technician.incidents.declare(declaration(practiceId));
    await expect(
      withTenant(
        { mspId: msp.id, userId: msp.leadership.id, role: "leadership", practiceIds: [practiceId] },
        (tx) =>
          tx.insert(schema.scheduleMarks).values({
            mspId: msp.id,
            practiceId,
            incidentId,
            kind: "walk_in",
            walkInNameSealed: "sealed",
            markedByName: "Leader",
          }),
      ),
    ).rejects.toThrow();
    await resolve(practiceId, incidentId);
  });
});

async function resolve(practiceId: string, incidentId: string) {
  const { incident } = await technician.incidents.get({ practiceId, incidentId });
  await technician.incidents.changeStatus({
    practiceId,
    incidentId,
    status: "resolved",
    note: "Back",
    version: incident.version,
  });
}

describe("marks during an outage", () => {
  let practiceId: string;
  let appointmentIds: string[];
  let manager: Caller;
  let managerName: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    practiceId = (await insertPractice(msp.id, { name: "Marking practice", timezone: "UTC" })).id;
    const frontDesk = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [practiceId],
      name: "Frankie Frontdesk",
    });
    manager = await callerFor(frontDesk);
    managerName = frontDesk.name;
    appointmentIds = await plantSchedule(
      msp.id,
      practiceId,
      ["09:00", "09:20", "09:40", "10:00"].map((time, index) => ({
        startsAt: new Date(`${today}T${time}:00Z`),
        patient: { name: `Marked Patient ${index + 1}` },
      })),
    );
  });

  test("marks need an open outage, and say so", async () => {
    const { id: incidentId } = await technician.incidents.declare(declaration(practiceId));
    await resolve(practiceId, incidentId);
    await expectTRPCError(
      technician.schedule.mark({
        practiceId,
        incidentId,
        appointmentId: appointmentIds[0]!,
        kind: "cancelled",
      }),
      "BAD_REQUEST",
      /marked during an outage, and this one is resolved/,
    );
    await expectTRPCError(
      technician.schedule.addWalkIn({
        practiceId,
        incidentId,
        name: "Late Walker",
        date: today,
        at: "10:00",
        providerName: "Dr. Ada Moss",
      }),
      "BAD_REQUEST",
      /during an outage/,
    );
    const day = await technician.schedule.day({ practiceId, date: today });
    expect(day.outage).toBeNull();
  });

  test("a double tap is harmless, a change names the version, and someone else's change in between is a conflict", async () => {
    const { id: incidentId } = await manager.incidents.declare(declaration(practiceId));
    const appointmentId = appointmentIds[0]!;
    const first = await manager.schedule.mark({
      practiceId,
      incidentId,
      appointmentId,
      kind: "cancelled",
    });
    const again = await manager.schedule.mark({
      practiceId,
      incidentId,
      appointmentId,
      kind: "cancelled",
    });
    expect(again).toEqual(first);
    // A colleague who saw no mark yet taps another kind: refused, with who marked it.
    await expectTRPCError(
      technician.schedule.mark({ practiceId, incidentId, appointmentId, kind: "arrived" }),
      "CONFLICT",
      new RegExp(`${managerName} marked this appointment cancelled`),
    );
    const changed = await technician.schedule.mark({
      practiceId,
      incidentId,
      appointmentId,
      kind: "rescheduled",
      note: "Moved to Friday",
      version: first.version,
    });
    expect(changed).toMatchObject({ id: first.id, kind: "rescheduled", version: 2 });
    await expectTRPCError(
      manager.schedule.mark({
        practiceId,
        incidentId,
        appointmentId,
        kind: "no_show",
        version: first.version,
      }),
      "CONFLICT",
    );
    const day = await manager.schedule.day({ practiceId, date: today, incidentId });
    expect(day.outage?.id).toBe(incidentId);
    expect(day.sites[0]!.providers[0]!.appointments[0]!.mark).toMatchObject({
      id: first.id,
      kind: "rescheduled",
      note: "Moved to Friday",
      version: 2,
    });
    const marks = await asTenant(msp.id, (tx) =>
      tx
        .select()
        .from(schema.scheduleMarks)
        .where(sql`${schema.scheduleMarks.incidentId} = ${incidentId}`),
    );
    expect(marks).toHaveLength(1);
    const audits = await auditRows(msp.id, { action: "schedule.mark", entityId: first.id });
    expect(audits.map((row) => row.summary)).toEqual([
      { kind: "cancelled", incidentId },
      { kind: "rescheduled", previousKind: "cancelled", incidentId },
    ]);

    // Undo: a stale version is a conflict, the current one undoes it, undoing again changes nothing.
    await expectTRPCError(
      manager.schedule.clearMark({ practiceId, incidentId, markId: first.id, version: 1 }),
      "CONFLICT",
    );
    expect(
      await manager.schedule.clearMark({ practiceId, incidentId, markId: first.id, version: 2 }),
    ).toEqual({ cleared: true });
    expect(
      await manager.schedule.clearMark({ practiceId, incidentId, markId: first.id, version: 2 }),
    ).toEqual({ cleared: false });
    await resolve(practiceId, incidentId);
  });

  test("a walk-in submitted twice is added once; its input is checked", async () => {
    const { id: incidentId } = await manager.incidents.declare(declaration(practiceId));
    const walkIn = {
      practiceId,
      incidentId,
      name: "Walker Inman",
      phone: "(608) 555-0188",
      date: today,
      at: "11:15",
      providerName: "Dr. Ada Moss",
      note: "Sore throat",
    };
    const idempotencyKey = randomUUID();
    const first = await manager.schedule.addWalkIn({ ...walkIn, idempotencyKey });
    const second = await manager.schedule.addWalkIn({ ...walkIn, idempotencyKey });
    expect(second).toEqual(first);
    expect(first.walkInAt).toEqual(new Date(`${today}T11:15:00Z`));
    const day = await technician.schedule.day({ practiceId, date: today });
    expect(day.walkIns).toEqual([
      expect.objectContaining({
        id: first.id,
        name: "Walker Inman",
        phone: "(608) 555-0188",
        providerName: "Dr. Ada Moss",
      }),
    ]);
    const stored = await asTenant(msp.id, (tx) =>
      tx
        .select()
        .from(schema.scheduleMarks)
        .where(sql`${schema.scheduleMarks.incidentId} = ${incidentId}`),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain("Walker");
    expect(JSON.stringify(stored)).not.toContain("555-0188");

    for (const bad of [
      { phone: "call me" },
      { at: "25:00" },
      { at: "9am" },
      { name: "" },
      { name: "x".repeat(201) },
      { providerName: "" },
      { date: "2026-02-30" },
    ])
      await expectTRPCError(manager.schedule.addWalkIn({ ...walkIn, ...bad }), "BAD_REQUEST");
    await resolve(practiceId, incidentId);
  });

  test("another practice's appointment or incident is not found", async () => {
    const { id: incidentId } = await manager.incidents.declare(declaration(practiceId));
    const [elsewhere] = await plantSchedule(msp.id, msp.practices[1].id, [
      { startsAt: new Date(), patient: { name: "Elsewhere Patient" } },
    ]);
    await expectTRPCError(
      manager.schedule.mark({ practiceId, incidentId, appointmentId: elsewhere!, kind: "arrived" }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherPracticeManager.schedule.mark({
        practiceId,
        incidentId,
        appointmentId: appointmentIds[1]!,
        kind: "arrived",
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      leadership.schedule.mark({
        practiceId: msp.practices[0].id,
        incidentId,
        appointmentId: appointmentIds[1]!,
        kind: "arrived",
      }),
      "FORBIDDEN",
      /Leadership does not see patient data/,
    );
    await resolve(practiceId, incidentId);
  });
});

describe("marks in the recovery reconciliation", () => {
  test("become the line 'Enter … into the EHR', each listed for those with patient access, counts only for the others, and block the close until entered", async () => {
    const practiceId = (await insertPractice(msp.id, { name: "Reconciling practice" })).id;
    const today = new Date().toISOString().slice(0, 10);
    const ids = await plantSchedule(
      msp.id,
      practiceId,
      [0, 1, 2].map((index) => ({
        startsAt: new Date(Date.now() + index * 20 * 60_000),
        providerName: "Dr. Okafor",
        patient: { name: `Reconciled Patient ${index + 1}` },
      })),
    );
    const { id: incidentId } = await technician.incidents.declare(declaration(practiceId));
    const ref = { practiceId, incidentId };
    for (const appointmentId of ids.slice(0, 2))
      await technician.schedule.mark({ ...ref, appointmentId, kind: "cancelled" });
    await technician.schedule.mark({ ...ref, appointmentId: ids[2]!, kind: "arrived" });
    await technician.schedule.addWalkIn({
      ...ref,
      name: "Reconciled Walker",
      date: today,
      at: "08:05",
      providerName: "Dr. Okafor",
    });
    await resolve(practiceId, incidentId);

    const view = await technician.incidents.get(ref);
    expect(view.scheduleMarks).toMatchObject({
      total: 4,
      entered: 0,
      line: "Enter 1 arrival, 2 cancellations and 1 walk-in into the EHR",
    });
    expect(view.closeBlockers).toContain(
      "4 front-desk changes from the continuity schedule have not been entered into the EHR",
    );
    // An admin, who may not read the marks, still sees the counts and what blocks the close.
    const adminView = await admin.incidents.get(ref);
    expect(adminView.scheduleMarks.line).toBe(view.scheduleMarks.line);
    expect(adminView.closeBlockers).toEqual(view.closeBlockers);
    await expectTRPCError(admin.schedule.reconciliationMarks(ref), "FORBIDDEN", /how many there are/);
    expect(JSON.stringify(adminView)).not.toContain("Reconciled");
    // Leadership sees neither the marks nor their counts (as with the downtime log).
    const leader = await callerFor(
      await insertUser(msp.id, { role: "leadership", practiceIds: [practiceId] }),
    );
    expect((await leader.incidents.get(ref)).scheduleMarks.total).toBe(0);
    await expectTRPCError(leader.schedule.reconciliationMarks(ref), "FORBIDDEN", /Leadership/);

    const { marks, timezone } = await technician.schedule.reconciliationMarks(ref);
    expect(timezone).toBe("America/Chicago");
    expect(
      marks
        .map((mark) => [mark.kind, mark.patientName, mark.providerName])
        .sort((a, b) => a[1]!.localeCompare(b[1]!)),
    ).toEqual([
      ["cancelled", "Reconciled Patient 1", "Dr. Okafor"],
      ["cancelled", "Reconciled Patient 2", "Dr. Okafor"],
      ["arrived", "Reconciled Patient 3", "Dr. Okafor"],
      ["walk_in", "Reconciled Walker", "Dr. Okafor"],
    ]);
    // In the day's order: the appointment's time, or the time the walk-in came.
    const times = marks.map((mark) => mark.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [read] = await auditRows(msp.id, { action: "schedule.marks_read", entityId: incidentId });
    expect(read?.summary).toEqual({ marks: 4 });

    // Marks are made during the outage, not after.
    await expectTRPCError(
      technician.schedule.mark({ ...ref, appointmentId: ids[2]!, kind: "no_show", version: 1 }),
      "BAD_REQUEST",
    );

    for (const mark of marks) {
      const ticked = await technician.schedule.markEntered({
        ...ref,
        markId: mark.id,
        version: mark.version,
        entered: true,
      });
      expect(ticked.version).toBe(mark.version + 1);
      // A second tick on the version read before: it was changed meanwhile.
      await expectTRPCError(
        technician.schedule.markEntered({
          ...ref,
          markId: mark.id,
          version: mark.version,
          entered: true,
        }),
        "CONFLICT",
      );
    }
    const done = await technician.incidents.get(ref);
    expect(done.scheduleMarks).toMatchObject({
      total: 4,
      entered: 4,
      line: "All 4 front-desk changes are entered into the EHR",
    });
    expect(done.closeBlockers.join(" ")).not.toContain("front-desk");
    const entered = await auditRows(msp.id, { action: "schedule.mark_entered" });
    expect(entered.filter((row) => marks.some((mark) => mark.id === row.entityId))).toHaveLength(4);
  });
});

describe("speed", () => {
  test("a 120-appointment day", async () => {
    const practiceId = (await insertPractice(msp.id, { name: "Busy practice", timezone: "UTC" }))
      .id;
    const date = "2026-12-09";
    await plantSchedule(
      msp.id,
      practiceId,
      Array.from({ length: 120 }, (_, index) => ({
        startsAt: new Date(Date.parse(`${date}T07:00:00Z`) + index * 5 * 60_000),
        providerName: `Dr. Provider ${index % 6}`,
        locationName: index % 2 ? "North clinic" : "Main office",
        patient: {
          name: `Busy Patient ${index}`,
          phone: "(608) 555-0100",
          birthDate: "1970-01-01",
        },
      })),
    );
    await technician.schedule.day({ practiceId, date }); // warm
    const times: number[] = [];
    for (let run = 0; run < 10; run++) {
      const started = performance.now();
      const day = await technician.schedule.day({ practiceId, date });
      times.push(performance.now() - started);
      expect(day.appointmentCount).toBe(120);
    }
    times.sort((a, b) => a - b);
    console.log(
      `schedule.day, 120 appointments: median ${times[5]!.toFixed(1)} ms, max ${times[9]!.toFixed(1)} ms`,
    );
    expect(times[5]).toBeLessThan(500);
  });
});
