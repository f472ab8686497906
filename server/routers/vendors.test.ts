import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Vendors"), createMsp("Other vendors")]);
  [admin, technician, manager, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(other.admin),
  ]);
});

const vendor = (name: string) => ({
  name,
  category: "ehr" as const,
  supportPhone: "(800) 555-0100",
  portalUrl: "https://support.example",
  supportHours: "24/7",
  baaOnFile: true,
  contractNotes: "",
});
const level = (name: string) => ({
  name,
  role: "Support",
  phone: "(800) 555-0101",
  email: "",
  hours: "24/7",
});
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

async function freshPractice() {
  return (await insertPractice(msp.id, { name: unique("Vendor practice") })).id;
}

async function rows(table: "vendors" | "practice_vendors", mspId: string) {
  const result =
    await ownerSql()`select count(*)::int as n from ${ownerSql()(table)} where msp_id = ${mspId}`;
  return result[0]!.n as number;
}

describe("the vendor catalog", () => {
  test("a vendor lives once in the catalog and is linked to practices with their own account and ladder", async () => {
    const name = unique("athenahealth");
    const { id: vendorId } = await technician.vendors.create(vendor(name));
    await expectTRPCError(
      technician.vendors.create(vendor(name.toUpperCase())),
      "BAD_REQUEST",
      /already has a vendor/,
    );
    const first = await freshPractice();
    const second = await freshPractice();
    await technician.vendors.link({
      practiceId: first,
      vendorId,
      accountNumber: "A-1",
      notes: "",
      ladder: [level("Front line"), level("Escalations")],
    });
    await technician.vendors.link({
      practiceId: second,
      vendorId,
      accountNumber: "B-2",
      notes: "",
      ladder: [],
    });
    await expectTRPCError(
      technician.vendors.link({
        practiceId: second,
        vendorId,
        accountNumber: "",
        notes: "",
        ladder: [],
      }),
      "BAD_REQUEST",
      /already one of/,
    );
    const listed = await technician.vendors.list({ search: name });
    expect(listed.items).toEqual([expect.objectContaining({ name, practiceCount: 2 })]);
    const links = await technician.vendors.forPractice({ practiceId: first });
    expect(links).toEqual([
      expect.objectContaining({
        name,
        accountNumber: "A-1",
        verification: { status: "never", daysSince: null },
      }),
    ]);
    expect(links[0]!.ladder.map((entry) => entry.name)).toEqual(["Front line", "Escalations"]);
    await expectTRPCError(
      technician.vendors.delete({ vendorId }),
      "BAD_REQUEST",
      /used by 2 practice/,
    );
  });

  test("mark verified records who and when; editing a ladder checks the version", async () => {
    const practiceId = await freshPractice();
    const { id: vendorId } = await technician.vendors.create(vendor(unique("Lumen")));
    const { linkId } = await technician.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "",
      notes: "",
      ladder: [],
    });
    const verified = await technician.vendors.markVerified({ practiceId, linkId });
    const [link] = await technician.vendors.forPractice({ practiceId });
    expect(link).toMatchObject({
      lastVerifiedByName: msp.technician.name,
      verification: { status: "current", daysSince: 0 },
    });
    await technician.vendors.updateLink({
      practiceId,
      linkId,
      version: verified.version,
      accountNumber: "X",
      notes: "",
      ladder: [level("Desk")],
    });
    await expectTRPCError(
      technician.vendors.updateLink({
        practiceId,
        linkId,
        version: verified.version,
        accountNumber: "Y",
        notes: "",
        ladder: [],
      }),
      "CONFLICT",
    );
    await expectTRPCError(
      technician.vendors.updateLink({
        practiceId,
        linkId,
        version: verified.version + 1,
        accountNumber: "Y",
        notes: "",
        ladder: [{ ...level("No way to reach"), phone: "" }],
      }),
      "BAD_REQUEST",
      /phone number or an email/,
    );
    expect(await auditRows(msp.id, { action: "vendor.verify", entityId: linkId })).toHaveLength(1);
  });
});

describe("CSV", () => {
  const header =
    "vendor,category,support_phone,portal_url,support_hours,baa_on_file,account_number,level,contact_name,contact_role,contact_phone,contact_email,contact_hours";

  test("a file with a bad row previews its errors and imports nothing, even when confirmed", async () => {
    const practiceId = await freshPractice();
    const name = unique("Good vendor");
    const csv = `${header}\n${name},isp,(800) 555-0100,,,no,ACC,1,Desk,,(800) 555-0101,,\nBad vendor,isp,not a phone,,,no,,,,,,,\n`;
    const vendorsBefore = await rows("vendors", msp.id);
    const preview = await technician.vendors.previewImport({ practiceId, csv });
    expect(preview.errorCount).toBe(1);
    expect(preview.rows[1]).toMatchObject({
      line: 3,
      vendor: "Bad vendor",
      errors: ["supportPhone: Enter a phone number, e.g. (555) 010-2030."],
    });
    await expectTRPCError(
      technician.vendors.commitImport({ practiceId, csv }),
      "BAD_REQUEST",
      /line 3/,
    );
    expect(await rows("vendors", msp.id)).toBe(vendorsBefore);
    expect(await technician.vendors.forPractice({ practiceId })).toEqual([]);
  });

  test("a good file imports vendors and ladders in one go, and the export reads back the same", async () => {
    const practiceId = await freshPractice();
    const existing = unique("Existing EHR");
    await technician.vendors.create(vendor(existing));
    const fresh = unique("New ISP");
    const csv = [
      header,
      `${existing},ehr,(800) 555-0100,https://support.example,24/7,yes,E-9,1,Front line,Support,(800) 555-0101,,24/7`,
      `${existing},ehr,(800) 555-0100,https://support.example,24/7,yes,E-9,2,Escalations,Manager,,esc@vendor.example,weekdays`,
      `${fresh},isp,(877) 555-0199,,,no,ISP-1,,,,,,`,
    ].join("\n");
    const preview = await technician.vendors.previewImport({ practiceId, csv });
    expect(preview.errorCount).toBe(0);
    expect(preview.vendors).toEqual([
      { name: existing, inCatalog: true, accountNumber: "E-9", levels: 2, currentLevels: null },
      { name: fresh, inCatalog: false, accountNumber: "ISP-1", levels: 0, currentLevels: null },
    ]);
    expect(await technician.vendors.commitImport({ practiceId, csv })).toEqual({
      vendors: 2,
      newInCatalog: 1,
    });
    const links = await technician.vendors.forPractice({ practiceId });
    expect(links.map((link) => [link.name, link.accountNumber, link.ladder.length])).toEqual(
      [
        [existing, "E-9", 2],
        [fresh, "ISP-1", 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const exported = await technician.vendors.exportCsv({ practiceId });
    expect(exported.csv.split("\r\n")[0]).toBe(header);
    const again = await technician.vendors.previewImport({ practiceId, csv: exported.csv });
    expect(again.errorCount).toBe(0);
    expect(again.vendors.map((entry) => entry.levels).sort()).toEqual([0, 2]);
  });

  test("re-importing never erases with blanks, and a replaced ladder is no longer counted as verified", async () => {
    const practiceId = await freshPractice();
    const name = unique("Kept vendor");
    const { id: vendorId } = await technician.vendors.create(vendor(name));
    const { linkId } = await technician.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "KEEP-1",
      notes: "",
      ladder: [level("Desk")],
    });
    await technician.vendors.markVerified({ practiceId, linkId });
    const blanks = `${header}\n${name},ehr,,,,no,,,,,,,`;
    expect(
      (await technician.vendors.previewImport({ practiceId, csv: blanks })).vendors[0],
    ).toMatchObject({ currentLevels: 1, levels: 0 });
    await technician.vendors.commitImport({ practiceId, csv: blanks });
    let [link] = await technician.vendors.forPractice({ practiceId });
    expect(link).toMatchObject({ accountNumber: "KEEP-1", verification: { status: "current" } });
    expect(link!.ladder.map((entry) => entry.name)).toEqual(["Desk"]);
    await technician.vendors.commitImport({
      practiceId,
      csv: `${header}\n${name},ehr,,,,no,,1,New desk,,(800) 555-0111,,`,
    });
    [link] = await technician.vendors.forPractice({ practiceId });
    expect(link!.ladder.map((entry) => entry.name)).toEqual(["New desk"]);
    expect(link!.verification.status).toBe("never");
  });

  test("the export cannot smuggle spreadsheet formulas, and phone numbers keep their plus", async () => {
    const practiceId = await freshPractice();
    const { id: vendorId } = await technician.vendors.create({
      ...vendor(`=HYPERLINK("http://evil.example") ${unique("")}`),
      supportPhone: "+1 800 555 0100",
    });
    await technician.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "@SUM(A1)",
      notes: "",
      ladder: [],
    });
    const { csv } = await technician.vendors.exportCsv({ practiceId });
    const line = csv.split("\r\n")[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")`);
    expect(line).toContain("'@SUM(A1)");
    expect(line).toContain(",+1 800 555 0100,");
  });

  test("a file without the header row is refused with what the header must be", async () => {
    await expectTRPCError(
      technician.vendors.previewImport({ practiceId: await freshPractice(), csv: "a,b\n1,2" }),
      "BAD_REQUEST",
      /header row/,
    );
  });
});

describe("who may do what", () => {
  test("practice managers read their practice's vendors but cannot change them; another practice is not found", async () => {
    const practiceId = msp.practices[0].id;
    const { id: vendorId } = await technician.vendors.create(vendor(unique("Phones Inc")));
    const { linkId } = await technician.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "",
      notes: "",
      ladder: [],
    });
    expect(
      (await manager.vendors.forPractice({ practiceId })).map((link) => link.linkId),
    ).toContain(linkId);
    await expectTRPCError(manager.vendors.markVerified({ practiceId, linkId }), "FORBIDDEN");
    await expectTRPCError(manager.vendors.create(vendor(unique("Nope"))), "FORBIDDEN");
    await expectTRPCError(
      manager.vendors.forPractice({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
    );
  });

  test("another MSP sees none of this catalog and can touch none of its links", async () => {
    const practiceId = await freshPractice();
    const name = unique("Private vendor");
    const { id: vendorId } = await admin.vendors.create(vendor(name));
    const { linkId } = await admin.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "SECRET",
      notes: "",
      ladder: [],
    });
    expect((await otherAdmin.vendors.list({ search: name })).items).toEqual([]);
    for (const call of [
      () => otherAdmin.vendors.update({ vendorId, version: 1, ...vendor("Stolen") }),
      () => otherAdmin.vendors.delete({ vendorId }),
      () => otherAdmin.vendors.forPractice({ practiceId }),
      () => otherAdmin.vendors.markVerified({ practiceId, linkId }),
      () => otherAdmin.vendors.unlink({ practiceId, linkId }),
      () => otherAdmin.vendors.exportCsv({ practiceId }),
      () =>
        otherAdmin.vendors.link({
          practiceId: other.practices[0].id,
          vendorId,
          accountNumber: "",
          notes: "",
          ladder: [],
        }),
    ]) {
      await expectTRPCError(call(), "NOT_FOUND");
    }
    expect((await admin.vendors.forPractice({ practiceId }))[0]).toMatchObject({
      accountNumber: "SECRET",
      lastVerifiedAt: null,
    });
    expect(await rows("practice_vendors", other.id)).toBe(0);
  });
});
