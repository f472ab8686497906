import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
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

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Backups"), createMsp("Other backups")]);
  [admin, technician, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

/** A practice with the starter map; returns it and the id of its system called `name`. */
async function practiceWithMap(name = "Backup appliance") {
  const practiceId = (await insertPractice(msp.id, { name: unique("Backup practice ") })).id;
  await admin.dependencies.applyStarterMap({ practiceId });
  const map = await admin.dependencies.map({ practiceId });
  const system = map.systems.find((candidate) => candidate.name === name) ?? map.systems[0]!;
  return { practiceId, systemId: system.id, systemName: system.name };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const test_ = (
  systemId: string,
  overrides: Partial<{
    result: "pass" | "partial" | "fail";
    restoreMinutes: number | null;
    dataAgeMinutes: number | null;
    testedAt: Date;
  }> = {},
) => ({
  systemId,
  kind: "whole_vm" as const,
  testedAt: minutesAgo(30),
  testedByName: "Sam Tech",
  result: "pass" as const,
  restoreMinutes: 40,
  dataAgeMinutes: 120,
  evidence: "Restored to the sandbox host; opened three charts.",
  ...overrides,
});

async function count(table: "restore_tests" | "risks" | "backup_targets", practiceId: string) {
  const [row] =
    await ownerSql()`select count(*)::int as n from ${ownerSql()(table)} where practice_id = ${practiceId}`;
  return row!.n as number;
}

describe("backup targets and restore tests", () => {
  test("a passing test within its targets is on time; the next one is due after the cadence", async () => {
    const { practiceId, systemId } = await practiceWithMap();
    await technician.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 240,
    });
    const before = (await technician.backups.overview({ practiceId })).systems.find(
      (system) => system.systemId === systemId,
    )!;
    expect(before.status).toMatchObject({
      overdue: true,
      failing: false,
      problems: ["Never tested"],
    });

    const testedAt = minutesAgo(60);
    const recorded = await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { testedAt }),
    });
    expect(recorded.risk).toBeNull();
    expect(recorded.status).toMatchObject({ overdue: false, failing: false, problems: [] });
    expect(recorded.status.nextDueAt).toEqual(new Date(testedAt.getTime() + 30 * 86_400_000));

    const overview = await manager.backups.overview({ practiceId: msp.practices[0].id });
    expect(overview.summary).toEqual({ tracked: 0, overdue: 0, failing: 0 });
    const after = await admin.backups.overview({ practiceId });
    expect(after.summary).toEqual({ tracked: 1, overdue: 0, failing: 0 });
    expect(after.systems.find((system) => system.systemId === systemId)!.lastTest).toMatchObject({
      result: "pass",
      restoreMinutes: 40,
      rtoMinutes: 60,
    });
    expect(
      await auditRows(msp.id, { action: "restore_test.record", entityId: recorded.id }),
    ).toHaveLength(1);
  });

  test("a failed test flags the system failing and proposes one risk, linked to the system; a second failure does not duplicate it", async () => {
    const { practiceId, systemId, systemName } = await practiceWithMap();
    await technician.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 90,
      rtoMinutes: 60,
      rpoMinutes: 240,
    });
    const failed = await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { result: "fail" }),
    });
    expect(failed.status).toMatchObject({ failing: true, problems: ["The last restore failed"] });
    expect(failed.risk).toMatchObject({
      title: `Backups of ${systemName} cannot be relied on`,
      severity: "urgent",
      isNew: true,
    });

    const risk = await technician.risks.get({ practiceId, riskId: failed.risk!.id });
    expect(risk).toMatchObject({
      status: "open",
      category: "untested_backups",
      fromRestoreTestId: failed.id,
      systems: [{ id: systemId, name: systemName }],
    });
    expect(risk.history).toEqual([
      expect.objectContaining({
        kind: "created",
        toStatus: "open",
        actorName: msp.technician.name,
      }),
    ]);

    const slow = await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { result: "pass", restoreMinutes: 95 }),
    });
    expect(slow.status.problems).toEqual(["Restore took 1 h 35 min against a 1 h target (RTO)"]);
    expect(slow.risk).toMatchObject({ id: failed.risk!.id, isNew: false });
    expect(await count("risks", practiceId)).toBe(1);

    const summary = (await admin.backups.overview({ practiceId })).summary;
    expect(summary).toEqual({ tracked: 1, overdue: 0, failing: 1 });
  });

  test("a failed restore may leave out the time to restore and the data age; a pass or partial may not", async () => {
    const { practiceId, systemId } = await practiceWithMap();
    await technician.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 240,
    });
    for (const result of ["pass", "partial"] as const) {
      const refused = await expectTRPCError(
        technician.backups.recordTest({
          practiceId,
          ...test_(systemId, { result, restoreMinutes: null, dataAgeMinutes: null }),
        }),
        "BAD_REQUEST",
        /Enter the time to restore in minutes/,
      );
      expect(JSON.stringify(refused.cause ?? refused)).toMatch(/age of the restored data/);
    }
    expect(await count("restore_tests", practiceId)).toBe(0);

    const failed = await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { result: "fail", restoreMinutes: null, dataAgeMinutes: null }),
    });
    expect(failed.status).toMatchObject({ failing: true, problems: ["The last restore failed"] });
    const history = await technician.backups.tests({ practiceId, systemId });
    expect(history.items).toEqual([
      expect.objectContaining({ result: "fail", restoreMinutes: null, dataAgeMinutes: null }),
    ]);
    // The database holds the same rule: a pass without its figures is refused there too.
    await expect(
      ownerSql()`update restore_tests set result = 'pass' where id = ${failed.id}`,
    ).rejects.toThrow(/restore_tests_measured_unless_failed/);
  });

  test("targets are versioned; recording needs a target, a past date and sane numbers, and bad input changes nothing", async () => {
    const { practiceId, systemId, systemName } = await practiceWithMap();
    await expectTRPCError(
      technician.backups.recordTest({ practiceId, ...test_(systemId) }),
      "BAD_REQUEST",
      `Set a test cadence and targets for ${systemName} before recording its tests.`,
    );
    const { version } = await technician.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    await expectTRPCError(
      technician.backups.setTarget({
        practiceId,
        systemId,
        version: 0,
        cadenceDays: 7,
        rtoMinutes: 60,
        rpoMinutes: 60,
      }),
      "CONFLICT",
      /changed the backup targets/,
    );
    await technician.backups.setTarget({
      practiceId,
      systemId,
      version,
      cadenceDays: 7,
      rtoMinutes: 30,
      rpoMinutes: 60,
    });
    await expectTRPCError(
      technician.backups.setTarget({
        practiceId,
        systemId,
        version,
        cadenceDays: 14,
        rtoMinutes: 30,
        rpoMinutes: 60,
      }),
      "CONFLICT",
    );

    const future = await expectTRPCError(
      technician.backups.recordTest({
        practiceId,
        ...test_(systemId, { testedAt: new Date(Date.now() + 86_400_000) }),
      }),
      "BAD_REQUEST",
      "A test cannot be recorded in the future.",
    );
    expect(future.cause).toMatchObject({ field: "testedAt" });
    await expectTRPCError(
      technician.backups.recordTest({ practiceId, ...test_(systemId, { restoreMinutes: -5 }) }),
      "BAD_REQUEST",
      /cannot be negative/,
    );
    await expectTRPCError(
      technician.backups.recordTest({ practiceId, ...test_(systemId), kind: "tape" as never }),
      "BAD_REQUEST",
      /Choose what was restored/,
    );
    await expectTRPCError(
      technician.backups.setTarget({
        practiceId,
        systemId,
        version: 2,
        cadenceDays: 0,
        rtoMinutes: 60,
        rpoMinutes: 60,
      }),
      "BAD_REQUEST",
      /at most once a day/,
    );
    expect(await count("restore_tests", practiceId)).toBe(0);
    expect(
      (await technician.backups.overview({ practiceId })).systems.find(
        (system) => system.systemId === systemId,
      )!.target,
    ).toMatchObject({ cadenceDays: 7, version: 2 });
  });

  test("a test recorded in error is withdrawn with a reason and no longer counts; removing the system keeps its tests", async () => {
    const { practiceId, systemId, systemName } = await practiceWithMap();
    await technician.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 240,
    });
    await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { testedAt: minutesAgo(600) }),
    });
    const mistake = await technician.backups.recordTest({
      practiceId,
      ...test_(systemId, { result: "partial" }),
    });
    await expectTRPCError(
      technician.backups.withdrawTest({ practiceId, testId: mistake.id, reason: "" }),
      "BAD_REQUEST",
      /Say why/,
    );
    await technician.backups.withdrawTest({
      practiceId,
      testId: mistake.id,
      reason: "Entered against the wrong system",
    });
    await expectTRPCError(
      technician.backups.withdrawTest({
        practiceId,
        testId: mistake.id,
        reason: "Entered against the wrong system",
      }),
      "NOT_FOUND",
    );
    const system = (await technician.backups.overview({ practiceId })).systems.find(
      (candidate) => candidate.systemId === systemId,
    )!;
    expect(system.lastTest).toMatchObject({ result: "pass" });
    expect(system.status!.failing).toBe(false);

    await technician.dependencies.deleteSystem({ practiceId, systemId });
    const history = await technician.backups.tests({ practiceId });
    expect(history.total).toBe(2);
    expect(
      history.items.map((item) => [item.systemId, item.systemName, Boolean(item.withdrawnAt)]),
    ).toEqual([
      [null, systemName, true],
      [null, systemName, false],
    ]);
  });
});

describe("who may see and record backup tests", () => {
  test("practice managers and leadership read their practice but cannot record; other practices and MSPs are not found", async () => {
    const own = msp.practices[0].id;
    await admin.dependencies.applyStarterMap({ practiceId: own });
    const systemId = (await admin.dependencies.map({ practiceId: own })).systems[0]!.id;
    await expect(manager.backups.overview({ practiceId: own })).resolves.toBeTruthy();
    await expect(leadership.backups.tests({ practiceId: own })).resolves.toMatchObject({
      total: 0,
    });
    await expectTRPCError(
      manager.backups.setTarget({
        practiceId: own,
        systemId,
        version: 0,
        cadenceDays: 30,
        rtoMinutes: 60,
        rpoMinutes: 60,
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leadership.backups.recordTest({ practiceId: own, ...test_(systemId) }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      manager.backups.overview({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherAdmin.backups.overview({ practiceId: own }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.backups.setTarget({
        practiceId: own,
        systemId,
        version: 0,
        cadenceDays: 30,
        rtoMinutes: 60,
        rpoMinutes: 60,
      }),
      "NOT_FOUND",
    );
  });

  test("another MSP's system cannot be targeted or tested from one's own practice", async () => {
    const victim = other.practices[0].id;
    await otherAdmin.dependencies.applyStarterMap({ practiceId: victim });
    const victimSystem = (await otherAdmin.dependencies.map({ practiceId: victim })).systems[0]!.id;
    await otherAdmin.backups.setTarget({
      practiceId: victim,
      systemId: victimSystem,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    const { practiceId } = await practiceWithMap();
    await expectTRPCError(
      admin.backups.setTarget({
        practiceId,
        systemId: victimSystem,
        version: 0,
        cadenceDays: 30,
        rtoMinutes: 60,
        rpoMinutes: 60,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.backups.recordTest({ practiceId, ...test_(victimSystem) }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.backups.removeTarget({ practiceId, systemId: victimSystem }),
      "NOT_FOUND",
    );
    expect(await count("restore_tests", victim)).toBe(0);
    expect(await count("backup_targets", victim)).toBe(1);
  });
});
