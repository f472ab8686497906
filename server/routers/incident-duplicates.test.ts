/**
 * Duplicate outages: a declaration beside an open outage needs a confirmation, a double submit still
 * declares once, and an outage declared twice is closed as a duplicate of the main one (same
 * practice only, no self, chains or cycles), counted once in the metrics.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { ConflictError } from "@/server/errors";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;
let otherManager: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Duplicates"), createMsp("Other duplicates")]);
  // A practice manager of the MSP's second practice only.
  const managerElsewhere = await insertUser(msp.id, {
    role: "practice_manager",
    practiceIds: [msp.practices[1].id],
    name: "Kim Elsewhere",
  });
  [admin, technician, manager, leadership, otherAdmin, otherManager] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
    callerFor(managerElsewhere),
  ]);
});

const declaration = (practiceId: string, title: string, minutesAgo = 19) => ({
  practiceId,
  title,
  systemIds: [],
  severity: "critical" as const,
  patientCareInterrupted: true,
  startedAt: new Date(Date.now() - minutesAgo * 60_000),
  ownerName: "",
  updateEveryMinutes: 15,
});

/** A practice of its own (no dependency map: the title says what is down). */
async function freshPractice(mspId = msp.id) {
  return (await insertPractice(mspId, { name: unique("Dup practice ") })).id;
}

describe("declaring beside an open outage", () => {
  test("is refused with CONFLICT naming the open outage, until the person confirms a separate one", async () => {
    const practiceId = await freshPractice();
    const { id: first } = await technician.incidents.declare(declaration(practiceId, "EHR down"));
    expect(await technician.incidents.openAtPractice({ practiceId })).toMatchObject([
      { id: first, title: "EHR down", ageMinutes: 19 },
    ]);

    const error = await expectTRPCError(
      technician.incidents.declare(declaration(practiceId, "EHR down", 0)),
      "CONFLICT",
      /already has an open outage: “EHR down” \(#[0-9a-f]{8}\), started 19 minutes ago/,
    );
    expect(error.message).toContain(`#${first.slice(0, 8)}`);
    const cause = error.cause as ConflictError;
    expect(cause).toBeInstanceOf(ConflictError);
    expect(cause.detail).toMatchObject({
      openOutage: { id: first, practiceId, title: "EHR down", ageMinutes: 19 },
    });
    // Nothing was written.
    expect((await technician.incidents.list({ practiceId, status: "all" })).total).toBe(1);

    const { id: second } = await technician.incidents.declare({
      ...declaration(practiceId, "Phones down", 0),
      confirmDuplicate: true,
    });
    expect(second).not.toBe(first);
    const open = await technician.incidents.active();
    expect(open.filter((incident) => incident.practiceId === practiceId)).toHaveLength(2);
    const [audit] = await auditRows(msp.id, { action: "incident.declare", entityId: second });
    expect(audit?.summary).toMatchObject({ alongsideOpenIncidentId: first });
  });

  test("a resolved outage does not stand in the way, nor one at another practice", async () => {
    const practiceId = await freshPractice();
    const { id } = await admin.incidents.declare(declaration(practiceId, "EHR down"));
    const view = await admin.incidents.get({ practiceId, incidentId: id });
    await admin.incidents.changeStatus({
      practiceId,
      incidentId: id,
      status: "resolved",
      note: "",
      version: view.incident.version,
    });
    await admin.incidents.declare(declaration(practiceId, "EHR down again", 1));
    // Another practice of the same MSP with its own open outage is no reason to refuse.
    await admin.incidents.declare(declaration(await freshPractice(), "EHR down", 1));
  });

  test("a double submit (same key) declares once; the second answer is the first incident", async () => {
    const practiceId = await freshPractice();
    const idempotencyKey = crypto.randomUUID();
    const input = { ...declaration(practiceId, "EHR down"), idempotencyKey };
    const [one, two] = await Promise.all([
      technician.incidents.declare(input),
      technician.incidents.declare(input),
    ]);
    expect(two.id).toBe(one.id);
    expect((await technician.incidents.list({ practiceId, status: "all" })).total).toBe(1);
    // A retry after the refusal, with the same key and the confirmation, declares the second one.
    const retryKey = crypto.randomUUID();
    await expectTRPCError(
      technician.incidents.declare({
        ...declaration(practiceId, "Again", 0),
        idempotencyKey: retryKey,
      }),
      "CONFLICT",
    );
    const separate = await technician.incidents.declare({
      ...declaration(practiceId, "Again", 0),
      idempotencyKey: retryKey,
      confirmDuplicate: true,
    });
    expect(separate.id).not.toBe(one.id);
    expect((await technician.incidents.list({ practiceId, status: "all" })).total).toBe(2);
  });
});

async function pair(caller: Caller = admin, practiceId?: string) {
  const at = practiceId ?? (await freshPractice());
  const { id: main } = await caller.incidents.declare(declaration(at, "EHR down", 30));
  const { id: duplicate } = await caller.incidents.declare({
    ...declaration(at, "EHR down (front desk)", 19),
    confirmDuplicate: true,
  });
  return { practiceId: at, main, duplicate };
}

async function versionOf(caller: Caller, practiceId: string, incidentId: string) {
  return (await caller.incidents.get({ practiceId, incidentId })).incident.version;
}

describe("marking an outage a duplicate", () => {
  test("closes it with its reference, writes both timelines and the audit, keeps its tickets, and counts it once", async () => {
    const { practiceId, main, duplicate } = await pair(technician);
    const vendor = await admin.vendors.create({
      name: unique("Dup EHR "),
      category: "ehr",
      supportPhone: "",
      portalUrl: "",
      supportHours: "",
      baaOnFile: false,
      contractNotes: "",
    });
    await technician.incidents.openTicket({
      practiceId,
      incidentId: duplicate,
      vendorId: vendor.id,
      ticketNumber: "TK-4411",
      openedAt: new Date(),
      etaAt: null,
    });
    const before = (await technician.metrics.quarterly({ practiceId })).figures.at(-1)!;
    expect(before.incidents).toBe(2);
    expect(
      await technician.incidents.duplicateCandidates({ practiceId, incidentId: duplicate }),
    ).toMatchObject([{ id: main, title: "EHR down" }]);

    const result = await technician.incidents.markDuplicate({
      practiceId,
      incidentId: duplicate,
      duplicateOfIncidentId: main,
      version: await versionOf(technician, practiceId, duplicate),
    });
    expect(result.duplicateOfIncidentId).toBe(main);

    const closed = await technician.incidents.get({ practiceId, incidentId: duplicate });
    expect(closed.incident).toMatchObject({ status: "closed", duplicateOfIncidentId: main });
    expect(closed.duplicateOf).toMatchObject({ id: main, title: "EHR down" });
    // Its vendor ticket stays readable on it.
    expect(closed.tickets.map((ticket) => ticket.ticketNumber)).toEqual(["TK-4411"]);
    const kept = await technician.incidents.get({ practiceId, incidentId: main });
    expect(kept.duplicates).toMatchObject([{ id: duplicate, status: "closed" }]);

    const own = await technician.incidents.timeline({ practiceId, incidentId: duplicate });
    expect(own.at(-1)).toMatchObject({ kind: "duplicate" });
    expect(own.at(-1)!.body).toMatch(
      new RegExp(`^Marked as duplicate of “EHR down” \\(#${main.slice(0, 8)}\\) by Sam Tech`),
    );
    const theirs = await technician.incidents.timeline({ practiceId, incidentId: main });
    expect(theirs.at(-1)!.body).toMatch(
      new RegExp(
        `“EHR down \\(front desk\\)” \\(#${duplicate.slice(0, 8)}\\) was merged into this outage`,
      ),
    );
    expect(theirs.at(-1)!.body).toContain("TK-4411");

    const [audit] = await auditRows(msp.id, {
      action: "incident.mark_duplicate",
      entityId: duplicate,
    });
    expect(audit?.summary).toMatchObject({ duplicateOfIncidentId: main, vendorTickets: 1 });
    // People routed to outage events are told it closed, and where the outage is run.
    const [told] = await ownerSql()<{ headline: string }[]>`
      select headline from notification_events
       where msp_id = ${msp.id} and dedupe_key = ${`incident.closed:${duplicate}`}`;
    expect(told?.headline).toBe(
      "Outage closed as a duplicate: EHR down (front desk) (it is run as “EHR down”)",
    );

    // The banner lists the main outage only; the metrics count one outage and its minutes.
    const active = (await technician.incidents.active()).filter(
      (incident) => incident.practiceId === practiceId,
    );
    expect(active.map((incident) => incident.id)).toEqual([main]);
    const after = (await technician.metrics.quarterly({ practiceId })).figures.at(-1)!;
    expect(after.incidents).toBe(1);
    expect(after.downtimeMinutes).toBeGreaterThanOrEqual(30);
    expect(after.downtimeMinutes).toBeLessThan(before.downtimeMinutes);
    // Declaring now finds only the main outage open.
    await expectTRPCError(
      technician.incidents.declare(declaration(practiceId, "Third", 0)),
      "CONFLICT",
      /“EHR down” \(#/,
    );
  });

  test("the duplicate's paper records stay on it, can still be entered there, and hold the main outage's close", async () => {
    const { practiceId, main, duplicate } = await pair(technician);
    const ref = { practiceId, incidentId: duplicate };
    const { id: entryId } = await technician.downtimeLog.add({
      ...ref,
      patient: "Jane Q. Patient, MRN 40012",
      visitDate: new Date().toISOString().slice(0, 10),
      provider: "Dr. Ng",
      reason: "Rash follow-up",
      orders: "CBC",
      followUp: "2 weeks",
    });
    await technician.incidents.markDuplicate({
      ...ref,
      duplicateOfIncidentId: main,
      version: await versionOf(technician, practiceId, duplicate),
    });
    const theirs = await technician.incidents.timeline({ practiceId, incidentId: main });
    expect(theirs.at(-1)!.body).toMatch(
      /Its 1 paper record stays there too; this outage closes only once it is entered/,
    );
    const kept = await technician.incidents.get({ practiceId, incidentId: main });
    expect(kept.closeBlockers).toContain("1 paper record has not been entered into the EHR");
    // Closed, yet its records can still be entered (not added).
    const [entry] = await technician.downtimeLog.list(ref);
    await technician.downtimeLog.markEntered({ ...ref, entryId, version: entry!.version });
    await expectTRPCError(
      technician.downtimeLog.add({
        ...ref,
        patient: "John Roe",
        visitDate: new Date().toISOString().slice(0, 10),
        provider: "Dr. Ng",
        reason: "Check",
        orders: "",
        followUp: "",
      }),
      "BAD_REQUEST",
      /closed/,
    );
    const later = await technician.incidents.get({ practiceId, incidentId: main });
    expect(later.closeBlockers).toContain("1 paper record is not verified");
  });

  test("self, an already merged outage, chains and cycles are refused, nothing changes", async () => {
    const { practiceId, main, duplicate } = await pair();
    const mark = (incidentId: string, duplicateOfIncidentId: string) =>
      versionOf(admin, practiceId, incidentId).then((version) =>
        admin.incidents.markDuplicate({ practiceId, incidentId, duplicateOfIncidentId, version }),
      );
    await expectTRPCError(mark(duplicate, duplicate), "BAD_REQUEST", /itself/);
    await mark(duplicate, main);
    // Again, or back the other way (a cycle).
    await expectTRPCError(mark(duplicate, main), "BAD_REQUEST", /already closed as a duplicate/);
    await expectTRPCError(mark(main, duplicate), "BAD_REQUEST", /itself a duplicate of/);
    // A third outage cannot hang off the duplicate (a chain), and the main one cannot be merged away.
    const { id: third } = await admin.incidents.declare({
      ...declaration(practiceId, "Third", 1),
      confirmDuplicate: true,
    });
    await expectTRPCError(mark(third, duplicate), "BAD_REQUEST", /itself a duplicate of/);
    await expectTRPCError(mark(main, third), "BAD_REQUEST", /main outage/);
    // An outage already closed is neither offered nor accepted: its reconciliation is done.
    await ownerSql()`update incidents set status = 'closed', closed_at = now() where id = ${main}`;
    expect(await admin.incidents.duplicateCandidates({ practiceId, incidentId: third })).toEqual(
      [],
    );
    await expectTRPCError(mark(third, main), "BAD_REQUEST", /already closed, so nothing merged/);
    await ownerSql()`update incidents set status = 'investigating', closed_at = null where id = ${main}`;
    // A stale version is a conflict.
    await expectTRPCError(
      admin.incidents.markDuplicate({
        practiceId,
        incidentId: third,
        duplicateOfIncidentId: main,
        version: 99,
      }),
      "CONFLICT",
    );
    expect((await admin.incidents.get({ practiceId, incidentId: main })).incident.status).toBe(
      "investigating",
    );
    expect((await admin.incidents.get({ practiceId, incidentId: third })).incident.status).toBe(
      "investigating",
    );
  });

  test("across practices, MSPs, scopes and roles it is refused", async () => {
    const { practiceId, duplicate } = await pair(admin, msp.practices[0].id);
    const version = await versionOf(admin, practiceId, duplicate);
    // An outage at the MSP's other practice: not found from this practice.
    const elsewhere = await pair(admin, msp.practices[1].id);
    await expectTRPCError(
      admin.incidents.markDuplicate({
        practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: elsewhere.main,
        version,
      }),
      "NOT_FOUND",
    );
    // Named from the other practice's side: the duplicate is not there.
    await expectTRPCError(
      admin.incidents.markDuplicate({
        practiceId: elsewhere.practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: elsewhere.main,
        version,
      }),
      "NOT_FOUND",
    );
    const theirs = await pair(otherAdmin, await freshPractice(other.id));
    // Another MSP's admin, on our practice or with our incident against theirs.
    await expectTRPCError(
      otherAdmin.incidents.markDuplicate({
        practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: elsewhere.main,
        version,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.incidents.markDuplicate({
        practiceId: theirs.practiceId,
        incidentId: theirs.duplicate,
        duplicateOfIncidentId: duplicate,
        version: 1,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.incidents.duplicateCandidates({ practiceId, incidentId: duplicate }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherAdmin.incidents.openAtPractice({ practiceId }), "NOT_FOUND");
    // A practice manager of another practice in the same MSP.
    const main = (await admin.incidents.openAtPractice({ practiceId })).find(
      (incident) => incident.id !== duplicate,
    )!.id;
    await expectTRPCError(
      otherManager.incidents.markDuplicate({
        practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: main,
        version,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherManager.incidents.openAtPractice({ practiceId }), "NOT_FOUND");
    // Leadership reads but may not close incidents.
    await expectTRPCError(
      leadership.incidents.markDuplicate({
        practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: main,
        version,
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leadership.incidents.duplicateCandidates({ practiceId, incidentId: duplicate }),
      "FORBIDDEN",
    );
    // Malformed input: nothing written.
    await expectTRPCError(
      admin.incidents.markDuplicate({
        practiceId,
        incidentId: duplicate,
        duplicateOfIncidentId: "not-a-uuid",
        version,
      }),
      "BAD_REQUEST",
    );
    expect(
      (await admin.incidents.get({ practiceId, incidentId: duplicate })).incident,
    ).toMatchObject({ status: "investigating", duplicateOfIncidentId: null });
    // The practice's own manager may.
    await manager.incidents.markDuplicate({
      practiceId,
      incidentId: duplicate,
      duplicateOfIncidentId: main,
      version,
    });
    expect(
      (await admin.incidents.get({ practiceId, incidentId: duplicate })).incident,
    ).toMatchObject({ status: "closed", duplicateOfIncidentId: main });
  });

  test("the database refuses a duplicate reference on an open incident or to itself", async () => {
    const { main, duplicate } = await pair();
    await expect(
      asTenant(msp.id, (tx) =>
        tx
          .update(schema.incidents)
          .set({ duplicateOfIncidentId: main })
          .where(eq(schema.incidents.id, duplicate)),
      ),
    ).rejects.toThrow();
    await expect(
      asTenant(msp.id, (tx) =>
        tx
          .update(schema.incidents)
          .set({ status: "closed", duplicateOfIncidentId: duplicate })
          .where(eq(schema.incidents.id, duplicate)),
      ),
    ).rejects.toThrow();
  });
});
