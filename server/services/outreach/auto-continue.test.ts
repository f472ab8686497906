/**
 * Automatic continuation (issue 20, item 5): while an outage of the practice's EHR is open, its
 * usual reminders (24 h and 2 h before) go out by themselves from the schedule copy, each once per
 * appointment and number of hours; they stop when the outage is resolved.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/db/tenant";
import {
  continueReminders,
  ehrOutageOf,
  enqueueAutoContinuation,
  reminderDue,
} from "@/server/services/outreach/auto-continue";
import { FakeSmsProvider, startFakeSmsProvider } from "@/server/test/fake-sms-provider";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { outreachSettings, patientSmsChannel } from "@/server/test/outreach-fixtures";
import { plantSchedule } from "@/server/test/schedule-fixtures";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let admin: Caller;
let technician: Caller;
let sms: FakeSmsProvider;

const HOUR = 60 * 60_000;

/** Runs the outreach-auto job's work for the MSP at `now`, as the worker does (role "system"). */
const runAuto = (now: Date) =>
  withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    continueReminders(
      { tx, mspId: msp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
      now,
    ),
  );

/** A practice whose EHR depends on its internet line, with appointments this far ahead of `now`. */
async function practiceWithOutage(
  leadsMs: number[],
  now: Date,
  options: { autoContinue?: boolean; down?: "internet" | "phones" } = {},
) {
  const practice = await insertPractice(msp.id, {
    name: `Auto ${Math.random().toString(36).slice(2, 8)}`,
  });
  await outreachSettings(technician, practice.id, { autoContinue: options.autoContinue ?? true });
  const system = (name: string, category: "ehr" | "internet" | "phones") =>
    admin.dependencies.createSystem({
      practiceId: practice.id,
      name,
      category,
      criticality: "critical",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    });
  const ehr = await system("Cloud EHR", "ehr");
  const internet = await system("Internet", "internet");
  const phones = await system("Phones", "phones");
  await admin.dependencies.addDependency({
    practiceId: practice.id,
    systemId: ehr.id,
    dependsOnId: internet.id,
  });
  const appointmentIds = await plantSchedule(
    msp.id,
    practice.id,
    leadsMs.map((lead, index) => ({
      startsAt: new Date(now.getTime() + lead),
      patient: { name: `Auto Patient${index}`, phone: `+1608555${String(6000 + index)}` },
    })),
  );
  const incident = await technician.incidents.declare({
    practiceId: practice.id,
    title: options.down === "phones" ? "Phones down" : "Internet down",
    systemIds: [options.down === "phones" ? phones.id : internet.id],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 10 * 60_000),
    ownerName: "",
    updateEveryMinutes: 30,
  });
  return { practiceId: practice.id, incidentId: incident.id, appointmentIds };
}

async function remindersOf(practiceId: string) {
  return asTenant(msp.id, (tx) =>
    tx
      .select({
        appointmentId: schema.outreachMessages.appointmentId,
        hoursBefore: schema.outreachMessages.hoursBefore,
        status: schema.outreachMessages.status,
        campaignId: schema.outreachMessages.campaignId,
      })
      .from(schema.outreachMessages)
      .where(sql`${schema.outreachMessages.practiceId} = ${practiceId}`),
  );
}

beforeAll(async () => {
  msp = await createMsp("Auto");
  [admin, technician] = await Promise.all([callerFor(msp.admin), callerFor(msp.technician)]);
  sms = await startFakeSmsProvider({ silent: true });
  await patientSmsChannel(admin, sms, null);
});

describe("which reminder is due", () => {
  test("the fewest hours at least as far ahead as the appointment; none within half an hour", () => {
    expect(reminderDue(20 * HOUR, [24, 2])).toBe(24);
    expect(reminderDue(90 * 60_000, [24, 2])).toBe(2);
    expect(reminderDue(2 * HOUR, [2, 24])).toBe(2);
    expect(reminderDue(10 * 60_000, [24, 2])).toBeNull();
    expect(reminderDue(30 * HOUR, [24, 2])).toBeNull();
  });
});

describe("during an EHR outage", () => {
  test("the reminders due go out once each, as automatic campaigns by Standby; later the 2-hour one follows", async () => {
    const now = new Date(Date.now() + 60_000);
    const { practiceId, appointmentIds, incidentId } = await practiceWithOutage(
      [20 * HOUR, 90 * 60_000, 10 * 60_000, 30 * HOUR],
      now,
    );
    const [tomorrow, soon] = appointmentIds;
    await runAuto(now);
    expect(
      (await remindersOf(practiceId)).map((row) => [row.appointmentId, row.hoursBefore]).sort(),
    ).toEqual(
      [
        [tomorrow, 24],
        [soon, 2],
      ].sort(),
    );
    const campaigns = await asTenant(msp.id, (tx) =>
      tx
        .select()
        .from(schema.outreachCampaigns)
        .where(sql`${schema.outreachCampaigns.practiceId} = ${practiceId}`),
    );
    expect(campaigns).toHaveLength(2);
    for (const campaign of campaigns)
      expect(campaign).toMatchObject({
        automatic: true,
        kind: "reminder",
        createdByName: "Standby",
        createdByUserId: null,
        incidentId,
        status: "sending",
      });

    // The next scans: nothing twice.
    await runAuto(now);
    await runAuto(new Date(now.getTime() + 15 * 60_000));
    expect(await remindersOf(practiceId)).toHaveLength(2);

    // 19 hours on, tomorrow's appointment is an hour away: its 2-hour reminder, once.
    const later = new Date(now.getTime() + 19 * HOUR);
    await runAuto(later);
    await runAuto(later);
    const forTomorrow = (await remindersOf(practiceId)).filter(
      (row) => row.appointmentId === tomorrow,
    );
    expect(forTomorrow.map((row) => row.hoursBefore).sort()).toEqual([2, 24]);
    const [audit] = (await auditRows(msp.id, { action: "outreach.send" })).filter(
      (row) => row.practiceId === practiceId,
    );
    expect(audit).toMatchObject({ actorName: "Standby", actorUserId: null });
    expect(audit!.summary).toMatchObject({ kind: "reminder", automatic: true });
  });

  test("nothing when the setting is off, or when what is down is not the EHR's", async () => {
    const now = new Date(Date.now() + 60_000);
    const off = await practiceWithOutage([20 * HOUR], now, { autoContinue: false });
    const phones = await practiceWithOutage([20 * HOUR], now, { down: "phones" });
    await runAuto(now);
    expect(await remindersOf(off.practiceId)).toEqual([]);
    expect(await remindersOf(phones.practiceId)).toEqual([]);
    const ctx = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
      tx,
      mspId: msp.id,
      actor: { userId: null, name: "Standby" },
      practiceIds: "*" as const,
    });
    expect(
      await withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
        ehrOutageOf(ctx(tx), phones.practiceId),
      ),
    ).toBeNull();
    expect(
      await withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
        ehrOutageOf(ctx(tx), off.practiceId),
      ),
    ).toMatchObject({ id: off.incidentId });
  });

  test("the scan finds the MSP; when the outage is resolved, what has not gone is stopped", async () => {
    const now = new Date(Date.now() + 60_000);
    const { practiceId, incidentId } = await practiceWithOutage([20 * HOUR, 3 * HOUR], now);
    await runAuto(now);
    expect(await enqueueAutoContinuation(new Date())).toBeGreaterThanOrEqual(1);
    const [job] = await ownerSql()<{ data: { mspId: string } }[]>`
      select data from pgboss.job where name = 'outreach-auto' and data->>'mspId' = ${msp.id}`;
    expect(job).toBeDefined();

    const { incident } = await technician.incidents.get({ practiceId, incidentId });
    await technician.incidents.changeStatus({
      practiceId,
      incidentId,
      status: "resolved",
      note: "EHR back",
      version: incident.version,
    });
    const result = await runAuto(new Date(now.getTime() + 60_000));
    expect(result.stopped).toBeGreaterThanOrEqual(1);
    const rows = await remindersOf(practiceId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === "stopped")).toBe(true);
    const stops = (await auditRows(msp.id, { action: "outreach.auto_stop" })).filter(
      (row) => row.practiceId === practiceId,
    );
    expect(stops.length).toBeGreaterThan(0);
    expect(stops[0]!.summary).toMatchObject({ reason: "outage resolved" });
  });
});
