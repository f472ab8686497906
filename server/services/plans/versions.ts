/** Published versions: the list, one version, a comparison, and the plan an outage runs on. */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { planVersions } from "@/db/schema";
import { comparePlans } from "@/server/domain/plan-compare";
import { NotFoundError } from "@/server/errors";
import { practiceInScope, type ServiceContext } from "@/server/services/context";
import type { compareVersionsSchema, PlanContent, versionSchema } from "@/server/contracts/plans";
import { latestVersion, loadDraft, publishedContent } from "@/server/services/plans/core";

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

async function versionContent(
  ctx: ServiceContext,
  practiceId: string,
  ref: number | "draft",
): Promise<PlanContent> {
  if (ref === "draft") return (await loadDraft(ctx, practiceId)).content;
  const [row] = await ctx.tx
    .select({ content: planVersions.content })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.mspId, ctx.mspId),
        eq(planVersions.practiceId, practiceId),
        eq(planVersions.number, ref),
      ),
    );
  if (!row) throw new NotFoundError(`Version ${ref}`);
  return publishedContent(row.content);
}

export async function getVersion(ctx: ServiceContext, input: z.infer<typeof versionSchema>) {
  await practiceInScope(ctx, input.practiceId);
  const [row] = await ctx.tx
    .select()
    .from(planVersions)
    .where(
      and(
        eq(planVersions.mspId, ctx.mspId),
        eq(planVersions.practiceId, input.practiceId),
        eq(planVersions.number, input.number),
      ),
    );
  if (!row) throw new NotFoundError(`Version ${input.number}`);
  return {
    number: row.number,
    publishedAt: row.publishedAt,
    publishedByName: row.publishedByName,
    completenessScore: row.completenessScore,
    nextReviewOn: row.nextReviewOn,
    content: publishedContent(row.content),
  };
}

export async function compareVersions(
  ctx: ServiceContext,
  input: z.infer<typeof compareVersionsSchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const [before, after] = [
    await versionContent(ctx, input.practiceId, input.from),
    await versionContent(ctx, input.practiceId, input.to),
  ];
  return comparePlans(before, after);
}

/** The plan an outage runs on: the latest published version, or the draft when none is published yet. */
export async function planInForce(
  ctx: ServiceContext,
  practiceId: string,
): Promise<{ content: PlanContent; publishedVersion: number | null }> {
  const latest = await latestVersion(ctx, practiceId);
  if (latest)
    return {
      content: publishedContent(latest.content),
      publishedVersion: latest.number,
    };
  return { content: (await loadDraft(ctx, practiceId)).content, publishedVersion: null };
}
