import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import {
  guardCell,
  readVendorCsv,
  unguardCell,
  writeVendorCsv,
  type CsvRecord,
} from "./vendor-csv";
import { verificationOf } from "./vendor-verification";

const records = (csv: string) =>
  Papa.parse<CsvRecord>(csv, { header: true, skipEmptyLines: "greedy" }).data;

const header =
  "vendor,category,support_phone,portal_url,support_hours,baa_on_file,account_number,level,contact_name,contact_role,contact_phone,contact_email,contact_hours";

describe("reading a vendor CSV", () => {
  test("groups rows by vendor into an ordered escalation ladder", () => {
    const { rows, vendors } = readVendorCsv(
      records(`${header}
athenahealth,ehr,(800) 555-0100,https://status.athena.example,24/7,yes,ACCT-1,2,Tier 2 desk,Escalations,(800) 555-0102,,business hours
athenahealth,ehr,(800) 555-0100,https://status.athena.example,24/7,yes,ACCT-1,1,Support line,Front line,(800) 555-0101,,24/7
Lumen,isp,(877) 555-0199,,,no,,,,,,,`),
    );
    expect(rows.every((row) => row.errors.length === 0)).toBe(true);
    expect(vendors).toHaveLength(2);
    const athena = vendors.find((vendor) => vendor.fields.name === "athenahealth")!;
    expect(athena.fields).toMatchObject({
      category: "ehr",
      baaOnFile: true,
      portalUrl: "https://status.athena.example",
    });
    expect(athena.link.accountNumber).toBe("ACCT-1");
    expect(athena.link.ladder.map((level) => level.name)).toEqual(["Support line", "Tier 2 desk"]);
    expect(vendors.find((vendor) => vendor.fields.name === "Lumen")!.link.ladder).toEqual([]);
  });

  test("reports each bad row with its line number and what is wrong", () => {
    const { rows } = readVendorCsv(
      records(`${header}
,ehr,,,,yes,,,,,,,
Good Vendor,isp,not a phone,ftp://files,,maybe,,1,Someone,,,,
Good Vendor,isp,,,,no,,x,Other,,(555) 010-2030,,
Fine,other,,,,no,,1,Contact,,(555) 010-2030,,`),
    );
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5]);
    expect(rows[0]!.errors).toContain("name: Name the vendor.");
    expect(rows[1]!.errors).toEqual(
      expect.arrayContaining([
        "supportPhone: Enter a phone number, e.g. (555) 010-2030.",
        "portalUrl: Enter a web address starting with https://",
        "baa_on_file: write yes or no.",
        "contact_phone: Give a phone number or an email for this level.",
      ]),
    );
    expect(rows[2]!.errors).toEqual(["level: Level must be a number."]);
    expect(rows[3]!.errors).toEqual([]);
  });

  test("the same level twice for one vendor is an error", () => {
    const { rows } = readVendorCsv(
      records(`${header}
V,other,,,,no,,1,A,,(555) 010-2030,,
V,other,,,,no,,1,B,,(555) 010-2031,,`),
    );
    expect(rows[1]!.errors).toEqual(["level: V has level 1 twice."]);
  });
});

describe("the formula guard of the CSV export, and the import undoing it", () => {
  const tricky = [
    "=1+2",
    "@SUM(A1)",
    "+cmd",
    "-2+3",
    "\tTab first",
    "'=already quoted",
    "''=two apostrophes",
    "'@x",
    "'",
    "''",
    "'plain apostrophe",
    "'-5",
    "+1 800 555 0100",
    "-5",
    "(800) 555-0100",
    "ACCT-7",
    "",
    "it's = fine",
  ];

  test("a cell a spreadsheet would run gets one apostrophe; plain numbers, phone numbers and other text stay as they are", () => {
    expect(guardCell("=1+2")).toBe("'=1+2");
    expect(guardCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guardCell("-2+3")).toBe("'-2+3");
    expect(guardCell("+1 800 555 0100")).toBe("+1 800 555 0100");
    expect(guardCell("-5")).toBe("-5");
    expect(guardCell("'plain apostrophe")).toBe("'plain apostrophe");
    // A value that really starts with an apostrophe before a formula is guarded too, so the import gives it back.
    expect(guardCell("'=already quoted")).toBe("''=already quoted");
  });

  test("unguardCell undoes exactly guardCell, for every value", () => {
    for (const value of tricky)
      expect(unguardCell(guardCell(value)), JSON.stringify(value)).toBe(value);
    // A hand-typed guard is taken off too: the apostrophe is the spreadsheet's "this is text" mark, not data.
    expect(unguardCell("'=1+2")).toBe("=1+2");
    expect(unguardCell("'plain apostrophe")).toBe("'plain apostrophe");
  });

  test("a file written by the export reads back to the same vendors and ladders", () => {
    const rows = tricky
      .filter((value) => value.trim() === value && value !== "")
      .map((value, index) => [
        `V${index} ${value}`,
        "other",
        "",
        "",
        value,
        "no",
        value,
        "1",
        `Contact ${value}`,
        value,
        "(555) 010-2030",
        "",
        value,
      ]);
    const csv = writeVendorCsv(rows);
    expect(csv).toContain(`"'=1+2"`);
    const { rows: read, vendors } = readVendorCsv(records(csv));
    expect(read.flatMap((row) => row.errors)).toEqual([]);
    expect(
      vendors.map((vendor) => [
        vendor.fields.name,
        vendor.fields.supportHours,
        vendor.link.accountNumber,
        vendor.link.ladder[0]!.name,
        vendor.link.ladder[0]!.role,
        vendor.link.ladder[0]!.hours,
      ]),
    ).toEqual(rows.map((row) => [row[0], row[4], row[6], row[8], row[9], row[12]]));
  });
});

describe("vendor contact verification", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  test("never verified, verified recently, and overdue after 90 days", () => {
    expect(verificationOf(null, now)).toEqual({ status: "never", daysSince: null });
    expect(verificationOf(new Date("2026-09-01T12:00:00Z"), now)).toEqual({
      status: "current",
      daysSince: 89,
    });
    expect(verificationOf(new Date("2026-08-31T12:00:00Z"), now)).toEqual({
      status: "current",
      daysSince: 90,
    });
    expect(verificationOf(new Date("2026-08-30T12:00:00Z"), now)).toEqual({
      status: "overdue",
      daysSince: 91,
    });
    expect(verificationOf(new Date("2026-08-29T11:00:00Z"), now)).toEqual({
      status: "overdue",
      daysSince: 92,
    });
  });
});
