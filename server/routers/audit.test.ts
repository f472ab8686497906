import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  anonymousCaller,
  asTenant,
  callerFor,
  createMsp,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

type Page = Awaited<ReturnType<Caller["audit"]["list"]>>;
type ListInput = Parameters<Caller["audit"]["list"]>[0];

/** Inserts audit events as the owner, with the times given (microseconds kept, as PostgreSQL stores them). */
async function insertEvents(
  mspId: string,
  events: {
    at: string;
    action: string;
    entityType: string;
    actorUserId?: string | null;
    actorName?: string;
  }[],
) {
  return asTenant(mspId, async (tx) => {
    const ids: string[] = [];
    for (const event of events) {
      const [row] = await tx.execute<{ id: string }>(sql`
        insert into audit_events (msp_id, actor_user_id, actor_name, action, entity_type, created_at)
        values (${mspId}, ${event.actorUserId ?? null}, ${event.actorName ?? "Import"}, ${event.action}, ${event.entityType}, ${event.at}::timestamptz)
        returning id`);
      ids.push(row!.id);
    }
    return ids;
  });
}

async function allPages(caller: Caller, input: ListInput) {
  const pages: Page[] = [];
  let cursor: Page["nextCursor"] = null;
  do {
    const page: Page = await caller.audit.list({ ...input, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Audited"), createMsp("Other")]);
  admin = await callerFor(msp.admin);
});

describe("audit.list", () => {
  test("an admin sees what was done in the MSP, newest first, with who did it", async () => {
    const own = await createMsp("Newest first");
    const ownAdmin = await callerFor(own.admin);
    const practice = await ownAdmin.practices.create({
      name: `Audit Clinic ${own.tag}`,
      timezone: "America/Chicago",
      ehrProduct: "",
      downtimeCostPerMinuteCents: 0,
      isNewOffice: true,
      isMigrating: false,
      sites: [{ name: "Main", address: "1 Main St", phone: "(608) 555-0100" }],
    });
    await ownAdmin.practices.archive({ practiceId: practice.id, version: 1 });

    const page = await ownAdmin.audit.list({ entityType: "practice" });
    expect(page.items.map((item) => item.action)).toEqual(["practice.archive", "practice.create"]);
    expect(page.items[0]).toMatchObject({
      entityId: practice.id,
      practiceId: practice.id,
      practiceTimeZone: "America/Chicago",
      actorUserId: own.admin.id,
      actorName: own.admin.name,
    });
    expect(page.items[0]).not.toHaveProperty("mspId");
    expect(page.nextCursor).toBeNull();
  });

  test("filters by entity type, action, actor and date range (whole days, inclusive)", async () => {
    const own = await createMsp("Filters");
    const caller = await callerFor(own.admin);
    const [janFirst, janSecond, febByTech, march] = await insertEvents(own.id, [
      {
        at: "2026-01-01T00:00:00Z",
        action: "practice.create",
        entityType: "practice",
        actorUserId: own.admin.id,
      },
      {
        at: "2026-01-02T23:59:59.999Z",
        action: "vendor.update",
        entityType: "vendor",
        actorUserId: own.admin.id,
      },
      {
        at: "2026-02-15T12:00:00Z",
        action: "practice.archive",
        entityType: "practice",
        actorUserId: own.technician.id,
      },
      {
        at: "2026-03-01T08:00:00Z",
        action: "member.invite",
        entityType: "invitation",
        actorUserId: own.admin.id,
      },
    ]);
    const ids = async (input: ListInput) =>
      (await caller.audit.list(input)).items.map((item) => item.id);

    expect(await ids({ entityType: "practice" })).toEqual([febByTech, janFirst]);
    expect(await ids({ action: "ARCHIVE" })).toEqual([febByTech]);
    expect(await ids({ action: "%" })).toEqual([]);
    expect(await ids({ actorUserId: own.technician.id })).toEqual([febByTech]);
    expect(await ids({ from: "2026-01-01", to: "2026-01-02" })).toEqual([janSecond, janFirst]);
    expect(await ids({ from: "2026-01-02", to: "2026-02-15" })).toEqual([febByTech, janSecond]);
    expect(await ids({ from: "2026-02-16", to: "2026-02-28" })).toEqual([]);
    expect(await ids({ to: "2026-03-01", entityType: "invitation" })).toEqual([march]);
  });

  test("pages with a cursor return every event exactly once, even events written at the same instant", async () => {
    const own = await createMsp("Paging");
    const caller = await callerFor(own.admin);
    // Several events of one transaction share its timestamp; PostgreSQL keeps microseconds.
    const inserted = await insertEvents(own.id, [
      ...Array.from({ length: 4 }, (_, i) => ({
        at: "2026-05-01T10:00:00.123456Z",
        action: `bulk.${i}`,
        entityType: "import",
      })),
      {
        at: "2026-05-01T10:00:00.123100Z",
        action: "same.millisecond.earlier",
        entityType: "import",
      },
      { at: "2026-05-01T10:00:00.124000Z", action: "next.millisecond", entityType: "import" },
      ...Array.from({ length: 5 }, (_, i) => ({
        at: `2026-05-0${2 + i}T09:30:00.000001Z`,
        action: `daily.${i}`,
        entityType: "import",
      })),
    ]);

    const pages = await allPages(caller, { entityType: "import", pageSize: 3 });
    const seen = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 3, 2]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...inserted].sort());
    const times = pages.flatMap((page) => page.items.map((item) => item.createdAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test("a full last page has no next cursor only when nothing follows", async () => {
    const own = await createMsp("Exact");
    const caller = await callerFor(own.admin);
    await insertEvents(own.id, [
      { at: "2026-06-01T10:00:00Z", action: "a", entityType: "exact" },
      { at: "2026-06-02T10:00:00Z", action: "b", entityType: "exact" },
    ]);
    const first = await caller.audit.list({ entityType: "exact", pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeNull();
    const small = await caller.audit.list({ entityType: "exact", pageSize: 1 });
    expect(small.nextCursor).not.toBeNull();
  });

  test("technicians, practice managers and leadership get FORBIDDEN; without a session it is UNAUTHORIZED", async () => {
    for (const user of [msp.technician, msp.manager, msp.leadership]) {
      const caller = await callerFor(user);
      await expectTRPCError(caller.audit.list({}), "FORBIDDEN");
    }
    await expectTRPCError(anonymousCaller().audit.list({}), "UNAUTHORIZED");
  });

  test("another MSP's admin sees none of the events, whatever the filter", async () => {
    await insertEvents(msp.id, [
      {
        at: "2026-04-01T10:00:00Z",
        action: "secret.thing",
        entityType: "practice",
        actorUserId: msp.admin.id,
      },
    ]);
    const otherAdmin = await callerFor(other.admin);
    const mine = await asTenant(msp.id, async (tx) =>
      (
        await tx.execute<{ id: string }>(sql`select id from audit_events where msp_id = ${msp.id}`)
      ).map((row) => row.id),
    );
    expect(mine.length).toBeGreaterThan(0);

    const theirs = (await allPages(otherAdmin, { pageSize: 100 })).flatMap((page) => page.items);
    expect(theirs.length).toBeGreaterThan(0); // their own sign-in
    expect(theirs.filter((item) => mine.includes(item.id))).toEqual([]);
    expect((await otherAdmin.audit.list({ actorUserId: msp.admin.id })).items).toEqual([]);
    expect((await otherAdmin.audit.list({ action: "secret" })).items).toEqual([]);
    const [newest] = (await admin.audit.list({ pageSize: 1 })).items;
    const stolenCursor = { createdAt: new Date(Date.now() + 60_000).toISOString(), id: newest!.id };
    expect((await otherAdmin.audit.list({ cursor: stolenCursor, action: "secret" })).items).toEqual(
      [],
    );
  });

  test("malformed filters are BAD_REQUEST with a human message", async () => {
    await expectTRPCError(
      admin.audit.list({ from: "29/11/2026" }),
      "BAD_REQUEST",
      /Use a date like 2026-11-29/,
    );
    await expectTRPCError(admin.audit.list({ to: "2026-13-45" }), "BAD_REQUEST");
    await expectTRPCError(admin.audit.list({ actorUserId: "admin" }), "BAD_REQUEST");
    await expectTRPCError(admin.audit.list({ pageSize: 0 }), "BAD_REQUEST");
    await expectTRPCError(admin.audit.list({ pageSize: 101 }), "BAD_REQUEST");
    await expectTRPCError(
      admin.audit.list({ cursor: { createdAt: "yesterday", id: "x" } }),
      "BAD_REQUEST",
    );
    await expectTRPCError(admin.audit.list({ entityType: "e".repeat(41) }), "BAD_REQUEST");
  });
});
