/**
 * Emergency ("break glass") access to a practice's downtime documentation log: an MSP admin reads it
 * only with a written reason, for EMERGENCY_ACCESS_MINUTES, audited, listed for the practice's
 * managers, and refused afterwards by the service and by row-level security alone.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EMERGENCY_ACCESS_MINUTES } from "@/server/contracts/emergency-access";
import { ForbiddenError } from "@/server/errors";
import { myEmergencyAccess, readDowntimeLogInEmergency } from "@/server/services/emergency-access";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertUser,
  sessionUserFor,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { runAs } from "@/server/trpc";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let secondAdmin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;
let colleagueId: string;
let app: postgres.Sql;
/** An outage at each of the MSP's two practices, each with one paper record. */
let refs: [{ practiceId: string; incidentId: string }, { practiceId: string; incidentId: string }];

const reason = "Lakeside asked us to find the paper record of a patient's missed biopsy order.";
const paperRecord = {
  patient: "Jane Q. Patient, MRN 40012",
  visitDate: new Date().toISOString().slice(0, 10),
  provider: "Dr. Ng",
  reason: "Rash follow-up",
  orders: "CBC",
  followUp: "2 weeks",
};

async function outageWithRecord(caller: Caller, practiceId: string) {
  await caller.dependencies.applyStarterMap({ practiceId }).catch(() => undefined);
  const systemId = (await caller.dependencies.map({ practiceId })).systems[0]!.id;
  const { id: incidentId } = await caller.incidents.declare({
    practiceId,
    title: "",
    systemIds: [systemId],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 30 * 60_000),
    ownerName: "",
    updateEveryMinutes: 15,
  });
  await caller.downtimeLog.add({ practiceId, incidentId, ...paperRecord });
  return { practiceId, incidentId };
}

/** As the app role, in one transaction with the tenant set exactly as withTenant does. */
function asApp<T>(
  scope: { mspId: string; userId: string; role: string; practiceIds: string },
  fn: (sql: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return app.begin(async (sql) => {
    await sql`select set_config('app.msp_id', ${scope.mspId}, true), set_config('app.user_id', ${scope.userId}, true),
                     set_config('app.role', ${scope.role}, true), set_config('app.practice_ids', ${scope.practiceIds}, true)`;
    return fn(sql);
  }) as Promise<T>;
}

async function sqlState(run: () => Promise<unknown>): Promise<string> {
  try {
    return `succeeded: ${JSON.stringify(await run())}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  [msp, other] = await Promise.all([createMsp("Break glass"), createMsp("Other break glass")]);
  const colleague = await insertUser(msp.id, { role: "admin", name: "Second Admin" });
  colleagueId = colleague.id;
  [admin, secondAdmin, technician, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(colleague),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
  refs = [
    await outageWithRecord(technician, msp.practices[0].id),
    await outageWithRecord(technician, msp.practices[1].id),
  ];
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
});

describe("emergency access to the downtime log", () => {
  test("an admin does not read the log routinely, and asking needs a written reason", async () => {
    const [ref] = refs;
    await expectTRPCError(admin.downtimeLog.list(ref), "FORBIDDEN");
    await expectTRPCError(
      admin.downtimeLog.emergencyList(ref),
      "FORBIDDEN",
      /has ended or was never given/,
    );
    await expectTRPCError(
      admin.emergencyAccess.request({
        practiceId: ref.practiceId,
        incidentId: ref.incidentId,
        reason: "",
      }),
      "BAD_REQUEST",
      /Write why you need emergency access: at least 20 characters/,
    );
    await expectTRPCError(
      admin.emergencyAccess.request({
        practiceId: ref.practiceId,
        incidentId: ref.incidentId,
        reason: "   need it         ",
      }),
      "BAD_REQUEST",
      /at least 20 characters/,
    );
    await expectTRPCError(
      admin.emergencyAccess.request({ practiceId: ref.practiceId, reason: "x".repeat(1001) }),
      "BAD_REQUEST",
      /under 1000 characters/,
    );
    // Only an admin breaks glass; the others either work the log already or never see it.
    for (const caller of [technician, manager, leadership])
      await expectTRPCError(
        caller.emergencyAccess.request({ practiceId: ref.practiceId, reason }),
        "FORBIDDEN",
      );
    expect(await admin.emergencyAccess.mine({ practiceId: ref.practiceId })).toBeNull();
    expect(await auditRows(msp.id, { action: "emergency_access.grant" })).toHaveLength(0);
  });

  test("with a reason it opens that practice's log, read only, for that admin, for the named number of minutes; every read is audited", async () => {
    const [ref, elsewhere] = refs;
    const grant = await admin.emergencyAccess.request({
      practiceId: ref.practiceId,
      incidentId: ref.incidentId,
      reason: `  ${reason}  `,
    });
    expect(grant).toMatchObject({ reason, userName: msp.admin.name, incidentId: ref.incidentId });
    expect(grant.expiresAt.getTime() - grant.grantedAt.getTime()).toBe(
      EMERGENCY_ACCESS_MINUTES * 60_000,
    );
    expect(grant.secondsLeft).toBe(EMERGENCY_ACCESS_MINUTES * 60);
    const mine = await admin.emergencyAccess.mine({ practiceId: ref.practiceId });
    expect(mine).toMatchObject({ id: grant.id });
    expect(mine!.secondsLeft).toBeGreaterThan(EMERGENCY_ACCESS_MINUTES * 60 - 60);
    await expectTRPCError(
      admin.emergencyAccess.request({ practiceId: ref.practiceId, reason }),
      "BAD_REQUEST",
      /already have emergency access/,
    );

    const entries = await admin.downtimeLog.emergencyList(ref);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ patient: paperRecord.patient });
    await admin.downtimeLog.emergencyList(ref);

    // Read only: the routine procedures stay closed to the admin.
    await expectTRPCError(admin.downtimeLog.add({ ...ref, ...paperRecord }), "FORBIDDEN");
    await expectTRPCError(
      admin.downtimeLog.markEntered({
        ...ref,
        entryId: entries[0]!.id,
        version: entries[0]!.version,
      }),
      "FORBIDDEN",
    );
    // Only that practice, only that admin.
    await expectTRPCError(admin.downtimeLog.emergencyList(elsewhere), "FORBIDDEN");
    await expectTRPCError(secondAdmin.downtimeLog.emergencyList(ref), "FORBIDDEN");
    expect(await secondAdmin.emergencyAccess.mine({ practiceId: ref.practiceId })).toBeNull();

    const granted = await auditRows(msp.id, {
      action: "emergency_access.grant",
      entityId: grant.id,
    });
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      actorName: msp.admin.name,
      practiceId: ref.practiceId,
      summary: expect.objectContaining({ reason, incidentId: ref.incidentId }),
    });
    const reads = (
      await auditRows(msp.id, { action: "downtime_log.read", entityId: ref.incidentId })
    ).filter((row) => (row.summary as { emergencyGrantId?: string }).emergencyGrantId === grant.id);
    expect(reads).toHaveLength(2);
    expect(reads.every((row) => row.actorName === msp.admin.name)).toBe(true);
    // The audit log holds the reason, never the patient data.
    expect(JSON.stringify([...granted, ...reads])).not.toContain("Jane");
  });

  test("after the named number of minutes the server refuses (time injected)", async () => {
    const [ref] = refs;
    const user = await sessionUserFor(msp.admin);
    const grant = await admin.emergencyAccess.mine({ practiceId: ref.practiceId });
    expect(grant).not.toBeNull();
    const justBefore = new Date(grant!.expiresAt.getTime() - 1_000);
    const atExpiry = grant!.expiresAt;
    expect(await runAs(user, (s) => readDowntimeLogInEmergency(s, ref, justBefore))).toHaveLength(
      1,
    );
    await expect(runAs(user, (s) => readDowntimeLogInEmergency(s, ref, atExpiry))).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      runAs(user, (s) =>
        readDowntimeLogInEmergency(s, ref, new Date(atExpiry.getTime() + 3_600_000)),
      ),
    ).rejects.toThrow(/has ended/);
    expect(
      await runAs(user, (s) => myEmergencyAccess(s, { practiceId: ref.practiceId }, atExpiry)),
    ).toBeNull();
  });

  test("the practice's manager and the MSP's admins see who used it, when, why and until when; nobody else does", async () => {
    const [ref, elsewhere] = refs;
    const listed = await manager.emergencyAccess.list({ practiceId: ref.practiceId });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ userName: msp.admin.name, reason, live: true });
    expect(listed[0]!.expiresAt.getTime() - listed[0]!.grantedAt.getTime()).toBe(
      EMERGENCY_ACCESS_MINUTES * 60_000,
    );
    expect(await secondAdmin.emergencyAccess.list({ practiceId: ref.practiceId })).toHaveLength(1);
    expect(await admin.emergencyAccess.list({ practiceId: elsewhere.practiceId })).toHaveLength(0);
    // The manager of the first practice does not see the second; technicians and leadership not at all.
    await expectTRPCError(
      manager.emergencyAccess.list({ practiceId: elsewhere.practiceId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      technician.emergencyAccess.list({ practiceId: ref.practiceId }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leadership.emergencyAccess.list({ practiceId: ref.practiceId }),
      "FORBIDDEN",
    );
  });

  test("another MSP can neither see nor use it", async () => {
    const [ref] = refs;
    await expectTRPCError(
      otherAdmin.emergencyAccess.list({ practiceId: ref.practiceId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.emergencyAccess.request({ practiceId: ref.practiceId, reason }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.emergencyAccess.mine({ practiceId: ref.practiceId }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherAdmin.downtimeLog.emergencyList(ref), "NOT_FOUND");
    // A grant at its own practice opens nothing of ours, even naming our incident.
    await otherAdmin.emergencyAccess.request({ practiceId: other.practices[0].id, reason });
    await expectTRPCError(
      otherAdmin.downtimeLog.emergencyList({
        practiceId: other.practices[0].id,
        incidentId: ref.incidentId,
      }),
      "NOT_FOUND",
    );
    expect(
      await otherAdmin.emergencyAccess.list({ practiceId: other.practices[0].id }),
    ).toHaveLength(1);
    expect(await admin.emergencyAccess.list({ practiceId: ref.practiceId })).toHaveLength(1);
  });
});

describe("row-level security alone", () => {
  test("refuses an admin's reads without a live grant of their own, and every write even with one", async () => {
    const [ref, elsewhere] = refs;
    const count = (userId: string, practiceId: string) =>
      asApp({ mspId: msp.id, userId, role: "admin", practiceIds: "*" }, async (sql) => {
        const [row] = await sql<
          { n: number }[]
        >`select count(*)::int as n from downtime_log_entries where practice_id = ${practiceId}`;
        return row!.n;
      });
    // The first admin's grant (from the tests above) is live: that practice only.
    expect(await count(msp.admin.id, ref.practiceId)).toBe(1);
    expect(await count(msp.admin.id, elsewhere.practiceId)).toBe(0);
    // The second admin has none; an expired grant changes nothing.
    const secondAdminId = colleagueId;
    expect(await count(secondAdminId, ref.practiceId)).toBe(0);
    await asApp(
      { mspId: msp.id, userId: secondAdminId, role: "admin", practiceIds: "*" },
      (sql) =>
        sql`insert into emergency_access_grants (msp_id, practice_id, user_id, user_name, reason, granted_at, expires_at)
          values (${msp.id}, ${ref.practiceId}, ${secondAdminId}, 'Second Admin', ${reason}, now() - interval '2 hours', now() - interval '1 hour')`,
    );
    expect(await count(secondAdminId, ref.practiceId)).toBe(0);
    // A technician's role, not a grant, is what lets routine work through; leadership sees nothing.
    expect(
      await asApp(
        { mspId: msp.id, userId: msp.technician.id, role: "technician", practiceIds: "*" },
        async (sql) => (await sql`select id from downtime_log_entries`).length,
      ),
    ).toBe(2);
    expect(
      await asApp(
        {
          mspId: msp.id,
          userId: msp.leadership.id,
          role: "leadership",
          practiceIds: ref.practiceId,
        },
        async (sql) => (await sql`select id from downtime_log_entries`).length,
      ),
    ).toBe(0);

    const asAdmin = { mspId: msp.id, userId: msp.admin.id, role: "admin", practiceIds: "*" };
    expect(
      await sqlState(() =>
        asApp(
          asAdmin,
          (sql) =>
            sql`insert into downtime_log_entries (msp_id, practice_id, incident_id, patient, visit_date, provider, recorded_by_name) values (${msp.id}, ${ref.practiceId}, ${ref.incidentId}, 'P', '2026-11-29', 'Dr', 'X')`,
        ),
      ),
    ).toBe("42501");
    expect(
      (
        await asApp(
          asAdmin,
          (sql) =>
            sql`update downtime_log_entries set patient = 'Changed' where practice_id = ${ref.practiceId}`,
        )
      ).count,
    ).toBe(0);
    expect(
      (
        await asApp(
          asAdmin,
          (sql) => sql`delete from downtime_log_entries where practice_id = ${ref.practiceId}`,
        )
      ).count,
    ).toBe(0);
  });

  test("grants are history: never changed or deleted, never given by another role, for someone else, longer than the limit, or without a reason", async () => {
    const [ref] = refs;
    const asAdmin = { mspId: msp.id, userId: msp.admin.id, role: "admin", practiceIds: "*" };
    const insert = (
      scope: typeof asAdmin,
      values: { userId?: string; reason?: string; minutes?: number },
    ) =>
      sqlState(() =>
        asApp(
          scope,
          (
            sql,
          ) => sql`insert into emergency_access_grants (msp_id, practice_id, user_id, user_name, reason, granted_at, expires_at)
          values (${msp.id}, ${ref.practiceId}, ${values.userId ?? scope.userId}, 'Someone', ${values.reason ?? reason}, now() - interval '3 hours', now() - interval '3 hours' + make_interval(mins => ${values.minutes ?? 30}))`,
        ),
      );
    expect(
      await sqlState(() =>
        asApp(
          asAdmin,
          (sql) =>
            sql`update emergency_access_grants set expires_at = expires_at + interval '1 day'`,
        ),
      ),
    ).toBe("42501");
    expect(
      await sqlState(() => asApp(asAdmin, (sql) => sql`delete from emergency_access_grants`)),
    ).toBe("42501");
    expect(await insert({ ...asAdmin, role: "technician" }, {})).toBe("42501");
    expect(
      await insert(
        {
          mspId: msp.id,
          userId: msp.manager.id,
          role: "practice_manager",
          practiceIds: ref.practiceId,
        },
        {},
      ),
    ).toBe("42501");
    expect(await insert(asAdmin, { userId: msp.technician.id })).toBe("42501");
    expect(await insert(asAdmin, { minutes: EMERGENCY_ACCESS_MINUTES + 1 })).toBe("23514");
    expect(await insert(asAdmin, { reason: "too short" })).toBe("23514");
    // Dated ahead, to be live later: refused.
    expect(
      await sqlState(() =>
        asApp(
          asAdmin,
          (
            sql,
          ) => sql`insert into emergency_access_grants (msp_id, practice_id, user_id, user_name, reason, granted_at, expires_at)
          values (${msp.id}, ${ref.practiceId}, ${msp.admin.id}, 'A', ${reason}, now() + interval '1 day', now() + interval '1 day 30 minutes')`,
        ),
      ),
    ).toBe("42501");
    // Another tenant's grants are invisible; technicians do not read the list either.
    expect(
      await asApp(
        { mspId: other.id, userId: other.admin.id, role: "admin", practiceIds: "*" },
        async (sql) =>
          (await sql`select id from emergency_access_grants where msp_id = ${msp.id}`).length,
      ),
    ).toBe(0);
    expect(
      await asApp(
        { mspId: msp.id, userId: msp.technician.id, role: "technician", practiceIds: "*" },
        async (sql) => (await sql`select id from emergency_access_grants`).length,
      ),
    ).toBe(0);
  });
});
