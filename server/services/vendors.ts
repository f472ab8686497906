import "server-only";
import { and, asc, count, eq, ilike, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import Papa from "papaparse";
import type { z } from "zod";
import { practiceVendors, systems, vendorTickets, vendors } from "@/db/schema";
import { readVendorCsv, writeVendorCsv, type CsvRecord } from "@/server/domain/vendor-csv";
import { verificationOf } from "@/server/domain/vendor-verification";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import {
  vendorCsvColumns,
  type createVendorSchema,
  type csvImportSchema,
  type linkRefSchema,
  type linkVendorSchema,
  type listVendorsSchema,
  type updateLinkSchema,
  type updateVendorSchema,
  type vendorRefSchema,
} from "@/server/contracts/vendors";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: string) {
  const [taken] = await ctx.tx
    .select({ id: vendors.id })
    .from(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), sql`lower(${vendors.name}) = lower(${name})`));
  if (taken && taken.id !== exceptId)
    throw new InvalidError(`Your catalog already has a vendor called “${name}”.`, "name");
}

// ---------------------------------------------------------------------------------------------
// The MSP's catalog

/**
 * For someone limited to some practices (practice managers, leadership without "all practices"): only
 * the vendors those practices use — linked to them, behind one of their systems, or called in one of
 * their incidents. Row-level security on vendors applies the same rule (standby_scope_vendor_ids).
 */
function vendorsInScope(ctx: ServiceContext): SQL | undefined {
  if (ctx.practiceIds === "*") return undefined;
  if (ctx.practiceIds.length === 0) return sql`false`;
  const practiceIds = [...ctx.practiceIds];
  const used = union(
    ctx.tx
      .select({ id: practiceVendors.vendorId })
      .from(practiceVendors)
      .where(
        and(eq(practiceVendors.mspId, ctx.mspId), inArray(practiceVendors.practiceId, practiceIds)),
      ),
    ctx.tx
      .select({ id: sql<string>`${systems.vendorId}` })
      .from(systems)
      .where(
        and(
          eq(systems.mspId, ctx.mspId),
          inArray(systems.practiceId, practiceIds),
          isNotNull(systems.vendorId),
        ),
      ),
    ctx.tx
      .select({ id: vendorTickets.vendorId })
      .from(vendorTickets)
      .where(
        and(eq(vendorTickets.mspId, ctx.mspId), inArray(vendorTickets.practiceId, practiceIds)),
      ),
  );
  return inArray(vendors.id, used);
}

export async function listVendors(ctx: ServiceContext, input: z.infer<typeof listVendorsSchema>) {
  const where = and(
    eq(vendors.mspId, ctx.mspId),
    vendorsInScope(ctx),
    input.search ? ilike(vendors.name, `%${escapeLike(input.search)}%`) : undefined,
  );
  // Tables named in full: inside a one-table select drizzle leaves column names unqualified.
  const usedBy = sql<number>`(select count(*)::int from ${practiceVendors} where ${practiceVendors}.msp_id = ${vendors}.msp_id and ${practiceVendors}.vendor_id = ${vendors}.id)`;
  const [items, [total]] = await Promise.all([
    ctx.tx
      .select({
        id: vendors.id,
        name: vendors.name,
        category: vendors.category,
        supportPhone: vendors.supportPhone,
        portalUrl: vendors.portalUrl,
        supportHours: vendors.supportHours,
        baaOnFile: vendors.baaOnFile,
        contractNotes: vendors.contractNotes,
        version: vendors.version,
        practiceCount: usedBy,
      })
      .from(vendors)
      .where(where)
      .orderBy(asc(vendors.name), asc(vendors.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx.select({ value: count() }).from(vendors).where(where),
  ]);
  return { items, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function createVendor(ctx: ServiceContext, input: z.infer<typeof createVendorSchema>) {
  await assertNameFree(ctx, input.name);
  const [created] = await ctx.tx
    .insert(vendors)
    .values({ mspId: ctx.mspId, ...input })
    .returning({ id: vendors.id });
  await recordAudit(ctx, {
    action: "vendor.create",
    entityType: "vendor",
    entityId: created!.id,
    summary: { name: input.name },
  });
  return { id: created!.id };
}

export async function updateVendor(ctx: ServiceContext, input: z.infer<typeof updateVendorSchema>) {
  const { vendorId, version, ...fields } = input;
  await assertNameFree(ctx, fields.name, vendorId);
  const [updated] = await ctx.tx
    .update(vendors)
    .set({ ...fields, version: sql`${vendors.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, vendorId), eq(vendors.version, version)),
    )
    .returning({ version: vendors.version });
  if (!updated) {
    const [exists] = await ctx.tx
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, vendorId)));
    if (!exists) throw new NotFoundError("Vendor");
    throw new ConflictError(
      `${fields.name} was changed by someone else after you opened it. Reload to see their changes.`,
    );
  }
  await recordAudit(ctx, {
    action: "vendor.update",
    entityType: "vendor",
    entityId: vendorId,
    summary: { name: fields.name },
  });
  return { version: updated.version };
}

export async function deleteVendor(ctx: ServiceContext, input: z.infer<typeof vendorRefSchema>) {
  const [links] = await ctx.tx
    .select({ value: count() })
    .from(practiceVendors)
    .where(and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.vendorId, input.vendorId)));
  const [named] = await ctx.tx
    .select({ value: count() })
    .from(systems)
    .where(and(eq(systems.mspId, ctx.mspId), eq(systems.vendorId, input.vendorId)));
  if ((links?.value ?? 0) > 0 || (named?.value ?? 0) > 0)
    throw new InvalidError(
      `This vendor is used by ${links?.value ?? 0} practice(s) and ${named?.value ?? 0} system(s). Remove it from them first.`,
    );
  const [deleted] = await ctx.tx
    .delete(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)))
    .returning({ name: vendors.name });
  if (!deleted) throw new NotFoundError("Vendor");
  await recordAudit(ctx, {
    action: "vendor.delete",
    entityType: "vendor",
    entityId: input.vendorId,
    summary: { name: deleted.name },
  });
}

// ---------------------------------------------------------------------------------------------
// A practice's vendors

export async function listPracticeVendors(
  ctx: ServiceContext,
  practiceId: string,
  now = new Date(),
) {
  await practiceInScope(ctx, practiceId);
  const rows = await ctx.tx
    .select({
      linkId: practiceVendors.id,
      version: practiceVendors.version,
      accountNumber: practiceVendors.accountNumber,
      notes: practiceVendors.notes,
      ladder: practiceVendors.ladder,
      lastVerifiedAt: practiceVendors.lastVerifiedAt,
      lastVerifiedByName: practiceVendors.lastVerifiedByName,
      vendorId: vendors.id,
      name: vendors.name,
      category: vendors.category,
      supportPhone: vendors.supportPhone,
      portalUrl: vendors.portalUrl,
      supportHours: vendors.supportHours,
      baaOnFile: vendors.baaOnFile,
      contractNotes: vendors.contractNotes,
    })
    .from(practiceVendors)
    .innerJoin(
      vendors,
      and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
    )
    .where(and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, practiceId)))
    .orderBy(asc(vendors.name));
  return rows.map((row) => ({ ...row, verification: verificationOf(row.lastVerifiedAt, now) }));
}
export type PracticeVendor = Awaited<ReturnType<typeof listPracticeVendors>>[number];

export async function linkVendor(ctx: ServiceContext, input: z.infer<typeof linkVendorSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [vendor] = await ctx.tx
    .select({ name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new NotFoundError("Vendor");
  const [created] = await ctx.tx
    .insert(practiceVendors)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      vendorId: input.vendorId,
      accountNumber: input.accountNumber,
      notes: input.notes,
      ladder: input.ladder,
    })
    .onConflictDoNothing()
    .returning({ id: practiceVendors.id });
  if (!created)
    throw new InvalidError(`${vendor.name} is already one of this practice's vendors.`, "vendorId");
  await recordAudit(ctx, {
    action: "vendor.link",
    entityType: "practice_vendor",
    entityId: created.id,
    practiceId: input.practiceId,
    summary: { vendor: vendor.name },
  });
  return { linkId: created.id };
}

export async function updateLink(ctx: ServiceContext, input: z.infer<typeof updateLinkSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [updated] = await ctx.tx
    .update(practiceVendors)
    .set({
      accountNumber: input.accountNumber,
      notes: input.notes,
      ladder: input.ladder,
      version: sql`${practiceVendors.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(practiceVendors.mspId, ctx.mspId),
        eq(practiceVendors.practiceId, input.practiceId),
        eq(practiceVendors.id, input.linkId),
        eq(practiceVendors.version, input.version),
      ),
    )
    .returning({ version: practiceVendors.version });
  if (!updated) {
    const [exists] = await ctx.tx
      .select({ id: practiceVendors.id })
      .from(practiceVendors)
      .where(
        and(
          eq(practiceVendors.mspId, ctx.mspId),
          eq(practiceVendors.practiceId, input.practiceId),
          eq(practiceVendors.id, input.linkId),
        ),
      );
    if (!exists) throw new NotFoundError("Vendor link");
    throw new ConflictError(
      "These contacts were changed by someone else after you opened them. Reload to see their changes.",
    );
  }
  await recordAudit(ctx, {
    action: "vendor.update_link",
    entityType: "practice_vendor",
    entityId: input.linkId,
    practiceId: input.practiceId,
    summary: { levels: input.ladder.length },
  });
  return { version: updated.version };
}

export async function unlinkVendor(ctx: ServiceContext, input: z.infer<typeof linkRefSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [removed] = await ctx.tx
    .delete(practiceVendors)
    .where(
      and(
        eq(practiceVendors.mspId, ctx.mspId),
        eq(practiceVendors.practiceId, input.practiceId),
        eq(practiceVendors.id, input.linkId),
      ),
    )
    .returning({ vendorId: practiceVendors.vendorId });
  if (!removed) throw new NotFoundError("Vendor link");
  await recordAudit(ctx, {
    action: "vendor.unlink",
    entityType: "practice_vendor",
    entityId: input.linkId,
    practiceId: input.practiceId,
    summary: { vendorId: removed.vendorId },
  });
}

export async function markVerified(
  ctx: ServiceContext,
  input: z.infer<typeof linkRefSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [verified] = await ctx.tx
    .update(practiceVendors)
    .set({
      lastVerifiedAt: now,
      lastVerifiedByName: ctx.actor.name,
      version: sql`${practiceVendors.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(practiceVendors.mspId, ctx.mspId),
        eq(practiceVendors.practiceId, input.practiceId),
        eq(practiceVendors.id, input.linkId),
      ),
    )
    .returning({ version: practiceVendors.version });
  if (!verified) throw new NotFoundError("Vendor link");
  await recordAudit(ctx, {
    action: "vendor.verify",
    entityType: "practice_vendor",
    entityId: input.linkId,
    practiceId: input.practiceId,
  });
  return { lastVerifiedAt: now, version: verified.version };
}

/** Escalation contacts of the given vendors for one practice (the packet lists those of critical systems). */
export async function escalationContacts(
  ctx: ServiceContext,
  practiceId: string,
  vendorIds: string[],
) {
  if (vendorIds.length === 0) return [];
  return ctx.tx
    .select({
      name: vendors.name,
      supportPhone: vendors.supportPhone,
      supportHours: vendors.supportHours,
      accountNumber: practiceVendors.accountNumber,
      ladder: practiceVendors.ladder,
    })
    .from(practiceVendors)
    .innerJoin(
      vendors,
      and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
    )
    .where(
      and(
        eq(practiceVendors.mspId, ctx.mspId),
        eq(practiceVendors.practiceId, practiceId),
        inArray(practiceVendors.vendorId, vendorIds),
      ),
    )
    .orderBy(asc(vendors.name));
}

// ---------------------------------------------------------------------------------------------
// CSV export and import

export async function exportPracticeVendorsCsv(
  ctx: ServiceContext,
  practiceId: string,
): Promise<{ filename: string; csv: string }> {
  const practice = await practiceInScope(ctx, practiceId);
  const links = await listPracticeVendors(ctx, practiceId);
  const rows = links.flatMap((link) => {
    const vendor = [
      link.name,
      link.category,
      link.supportPhone,
      link.portalUrl,
      link.supportHours,
      link.baaOnFile ? "yes" : "no",
      link.accountNumber,
    ];
    return link.ladder.length === 0
      ? [[...vendor, "", "", "", "", "", ""]]
      : link.ladder.map((level, index) => [
          ...vendor,
          String(index + 1),
          level.name,
          level.role,
          level.phone,
          level.email,
          level.hours,
        ]);
  });
  const slug = practice.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  // Cells a spreadsheet would run as formulas get an apostrophe in front; the import takes it off again.
  return { filename: `vendors-${slug}.csv`, csv: writeVendorCsv(rows) };
}

/** Rows per statement when importing: well under PostgreSQL's 65,535 parameters per statement. */
const IMPORT_BATCH = 500;
function batches<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / IMPORT_BATCH) }, (_, index) =>
    items.slice(index * IMPORT_BATCH, (index + 1) * IMPORT_BATCH),
  );
}

function parseCsv(csv: string) {
  const parsed = Papa.parse<CsvRecord>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const missing = ["vendor"].filter((column) => !parsed.meta.fields?.includes(column));
  if (missing.length)
    throw new InvalidError(
      `The file needs a header row with at least these columns: ${vendorCsvColumns.join(", ")}.`,
      "csv",
    );
  if (parsed.data.length > 2000) throw new InvalidError("At most 2,000 rows per import.", "csv");
  return parsed.data;
}

/** What an import would do, row by row; writes nothing. */
export async function previewVendorImport(
  ctx: ServiceContext,
  input: z.infer<typeof csvImportSchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const { rows, vendors: imported } = readVendorCsv(parseCsv(input.csv));
  const names = imported.map((vendor) => vendor.fields.name.toLowerCase());
  const existing = names.length
    ? await ctx.tx
        .select({ name: vendors.name })
        .from(vendors)
        .where(and(eq(vendors.mspId, ctx.mspId), inArray(sql`lower(${vendors.name})`, names)))
    : [];
  const known = new Set(existing.map((vendor) => vendor.name.toLowerCase()));
  const links = names.length
    ? await ctx.tx
        .select({ name: vendors.name, ladder: practiceVendors.ladder })
        .from(practiceVendors)
        .innerJoin(
          vendors,
          and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
        )
        .where(
          and(
            eq(practiceVendors.mspId, ctx.mspId),
            eq(practiceVendors.practiceId, input.practiceId),
            inArray(sql`lower(${vendors.name})`, names),
          ),
        )
    : [];
  return {
    rows,
    errorCount: rows.filter((row) => row.errors.length > 0).length,
    vendors: imported.map((vendor) => {
      const link = links.find(
        (candidate) => candidate.name.toLowerCase() === vendor.fields.name.toLowerCase(),
      );
      return {
        name: vendor.fields.name,
        inCatalog: known.has(vendor.fields.name.toLowerCase()),
        accountNumber: vendor.link.accountNumber,
        levels: vendor.link.ladder.length,
        /** Levels the practice has now for this vendor (null when not linked): the file's ladder replaces them. */
        currentLevels: link ? link.ladder.length : null,
      };
    }),
  };
}

/**
 * Writes an import the user has confirmed, all or nothing: new vendors join the catalog (existing
 * ones keep their catalog details), and each vendor's link to the practice takes the file's
 * account number and escalation ladder. Blank cells never erase: an empty account number keeps
 * the current one, a vendor without contact rows keeps its ladder. A replaced ladder counts as
 * not verified until someone checks it.
 */
export async function commitVendorImport(
  ctx: ServiceContext,
  input: z.infer<typeof csvImportSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const { rows, vendors: imported } = readVendorCsv(parseCsv(input.csv));
  const bad = rows.filter((row) => row.errors.length > 0);
  if (bad.length)
    throw new InvalidError(
      `${bad.length} row(s) have errors (first: line ${bad[0]!.line}). Fix the file and preview it again; nothing was imported.`,
      "csv",
    );
  if (imported.length === 0) throw new InvalidError("The file has no vendor rows.", "csv");
  // A few statements per batch of rows, never one per row: 2,000 rows held the transaction for
  // 13-26 s one query at a time on a shared machine (see the vendor-import tests).
  const vendorIds = new Map<string, string>();
  const findExisting = async (names: string[]) => {
    for (const batch of batches(names)) {
      const found = await ctx.tx
        .select({ id: vendors.id, name: vendors.name })
        .from(vendors)
        .where(and(eq(vendors.mspId, ctx.mspId), inArray(sql`lower(${vendors.name})`, batch)));
      for (const row of found) vendorIds.set(row.name.toLowerCase(), row.id);
    }
  };
  await findExisting(imported.map((vendor) => vendor.fields.name.toLowerCase()));
  let createdVendors = 0;
  for (const batch of batches(
    imported.filter((vendor) => !vendorIds.has(vendor.fields.name.toLowerCase())),
  )) {
    // Another import may add the same name meanwhile: theirs is kept and found below.
    const created = await ctx.tx
      .insert(vendors)
      .values(batch.map((vendor) => ({ mspId: ctx.mspId, ...vendor.fields })))
      .onConflictDoNothing()
      .returning({ id: vendors.id, name: vendors.name });
    for (const row of created) vendorIds.set(row.name.toLowerCase(), row.id);
    createdVendors += created.length;
  }
  const stillMissing = imported
    .map((vendor) => vendor.fields.name.toLowerCase())
    .filter((name) => !vendorIds.has(name));
  if (stillMissing.length) await findExisting(stillMissing);

  // The file's account number and ladder, except that blanks never erase (see above).
  const fileLadder = sql`jsonb_array_length(excluded.ladder) > 0`;
  for (const batch of batches(imported)) {
    await ctx.tx
      .insert(practiceVendors)
      .values(
        batch.map((vendor) => ({
          mspId: ctx.mspId,
          practiceId: input.practiceId,
          vendorId: vendorIds.get(vendor.fields.name.toLowerCase())!,
          accountNumber: vendor.link.accountNumber,
          ladder: vendor.link.ladder,
        })),
      )
      .onConflictDoUpdate({
        target: [practiceVendors.mspId, practiceVendors.practiceId, practiceVendors.vendorId],
        set: {
          accountNumber: sql`case when excluded.account_number <> '' then excluded.account_number else ${practiceVendors.accountNumber} end`,
          ladder: sql`case when ${fileLadder} then excluded.ladder else ${practiceVendors.ladder} end`,
          lastVerifiedAt: sql`case when ${fileLadder} then null else ${practiceVendors.lastVerifiedAt} end`,
          lastVerifiedByName: sql`case when ${fileLadder} then null else ${practiceVendors.lastVerifiedByName} end`,
          version: sql`${practiceVendors.version} + 1`,
          updatedAt: new Date(),
        },
      });
  }
  await recordAudit(ctx, {
    action: "vendor.import",
    entityType: "practice",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { rows: rows.length, vendors: imported.length, newInCatalog: createdVendors },
  });
  return { vendors: imported.length, newInCatalog: createdVendors };
}
