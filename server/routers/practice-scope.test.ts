/**
 * Practice scope inside one MSP (issue 15, items 9 and 10): someone limited to some practices reads
 * only the vendors those practices use, in the service and by row-level security; leadership sees
 * every practice only when given "all practices" explicitly, and an empty practice list is none.
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { defaultSessionPolicy } from "@/server/domain/session-rules";
import { validateSession } from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  callerFor,
  createMsp,
  insertUser,
  signIn,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let admin: Caller;
let app: postgres.Sql;
/** Vendors used by practice A only (linked, behind a system, called in an incident), by B only, and by nobody. */
const vendorIds = { linkedA: "", systemA: "", ticketA: "", onlyB: "", unused: "" };
const secretNotes = `Contract of practice B only ${unique()}`;

const vendorInput = (name: string, contractNotes = "") => ({
  name: `${name} ${unique()}`,
  category: "ehr" as const,
  supportPhone: "(800) 555-0100",
  portalUrl: "",
  supportHours: "24/7",
  baaOnFile: false,
  contractNotes,
});

function vendorRowsSeen(scope: {
  userId: string;
  role: string;
  practiceIds: string;
}): Promise<string[]> {
  return app.begin(async (tx) => {
    await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.user_id', ${scope.userId}, true),
                    set_config('app.role', ${scope.role}, true), set_config('app.practice_ids', ${scope.practiceIds}, true)`;
    return (await tx<{ id: string }[]>`select id from vendors`).map((row) => row.id);
  }) as Promise<string[]>;
}

const listedIds = async (caller: Caller) =>
  (await caller.vendors.list({ page: 1, pageSize: 200 })).items.map((item) => item.id).sort();

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  msp = await createMsp("Practice scope");
  admin = await callerFor(msp.admin);
  const [a, b] = [msp.practices[0].id, msp.practices[1].id];
  vendorIds.linkedA = (await admin.vendors.create(vendorInput("Linked to A"))).id;
  vendorIds.systemA = (await admin.vendors.create(vendorInput("System of A"))).id;
  vendorIds.ticketA = (await admin.vendors.create(vendorInput("Ticket at A"))).id;
  vendorIds.onlyB = (await admin.vendors.create(vendorInput("Only B", secretNotes))).id;
  vendorIds.unused = (await admin.vendors.create(vendorInput("Unused"))).id;
  await admin.vendors.link({
    practiceId: a,
    vendorId: vendorIds.linkedA,
    accountNumber: "",
    notes: "",
    ladder: [],
  });
  await admin.vendors.link({
    practiceId: b,
    vendorId: vendorIds.onlyB,
    accountNumber: "",
    notes: "",
    ladder: [],
  });
  await admin.dependencies.applyStarterMap({ practiceId: a });
  const system = (await admin.dependencies.map({ practiceId: a })).systems[0]!;
  await asTenant(msp.id, (tx) =>
    tx
      .update(schema.systems)
      .set({ vendorId: vendorIds.systemA })
      .where(eq(schema.systems.id, system.id)),
  );
  const { id: incidentId } = await admin.incidents.declare({
    practiceId: a,
    title: "",
    systemIds: [system.id],
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - 60_000),
    ownerName: "",
    updateEveryMinutes: 30,
  });
  await admin.incidents.openTicket({
    practiceId: a,
    incidentId,
    vendorId: vendorIds.ticketA,
    ticketNumber: "T-1",
    openedAt: new Date(),
    etaAt: null,
  });
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
});

describe("the vendor catalog for practice-scoped people", () => {
  const usedByA = () => [vendorIds.linkedA, vendorIds.systemA, vendorIds.ticketA].sort();

  test("a practice manager of A lists only the vendors A uses, never B's contract notes or unused ones", async () => {
    const manager = await callerFor(msp.manager);
    expect(await listedIds(manager)).toEqual(usedByA());
    const page = await manager.vendors.list({ page: 1, pageSize: 200 });
    expect(page.total).toBe(3);
    expect(JSON.stringify(page)).not.toContain(secretNotes);
    expect(
      (await manager.vendors.list({ page: 1, pageSize: 200, search: "Only B" })).items,
    ).toEqual([]);
  });

  test("leadership limited to A sees the same; admins, technicians and leadership with all practices see the whole catalog", async () => {
    expect(await listedIds(await callerFor(msp.leadership))).toEqual(usedByA());
    const everyone = Object.values(vendorIds).sort();
    for (const user of [
      msp.admin,
      msp.technician,
      await insertUser(msp.id, { role: "leadership", allPractices: true }),
    ])
      expect(await listedIds(await callerFor(user))).toEqual(everyone);
  });

  test("row-level security alone gives the same answer", async () => {
    const asManager = {
      userId: msp.manager.id,
      role: "practice_manager",
      practiceIds: msp.practices[0].id,
    };
    expect((await vendorRowsSeen(asManager)).sort()).toEqual(usedByA());
    expect(await vendorRowsSeen({ ...asManager, practiceIds: "" })).toEqual([]);
    expect(
      (
        await vendorRowsSeen({ userId: msp.technician.id, role: "technician", practiceIds: "*" })
      ).sort(),
    ).toEqual(Object.values(vendorIds).sort());
  });
});

describe("leadership's practices", () => {
  test("clearing a leader's practices leaves them with none, not the whole MSP; 'all practices' is an explicit choice", async () => {
    const leader = await insertUser(msp.id, {
      role: "leadership",
      practiceIds: [msp.practices[0].id],
    });
    const claims = await signIn(leader);
    const version = async () =>
      (
        await asTenant(msp.id, (tx) =>
          tx
            .select({ version: schema.users.version })
            .from(schema.users)
            .where(eq(schema.users.id, leader.id)),
        )
      )[0]!.version;

    // An empty list without "all practices" is refused, and both at once are refused too.
    await expectTRPCError(
      admin.members.changeAccess({
        userId: leader.id,
        version: await version(),
        role: "leadership",
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /or all practices/,
    );
    await expectTRPCError(
      admin.members.changeAccess({
        userId: leader.id,
        version: await version(),
        role: "leadership",
        practiceIds: [msp.practices[0].id],
        allPractices: true,
      }),
      "BAD_REQUEST",
      /not both/,
    );

    // Were the list emptied anyway (as by a practice's removal), the leader sees nothing.
    await asTenant(msp.id, (tx) =>
      tx.delete(schema.userPracticeAccess).where(eq(schema.userPracticeAccess.userId, leader.id)),
    );
    expect(await validateSession(claims, defaultSessionPolicy)).toMatchObject({ practiceIds: [] });
    const emptied = await callerFor(leader);
    expect((await emptied.practices.list({ page: 1, pageSize: 100 })).items).toEqual([]);
    await expectTRPCError(emptied.practices.get({ practiceId: msp.practices[1].id }), "NOT_FOUND");
    expect(await listedIds(emptied)).toEqual([]);

    await admin.members.changeAccess({
      userId: leader.id,
      version: await version(),
      role: "leadership",
      practiceIds: [],
      allPractices: true,
    });
    expect(await validateSession(claims, defaultSessionPolicy)).toMatchObject({ practiceIds: "*" });
    const listed = (await admin.members.list()).members.find((member) => member.id === leader.id);
    expect(listed).toMatchObject({ allPractices: true, practices: [] });
    expect((await (await callerFor(leader)).practices.list({ page: 1, pageSize: 100 })).total).toBe(
      2,
    );
  });

  test("an invitation carries the choice: a leader invited with all practices sees every practice", async () => {
    await expectTRPCError(
      admin.members.invite({
        email: `leader.${unique()}@example.test`,
        role: "leadership",
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /or all practices/,
    );
    await expectTRPCError(
      admin.members.invite({
        email: `tech.${unique()}@example.test`,
        role: "technician",
        practiceIds: [],
        allPractices: true,
      }),
      "BAD_REQUEST",
      /Only leadership/,
    );
    const invitation = await admin.members.invite({
      email: `leader.${unique()}@example.test`,
      role: "leadership",
      practiceIds: [],
      allPractices: true,
    });
    expect(
      (await admin.members.list()).invitations.find((row) => row.id === invitation.invitationId),
    ).toMatchObject({ allPractices: true });
  });
});
