import { beforeAll, describe, expect, test, vi } from "vitest";
import { ZodError } from "zod";
import { expectTRPCError } from "@/server/test/assertions";
import {
  anonymousCaller,
  auditRows,
  callerFor,
  countRows,
  createMsp,
  insertPractice,
  insertUser,
  practiceRow,
  sessionUserFor,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { callOverHttp } from "@/server/test/http";

type Fields = Parameters<Caller["practices"]["create"]>[0];

const practiceFields = (overrides: Partial<Fields> = {}): Fields => ({
  name: `Maple Street Internal Medicine ${unique()}`,
  timezone: "America/New_York",
  ehrProduct: "NextGen",
  downtimeCostPerMinuteCents: 3_500,
  isNewOffice: false,
  isMigrating: true,
  sites: [
    {
      name: "Maple Street office",
      address: "250 Maple St, Albany, NY 12207",
      phone: "(518) 555-0123",
    },
    { name: "Downtown annex", address: "12 State St, Albany, NY 12207", phone: "+1 518 555 0199" },
  ],
  ...overrides,
});

/** The input to update a practice to what it is now, plus changes. */
async function currentAsInput(caller: Caller, practiceId: string) {
  const practice = await caller.practices.get({ practiceId });
  return {
    practiceId,
    version: practice.version,
    name: practice.name,
    timezone: practice.timezone,
    ehrProduct: practice.ehrProduct,
    downtimeCostPerMinuteCents: practice.downtimeCostPerMinuteCents,
    isNewOffice: practice.isNewOffice,
    isMigrating: practice.isMigrating,
    sites: practice.sites,
  };
}

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Summit IT"), createMsp("Harbor Tech")]);
  [admin, otherAdmin] = await Promise.all([callerFor(msp.admin), callerFor(other.admin)]);
});

describe("practices.list", () => {
  // An MSP only this block reads, so what other tests create cannot change what it lists.
  let listed: TestMsp;
  beforeAll(async () => {
    listed = await createMsp("Listed");
  });

  test("an admin sees the MSP's practices, by name, with their site counts", async () => {
    const result = await (await callerFor(listed.admin)).practices.list({});
    expect(result.total).toBe(2);
    expect(result.items.map((item) => item.id)).toEqual([
      listed.practices[0].id,
      listed.practices[1].id,
    ]);
    expect(result.items.map((item) => item.siteCount)).toEqual([2, 1]);
  });

  test("search matches part of the name, ignoring case, and treats % and _ literally", async () => {
    const lakeside = await admin.practices.list({
      search: `lakeside family medicine ${msp.tag}`.toUpperCase(),
    });
    expect(lakeside.items.map((item) => item.id)).toEqual([msp.practices[0].id]);
    expect(
      (await admin.practices.list({ search: `ide fam` })).items.map((item) => item.id),
    ).toContain(msp.practices[0].id);
    expect((await admin.practices.list({ search: "%" })).total).toBe(0);
    expect((await admin.practices.list({ search: "_" })).total).toBe(0);
    expect((await admin.practices.list({ search: "no practice is called this" })).items).toEqual(
      [],
    );
  });

  test("pages through the practices without repeating or skipping one", async () => {
    const own = await createMsp("Paging");
    for (const name of ["Alder Clinic", "Birch Clinic", "Cedar Clinic"])
      await insertPractice(own.id, { name: `${name} ${own.tag}` });
    const caller = await callerFor(own.admin);
    const pages = await Promise.all(
      [1, 2, 3].map((page) => caller.practices.list({ page, pageSize: 2 })),
    );
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((page) => page.total === 5 && page.pageSize === 2)).toBe(true);
    const names = pages.flatMap((page) => page.items.map((item) => item.name));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(5);
    expect((await caller.practices.list({ page: 4, pageSize: 2 })).items).toEqual([]);
  });

  test("archived practices are listed only when asked for", async () => {
    const own = await createMsp("Archive list");
    const archived = await insertPractice(own.id, {
      name: `Closed Clinic ${own.tag}`,
      archivedAt: new Date("2026-01-05T10:00:00Z"),
    });
    const caller = await callerFor(own.admin);
    expect((await caller.practices.list({})).items.map((item) => item.id)).not.toContain(
      archived.id,
    );
    const onlyArchived = await caller.practices.list({ archived: true });
    expect(onlyArchived.items.map((item) => item.id)).toEqual([archived.id]);
    expect(onlyArchived.total).toBe(1);
  });

  test("a technician sees every practice of the MSP", async () => {
    const technician = await callerFor(listed.technician);
    expect((await technician.practices.list({})).items.map((item) => item.id)).toEqual(
      listed.practices.map((practice) => practice.id),
    );
  });

  test("a practice manager and a practice-scoped leader list only their practice", async () => {
    for (const user of [msp.manager, msp.leadership]) {
      const caller = await callerFor(user);
      const result = await caller.practices.list({});
      expect(result.items.map((item) => item.id)).toEqual([msp.practices[0].id]);
      expect(result.total).toBe(1);
    }
  });

  test("leadership without listed practices sees every practice but still cannot write", async () => {
    const leader = await insertUser(listed.id, { role: "leadership" });
    const caller = await callerFor(leader);
    expect((await caller.practices.list({})).total).toBe(2);
    await expectTRPCError(caller.practices.create(practiceFields()), "FORBIDDEN");
  });

  test("another MSP's practices never appear, whatever the search", async () => {
    const result = await otherAdmin.practices.list({ search: msp.tag, pageSize: 100 });
    expect(result.total).toBe(0);
    const all = await otherAdmin.practices.list({ pageSize: 100 });
    expect(all.items.map((item) => item.id)).toEqual(
      other.practices.map((practice) => practice.id),
    );
  });
});

describe("practices.choices (a picker's options)", () => {
  test("names by name, a page of them with how many match in all; archived practices are not offered", async () => {
    const own = await createMsp("Choices");
    for (const name of ["Alder Clinic", "Birch Clinic", "Cedar Clinic"])
      await insertPractice(own.id, { name: `${name} ${own.tag}` });
    await insertPractice(own.id, {
      name: `Closed Clinic ${own.tag}`,
      archivedAt: new Date("2026-01-05T10:00:00Z"),
    });
    const caller = await callerFor(own.admin);
    const firstTwo = await caller.practices.choices({ limit: 2 });
    expect(firstTwo.total).toBe(5);
    expect(firstTwo.items).toHaveLength(2);
    expect(Object.keys(firstTwo.items[0]!).sort()).toEqual(["id", "name", "timezone"]);
    const clinics = await caller.practices.choices({ search: "CLINIC" });
    expect(clinics.items.map((item) => item.name)).toEqual(
      ["Alder Clinic", "Birch Clinic", "Cedar Clinic"].map((name) => `${name} ${own.tag}`),
    );
    expect(clinics.total).toBe(3);
    expect((await caller.practices.choices({ search: "%" })).total).toBe(0);
    expect(await caller.practices.choices({ search: "no practice is called this" })).toEqual({
      items: [],
      total: 0,
    });
  });

  test("a practice manager is offered only their practice; another MSP's never appear", async () => {
    const manager = await callerFor(msp.manager);
    expect((await manager.practices.choices({})).items.map((item) => item.id)).toEqual([
      msp.practices[0].id,
    ]);
    expect((await otherAdmin.practices.choices({ search: msp.tag })).total).toBe(0);
  });

  test("a limit past 5,000 or a search of more than 100 characters is refused", async () => {
    await expectTRPCError(admin.practices.choices({ limit: 5_001 }), "BAD_REQUEST");
    await expectTRPCError(admin.practices.choices({ search: "x".repeat(101) }), "BAD_REQUEST");
  });
});

describe("practices.create and get", () => {
  test("an admin creates a practice with its sites, and an audit event records it", async () => {
    const input = practiceFields();
    const { id } = await admin.practices.create(input);

    const practice = await admin.practices.get({ practiceId: id });
    expect(practice).toMatchObject({
      id,
      name: input.name,
      timezone: "America/New_York",
      ehrProduct: "NextGen",
      downtimeCostPerMinuteCents: 3_500,
      isNewOffice: false,
      isMigrating: true,
      archivedAt: null,
      version: 1,
    });
    expect(practice).not.toHaveProperty("mspId");
    expect(practice.sites.map(({ name, address, phone }) => ({ name, address, phone }))).toEqual(
      input.sites,
    );

    const stored = await practiceRow(msp.id, id);
    expect(stored?.mspId).toBe(msp.id);
    expect(stored?.sites.map((site) => site.position)).toEqual([0, 1]);

    const audit = await auditRows(msp.id, { entityId: id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "practice.create",
      entityType: "practice",
      practiceId: id,
      actorUserId: msp.admin.id,
      actorName: msp.admin.name,
      summary: { name: input.name, sites: 2 },
    });
  });

  test("trims names and keeps the site order", async () => {
    const input = practiceFields({ name: `   Oak Family Care ${unique()}  ` });
    const { id } = await admin.practices.create(input);
    const practice = await admin.practices.get({ practiceId: id });
    expect(practice.name).toBe(input.name.trim());
    expect(practice.sites.map((site) => site.name)).toEqual([
      "Maple Street office",
      "Downtown annex",
    ]);
  });

  test("a practice manager can open their own practice but not another practice of the same MSP", async () => {
    const manager = await callerFor(msp.manager);
    expect((await manager.practices.get({ practiceId: msp.practices[0].id })).name).toBe(
      msp.practices[0].name,
    );
    await expectTRPCError(
      manager.practices.get({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
      "Practice was not found.",
    );
  });

  test("an unknown practice id is NOT_FOUND", async () => {
    await expectTRPCError(
      admin.practices.get({ practiceId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});

describe("practices.update", () => {
  test("saves the changes and the sites (kept, changed, removed, added), bumps the version and audits it", async () => {
    const { id } = await admin.practices.create(practiceFields());
    const current = await currentAsInput(admin, id);
    const [main, annex] = current.sites as [
      (typeof current.sites)[number],
      (typeof current.sites)[number],
    ];

    const result = await admin.practices.update({
      ...current,
      name: `${current.name} (renamed)`,
      downtimeCostPerMinuteCents: 4_200,
      isMigrating: false,
      sites: [
        {
          name: "New north clinic",
          address: "9 North Rd, Albany, NY 12208",
          phone: "(518) 555-0111",
        },
        { ...main, phone: "(518) 555-0100" },
      ],
    });
    expect(result).toEqual({ id, version: 2 });

    const practice = await admin.practices.get({ practiceId: id });
    expect(practice).toMatchObject({
      name: `${current.name} (renamed)`,
      downtimeCostPerMinuteCents: 4_200,
      isMigrating: false,
      version: 2,
    });
    expect(practice.sites.map((site) => site.name)).toEqual([
      "New north clinic",
      "Maple Street office",
    ]);
    expect(practice.sites[1]).toEqual({ ...main, phone: "(518) 555-0100" });
    expect(practice.sites.map((site) => site.id)).not.toContain(annex.id);

    const [event] = await auditRows(msp.id, { entityId: id, action: "practice.update" });
    expect(event).toMatchObject({
      actorUserId: msp.admin.id,
      practiceId: id,
      summary: { sitesBefore: 2, sitesAfter: 2 },
    });
    expect((event!.summary as { changed: string[] }).changed.sort()).toEqual([
      "downtimeCostPerMinuteCents",
      "isMigrating",
      "name",
    ]);
  });

  test("a second update with the version it read gets CONFLICT naming who changed it, and changes nothing", async () => {
    const secondAdmin = await insertUser(msp.id, {
      role: "admin",
      name: `Dana Second ${unique()}`,
    });
    const dana = await callerFor(secondAdmin);
    const { id } = await admin.practices.create(practiceFields());
    const readByAlex = await currentAsInput(admin, id);
    const readByDana = await currentAsInput(dana, id);

    await admin.practices.update({ ...readByAlex, ehrProduct: "athenaOne" });
    const before = await practiceRow(msp.id, id);
    const auditBefore = await auditRows(msp.id, { entityId: id });

    const error = await expectTRPCError(
      dana.practices.update({
        ...readByDana,
        ehrProduct: "Epic",
        sites: readByDana.sites.slice(0, 1),
      }),
      "CONFLICT",
    );
    expect(error.message).toContain(msp.admin.name);
    expect(error.message).toMatch(/changed by .* after you opened it/);

    expect(await practiceRow(msp.id, id)).toEqual(before);
    expect(before).toMatchObject({ ehrProduct: "athenaOne", version: 2 });
    expect(await auditRows(msp.id, { entityId: id })).toEqual(auditBefore);
  });

  test("a site id of another practice is not taken over: the site is added as new and the other practice keeps its own", async () => {
    const victimBefore = await practiceRow(msp.id, msp.practices[0].id);
    const current = await currentAsInput(otherAdmin, other.practices[0].id);
    await otherAdmin.practices.update({
      ...current,
      sites: [
        {
          id: msp.practices[0].siteIds[0],
          name: "Hijacked",
          address: "1 Evil St",
          phone: "(555) 010-2030",
        },
      ],
    });
    expect(await practiceRow(msp.id, msp.practices[0].id)).toEqual(victimBefore);
    const updated = await otherAdmin.practices.get({ practiceId: other.practices[0].id });
    expect(updated.sites).toHaveLength(1);
    expect(updated.sites[0]?.id).not.toBe(msp.practices[0].siteIds[0]);
    expect(updated.sites[0]?.name).toBe("Hijacked");
  });
});

describe("practices.archive and restore", () => {
  test("archive hides the practice from the list, restore brings it back; both are audited and versioned", async () => {
    const { id } = await admin.practices.create(practiceFields());
    const archived = await admin.practices.archive({ practiceId: id, version: 1 });
    expect(archived).toEqual({ id, version: 2 });
    expect((await admin.practices.get({ practiceId: id })).archivedAt).toBeInstanceOf(Date);
    expect(
      (await admin.practices.list({ pageSize: 100 })).items.map((item) => item.id),
    ).not.toContain(id);
    expect(
      (await admin.practices.list({ archived: true, pageSize: 100 })).items.map((item) => item.id),
    ).toContain(id);

    await expectTRPCError(
      admin.practices.restore({ practiceId: id, version: 1 }),
      "CONFLICT",
      msp.admin.name,
    );
    expect(await admin.practices.restore({ practiceId: id, version: 2 })).toEqual({
      id,
      version: 3,
    });
    expect((await admin.practices.get({ practiceId: id })).archivedAt).toBeNull();
    expect((await admin.practices.list({ pageSize: 100 })).items.map((item) => item.id)).toContain(
      id,
    );

    const actions = (await auditRows(msp.id, { entityId: id })).map((event) => event.action);
    expect(actions).toEqual(["practice.create", "practice.archive", "practice.restore"]);
  });
});

describe("attacks", () => {
  test("an admin of another MSP gets NOT_FOUND for every practice procedure by id, and nothing changes", async () => {
    const target = msp.practices[1];
    const before = await practiceRow(msp.id, target.id);
    const auditCounts = [
      await countRows(msp.id, "audit_events"),
      await countRows(other.id, "audit_events"),
    ];
    const input = { ...(await currentAsInput(admin, target.id)), name: "Taken over" };

    await expectTRPCError(
      otherAdmin.practices.get({ practiceId: target.id }),
      "NOT_FOUND",
      "Practice was not found.",
    );
    await expectTRPCError(
      otherAdmin.practices.update(input),
      "NOT_FOUND",
      "Practice was not found.",
    );
    await expectTRPCError(
      otherAdmin.practices.archive({ practiceId: target.id, version: input.version }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.practices.restore({ practiceId: target.id, version: input.version }),
      "NOT_FOUND",
    );
    const list = await otherAdmin.practices.list({ search: target.name });
    expect(list.items).toEqual([]);

    expect(await practiceRow(msp.id, target.id)).toEqual(before);
    expect([
      await countRows(msp.id, "audit_events"),
      await countRows(other.id, "audit_events"),
    ]).toEqual(auditCounts);
  });

  test("leadership cannot create, update, archive or restore (FORBIDDEN), and nothing changes", async () => {
    const leader = await callerFor(msp.leadership);
    const target = msp.practices[0];
    const before = await practiceRow(msp.id, target.id);
    const counts = [await countRows(msp.id, "practices"), await countRows(msp.id, "audit_events")];
    const input = { ...(await currentAsInput(leader, target.id)), name: "Renamed by leadership" };

    await expectTRPCError(
      leader.practices.create(practiceFields()),
      "FORBIDDEN",
      /role does not allow/,
    );
    await expectTRPCError(leader.practices.update(input), "FORBIDDEN");
    await expectTRPCError(
      leader.practices.archive({ practiceId: target.id, version: input.version }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leader.practices.restore({ practiceId: target.id, version: input.version }),
      "FORBIDDEN",
    );

    expect(await practiceRow(msp.id, target.id)).toEqual(before);
    expect([await countRows(msp.id, "practices"), await countRows(msp.id, "audit_events")]).toEqual(
      counts,
    );
  });

  test("a practice manager and a technician cannot write practices either", async () => {
    for (const user of [msp.manager, msp.technician]) {
      const caller = await callerFor(user);
      await expectTRPCError(caller.practices.create(practiceFields()), "FORBIDDEN");
      await expectTRPCError(
        caller.practices.archive({ practiceId: msp.practices[0].id, version: 1 }),
        "FORBIDDEN",
      );
    }
  });

  test("without a session every practice procedure is UNAUTHORIZED", async () => {
    const anonymous = anonymousCaller();
    const practiceId = msp.practices[0].id;
    await expectTRPCError(anonymous.practices.list({}), "UNAUTHORIZED", /Sign in again/);
    await expectTRPCError(anonymous.practices.get({ practiceId }), "UNAUTHORIZED");
    await expectTRPCError(anonymous.practices.create(practiceFields()), "UNAUTHORIZED");
    await expectTRPCError(
      anonymous.practices.update({ ...practiceFields(), practiceId, version: 1 }),
      "UNAUTHORIZED",
    );
    await expectTRPCError(anonymous.practices.archive({ practiceId, version: 1 }), "UNAUTHORIZED");
    await expectTRPCError(anonymous.practices.restore({ practiceId, version: 1 }), "UNAUTHORIZED");
  });
});

describe("malformed input", () => {
  const cases: [string, unknown, string][] = [
    ["an empty name", { name: "   " }, "Enter the practice's name."],
    ["a negative cost", { downtimeCostPerMinuteCents: -1 }, "Cost cannot be negative."],
    ["a fractional cost", { downtimeCostPerMinuteCents: 10.5 }, "Enter whole cents."],
    [
      "a 10,000-character name",
      { name: "x".repeat(10_000) },
      "Practice names are at most 160 characters.",
    ],
    [
      "a cost given as text",
      { downtimeCostPerMinuteCents: "12" },
      "Enter the cost of one minute of downtime, in dollars.",
    ],
    ["a flag given as text", { isNewOffice: "yes" }, ""],
    ["sites that are not a list", { sites: "Main office" }, ""],
    ["no site", { sites: [] }, "Add at least one site."],
    ["a bad time zone", { timezone: "Mars/Olympus_Mons" }, "Choose a time zone from the list."],
    [
      "a bad phone number",
      { sites: [{ name: "Main", address: "1 Main St", phone: "call the front desk" }] },
      "Enter a phone number, e.g. (555) 010-2030.",
    ],
  ];

  test.each(cases)(
    "create with %s is BAD_REQUEST with a human message and writes nothing",
    async (_label, override, message) => {
      const counts = [
        await countRows(msp.id, "practices"),
        await countRows(msp.id, "audit_events"),
      ];
      const error = await expectTRPCError(
        admin.practices.create({ ...practiceFields(), ...(override as object) } as Fields),
        "BAD_REQUEST",
      );
      expect(error.cause).toBeInstanceOf(ZodError);
      const issues = (error.cause as ZodError).issues;
      expect(issues).toHaveLength(1);
      if (message) expect(issues[0]?.message).toBe(message);
      expect([
        await countRows(msp.id, "practices"),
        await countRows(msp.id, "audit_events"),
      ]).toEqual(counts);
    },
  );

  test("a malformed practice id is BAD_REQUEST, before any lookup", async () => {
    for (const practiceId of ["not-a-uuid", "1 or 1=1", ""]) {
      await expectTRPCError(admin.practices.get({ practiceId }), "BAD_REQUEST");
      await expectTRPCError(admin.practices.archive({ practiceId, version: 1 }), "BAD_REQUEST");
    }
  });

  test("a missing or non-positive version is BAD_REQUEST and changes nothing", async () => {
    const target = msp.practices[1];
    const before = await practiceRow(msp.id, target.id);
    await expectTRPCError(
      admin.practices.archive({ practiceId: target.id, version: 0 }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.practices.archive({ practiceId: target.id } as never),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.practices.update({ ...practiceFields(), practiceId: target.id, version: -3 }),
      "BAD_REQUEST",
    );
    expect(await practiceRow(msp.id, target.id)).toEqual(before);
  });

  test("list limits: page size above 100 and a 101-character search are refused", async () => {
    await expectTRPCError(admin.practices.list({ pageSize: 101 }), "BAD_REQUEST");
    await expectTRPCError(admin.practices.list({ page: 0 }), "BAD_REQUEST");
    await expectTRPCError(admin.practices.list({ search: "s".repeat(101) }), "BAD_REQUEST");
  });

  test("over HTTP the browser gets the field and its message, not a dump of the validator", async () => {
    const user = await sessionUserFor(msp.admin);
    const response = await callOverHttp(
      user,
      "practices.create",
      { ...practiceFields(), name: "x".repeat(10_000) },
      "mutation",
    );
    expect(response.status).toBe(400);
    expect(response.error?.message).toBe("name: Practice names are at most 160 characters.");
    expect(response.error?.data.code).toBe("BAD_REQUEST");
    expect(response.error?.data.fieldErrors).toEqual({
      name: ["Practice names are at most 160 characters."],
    });
    expect(response.error?.data).not.toHaveProperty("stack");
  });
});

describe("errors the user was not meant to see", () => {
  test("a database failure reaches the browser as a generic message with a request id: no SQL, no database text", async () => {
    const user = await sessionUserFor(msp.admin);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // A context the database cannot make sense of (a practice scope that is not a uuid) makes
      // PostgreSQL fail with an error no mapping knows: exactly the unexpected failure to mask.
      const broken = { ...user, role: "practice_manager" as const, practiceIds: ["not-a-uuid"] };
      const response = await callOverHttp(broken, "practices.list", {}, "query");
      expect(response.status).toBe(500);
      expect(response.error?.data.code).toBe("INTERNAL_SERVER_ERROR");
      expect(response.error?.message).toMatch(
        /^Something went wrong on our side\. .*quote request [0-9a-f-]{36}\.$/,
      );
      expect(response.error?.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.text).not.toMatch(
        /insert|select|practices"|Failed query|0x00|invalid byte|postgres|stack|at .*\.ts/i,
      );
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining(response.error!.data.requestId!),
        expect.anything(),
      );
    } finally {
      logged.mockRestore();
    }
  });

  test("text with a NUL character, which PostgreSQL cannot store, is a 400 with a message and writes nothing", async () => {
    const user = await sessionUserFor(msp.admin);
    const name = `Nul\u0000Clinic ${unique()}`;
    const response = await callOverHttp(
      user,
      "practices.create",
      practiceFields({ name }),
      "mutation",
    );
    expect(response.status).toBe(400);
    expect(response.error?.message).toBe("Text cannot contain the NUL character (\\0).");
    expect(
      (await admin.practices.list({ search: "Clinic" })).items.map((practice) => practice.name),
    ).not.toContain(name);
  });
});
