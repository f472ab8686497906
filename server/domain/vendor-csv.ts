import Papa from "papaparse";
import { z } from "zod";
import {
  escalationLevelSchema,
  vendorCategoryValues,
  vendorCsvColumns,
  vendorFieldsSchema,
  type LinkFields,
  type VendorFields,
} from "@/server/contracts/vendors";

/**
 * Reading an imported vendor CSV (already split into records by papaparse): each row checked on
 * its own with its line number, then grouped by vendor. Pure: what the database holds is not
 * looked at here.
 */
export type CsvRecord = Record<string, string | undefined>;
export type RowResult = {
  line: number;
  vendor: string;
  level: number | null;
  contact: string;
  errors: string[];
};
export type ImportedVendor = { fields: VendorFields; link: LinkFields };

// ---------------------------------------------------------------------------------------------
// The formula guard: what the export adds, and exactly what the import takes off again

/**
 * A cell a spreadsheet would run as a formula (starting with = @ tab or return, or + - not
 * followed by a plain number: "+1 555 0100" stays as it is), possibly behind apostrophes. The
 * apostrophes are part of the rule so that a value that really starts with one ("'=x") is guarded
 * too ("''=x") and the import, which takes one apostrophe off, gives it back unchanged.
 */
export const formulaLike = /^'*(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

/** What the export writes for a value: an apostrophe in front when a spreadsheet would run it. */
export function guardCell(value: string): string {
  return formulaLike.test(value) ? `'${value}` : value;
}

/** The inverse of guardCell, for any cell of an imported file: unguardCell(guardCell(v)) === v for every v. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && formulaLike.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** The practice's vendors as CSV text, every cell guarded (Papa adds the same apostrophe as guardCell, and quotes the cell). */
export function writeVendorCsv(rows: string[][]): string {
  return Papa.unparse(
    { fields: [...vendorCsvColumns], data: rows },
    { escapeFormulae: formulaLike },
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

const yes = new Set(["yes", "y", "true", "1"]);
const no = new Set(["", "no", "n", "false", "0"]);

function vendorFromRow(record: CsvRecord) {
  const category = (record.category ?? "").trim().toLowerCase();
  const baa = (record.baa_on_file ?? "").trim().toLowerCase();
  return {
    fields: vendorFieldsSchema.safeParse({
      name: record.vendor ?? "",
      category: vendorCategoryValues.includes(category as (typeof vendorCategoryValues)[number])
        ? category
        : category || "other",
      supportPhone: (record.support_phone ?? "").trim(),
      portalUrl: (record.portal_url ?? "").trim(),
      supportHours: record.support_hours ?? "",
      baaOnFile: yes.has(baa),
      contractNotes: "",
    }),
    baaValid: yes.has(baa) || no.has(baa),
  };
}

const levelSchema = z.coerce
  .number("Level must be a number.")
  .int("Level must be a whole number.")
  .min(1, "Level starts at 1.")
  .max(10, "At most 10 levels.");

export function readVendorCsv(records: CsvRecord[]): {
  rows: RowResult[];
  vendors: ImportedVendor[];
} {
  const rows: RowResult[] = [];
  const byName = new Map<
    string,
    ImportedVendor & { levels: Map<number, z.infer<typeof escalationLevelSchema>> }
  >();
  records.forEach((raw, index) => {
    const record: CsvRecord = Object.fromEntries(
      Object.entries(raw).map(([column, cell]) => [
        column,
        typeof cell === "string" ? unguardCell(cell) : cell,
      ]),
    );
    const line = index + 2; // line 1 is the header
    const errors: string[] = [];
    const { fields, baaValid } = vendorFromRow(record);
    if (!fields.success)
      errors.push(
        ...fields.error.issues.map(
          (issue) => `${String(issue.path[0] ?? "vendor")}: ${issue.message}`,
        ),
      );
    if (!baaValid) errors.push("baa_on_file: write yes or no.");
    const hasContact = [
      "level",
      "contact_name",
      "contact_role",
      "contact_phone",
      "contact_email",
      "contact_hours",
    ].some((column) => (record[column] ?? "").trim() !== "");
    let level: number | null = null;
    let contact: z.infer<typeof escalationLevelSchema> | null = null;
    if (hasContact) {
      const parsedLevel = levelSchema.safeParse((record.level ?? "").trim() || undefined);
      if (parsedLevel.success) level = parsedLevel.data;
      else errors.push(`level: ${parsedLevel.error.issues[0]!.message}`);
      const parsedContact = escalationLevelSchema.safeParse({
        name: record.contact_name ?? "",
        role: record.contact_role ?? "",
        phone: (record.contact_phone ?? "").trim(),
        email: (record.contact_email ?? "").trim(),
        hours: record.contact_hours ?? "",
      });
      if (parsedContact.success) contact = parsedContact.data;
      else
        errors.push(
          ...parsedContact.error.issues.map(
            (issue) => `contact_${String(issue.path[0] ?? "name")}: ${issue.message}`,
          ),
        );
    }
    const name = (record.vendor ?? "").trim();
    if (errors.length === 0 && fields.success) {
      const key = name.toLowerCase();
      const entry = byName.get(key) ?? {
        fields: fields.data,
        link: { accountNumber: "", notes: "", ladder: [] },
        levels: new Map(),
      };
      const account = (record.account_number ?? "").trim();
      if (account) entry.link.accountNumber = account;
      if (level !== null && contact) {
        if (entry.levels.has(level)) errors.push(`level: ${name} has level ${level} twice.`);
        else entry.levels.set(level, contact);
      }
      byName.set(key, entry);
    }
    rows.push({
      line,
      vendor: name,
      level,
      contact: contact?.name ?? (record.contact_name ?? "").trim(),
      errors,
    });
  });
  const vendors = [...byName.values()].map(({ levels, ...vendor }) => ({
    ...vendor,
    link: {
      ...vendor.link,
      ladder: [...levels.entries()].sort(([a], [b]) => a - b).map(([, contact]) => contact),
    },
  }));
  return { rows, vendors };
}
