import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  notInArray,
  sql,
  type SQL,
} from "drizzle-orm";
import { z } from "zod";
import { documentVersion } from "@/server/contracts/common";
import { auditEvents, practiceSites, practices } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/server/errors";
import { practiceChoicesSchema, practiceFieldsSchema } from "@/server/contracts/practices";
import { practiceVisible, recordAudit, type ServiceContext } from "./context";
import { planSummaries } from "./plans/draft";

export const listPracticesSchema = z.object({
  search: z.string().trim().max(100, "Search is at most 100 characters.").default(""),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  archived: z.boolean().default(false),
});
export type ListPracticesInput = z.input<typeof listPracticesSchema>;

export const practiceIdSchema = z.object({ practiceId: z.uuid("Unknown practice.") });

export const updatePracticeSchema = practiceFieldsSchema.extend({
  practiceId: z.uuid("Unknown practice."),
  version: documentVersion,
});
export type UpdatePracticeInput = z.infer<typeof updatePracticeSchema>;

export const archivePracticeSchema = practiceIdSchema.extend({ version: documentVersion });

function scopeFilter(ctx: ServiceContext): SQL | undefined {
  if (ctx.practiceIds === "*") return undefined;
  return ctx.practiceIds.length ? inArray(practices.id, [...ctx.practiceIds]) : sql`false`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Active practices in scope by name, ids, names and time zones only (a picker's options; a form
 * that takes a time at the practice picked shows and reads it on the practice's clock), and how
 * many match in all.
 */
export async function listPracticeChoices(
  ctx: ServiceContext,
  input: z.infer<typeof practiceChoicesSchema>,
) {
  const where = and(
    eq(practices.mspId, ctx.mspId),
    scopeFilter(ctx),
    isNull(practices.archivedAt),
    input.search ? ilike(practices.name, `%${escapeLike(input.search)}%`) : undefined,
  );
  const rows = await ctx.tx
    .select({
      id: practices.id,
      name: practices.name,
      timezone: practices.timezone,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(practices)
    .where(where)
    .orderBy(asc(practices.name), asc(practices.id))
    .limit(input.limit);
  return {
    items: rows.map(({ id, name, timezone }) => ({ id, name, timezone })),
    total: rows[0]?.total ?? 0,
  };
}

export async function listPractices(
  ctx: ServiceContext,
  input: z.infer<typeof listPracticesSchema>,
) {
  const where = and(
    eq(practices.mspId, ctx.mspId),
    scopeFilter(ctx),
    input.archived ? sql`${practices.archivedAt} is not null` : isNull(practices.archivedAt),
    input.search ? ilike(practices.name, `%${escapeLike(input.search)}%`) : undefined,
  );
  // Qualified by hand: in a one-table select drizzle renders columns unqualified, so
  // ${practiceSites.practiceId} = ${practices.id} would compare practice_sites with itself.
  const siteCount = sql<number>`(select count(*)::int from ${practiceSites} where ${practiceSites}.msp_id = ${practices}.msp_id and ${practiceSites}.practice_id = ${practices}.id)`;
  const [items, [total]] = await Promise.all([
    ctx.tx
      .select({
        id: practices.id,
        name: practices.name,
        timezone: practices.timezone,
        ehrProduct: practices.ehrProduct,
        isNewOffice: practices.isNewOffice,
        isMigrating: practices.isMigrating,
        archivedAt: practices.archivedAt,
        siteCount,
      })
      .from(practices)
      .where(where)
      .orderBy(asc(practices.name), asc(practices.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx.select({ value: count() }).from(practices).where(where),
  ]);
  const plans = await planSummaries(
    ctx,
    items.map((item) => item.id),
  );
  return {
    items: items.map((item) => ({ ...item, plan: plans.get(item.id)! })),
    total: total?.value ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function getPractice(ctx: ServiceContext, practiceId: string) {
  if (!practiceVisible(ctx, practiceId)) throw new NotFoundError("Practice");
  const [practice] = await ctx.tx
    .select()
    .from(practices)
    .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, practiceId)));
  if (!practice) throw new NotFoundError("Practice");
  const sites = await ctx.tx
    .select({
      id: practiceSites.id,
      name: practiceSites.name,
      address: practiceSites.address,
      phone: practiceSites.phone,
    })
    .from(practiceSites)
    .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practiceId)))
    .orderBy(asc(practiceSites.position));
  const { mspId: _mspId, ...fields } = practice;
  return { ...fields, sites };
}
export type PracticeDetail = Awaited<ReturnType<typeof getPractice>>;

export async function createPractice(
  ctx: ServiceContext,
  input: z.infer<typeof practiceFieldsSchema>,
) {
  const { sites, ...fields } = input;
  const [created] = await ctx.tx
    .insert(practices)
    .values({ mspId: ctx.mspId, ...fields })
    .returning({ id: practices.id });
  const practiceId = created!.id;
  await ctx.tx.insert(practiceSites).values(
    sites.map((site, position) => ({
      mspId: ctx.mspId,
      practiceId,
      position,
      ...site,
      id: undefined,
    })),
  );
  await recordAudit(ctx, {
    action: "practice.create",
    entityType: "practice",
    entityId: practiceId,
    practiceId,
    summary: { name: fields.name, sites: sites.length },
  });
  return { id: practiceId };
}

export async function updatePractice(ctx: ServiceContext, input: UpdatePracticeInput) {
  const before = await getPractice(ctx, input.practiceId);
  const { sites, practiceId, version, ...fields } = input;
  const [updated] = await ctx.tx
    .update(practices)
    .set({ ...fields, version: sql`${practices.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(practices.mspId, ctx.mspId),
        eq(practices.id, practiceId),
        eq(practices.version, version),
      ),
    )
    .returning({ version: practices.version });
  if (!updated) throw await conflict(ctx, practiceId);

  const keptIds = sites.flatMap((site) =>
    site.id && before.sites.some((old) => old.id === site.id) ? [site.id] : [],
  );
  await ctx.tx
    .delete(practiceSites)
    .where(
      and(
        eq(practiceSites.mspId, ctx.mspId),
        eq(practiceSites.practiceId, practiceId),
        keptIds.length ? notInArray(practiceSites.id, keptIds) : undefined,
      ),
    );
  for (const [position, site] of sites.entries()) {
    const values = { name: site.name, address: site.address, phone: site.phone, position };
    if (site.id && keptIds.includes(site.id)) {
      await ctx.tx
        .update(practiceSites)
        .set(values)
        .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.id, site.id)));
    } else {
      await ctx.tx.insert(practiceSites).values({ mspId: ctx.mspId, practiceId, ...values });
    }
  }
  const changed = Object.keys(fields).filter(
    (key) => fields[key as keyof typeof fields] !== before[key as keyof typeof fields],
  );
  await recordAudit(ctx, {
    action: "practice.update",
    entityType: "practice",
    entityId: practiceId,
    practiceId,
    summary: {
      name: fields.name,
      changed,
      sitesBefore: before.sites.length,
      sitesAfter: sites.length,
    },
  });
  return { id: practiceId, version: updated.version };
}

export async function setPracticeArchived(
  ctx: ServiceContext,
  input: z.infer<typeof archivePracticeSchema>,
  archived: boolean,
) {
  const before = await getPractice(ctx, input.practiceId);
  const [updated] = await ctx.tx
    .update(practices)
    .set({
      archivedAt: archived ? new Date() : null,
      version: sql`${practices.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(practices.mspId, ctx.mspId),
        eq(practices.id, input.practiceId),
        eq(practices.version, input.version),
      ),
    )
    .returning({ version: practices.version });
  if (!updated) throw await conflict(ctx, input.practiceId);
  await recordAudit(ctx, {
    action: archived ? "practice.archive" : "practice.restore",
    entityType: "practice",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { name: before.name },
  });
  return { id: input.practiceId, version: updated.version };
}

/** Names who changed the practice since it was read, so the second editor knows whom to ask. */
async function conflict(ctx: ServiceContext, practiceId: string): Promise<ConflictError> {
  const [last] = await ctx.tx
    .select({ actorName: auditEvents.actorName, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.mspId, ctx.mspId),
        eq(auditEvents.entityType, "practice"),
        eq(auditEvents.entityId, practiceId),
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  const who = last
    ? `${last.actorName} at ${last.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
    : "someone else";
  return new ConflictError(
    `This practice was changed by ${who} after you opened it. Reload to see their changes; your edits are still in the form.`,
  );
}
