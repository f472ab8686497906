import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { packetPrints, planSections, planTemplates, planVersions, practiceSites } from "@/db/schema";
import { comparePlans } from "@/server/domain/plan-compare";
import { planCompleteness } from "@/server/domain/plan-completeness";
import { applyTemplateTo, canonical, defaultTemplate, emptyPlan, templateBasisOf } from "@/server/domain/plan-defaults";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "../context";
import { criticalVendorIds } from "../dependencies";
import { escalationContacts } from "../vendors";
import {
  sectionKeys,
  sectionSchemas,
  sectionTitles,
  templateSchema,
  type applyTemplateSchema,
  type compareVersionsSchema,
  type PlanContent,
  type PlanTemplateContent,
  type publishPlanSchema,
  type recordPacketSchema,
  type SectionKey,
  type saveSectionSchema,
  type updateTemplateSchema,
  type versionSchema,
} from "../plan-schemas";

export * from "../plan-schemas";

const REVIEW_AFTER_DAYS = 90;

const sameContent = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The MSP's template

export async function getTemplate(ctx: ServiceContext): Promise<{ content: PlanTemplateContent; version: number; updatedByName: string | null; updatedAt: Date | null }> {
  const [row] = await ctx.tx.select().from(planTemplates).where(eq(planTemplates.mspId, ctx.mspId));
  if (!row) return { content: defaultTemplate, version: 0, updatedByName: null, updatedAt: null };
  const parsed = templateSchema.safeParse(row.content);
  return { content: parsed.success ? parsed.data : defaultTemplate, version: row.version, updatedByName: row.updatedByName, updatedAt: row.updatedAt };
}

export async function updateTemplate(ctx: ServiceContext, input: z.infer<typeof updateTemplateSchema>) {
  const current = await getTemplate(ctx);
  if (current.version !== input.version)
    throw new ConflictError(`The template was changed by ${current.updatedByName ?? "someone else"} after you opened it. Reload to see their changes.`);
  const values = { content: input.content, version: input.version + 1, updatedByName: ctx.actor.name, updatedAt: new Date() };
  const [saved] =
    input.version === 0
      ? await ctx.tx.insert(planTemplates).values({ mspId: ctx.mspId, ...values }).onConflictDoNothing().returning({ id: planTemplates.id })
      : await ctx.tx
          .update(planTemplates)
          .set(values)
          .where(and(eq(planTemplates.mspId, ctx.mspId), eq(planTemplates.version, input.version)))
          .returning({ id: planTemplates.id });
  if (!saved) throw new ConflictError("The template was changed by someone else after you opened it. Reload to see their changes.");
  await recordAudit(ctx, { action: "plan_template.update", entityType: "plan_template", entityId: saved.id, summary: { version: values.version } });
  return { version: values.version };
}

// ---------------------------------------------------------------------------------------------
// The draft plan of a practice

type SectionState = { content: PlanContent[SectionKey]; version: number; templateBasis: string | null; updatedByName: string | null; updatedAt: Date | null };


/** The draft: saved sections as they are; sections never saved come from the template. */
async function loadDraft(ctx: ServiceContext, practiceId: string) {
  const template = await getTemplate(ctx);
  const fromTemplate = { ...emptyPlan(), ...applyTemplateTo(emptyPlan(), template.content) } as PlanContent;
  const rows = await ctx.tx
    .select()
    .from(planSections)
    .where(and(eq(planSections.mspId, ctx.mspId), eq(planSections.practiceId, practiceId)));
  const sections = {} as Record<SectionKey, SectionState>;
  for (const key of sectionKeys) {
    const row = rows.find((candidate) => candidate.section === key);
    const parsed = row ? sectionSchemas[key].safeParse(row.content) : null;
    sections[key] = row
      ? { content: (parsed?.success ? parsed.data : fromTemplate[key]) as PlanContent[SectionKey], version: row.version, templateBasis: row.templateBasis, updatedByName: row.updatedByName, updatedAt: row.updatedAt }
      : { content: fromTemplate[key], version: 0, templateBasis: null, updatedByName: null, updatedAt: null };
  }
  const content = Object.fromEntries(sectionKeys.map((key) => [key, sections[key].content])) as PlanContent;
  return { template, sections, content, savedSections: new Set(rows.map((row) => row.section)) };
}

async function latestVersion(ctx: ServiceContext, practiceId: string) {
  const [row] = await ctx.tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.mspId, ctx.mspId), eq(planVersions.practiceId, practiceId)))
    .orderBy(desc(planVersions.number))
    .limit(1);
  return row ?? null;
}

/**
 * Sections the practice saved its own version of, whose part of the template changed since that
 * version was based on it, and which applying the template would change.
 */
function pendingTemplateSections(draft: Awaited<ReturnType<typeof loadDraft>>): SectionKey[] {
  const applied = applyTemplateTo(draft.content, draft.template.content);
  return (Object.keys(applied) as SectionKey[]).filter(
    (key) =>
      draft.savedSections.has(key) &&
      draft.sections[key].templateBasis !== templateBasisOf(draft.template.content, key) &&
      !sameContent(applied[key], draft.content[key]),
  );
}

/** Completeness and publication of many practices' plans at once (two queries, whatever the count). */
export async function planSummaries(ctx: ServiceContext, practiceIds: string[]) {
  const summaries = new Map<string, { score: number; publishedVersion: number | null; nextReviewOn: string | null }>();
  if (practiceIds.length === 0) return summaries;
  const template = await getTemplate(ctx);
  const fromTemplate = { ...emptyPlan(), ...applyTemplateTo(emptyPlan(), template.content) } as PlanContent;
  const [rows, published] = await Promise.all([
    ctx.tx
      .select({ practiceId: planSections.practiceId, section: planSections.section, content: planSections.content })
      .from(planSections)
      .where(and(eq(planSections.mspId, ctx.mspId), inArray(planSections.practiceId, practiceIds))),
    ctx.tx
      .selectDistinctOn([planVersions.practiceId], { practiceId: planVersions.practiceId, number: planVersions.number, nextReviewOn: planVersions.nextReviewOn })
      .from(planVersions)
      .where(and(eq(planVersions.mspId, ctx.mspId), inArray(planVersions.practiceId, practiceIds)))
      .orderBy(planVersions.practiceId, desc(planVersions.number)),
  ]);
  const sectionsOf = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = sectionsOf.get(row.practiceId);
    if (list) list.push(row);
    else sectionsOf.set(row.practiceId, [row]);
  }
  const latestOf = new Map(published.map((row) => [row.practiceId, row]));
  for (const practiceId of practiceIds) {
    const content = structuredClone(fromTemplate);
    for (const row of sectionsOf.get(practiceId) ?? []) {
      const key = row.section as SectionKey;
      const parsed = sectionSchemas[key]?.safeParse(row.content);
      if (parsed?.success) (content as Record<SectionKey, unknown>)[key] = parsed.data;
    }
    const latest = latestOf.get(practiceId);
    summaries.set(practiceId, { score: planCompleteness(content).score, publishedVersion: latest?.number ?? null, nextReviewOn: latest?.nextReviewOn ?? null });
  }
  return summaries;
}

export async function getPlan(ctx: ServiceContext, practiceId: string, now = new Date()) {
  const practice = await practiceInScope(ctx, practiceId);
  const draft = await loadDraft(ctx, practiceId);
  const latest = await latestVersion(ctx, practiceId);
  const [lastPrint] = await ctx.tx
    .select()
    .from(packetPrints)
    .where(and(eq(packetPrints.mspId, ctx.mspId), eq(packetPrints.practiceId, practiceId)))
    .orderBy(desc(packetPrints.printedAt))
    .limit(1);
  const today = now.toISOString().slice(0, 10);
  return {
    practice: { id: practice.id, name: practice.name, archived: Boolean(practice.archivedAt) },
    sections: draft.sections,
    completeness: planCompleteness(draft.content),
    published: latest
      ? {
          number: latest.number,
          publishedAt: latest.publishedAt,
          publishedByName: latest.publishedByName,
          nextReviewOn: latest.nextReviewOn,
          reviewOverdue: latest.nextReviewOn < today,
          completenessScore: latest.completenessScore,
        }
      : null,
    unpublishedChanges: latest ? !sameContent(latest.content, draft.content) : true,
    packet: lastPrint
      ? {
          lastPrintedAt: lastPrint.printedAt,
          lastPrintedByName: lastPrint.printedByName,
          versionNumber: lastPrint.versionNumber,
          stale: Boolean(latest && latest.number > lastPrint.versionNumber),
        }
      : null,
    templateUpdates: pendingTemplateSections(draft),
  };
}
export type PlanView = Awaited<ReturnType<typeof getPlan>>;

export async function saveSection(ctx: ServiceContext, input: z.output<typeof saveSectionSchema>) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const now = new Date();
  const where = and(eq(planSections.mspId, ctx.mspId), eq(planSections.practiceId, input.practiceId), eq(planSections.section, input.section));
  let saved: { version: number }[];
  if (input.version === 0) {
    // A first save starts from the template as it is now: that is what this copy is based on.
    const templateBasis = templateBasisOf((await getTemplate(ctx)).content, input.section);
    saved = await ctx.tx
      .insert(planSections)
      .values({ mspId: ctx.mspId, practiceId: input.practiceId, section: input.section, content: input.content, version: 1, templateBasis, updatedByName: ctx.actor.name, updatedAt: now })
      .onConflictDoNothing()
      .returning({ version: planSections.version });
  } else {
    saved = await ctx.tx
      .update(planSections)
      .set({ content: input.content, version: sql`${planSections.version} + 1`, updatedByName: ctx.actor.name, updatedAt: now })
      .where(and(where, eq(planSections.version, input.version)))
      .returning({ version: planSections.version });
  }
  if (saved.length === 0) {
    const [current] = await ctx.tx.select({ updatedByName: planSections.updatedByName, updatedAt: planSections.updatedAt }).from(planSections).where(where);
    const when = current
      ? ` at ${new Intl.DateTimeFormat("en-US", { timeZone: practice.timezone, hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(current.updatedAt)}`
      : "";
    throw new ConflictError(
      `${sectionTitles[input.section]} was changed by ${current?.updatedByName ?? "someone else"}${when} after you opened it. Your text is still in the form: copy what you need, then reload their version.`,
    );
  }
  await recordAudit(ctx, { action: "plan.section_save", entityType: "plan", entityId: input.practiceId, practiceId: input.practiceId, summary: { section: input.section } });
  const draft = await loadDraft(ctx, input.practiceId);
  return { version: saved[0]!.version, completeness: planCompleteness(draft.content) };
}

export async function publishPlan(ctx: ServiceContext, input: z.infer<typeof publishPlanSchema>, now = new Date()) {
  await practiceInScope(ctx, input.practiceId, "change");
  // One publisher at a time per practice, so version numbers never collide.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`plan:${input.practiceId}`}))`);
  const draft = await loadDraft(ctx, input.practiceId);
  const latest = await latestVersion(ctx, input.practiceId);
  if (latest && sameContent(latest.content, draft.content)) throw new InvalidError(`Nothing changed since version ${latest.number}; there is nothing new to publish.`);
  const today = now.toISOString().slice(0, 10);
  const nextReviewOn = input.nextReviewOn ?? addDays(now, REVIEW_AFTER_DAYS);
  if (nextReviewOn <= today) throw new InvalidError("The next review date must be in the future.", "nextReviewOn");
  const completeness = planCompleteness(draft.content);
  const number = (latest?.number ?? 0) + 1;
  await ctx.tx.insert(planVersions).values({
    mspId: ctx.mspId,
    practiceId: input.practiceId,
    number,
    content: draft.content,
    completenessScore: completeness.score,
    nextReviewOn,
    publishedByUserId: ctx.actor.userId,
    publishedByName: ctx.actor.name,
    publishedAt: now,
  });
  await recordAudit(ctx, { action: "plan.publish", entityType: "plan", entityId: input.practiceId, practiceId: input.practiceId, summary: { version: number, completeness: completeness.score } });
  return { number, nextReviewOn, completenessScore: completeness.score };
}

// ---------------------------------------------------------------------------------------------
// Published versions

export async function listVersions(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  return ctx.tx
    .select({
      number: planVersions.number,
      publishedAt: planVersions.publishedAt,
      publishedByName: planVersions.publishedByName,
      completenessScore: planVersions.completenessScore,
      nextReviewOn: planVersions.nextReviewOn,
    })
    .from(planVersions)
    .where(and(eq(planVersions.mspId, ctx.mspId), eq(planVersions.practiceId, practiceId)))
    .orderBy(desc(planVersions.number))
    .limit(500);
}

async function versionContent(ctx: ServiceContext, practiceId: string, ref: number | "draft"): Promise<PlanContent> {
  if (ref === "draft") return (await loadDraft(ctx, practiceId)).content;
  const [row] = await ctx.tx
    .select({ content: planVersions.content })
    .from(planVersions)
    .where(and(eq(planVersions.mspId, ctx.mspId), eq(planVersions.practiceId, practiceId), eq(planVersions.number, ref)));
  if (!row) throw new NotFoundError(`Version ${ref}`);
  return { ...emptyPlan(), ...(row.content as Partial<PlanContent>) };
}

export async function getVersion(ctx: ServiceContext, input: z.infer<typeof versionSchema>) {
  await practiceInScope(ctx, input.practiceId);
  const [row] = await ctx.tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.mspId, ctx.mspId), eq(planVersions.practiceId, input.practiceId), eq(planVersions.number, input.number)));
  if (!row) throw new NotFoundError(`Version ${input.number}`);
  return {
    number: row.number,
    publishedAt: row.publishedAt,
    publishedByName: row.publishedByName,
    completenessScore: row.completenessScore,
    nextReviewOn: row.nextReviewOn,
    content: { ...emptyPlan(), ...(row.content as Partial<PlanContent>) },
  };
}

export async function compareVersions(ctx: ServiceContext, input: z.infer<typeof compareVersionsSchema>) {
  await practiceInScope(ctx, input.practiceId);
  const [before, after] = [await versionContent(ctx, input.practiceId, input.from), await versionContent(ctx, input.practiceId, input.to)];
  return comparePlans(before, after);
}

// ---------------------------------------------------------------------------------------------
// Applying a changed template

/** What the current template would change in each section, so nobody's edits are replaced unseen. */
export async function templateChanges(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  const draft = await loadDraft(ctx, practiceId);
  const applied = { ...draft.content, ...applyTemplateTo(draft.content, draft.template.content) } as PlanContent;
  const comparison = comparePlans(draft.content, applied);
  return {
    templateVersion: draft.template.version,
    sections: pendingTemplateSections(draft).map((key) => ({
      section: key,
      title: sectionTitles[key],
      version: draft.sections[key].version,
      lines: comparison.find((entry) => entry.section === key)!.lines,
    })),
  };
}

export async function applyTemplate(ctx: ServiceContext, input: z.infer<typeof applyTemplateSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const draft = await loadDraft(ctx, input.practiceId);
  const applied = applyTemplateTo(draft.content, draft.template.content);
  for (const choice of input.sections) {
    if (!(choice.section in applied)) throw new InvalidError(`${sectionTitles[choice.section]} is not part of the template.`);
    const content = choice.decision === "apply" ? applied[choice.section]! : draft.content[choice.section];
    const updated = await ctx.tx
      .update(planSections)
      .set({
        content,
        templateBasis: templateBasisOf(draft.template.content, choice.section),
        version: sql`${planSections.version} + 1`,
        updatedByName: ctx.actor.name,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(planSections.mspId, ctx.mspId),
          eq(planSections.practiceId, input.practiceId),
          eq(planSections.section, choice.section),
          eq(planSections.version, choice.version),
        ),
      )
      .returning({ id: planSections.id });
    if (updated.length === 0) throw new ConflictError(`${sectionTitles[choice.section]} was changed after you opened the template changes. Reload and choose again.`);
  }
  await recordAudit(ctx, {
    action: "plan.template_apply",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: {
      templateVersion: draft.template.version,
      applied: input.sections.filter((choice) => choice.decision === "apply").map((choice) => choice.section),
      kept: input.sections.filter((choice) => choice.decision === "keep").map((choice) => choice.section),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The downtime packet

/** The latest published version with what the packet prints around it, and the vendors to call. */
export async function getPacket(ctx: ServiceContext, practiceId: string) {
  const practice = await practiceInScope(ctx, practiceId);
  const latest = await latestVersion(ctx, practiceId);
  if (!latest) throw new NotFoundError("A published plan");
  const sites = await ctx.tx
    .select({ name: practiceSites.name, address: practiceSites.address, phone: practiceSites.phone })
    .from(practiceSites)
    .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practiceId)))
    .orderBy(asc(practiceSites.position));
  const vendorContacts = await escalationContacts(ctx, practiceId, await criticalVendorIds(ctx, practiceId));
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone, sites },
    /** Escalation contacts of the vendors of the practice's critical systems. */
    vendorContacts,
    version: { number: latest.number, publishedAt: latest.publishedAt, publishedByName: latest.publishedByName, nextReviewOn: latest.nextReviewOn },
    content: { ...emptyPlan(), ...(latest.content as Partial<PlanContent>) },
  };
}
export type Packet = Awaited<ReturnType<typeof getPacket>>;

export async function recordPacketPrint(ctx: ServiceContext, input: z.infer<typeof recordPacketSchema>, now = new Date()) {
  await practiceInScope(ctx, input.practiceId);
  const latest = await latestVersion(ctx, input.practiceId);
  if (!latest) throw new InvalidError("Publish the plan before printing its packet.");
  if (input.versionNumber !== undefined && input.versionNumber !== latest.number)
    throw new ConflictError(`Version ${latest.number} of this plan was published after this packet was opened. Reload to print the current version.`);
  await ctx.tx.insert(packetPrints).values({
    mspId: ctx.mspId,
    practiceId: input.practiceId,
    versionNumber: latest.number,
    format: input.format,
    printedByUserId: ctx.actor.userId,
    printedByName: ctx.actor.name,
    printedAt: now,
  });
  await recordAudit(ctx, { action: "plan.packet_print", entityType: "plan", entityId: input.practiceId, practiceId: input.practiceId, summary: { version: latest.number, format: input.format } });
  return { versionNumber: latest.number };
}

/** The plan an outage runs on: the latest published version, or the draft when none is published yet. */
export async function planInForce(ctx: ServiceContext, practiceId: string): Promise<{ content: PlanContent; publishedVersion: number | null }> {
  const latest = await latestVersion(ctx, practiceId);
  if (latest) return { content: { ...emptyPlan(), ...(latest.content as Partial<PlanContent>) }, publishedVersion: latest.number };
  return { content: (await loadDraft(ctx, practiceId)).content, publishedVersion: null };
}
