/**
 * The MSP's support line (help desk phone, email, hours): every member reads it, only admins set it,
 * each change audited with before and after, a stale version refused, bad input refused with nothing
 * written, and no MSP reads another's. A practice's Who to call: outage owner, help desk, EHR level 1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditRows,
  callerFor,
  createMsp,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;

const stored = async (mspId: string) =>
  (
    await ownerSql()<{ phone: string; email: string; hours: string; version: number }[]>`
      select support_phone as phone, support_email as email, support_hours as hours,
             support_line_version as version
        from msps where id = ${mspId}`
  )[0]!;

beforeAll(async () => {
  msp = await createMsp("Support line");
  other = await createMsp("Other support line");
  admin = await callerFor(msp.admin);
});

describe("the MSP's support line", () => {
  it("starts empty and is read by every role", async () => {
    for (const user of [msp.admin, msp.technician, msp.manager, msp.leadership]) {
      const line = await (await callerFor(user)).mspSettings.supportLine();
      expect(line).toEqual({ mspName: msp.name, phone: "", email: "", hours: "", version: 1 });
    }
  });

  it("is set by an admin, audited with before and after, and shown to a practice manager", async () => {
    const saved = await admin.mspSettings.saveSupportLine({
      phone: "(555) 010-7000",
      email: "help@summit-it.example",
      hours: "24/7 for outages; weekdays 7–19 otherwise",
      version: 1,
    });
    expect(saved).toMatchObject({ phone: "(555) 010-7000", version: 2 });
    const manager = await callerFor(msp.manager);
    expect(await manager.mspSettings.supportLine()).toMatchObject({
      mspName: msp.name,
      phone: "(555) 010-7000",
      email: "help@summit-it.example",
    });
    const [event] = await auditRows(msp.id, { action: "msp.support_line" });
    expect(event).toMatchObject({ entityType: "msp", entityId: msp.id, actorUserId: msp.admin.id });
    expect(event!.summary).toEqual({
      before: { phone: "", email: "", hours: "" },
      after: {
        phone: "(555) 010-7000",
        email: "help@summit-it.example",
        hours: "24/7 for outages; weekdays 7–19 otherwise",
      },
    });
  });

  it("refuses a save naming a version someone else has changed since (CONFLICT), keeping theirs", async () => {
    const before = await stored(msp.id);
    await expect(
      admin.mspSettings.saveSupportLine({
        phone: "(555) 010-9999",
        email: "",
        hours: "",
        version: 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await stored(msp.id)).toEqual(before);
  });

  it("refuses technicians, practice managers and leadership (FORBIDDEN), writing nothing", async () => {
    const before = await stored(msp.id);
    for (const user of [msp.technician, msp.manager, msp.leadership])
      await expect(
        (await callerFor(user)).mspSettings.saveSupportLine({
          phone: "(555) 010-1111",
          email: "",
          hours: "",
          version: before.version,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stored(msp.id)).toEqual(before);
  });

  it("refuses malformed input with a message (BAD_REQUEST), writing nothing", async () => {
    const before = await stored(msp.id);
    const bad = [
      { phone: "call us", message: /phone number/ },
      { phone: `+1 ${"5".repeat(60)}`, message: /phone number|40 characters/ },
      { email: "not-an-email", message: /email address/ },
      { hours: "h".repeat(201), message: /200 characters/ },
    ];
    for (const { message, ...field } of bad)
      await expect(
        admin.mspSettings.saveSupportLine({
          phone: "",
          email: "",
          hours: "",
          version: before.version,
          ...field,
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    await expect(
      // A version PostgreSQL could not hold is refused by the schema.
      admin.mspSettings.saveSupportLine({ phone: "", email: "", hours: "", version: 2 ** 40 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await stored(msp.id)).toEqual(before);
    expect(await auditRows(msp.id, { action: "msp.support_line" })).toHaveLength(1);
  });

  it("is never read or written across MSPs", async () => {
    const otherAdmin = await callerFor(other.admin);
    const theirs = await otherAdmin.mspSettings.supportLine();
    expect(theirs).toMatchObject({ mspName: other.name, phone: "", email: "" });
    expect(JSON.stringify(theirs)).not.toContain("010-7000");
    await otherAdmin.mspSettings.saveSupportLine({
      phone: "(555) 010-2222",
      email: "",
      hours: "",
      version: 1,
    });
    expect((await stored(msp.id)).phone).toBe("(555) 010-7000");
    expect((await stored(other.id)).phone).toBe("(555) 010-2222");
  });
});

describe("a practice's Who to call", () => {
  it("gives a practice with no vendors and no owner the MSP help desk, and nothing invented", async () => {
    const manager = await callerFor(msp.manager);
    const practiceId = msp.practices[0].id;
    const who = await manager.practices.whoToCall({ practiceId });
    expect(who.outageOwner).toBeNull();
    expect(who.ehrVendor).toBeNull();
    expect(who.helpDesk).toMatchObject({ mspName: msp.name, phone: "(555) 010-7000" });
  });

  it("names the plan's outage owner and level 1 of the EHR vendor's ladder", async () => {
    const technician = await callerFor(msp.technician);
    const practiceId = msp.practices[0].id;
    const plan = await technician.plans.get({ practiceId });
    const person = (name: string, phone: string) => ({
      memberId: null,
      name,
      role: "Office manager",
      phone,
      altPhone: "",
      email: "",
    });
    await technician.plans.saveSection({
      practiceId,
      section: "outageOwner",
      version: plan.sections.outageOwner.version,
      content: {
        owner: person("Dana Owner", "(555) 010-3000"),
        backup: person("Bo Backup", "(555) 010-3001"),
      },
    });
    const { id: billing } = await technician.vendors.create({
      name: `Billing Co ${msp.tag}`,
      category: "billing",
      supportPhone: "(555) 010-4000",
      portalUrl: "",
      supportHours: "",
      baaOnFile: false,
      contractNotes: "",
    });
    const { id: ehr } = await technician.vendors.create({
      name: `Chart EHR ${msp.tag}`,
      category: "ehr",
      supportPhone: "(555) 010-5000",
      portalUrl: "",
      supportHours: "24/7",
      baaOnFile: true,
      contractNotes: "",
    });
    for (const vendorId of [billing, ehr])
      await technician.vendors.link({
        practiceId,
        vendorId,
        accountNumber: "",
        notes: "",
        ladder: [
          {
            name: vendorId === ehr ? "EHR front line" : "Billing desk",
            role: "Level 1",
            phone: "(555) 010-5001",
            email: "",
            hours: "24/7",
          },
        ],
      });
    const who = await (await callerFor(msp.manager)).practices.whoToCall({ practiceId });
    expect(who.outageOwner).toMatchObject({ name: "Dana Owner", phone: "(555) 010-3000" });
    expect(who.backupOwner).toMatchObject({ name: "Bo Backup" });
    expect(who.ehrVendor).toMatchObject({
      vendorName: `Chart EHR ${msp.tag}`,
      levelOne: { name: "EHR front line", phone: "(555) 010-5001" },
    });
  });

  it("is NOT_FOUND for another practice of the MSP and for another MSP's practice", async () => {
    const manager = await callerFor(msp.manager);
    await expect(
      manager.practices.whoToCall({ practiceId: msp.practices[1].id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      admin.practices.whoToCall({ practiceId: other.practices[0].id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
