/** Actions that create things, retried with the same key, create them once and return the first result. */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import { callerFor, createMsp, ownerSql, type Caller, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;
let admin: Caller;
let technician: Caller;
let practiceId: string;
let systemId: string;

const rows = async (table: string, column: string, id: string) =>
  (
    await ownerSql()<
      { n: number }[]
    >`select count(*)::int as n from ${ownerSql()(table)} where ${ownerSql()(column)} = ${id}`
  )[0]!.n;
const declaration = (idempotencyKey?: string) => ({
  practiceId,
  systemIds: [systemId],
  title: "",
  severity: "major" as const,
  patientCareInterrupted: false,
  startedAt: new Date(),
  ownerName: "",
  updateEveryMinutes: 30,
  idempotencyKey,
  // Several declarations at one practice: each a separate outage, knowingly.
  confirmDuplicate: true,
});

beforeAll(async () => {
  msp = await createMsp("Retries");
  [admin, technician] = await Promise.all([callerFor(msp.admin), callerFor(msp.technician)]);
  practiceId = msp.practices[0].id;
  await admin.dependencies.applyStarterMap({ practiceId });
  systemId = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
});

describe("retries are safe", () => {
  test("declaring twice with one key, even at the same moment, declares one incident and answers both with it", async () => {
    const key = randomUUID();
    const [first, second] = await Promise.all([
      admin.incidents.declare(declaration(key)),
      admin.incidents.declare(declaration(key)),
    ]);
    expect(second).toEqual(first);
    expect(await admin.incidents.declare(declaration(key))).toEqual(first);
    expect(await rows("incidents", "practice_id", practiceId)).toBe(1);
    // Without a key, or with a new one, each call is a new action.
    const other = await admin.incidents.declare(declaration(randomUUID()));
    expect(other.id).not.toBe(first.id);
  });

  test("an update, a restore test and a paper record retried with their keys are each written once", async () => {
    const { id: incidentId } = await admin.incidents.declare(declaration());
    const updateKey = randomUUID();
    const update = {
      practiceId,
      incidentId,
      body: "Vendor called back",
      shareWithLinked: false,
      idempotencyKey: updateKey,
    };
    const posted = await admin.incidents.postUpdate(update);
    expect(await admin.incidents.postUpdate(update)).toEqual(posted);
    const timeline = await admin.incidents.timeline({ practiceId, incidentId });
    expect(timeline.filter((entry) => entry.body === "Vendor called back")).toHaveLength(1);

    await admin.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    const test = {
      practiceId,
      systemId,
      kind: "file" as const,
      testedAt: new Date(),
      testedByName: "Tech",
      result: "pass" as const,
      restoreMinutes: 10,
      dataAgeMinutes: 10,
      evidence: "",
      idempotencyKey: randomUUID(),
    };
    const recorded = await admin.backups.recordTest(test);
    expect(await admin.backups.recordTest(test)).toEqual(recorded);
    expect(await rows("restore_tests", "system_id", systemId)).toBe(1);

    const entry = {
      practiceId,
      incidentId,
      patient: "Patient R",
      visitDate: "2026-11-29",
      provider: "Dr. R",
      reason: "",
      orders: "",
      followUp: "",
      idempotencyKey: randomUUID(),
    };
    const added = await technician.downtimeLog.add(entry);
    expect(await technician.downtimeLog.add(entry)).toEqual(added);
    expect(await rows("downtime_log_entries", "incident_id", incidentId)).toBe(1);
  });

  test("a key is one person's: another member's call with it is a new action; one key cannot serve two kinds of action", async () => {
    const key = randomUUID();
    const mine = await admin.incidents.declare(declaration(key));
    const theirs = await technician.incidents.declare(declaration(key));
    expect(theirs.id).not.toBe(mine.id);
    await expectTRPCError(
      admin.incidents.postUpdate({
        practiceId,
        incidentId: mine.id,
        body: "Same key",
        shareWithLinked: false,
        idempotencyKey: key,
      }),
      "BAD_REQUEST",
    );
  });

  test("a refused action does not use up its key: corrected and sent again with it, it goes through", async () => {
    const key = randomUUID();
    await expectTRPCError(
      admin.incidents.declare({
        ...declaration(key),
        startedAt: new Date(Date.now() + 86_400_000),
      }),
      "BAD_REQUEST",
    );
    const declared = await admin.incidents.declare(declaration(key));
    expect(declared.id).toBeTruthy();
  });
});
