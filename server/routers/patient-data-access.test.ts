/**
 * Routine access to patient data (the downtime documentation log) by role change or invitation
 * (issue 15, item 2): it begins a day later, the practice's managers see it beside the emergency
 * grants, and a role change applies to a signed-in session's very next read. Checked through the
 * procedures and by row-level security alone.
 */
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { PATIENT_DATA_DELAY_HOURS } from "@/server/domain/patient-data-access";
import { createCaller } from "@/server/routers/_app";
import { expectTRPCError } from "@/server/test/assertions";
import {
  anonymousCaller,
  APP_URL,
  asTenant,
  callerFor,
  createMsp,
  insertUser,
  signIn,
  unique,
  type Caller,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";

const STRONG_PASSWORD = "marble gossip fjord lantern 19";
const paperRecord = {
  patient: "Jane Q. Patient, MRN 40012",
  visitDate: new Date().toISOString().slice(0, 10),
  provider: "Dr. Ng",
  reason: "Rash follow-up",
  orders: "",
  followUp: "",
};

let msp: TestMsp;
let admin: Caller;
let manager: Caller;
let app: postgres.Sql;
let ref: { practiceId: string; incidentId: string };

/** Rows of the log the database shows this person, as the app role with the tenant set as withTenant sets it (no application check). */
function rowsSeenBy(user: { id: string; role: string }, practiceIds = "*"): Promise<number> {
  return app.begin(async (tx) => {
    await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.user_id', ${user.id}, true),
                    set_config('app.role', ${user.role}, true), set_config('app.practice_ids', ${practiceIds}, true)`;
    return (await tx`select id from downtime_log_entries where incident_id = ${ref.incidentId}`)
      .length;
  }) as Promise<number>;
}

async function memberVersion(userId: string) {
  return asTenant(
    msp.id,
    async (tx) =>
      (
        await tx
          .select({ version: schema.users.version })
          .from(schema.users)
          .where(eq(schema.users.id, userId))
      )[0]!.version,
  );
}

/** As if the day had passed: the owner moves the start of access into the past. */
async function dayPasses(userId: string) {
  await asTenant(msp.id, (tx) =>
    tx
      .update(schema.users)
      .set({ patientDataAccessFrom: sql`now() - interval '1 minute'` })
      .where(eq(schema.users.id, userId)),
  );
}

/** A caller that sends only the session cookie's claims, as every HTTP request does: the session, role and scope are read per request. */
async function sessionCaller(user: TestUser): Promise<Caller> {
  return createCaller({ user: null, claims: await signIn(user), appUrl: APP_URL });
}

const hoursAhead = (date: Date | null) => (date ? (date.getTime() - Date.now()) / 3_600_000 : null);

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  msp = await createMsp("Routine access");
  [admin, manager] = await Promise.all([callerFor(msp.admin), callerFor(msp.manager)]);
  const technician = await callerFor(msp.technician);
  const practiceId = msp.practices[0].id;
  await technician.dependencies.applyStarterMap({ practiceId });
  const systemId = (await technician.dependencies.map({ practiceId })).systems[0]!.id;
  const { id: incidentId } = await technician.incidents.declare({
    practiceId,
    title: "",
    systemIds: [systemId],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 30 * 60_000),
    ownerName: "",
    updateEveryMinutes: 15,
  });
  await technician.downtimeLog.add({ practiceId, incidentId, ...paperRecord });
  ref = { practiceId, incidentId };
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
});

describe("an admin giving a second account of theirs routine access", () => {
  test("an invited technician reads the log only a day after joining; the practice's managers see it meanwhile", async () => {
    const email = `alias.${unique()}@example.test`;
    const invitation = await admin.members.invite({ email, role: "technician", practiceIds: [] });
    await anonymousCaller().invitations.accept({
      token: invitation.url.split("/invite/")[1]!,
      name: "Alias Tech",
      password: STRONG_PASSWORD,
    });
    const alias = await sessionCaller({ email, password: STRONG_PASSWORD } as TestUser);
    const aliasId = (await alias.session.me()).userId;

    await expectTRPCError(alias.downtimeLog.list(ref), "FORBIDDEN", /starts .* UTC/);
    await expectTRPCError(alias.downtimeLog.add({ ...ref, ...paperRecord }), "FORBIDDEN");
    expect(await rowsSeenBy({ id: aliasId, role: "technician" })).toBe(0);

    const changes = await manager.emergencyAccess.routineAccessChanges({
      practiceId: ref.practiceId,
    });
    const listed = changes.find((change) => change.userName === "Alias Tech");
    expect(listed).toMatchObject({ role: "technician", how: "invitation", pending: true });
    expect(hoursAhead(listed!.accessFrom)).toBeGreaterThan(PATIENT_DATA_DELAY_HOURS - 0.1);

    await dayPasses(aliasId);
    expect(await alias.downtimeLog.list(ref)).toHaveLength(1);
    expect(await rowsSeenBy({ id: aliasId, role: "technician" })).toBe(1);
  });

  test("an admin who promotes another admin and demotes themself to technician waits a day too, and is listed", async () => {
    const own = await createMsp("Self demotion");
    // Signed in as over HTTP (the session's claims only), so the same session is checked again on each call.
    const ownAdmin = await sessionCaller(own.admin);
    const practiceId = own.practices[0].id;
    const technician = await callerFor(own.technician);
    await technician.dependencies.applyStarterMap({ practiceId });
    const systemId = (await technician.dependencies.map({ practiceId })).systems[0]!.id;
    const { id: incidentId } = await technician.incidents.declare({
      practiceId,
      title: "",
      systemIds: [systemId],
      severity: "critical",
      patientCareInterrupted: true,
      startedAt: new Date(Date.now() - 60_000),
      ownerName: "",
      updateEveryMinutes: 15,
    });
    await technician.downtimeLog.add({ practiceId, incidentId, ...paperRecord });

    await ownAdmin.members.changeAccess({
      userId: own.technician.id,
      version: 1,
      role: "admin",
      practiceIds: [],
    });
    const changed = await ownAdmin.members.changeAccess({
      userId: own.admin.id,
      version: 1,
      role: "technician",
      practiceIds: [],
    });
    expect(hoursAhead(changed.patientDataAccessFrom)).toBeGreaterThan(
      PATIENT_DATA_DELAY_HOURS - 0.1,
    );
    // The same session, now a technician: no routine access yet, and no emergency access either.
    await expectTRPCError(
      ownAdmin.downtimeLog.list({ practiceId, incidentId }),
      "FORBIDDEN",
      /starts/,
    );
    await expectTRPCError(
      ownAdmin.downtimeLog.emergencyList({ practiceId, incidentId }),
      "FORBIDDEN",
    );

    // Only the change that gave patient data is listed (the technician made admin lost it).
    const ownManager = await callerFor(own.manager);
    expect(await ownManager.emergencyAccess.routineAccessChanges({ practiceId })).toEqual([
      expect.objectContaining({
        userName: own.admin.name,
        role: "technician",
        how: "role_change",
        changedByName: own.admin.name,
        pending: true,
      }),
    ]);
  });

  test("a practice manager given another practice waits a day for it; a technician narrowed to one practice keeps access", async () => {
    const pm = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
    });
    await admin.members.changeAccess({
      userId: pm.id,
      version: await memberVersion(pm.id),
      role: "practice_manager",
      practiceIds: [msp.practices[1].id, ref.practiceId],
    });
    await expectTRPCError((await callerFor(pm)).downtimeLog.list(ref), "FORBIDDEN", /starts/);
    expect(
      await rowsSeenBy(
        { id: pm.id, role: "practice_manager" },
        `${msp.practices[1].id},${ref.practiceId}`,
      ),
    ).toBe(0);
    expect(
      (await manager.emergencyAccess.routineAccessChanges({ practiceId: ref.practiceId })).map(
        (change) => change.userName,
      ),
    ).toContain(pm.name);

    const tech = await insertUser(msp.id, { role: "technician" });
    const narrowed = await admin.members.changeAccess({
      userId: tech.id,
      version: await memberVersion(tech.id),
      role: "practice_manager",
      practiceIds: [ref.practiceId],
    });
    expect(hoursAhead(narrowed.patientDataAccessFrom)).toBeLessThan(0);
    expect(await (await callerFor(tech)).downtimeLog.list(ref)).toHaveLength(1);
  });

  test("the list is only for the practice's managers and the MSP's admins", async () => {
    await expectTRPCError(
      (await callerFor(msp.technician)).emergencyAccess.routineAccessChanges({
        practiceId: ref.practiceId,
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      (await callerFor(msp.leadership)).emergencyAccess.routineAccessChanges({
        practiceId: ref.practiceId,
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      manager.emergencyAccess.routineAccessChanges({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
    );
  });
});

describe("a role change applies to a signed-in session at once", () => {
  test("demoting a signed-in technician cuts their next read of the log", async () => {
    const tech = await insertUser(msp.id, { role: "technician" });
    const caller = await sessionCaller(tech);
    expect(await caller.downtimeLog.list(ref)).toHaveLength(1);
    await admin.members.changeAccess({
      userId: tech.id,
      version: await memberVersion(tech.id),
      role: "leadership",
      practiceIds: [ref.practiceId],
    });
    await expectTRPCError(caller.downtimeLog.list(ref), "FORBIDDEN");
    // And the database agrees even if the session still claimed the old role.
    expect(await rowsSeenBy({ id: tech.id, role: "technician" })).toBe(0);
  });

  test("moving a signed-in practice manager to another practice cuts their next read of the first", async () => {
    const pm = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [ref.practiceId],
    });
    const caller = await sessionCaller(pm);
    expect(await caller.downtimeLog.list(ref)).toHaveLength(1);
    await admin.members.changeAccess({
      userId: pm.id,
      version: await memberVersion(pm.id),
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
    });
    await expectTRPCError(caller.downtimeLog.list(ref), "NOT_FOUND");
  });
});
