import "server-only";
import { and, asc, count, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { drills, practiceVendors, risks } from "@/db/schema";
import { localDate } from "@/server/domain/local-date";
import { VERIFY_EVERY_DAYS } from "@/server/domain/vendor-verification";
import { getBackupOverview } from "./backups";
import { practiceInScope, type ServiceContext } from "./context";
import { getPlan } from "./plans/draft";
import { reviewSchedule } from "./review-schedule";
import { effectiveStatusSql } from "./risks";

/**
 * A practice's readiness at a glance: plan, next review, backup tests, risks, vendor contacts and
 * drills. Shown on the practice's overview and frozen into a review when it is signed off.
 */
export async function practiceReadiness(ctx: ServiceContext, practiceId: string, now = new Date()) {
  const practice = await practiceInScope(ctx, practiceId);
  const today = localDate(now, practice.timezone);
  const status = effectiveStatusSql(today);
  const verifiedSince = new Date(now.getTime() - VERIFY_EVERY_DAYS * 24 * 60 * 60_000);
  const [plan, review, backups, [riskCounts], [vendorCounts], [lastDrill], [nextDrill]] =
    await Promise.all([
      getPlan(ctx, practiceId, now),
      reviewSchedule(ctx, practiceId, now),
      getBackupOverview(ctx, practiceId, now),
      ctx.tx
        .select({
          open: sql<number>`count(*) filter (where ${status} <> 'resolved')::int`,
          urgentOpen: sql<number>`count(*) filter (where ${status} <> 'resolved' and ${risks.severity} = 'urgent')::int`,
          oldestUrgentOpenAt: sql<
            string | null
          >`min(${risks.createdAt}) filter (where ${status} <> 'resolved' and ${risks.severity} = 'urgent')`,
        })
        .from(risks)
        .where(and(eq(risks.mspId, ctx.mspId), eq(risks.practiceId, practiceId))),
      ctx.tx
        .select({
          linked: count(),
          verified: sql<number>`count(*) filter (where ${gt(practiceVendors.lastVerifiedAt, verifiedSince)})::int`,
        })
        .from(practiceVendors)
        .where(
          and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, practiceId)),
        ),
      ctx.tx
        .select({ heldAt: drills.heldAt, kind: drills.kind })
        .from(drills)
        .where(
          and(
            eq(drills.mspId, ctx.mspId),
            eq(drills.practiceId, practiceId),
            isNotNull(drills.heldAt),
          ),
        )
        .orderBy(desc(drills.heldAt))
        .limit(1),
      ctx.tx
        .select({ scheduledFor: drills.scheduledFor, kind: drills.kind })
        .from(drills)
        .where(
          and(
            eq(drills.mspId, ctx.mspId),
            eq(drills.practiceId, practiceId),
            isNull(drills.heldAt),
            gt(drills.scheduledFor, now),
          ),
        )
        .orderBy(asc(drills.scheduledFor))
        .limit(1),
    ]);
  const flagged = backups.systems.filter(
    (system) => system.status && (system.status.overdue || system.status.failing),
  );
  return {
    asOf: now.toISOString(),
    today,
    plan: {
      completenessScore: plan.completeness.score,
      publishedVersion: plan.published?.number ?? null,
      nextPlanReviewOn: plan.published?.nextReviewOn ?? null,
      planReviewOverdue: plan.published?.reviewOverdue ?? false,
      unpublishedChanges: plan.unpublishedChanges,
      packetStale: plan.packet?.stale ?? false,
    },
    review: {
      dueOn: review.dueOn,
      status: review.status,
      daysLeft: review.daysLeft,
      cadenceMonths: review.cadence.months,
      cadenceReasons: review.cadence.reasons,
      openReviewId: review.openReviewId,
    },
    backups: {
      ...backups.summary,
      flagged: flagged.map((system) => ({
        systemId: system.systemId,
        name: system.name,
        overdue: system.status!.overdue,
        failing: system.status!.failing,
      })),
    },
    risks: {
      open: riskCounts?.open ?? 0,
      urgentOpen: riskCounts?.urgentOpen ?? 0,
      oldestUrgentOpenAt: riskCounts?.oldestUrgentOpenAt
        ? new Date(riskCounts.oldestUrgentOpenAt).toISOString()
        : null,
    },
    vendors: {
      linked: vendorCounts?.linked ?? 0,
      verifiedWithin90Days: vendorCounts?.verified ?? 0,
    },
    drills: {
      lastHeldAt: lastDrill?.heldAt?.toISOString() ?? null,
      nextScheduledFor: nextDrill?.scheduledFor?.toISOString() ?? null,
    },
  };
}
export type PracticeReadiness = Awaited<ReturnType<typeof practiceReadiness>>;
