/**
 * The command menu's search (issue 24 item 4): practices, systems, vendors and contacts (by name or
 * phone digits), incidents, pages and actions, only within the caller's MSP and practices.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  callerFor,
  createMsp,
  insertUser,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let manager: Caller;
let leadership: Caller;
let word: string;
const ids = { systemA: "", systemB: "", vendorA: "", vendorB: "", incidentA: "", incidentB: "" };

const system = (name: string) => ({
  name,
  category: "other" as const,
  criticality: "critical" as const,
  owner: "",
  vendorId: null,
  siteId: null,
  notes: "",
});
const vendor = (name: string, supportPhone: string) => ({
  name,
  category: "ehr" as const,
  supportPhone,
  portalUrl: "",
  supportHours: "24/7",
  baaOnFile: false,
  contractNotes: "",
});
const declaration = (practiceId: string, title: string, systemId: string) => ({
  practiceId,
  title,
  systemIds: [systemId],
  severity: "major" as const,
  patientCareInterrupted: false,
  startedAt: new Date(Date.now() - 10 * 60_000),
  ownerName: "",
  updateEveryMinutes: 30,
});
const titles = (items: { title: string }[]) => items.map((item) => item.title);
const hrefs = (items: { href: string }[]) => items.map((item) => item.href);

beforeAll(async () => {
  msp = await createMsp("Search");
  other = await createMsp("Search other");
  word = unique("Zephyr");
  admin = await callerFor(msp.admin);
  manager = await callerFor(msp.manager);
  leadership = await callerFor(msp.leadership);
  const [a, b] = [msp.practices[0].id, msp.practices[1].id];
  ids.systemA = (
    await admin.dependencies.createSystem({ practiceId: a, ...system(`${word} router A`) })
  ).id;
  ids.systemB = (
    await admin.dependencies.createSystem({ practiceId: b, ...system(`${word} router B`) })
  ).id;
  ids.vendorA = (await admin.vendors.create(vendor(`${word} EHR A`, "(303) 555-0177"))).id;
  ids.vendorB = (await admin.vendors.create(vendor(`${word} EHR B`, "(303) 555-0188"))).id;
  await admin.vendors.link({
    practiceId: a,
    vendorId: ids.vendorA,
    accountNumber: "",
    notes: "",
    ladder: [
      {
        name: "Dana Frontline",
        role: "Support",
        phone: "(720) 555-0199",
        email: "",
        hours: "24/7",
      },
    ],
  });
  await admin.vendors.link({
    practiceId: b,
    vendorId: ids.vendorB,
    accountNumber: "",
    notes: "",
    ladder: [
      { name: "Dana Backline", role: "Support", phone: "(720) 555-0166", email: "", hours: "" },
    ],
  });
  ids.incidentA = (
    await admin.incidents.declare(declaration(a, `${word} outage A`, ids.systemA))
  ).id;
  ids.incidentB = (
    await admin.incidents.declare(declaration(b, `${word} outage B`, ids.systemB))
  ).id;
  // The other MSP has the same names: none of it may show.
  const otherAdmin = await callerFor(other.admin);
  const otherSystem = await otherAdmin.dependencies.createSystem({
    practiceId: other.practices[0].id,
    ...system(`${word} router other`),
  });
  await otherAdmin.vendors.create(vendor(`${word} EHR other`, "(303) 555-0177"));
  await otherAdmin.incidents.declare(
    declaration(other.practices[0].id, `${word} outage other`, otherSystem.id),
  );
});

describe("search.find", () => {
  test("an admin finds systems, vendors, incidents and actions of every practice, nothing of another MSP", async () => {
    const found = await admin.search.find({ q: `  ${word}  ` });
    expect(titles(found.systems).sort()).toEqual([`${word} router A`, `${word} router B`]);
    expect(titles(found.vendors).sort()).toEqual([`${word} EHR A`, `${word} EHR B`]);
    expect(hrefs(found.vendors)).toContain(`/vendors?q=${encodeURIComponent(`${word} EHR A`)}`);
    expect(titles(found.incidents).sort()).toEqual([`${word} outage A`, `${word} outage B`]);
    expect(hrefs(found.incidents)).toContain(
      `/practices/${msp.practices[0].id}/incidents/${ids.incidentA}`,
    );
    // Open outages the words name: "Post an update" goes to the room's composer.
    expect(hrefs(found.actions)).toEqual(
      expect.arrayContaining([
        `/practices/${msp.practices[0].id}/incidents/${ids.incidentA}#post-update`,
        `/practices/${msp.practices[1].id}/incidents/${ids.incidentB}#post-update`,
      ]),
    );
    const all = JSON.stringify(found);
    expect(all).not.toContain("other");
  });

  test("practices by name, with a declare action for each", async () => {
    const found = await admin.search.find({ q: msp.tag });
    expect(titles(found.practices).sort()).toEqual(msp.practices.map((p) => p.name).sort());
    expect(hrefs(found.actions)).toContain(`/incidents/new?practiceId=${msp.practices[0].id}`);
  });

  test("phones match on their digits: a site, a vendor's support line, an escalation contact", async () => {
    const vendorHit = await admin.search.find({ q: "5550177" });
    expect(titles(vendorHit.vendors)).toEqual([`${word} EHR A`]);
    const contact = await admin.search.find({ q: "720-555-0199" });
    expect(titles(contact.vendors)).toEqual(["Dana Frontline"]);
    expect(contact.vendors[0]!.detail).toContain(`${word} EHR A`);
    expect(contact.vendors[0]!.href).toBe(`/practices/${msp.practices[0].id}/vendors`);
    // Both test practices' sites have (608) 555-0142; the other MSP's too, but not in this answer.
    const site = await admin.search.find({ q: "6085550142" });
    expect(hrefs(site.practices)).toEqual(
      expect.arrayContaining(msp.practices.map((p) => `/practices/${p.id}`)),
    );
    expect(hrefs(site.practices)).not.toContain(`/practices/${other.practices[0].id}`);
    // Letters are not a phone number: "Dana" finds contacts by name only.
    const byName = await admin.search.find({ q: "Dana" });
    expect(titles(byName.vendors)).toEqual(
      expect.arrayContaining(["Dana Frontline", "Dana Backline"]),
    );
  });

  test("a practice manager finds only their practice's systems, vendors, contacts and incidents", async () => {
    const found = await manager.search.find({ q: word });
    expect(titles(found.systems)).toEqual([`${word} router A`]);
    expect(titles(found.vendors)).toEqual([`${word} EHR A`]);
    // No catalog page for them: the vendor opens their practice's vendors.
    expect(hrefs(found.vendors)).toEqual([`/practices/${msp.practices[0].id}/vendors`]);
    expect(titles(found.incidents)).toEqual([`${word} outage A`]);
    expect(JSON.stringify(found)).not.toContain(msp.practices[1].id);
    expect(titles((await manager.search.find({ q: "Dana" })).vendors)).toEqual(["Dana Frontline"]);
    expect((await manager.search.find({ q: "5550188" })).vendors).toEqual([]);
    expect(titles((await manager.search.find({ q: msp.tag })).practices)).toEqual([
      msp.practices[0].name,
    ]);
    const pages = titles((await manager.search.find({ q: "a" })).pages);
    expect(pages).toContain("My practices");
    expect(pages).not.toContain("Members");
    expect(pages).not.toContain("Vendor catalog");
  });

  test("a practice manager's vendor is found behind more matches than the limit that they do not use", async () => {
    const other = unique("Quokka");
    for (let n = 1; n <= 9; n++) await admin.vendors.create(vendor(`${other} Aardvark ${n}`, ""));
    const theirs = await admin.vendors.create(vendor(`${other} Zebra`, ""));
    await admin.vendors.link({
      practiceId: msp.practices[0].id,
      vendorId: theirs.id,
      accountNumber: "",
      notes: "",
      ladder: [],
    });
    expect(titles((await manager.search.find({ q: other })).vendors)).toEqual([`${other} Zebra`]);
    expect((await admin.search.find({ q: other })).vendors).toHaveLength(8);
  });

  test("leadership sees the practices chosen for them, and no actions", async () => {
    const found = await leadership.search.find({ q: word });
    expect(titles(found.incidents)).toEqual([`${word} outage A`]);
    expect(titles(found.systems)).toEqual([`${word} router A`]);
    expect(found.actions).toEqual([]);
    expect((await leadership.search.find({ q: "declare" })).actions).toEqual([]);
    const both = await callerFor(
      await insertUser(msp.id, {
        role: "leadership",
        practiceIds: [msp.practices[0].id, msp.practices[1].id],
      }),
    );
    expect(titles((await both.search.find({ q: word })).incidents).sort()).toEqual([
      `${word} outage A`,
      `${word} outage B`,
    ]);
    const none = await callerFor(
      await insertUser(msp.id, { role: "leadership", practiceIds: [], allPractices: false }),
    );
    const nothing = await none.search.find({ q: word });
    expect([nothing.practices, nothing.systems, nothing.vendors, nothing.incidents]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  test("pages by role and the declare action by its words", async () => {
    const found = await admin.search.find({ q: "mem" });
    expect(found.pages).toEqual([
      { id: "page:/members", title: "Members", detail: "Page", href: "/members" },
    ]);
    const declare = await admin.search.find({ q: "decl out" });
    expect(declare.actions[0]).toMatchObject({
      title: "Declare an outage",
      href: "/incidents/new",
    });
  });

  test("LIKE wildcards are literal text", async () => {
    const found = await admin.search.find({ q: "%" });
    expect([found.practices, found.systems, found.incidents]).toEqual([[], [], []]);
  });

  test("empty or too long input is refused with a message", async () => {
    await expectTRPCError(admin.search.find({ q: "   " }), "BAD_REQUEST", /Type what to search/);
    await expectTRPCError(
      admin.search.find({ q: "x".repeat(101) }),
      "BAD_REQUEST",
      /at most 100 characters/,
    );
  });
});
