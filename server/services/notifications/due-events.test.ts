import { randomUUID } from "node:crypto";
import { addMonths } from "date-fns";
import { beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "@/db/tenant";
import { jobs } from "@/server/worker/jobs";
import { runJob } from "@/server/worker/worker";
import { recordRestoreTest } from "@/server/services/backups";
import {
  asTenant,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import * as schema from "@/db/schema";

/** The channel below points at a loopback address; no worker runs here, so nothing is sent. */
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let otherAdmin: Caller;

const DAY = 86_400_000;
const inDays = (days: number, from = Date.now()) => new Date(from + days * DAY);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Due"), createMsp("Due other")]);
  [admin, technician, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(other.admin),
  ]);
});

/** Runs a tenant job as the worker does (app role, tenant set, role "system") at the given moment. */
const dueWork = (mspId: string, at: Date) =>
  runJob("due-work", jobs["due-work"], { mspId, at: at.toISOString() });
const outageTimers = (mspId: string, at: Date) =>
  runJob("outage-timers", jobs["outage-timers"], { mspId, at: at.toISOString() });

async function eventsOf(practiceId: string, kind?: string) {
  return ownerSql()<{ kind: string; headline: string; dedupe_key: string; msp_id: string }[]>`
    select kind, headline, dedupe_key, msp_id from notification_events
    where practice_id = ${practiceId} ${kind ? ownerSql()`and kind = ${kind}` : ownerSql()``}
    order by occurred_at, dedupe_key`;
}

async function freshPractice(owner: TestMsp = msp) {
  return (await insertPractice(owner.id, { name: unique("Due practice "), timezone: "UTC" })).id;
}

async function backedUpSystem(caller: Caller, practiceId: string) {
  await caller.dependencies.applyStarterMap({ practiceId });
  const system = (await caller.dependencies.map({ practiceId })).systems[0]!;
  await caller.backups.setTarget({
    practiceId,
    systemId: system.id,
    version: 0,
    cadenceDays: 30,
    rtoMinutes: 60,
    rpoMinutes: 240,
  });
  return system;
}

const restoreTest = (systemId: string, result: "pass" | "fail", testedAt = new Date()) => ({
  systemId,
  kind: "whole_vm" as const,
  testedAt,
  testedByName: "Sam Tech",
  result,
  restoreMinutes: 40,
  dataAgeMinutes: 120,
  evidence: "Restored to the sandbox host.",
});

describe("due work (hourly)", () => {
  test("a restore test overdue is told once, with the system and the due date, not before it is due", async () => {
    const practiceId = await freshPractice();
    const system = await backedUpSystem(technician, practiceId);
    const testedAt = new Date(Date.now() - 60_000);
    await technician.backups.recordTest({
      practiceId,
      ...restoreTest(system.id, "pass", testedAt),
    });

    await dueWork(msp.id, inDays(10));
    expect(await eventsOf(practiceId, "backup.test_overdue")).toEqual([]);

    const dueOn = dayOf(inDays(30, testedAt.getTime()));
    await dueWork(msp.id, inDays(31));
    await dueWork(msp.id, inDays(31.5));
    const events = await eventsOf(practiceId, "backup.test_overdue");
    expect(events).toEqual([
      expect.objectContaining({
        headline: `Restore test overdue: ${system.name} (due ${dueOn})`,
        dedupe_key: `backup.test_overdue:${system.id}:${dueOn}`,
      }),
    ]);
  });

  test("a failed restore test is told in the transaction that records it, once per test", async () => {
    const practiceId = await freshPractice();
    const system = await backedUpSystem(technician, practiceId);
    const passed = await technician.backups.recordTest({
      practiceId,
      ...restoreTest(system.id, "pass"),
    });
    const failed = await technician.backups.recordTest({
      practiceId,
      ...restoreTest(system.id, "fail"),
    });
    const events = await eventsOf(practiceId, "backup.test_failed");
    expect(events).toEqual([
      expect.objectContaining({ dedupe_key: `backup.test_failed:${failed.id}` }),
    ]);
    expect(events[0]!.headline).toMatch(
      new RegExp(`^Restore test failed: ${system.name} \\(tested \\d{4}-\\d{2}-\\d{2}\\)$`),
    );
    expect(events.map((event) => event.dedupe_key)).not.toContain(
      `backup.test_failed:${passed.id}`,
    );
    const [deliveries] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from notification_deliveries d join notification_events e on e.id = d.event_id
      where e.dedupe_key = ${`backup.test_failed:${failed.id}`}`;
    expect(deliveries!.n).toBeGreaterThan(0);

    // A change that rolls back tells no one.
    await expect(
      withTenant(
        { mspId: msp.id, userId: msp.technician.id, role: "technician", practiceIds: "*" },
        async (tx) => {
          await recordRestoreTest(
            {
              tx,
              mspId: msp.id,
              actor: { userId: msp.technician.id, name: "Sam Tech" },
              practiceIds: "*",
            },
            { practiceId, ...restoreTest(system.id, "fail") },
          );
          throw new Error("rolled back");
        },
      ),
    ).rejects.toThrow("rolled back");
    expect(await eventsOf(practiceId, "backup.test_failed")).toHaveLength(1);
  });

  test("the review is told 7 days ahead and again when overdue, each once", async () => {
    const practiceId = await freshPractice();
    const [row] = await ownerSql()<{ created_at: Date }[]>`
      select created_at from practices where id = ${practiceId}`;
    const due = addMonths(row!.created_at, 3);
    const dueOn = dayOf(due);

    await dueWork(msp.id, inDays(-10, due.getTime()));
    expect(await eventsOf(practiceId)).toEqual([]);
    await dueWork(msp.id, inDays(-5, due.getTime()));
    await dueWork(msp.id, inDays(-4, due.getTime()));
    expect(await eventsOf(practiceId)).toEqual([
      expect.objectContaining({
        kind: "review.due_soon",
        dedupe_key: `review.due_soon:${practiceId}:${dueOn}`,
        headline: `Readiness review due ${dueOn}`,
      }),
    ]);
    await dueWork(msp.id, inDays(2, due.getTime()));
    await dueWork(msp.id, inDays(3, due.getTime()));
    expect((await eventsOf(practiceId)).map((event) => event.kind)).toEqual([
      "review.due_soon",
      "review.overdue",
    ]);
  });

  test("a plan past its review date, a stale packet, an expiring acceptance and unverified vendors are told once each", async () => {
    const practiceId = await freshPractice();
    const reviewOn = dayOf(inDays(20));
    await asTenant(msp.id, async (tx) => {
      for (const number of [1, 2])
        await tx.insert(schema.planVersions).values({
          mspId: msp.id,
          practiceId,
          number,
          content: {},
          completenessScore: 100,
          nextReviewOn: reviewOn,
          publishedByName: "Sam Tech",
        });
      await tx.insert(schema.packetPrints).values({
        mspId: msp.id,
        practiceId,
        versionNumber: 1,
        format: "print",
        printedByName: "Sam Tech",
      });
    });
    await admin.dependencies.applyStarterMap({ practiceId });
    const { id: riskId } = await admin.risks.create({
      practiceId,
      title: "Front-desk PCs run Windows 10",
      description: "Out of support.",
      severity: "high",
      category: "unsupported_devices",
      owner: "Sam Tech",
      systemIds: [],
    });
    const expiresOn = dayOf(inDays(30));
    await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: 1,
      change: { status: "accepted", reason: "Replacement budgeted next quarter.", expiresOn },
    });
    const { id: vendorId } = await admin.vendors.create({
      name: unique("Dental EHR "),
      category: "ehr",
      supportPhone: "(800) 555-0100",
      portalUrl: "https://support.example",
      supportHours: "24/7",
      baaOnFile: true,
      contractNotes: "",
    });
    const { linkId } = await admin.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "A-1",
      notes: "",
      ladder: [],
    });
    const verifiedAt = new Date();
    await ownerSql()`update practice_vendors set last_verified_at = ${verifiedAt.toISOString()} where id = ${linkId}`;

    // Published version 2, packet printed of version 1: stale at once; nothing else due yet.
    await dueWork(msp.id, new Date());
    expect((await eventsOf(practiceId)).map((event) => event.kind)).toEqual(["packet.stale"]);

    // 21 days on: the plan is past its review date, the acceptance expires in 9 days.
    await dueWork(msp.id, inDays(21));
    await dueWork(msp.id, inDays(22));
    const kinds = (await eventsOf(practiceId)).map((event) => event.kind).sort();
    expect(kinds).toEqual(["packet.stale", "plan.review_overdue", "risk.acceptance_expiring"]);
    expect(await eventsOf(practiceId, "risk.acceptance_expiring")).toEqual([
      expect.objectContaining({
        dedupe_key: `risk.acceptance_expiring:${riskId}:${expiresOn}`,
        headline: `Risk acceptance expires ${expiresOn}: Front-desk PCs run Windows 10`,
      }),
    ]);
    expect(await eventsOf(practiceId, "plan.review_overdue")).toEqual([
      expect.objectContaining({ dedupe_key: `plan.review_overdue:${practiceId}:${reviewOn}` }),
    ]);

    // 91 days after the vendor's contacts were checked, they are unverified.
    expect(await eventsOf(practiceId, "vendors.unverified")).toEqual([]);
    await dueWork(msp.id, inDays(91));
    await dueWork(msp.id, inDays(92));
    const vendorEvents = await eventsOf(practiceId, "vendors.unverified");
    expect(vendorEvents).toHaveLength(1);
    expect(vendorEvents[0]!.dedupe_key).toBe(
      `vendors.unverified:${linkId}:${dayOf(inDays(90, verifiedAt.getTime()))}`,
    );
  });

  test("another MSP's practices are never told by this MSP's run, and its own run sees only its own", async () => {
    const mine = await freshPractice();
    const theirs = await freshPractice(other);
    const system = await backedUpSystem(otherAdmin, theirs);
    await dueWork(msp.id, inDays(200));
    expect(await eventsOf(theirs)).toEqual([]);
    expect((await eventsOf(mine)).length).toBeGreaterThan(0);
    await dueWork(other.id, inDays(200));
    const theirEvents = await eventsOf(theirs);
    expect(theirEvents.map((event) => event.kind)).toContain("backup.test_overdue");
    expect(theirEvents.every((event) => event.msp_id === other.id)).toBe(true);
    expect(theirEvents.map((event) => event.dedupe_key).join(" ")).toContain(system.id);
  });

  test("an event routed to a channel gets a delivery to it", async () => {
    const practiceId = await freshPractice();
    await admin.notifications.createChannel({
      kind: "webhook",
      name: unique("Due-work webhook "),
      practiceId,
      events: ["review.overdue"],
      url: "http://127.0.0.1:9/due",
    });
    await dueWork(msp.id, inDays(120));
    const rows = await ownerSql()<{ kind: string; channel_name: string; status: string }[]>`
      select e.kind, d.channel_name, d.status from notification_deliveries d
      join notification_events e on e.id = d.event_id where d.practice_id = ${practiceId}
      order by e.kind`;
    expect(rows.find((row) => row.kind === "review.overdue")).toMatchObject({
      channel_name: expect.stringMatching(/^Due-work webhook /),
      status: "pending",
    });
  });

  test("the hourly scan enqueues one due-work job per MSP, with the moment checked", async () => {
    await runJob("due-work-scan", jobs["due-work-scan"], {});
    const rows = await ownerSql()<{ msp_id: string; at: string }[]>`
      select data->>'mspId' as msp_id, data->>'at' as at from pgboss.job
      where name = 'due-work' and data->>'mspId' = any(${[msp.id, other.id]})`;
    expect(rows.map((row) => row.msp_id).sort()).toEqual([msp.id, other.id].sort());
    expect(rows.every((row) => !Number.isNaN(Date.parse(row.at)))).toBe(true);
  });
});

describe("outage timers (every minute)", () => {
  test("next update overdue and time to call the vendor again are told once per due moment", async () => {
    const practiceId = await freshPractice();
    const startedAt = new Date(Date.now() - 5 * 60_000);
    const { id: incidentId } = await technician.incidents.declare({
      idempotencyKey: randomUUID(),
      practiceId,
      title: "EHR down",
      systemIds: [],
      severity: "critical",
      patientCareInterrupted: true,
      startedAt,
      ownerName: "",
      updateEveryMinutes: 15,
    });
    const { id: vendorId } = await admin.vendors.create({
      name: unique("Imaging vendor "),
      category: "ehr",
      supportPhone: "(800) 555-0100",
      portalUrl: "https://support.example",
      supportHours: "24/7",
      baaOnFile: true,
      contractNotes: "",
    });
    const openedAt = new Date(Date.now() - 60_000);
    const { id: ticketId } = await technician.incidents.openTicket({
      practiceId,
      incidentId,
      vendorId,
      ticketNumber: "INC-4471",
      openedAt,
      etaAt: null,
    });
    const at = (minutes: number) => new Date(startedAt.getTime() + minutes * 60_000);

    await outageTimers(msp.id, at(10));
    expect(await eventsOf(practiceId, "incident.update_overdue")).toEqual([]);
    await outageTimers(msp.id, at(16));
    await outageTimers(msp.id, at(17));
    const dueAt = at(15).toISOString();
    expect(await eventsOf(practiceId, "incident.update_overdue")).toEqual([
      expect.objectContaining({ dedupe_key: `incident.update_overdue:${incidentId}:${dueAt}` }),
    ]);
    expect(await eventsOf(practiceId, "incident.vendor_call_due")).toEqual([]);

    const callAt = new Date(openedAt.getTime() + 60 * 60_000);
    await outageTimers(msp.id, new Date(callAt.getTime() + 60_000));
    await outageTimers(msp.id, new Date(callAt.getTime() + 120_000));
    expect(await eventsOf(practiceId, "incident.vendor_call_due")).toEqual([
      expect.objectContaining({
        dedupe_key: `incident.vendor_call_due:${ticketId}:${callAt.toISOString()}`,
        headline: expect.stringMatching(
          /^Time to call Imaging vendor \w+ again \(ticket INC-4471\): EHR down$/,
        ),
      }),
    ]);
    // A later moment with the update still not posted: still the one due moment, nothing new.
    expect(await eventsOf(practiceId, "incident.update_overdue")).toHaveLength(1);
  });

  test("the minute scan enqueues only MSPs with an open incident; a resolved outage is not timed", async () => {
    const quiet = await createMsp("Due quiet");
    await runJob("outage-timers-scan", jobs["outage-timers-scan"], {});
    const rows = await ownerSql()<{ msp_id: string }[]>`
      select data->>'mspId' as msp_id from pgboss.job where name = 'outage-timers'`;
    const enqueued = rows.map((row) => row.msp_id);
    expect(enqueued).not.toContain(quiet.id);
    // The outage declared in the test before is still open.
    expect(enqueued).toContain(msp.id);

    const practiceId = quiet.practices[0].id;
    const quietTech = await callerFor(quiet.technician);
    const startedAt = new Date(Date.now() - 60 * 60_000);
    const { id: incidentId } = await quietTech.incidents.declare({
      idempotencyKey: randomUUID(),
      practiceId,
      title: "Phones down",
      systemIds: [],
      severity: "critical",
      patientCareInterrupted: false,
      startedAt,
      ownerName: "",
      updateEveryMinutes: 15,
    });
    await ownerSql()`update incidents set status = 'resolved', resolved_at = now() where id = ${incidentId}`;
    await outageTimers(quiet.id, new Date());
    expect(await eventsOf(practiceId, "incident.update_overdue")).toEqual([]);
  });
});
