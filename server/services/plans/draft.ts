/** A practice's draft plan: reading it, saving a section, publishing it; and many practices' summaries at once. */
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { packetPrints, planSections, planVersions } from "@/db/schema";
import { planCompleteness } from "@/server/domain/plan-completeness";
import { applyTemplateTo, emptyPlan, templateBasisOf } from "@/server/domain/plan-defaults";
import { ConflictError, InvalidError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import {
  sectionSchemas,
  sectionTitles,
  type PlanContent,
  type publishPlanSchema,
  type SectionKey,
  type saveSectionSchema,
} from "@/server/contracts/plans";
import {
  sameContent,
  loadDraft,
  latestVersion,
  pendingTemplateSections,
} from "@/server/services/plans/core";
import { getTemplate } from "@/server/services/plans/template";
import { dateTimeFormat } from "@/server/domain/intl-formats";

const REVIEW_AFTER_DAYS = 90;

const addDays = (day: Date, days: number) =>
  new Date(day.getTime() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);

/** Completeness and publication of many practices' plans at once (two queries, whatever the count). */
export async function planSummaries(ctx: ServiceContext, practiceIds: string[]) {
  const summaries = new Map<
    string,
    { score: number; publishedVersion: number | null; nextReviewOn: string | null }
  >();
  if (practiceIds.length === 0) return summaries;
  const template = await getTemplate(ctx);
  const fromTemplate = {
    ...emptyPlan(),
    ...applyTemplateTo(emptyPlan(), template.content),
  } as PlanContent;
  const [rows, published] = await Promise.all([
    ctx.tx
      .select({
        practiceId: planSections.practiceId,
        section: planSections.section,
        content: planSections.content,
      })
      .from(planSections)
      .where(and(eq(planSections.mspId, ctx.mspId), inArray(planSections.practiceId, practiceIds))),
    ctx.tx
      .selectDistinctOn([planVersions.practiceId], {
        practiceId: planVersions.practiceId,
        number: planVersions.number,
        nextReviewOn: planVersions.nextReviewOn,
      })
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
    summaries.set(practiceId, {
      score: planCompleteness(content).score,
      publishedVersion: latest?.number ?? null,
      nextReviewOn: latest?.nextReviewOn ?? null,
    });
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
  const where = and(
    eq(planSections.mspId, ctx.mspId),
    eq(planSections.practiceId, input.practiceId),
    eq(planSections.section, input.section),
  );
  let saved: { version: number }[];
  if (input.version === 0) {
    // A first save starts from the template as it is now: that is what this copy is based on.
    const templateBasis = templateBasisOf((await getTemplate(ctx)).content, input.section);
    saved = await ctx.tx
      .insert(planSections)
      .values({
        mspId: ctx.mspId,
        practiceId: input.practiceId,
        section: input.section,
        content: input.content,
        version: 1,
        templateBasis,
        updatedByName: ctx.actor.name,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ version: planSections.version });
  } else {
    saved = await ctx.tx
      .update(planSections)
      .set({
        content: input.content,
        version: sql`${planSections.version} + 1`,
        updatedByName: ctx.actor.name,
        updatedAt: now,
      })
      .where(and(where, eq(planSections.version, input.version)))
      .returning({ version: planSections.version });
  }
  if (saved.length === 0) {
    const [current] = await ctx.tx
      .select({ updatedByName: planSections.updatedByName, updatedAt: planSections.updatedAt })
      .from(planSections)
      .where(where);
    const clock = dateTimeFormat("en-US", {
      timeZone: practice.timezone,
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    });
    const when = current ? ` at ${clock.format(current.updatedAt)}` : "";
    throw new ConflictError(
      `${sectionTitles[input.section]} was changed by ${current?.updatedByName ?? "someone else"}${when} ` +
        "after you opened it. Your text is still in the form: copy what you need, then reload their version.",
    );
  }
  await recordAudit(ctx, {
    action: "plan.section_save",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { section: input.section },
  });
  const draft = await loadDraft(ctx, input.practiceId);
  return { version: saved[0]!.version, completeness: planCompleteness(draft.content) };
}

export async function publishPlan(
  ctx: ServiceContext,
  input: z.infer<typeof publishPlanSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  // One publisher at a time per practice, so version numbers never collide.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`plan:${input.practiceId}`}))`);
  const draft = await loadDraft(ctx, input.practiceId);
  const latest = await latestVersion(ctx, input.practiceId);
  if (latest && sameContent(latest.content, draft.content))
    throw new InvalidError(
      `Nothing changed since version ${latest.number}; there is nothing new to publish.`,
    );
  const today = now.toISOString().slice(0, 10);
  const nextReviewOn = input.nextReviewOn ?? addDays(now, REVIEW_AFTER_DAYS);
  if (nextReviewOn <= today)
    throw new InvalidError("The next review date must be in the future.", "nextReviewOn");
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
  await recordAudit(ctx, {
    action: "plan.publish",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { version: number, completeness: completeness.score },
  });
  return { number, nextReviewOn, completenessScore: completeness.score };
}
