import "server-only";
import { addDays } from "date-fns";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  lte,
  notInArray,
  sql,
  type SQL,
} from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { z } from "zod";
import {
  backupTargets,
  incidents,
  practiceReadiness,
  practices,
  practiceVendors,
  restoreTests,
  reviews,
  risks,
  scheduleConnections,
} from "@/db/schema";
import { backupStatus } from "@/server/domain/backup-tests";
import { localDate } from "@/server/domain/local-date";
import {
  readinessScore,
  SCHEDULE_COPY_STALE_HOURS,
  type ReadinessParts,
} from "@/server/domain/readiness-score";
import {
  nextReviewDue,
  RECENT_INCIDENT_DAYS,
  reviewCadence,
  reviewTiming,
} from "@/server/domain/review-cadence";
import { VERIFY_EVERY_DAYS } from "@/server/domain/vendor-verification";
import type { ServiceContext } from "./context";
import { planSummaries } from "./plans/draft";
import { AT_RISK_BELOW, type portfolioSchema } from "@/server/contracts/portfolio";

const FAR_FUTURE = "infinity";

function scopeFilter(
  ctx: ServiceContext,
  column: typeof practiceReadiness.practiceId | typeof practices.id,
): SQL | undefined {
  if (ctx.practiceIds === "*") return undefined;
  return ctx.practiceIds.length ? inArray(column, [...ctx.practiceIds]) : sql`false`;
}

/** Rows grouped by practice. */
function byPractice<T extends { practiceId: string }>(rows: T[]) {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.practiceId);
    if (list) list.push(row);
    else map.set(row.practiceId, [row]);
  }
  return map;
}

/**
 * Recomputes the readiness of the given practices in a fixed number of queries, whatever their
 * count, and stores each with the next moment a due date makes it stale again.
 */
export async function refreshReadiness(
  ctx: ServiceContext,
  practiceIds: string[],
  now = new Date(),
) {
  if (practiceIds.length === 0) return;
  const inMsp = (column: AnyPgColumn) => eq(column, ctx.mspId);
  const verifiedSince = addDays(now, -VERIFY_EVERY_DAYS);
  const [
    practiceRows,
    plans,
    vendorRows,
    targetRows,
    lastTests,
    signOffs,
    lastIncidents,
    riskRows,
    openIncidents,
    scheduleCopies,
  ] = await Promise.all([
    ctx.tx
      .select({
        id: practices.id,
        name: practices.name,
        timezone: practices.timezone,
        createdAt: practices.createdAt,
        isNewOffice: practices.isNewOffice,
        isMigrating: practices.isMigrating,
        archivedAt: practices.archivedAt,
      })
      .from(practices)
      .where(and(inMsp(practices.mspId), inArray(practices.id, practiceIds))),
    planSummaries(ctx, practiceIds),
    ctx.tx
      .select({
        practiceId: practiceVendors.practiceId,
        lastVerifiedAt: practiceVendors.lastVerifiedAt,
      })
      .from(practiceVendors)
      .where(and(inMsp(practiceVendors.mspId), inArray(practiceVendors.practiceId, practiceIds))),
    ctx.tx
      .select({
        practiceId: backupTargets.practiceId,
        systemId: backupTargets.systemId,
        cadenceDays: backupTargets.cadenceDays,
        rtoMinutes: backupTargets.rtoMinutes,
        rpoMinutes: backupTargets.rpoMinutes,
      })
      .from(backupTargets)
      .where(and(inMsp(backupTargets.mspId), inArray(backupTargets.practiceId, practiceIds))),
    ctx.tx
      .selectDistinctOn([restoreTests.systemId], {
        systemId: restoreTests.systemId,
        testedAt: restoreTests.testedAt,
        result: restoreTests.result,
        restoreMinutes: restoreTests.restoreMinutes,
        dataAgeMinutes: restoreTests.dataAgeMinutes,
      })
      .from(restoreTests)
      .where(
        and(
          inMsp(restoreTests.mspId),
          inArray(restoreTests.practiceId, practiceIds),
          isNull(restoreTests.withdrawnAt),
          sql`${restoreTests.systemId} is not null`,
        ),
      )
      .orderBy(restoreTests.systemId, desc(restoreTests.testedAt)),
    ctx.tx
      .select({
        practiceId: reviews.practiceId,
        signedOffAt: sql<string | null>`max(${reviews.signedOffAt})`,
      })
      .from(reviews)
      .where(and(inMsp(reviews.mspId), inArray(reviews.practiceId, practiceIds)))
      .groupBy(reviews.practiceId),
    ctx.tx
      .select({
        practiceId: incidents.practiceId,
        startedAt: sql<string>`max(${incidents.startedAt})`,
      })
      .from(incidents)
      .where(
        and(
          inMsp(incidents.mspId),
          inArray(incidents.practiceId, practiceIds),
          // An outage closed as a duplicate is the same outage as its main one.
          isNull(incidents.duplicateOfIncidentId),
        ),
      )
      .groupBy(incidents.practiceId),
    ctx.tx
      .select({
        practiceId: risks.practiceId,
        status: risks.status,
        acceptedUntil: risks.acceptedUntil,
      })
      .from(risks)
      .where(
        and(
          inMsp(risks.mspId),
          inArray(risks.practiceId, practiceIds),
          eq(risks.severity, "urgent"),
          sql`${risks.status} <> 'resolved'`,
        ),
      ),
    ctx.tx
      .selectDistinct({ practiceId: incidents.practiceId })
      .from(incidents)
      .where(
        and(
          inMsp(incidents.mspId),
          inArray(incidents.practiceId, practiceIds),
          notInArray(incidents.status, ["resolved", "closed"]),
        ),
      ),
    ctx.tx
      .select({
        practiceId: scheduleConnections.practiceId,
        refreshedAt: scheduleConnections.refreshedAt,
        createdAt: scheduleConnections.createdAt,
      })
      .from(scheduleConnections)
      .where(
        and(inMsp(scheduleConnections.mspId), inArray(scheduleConnections.practiceId, practiceIds)),
      ),
  ]);
  const vendorsOf = byPractice(vendorRows);
  const targetsOf = byPractice(targetRows);
  const testOf = new Map(lastTests.map((row) => [row.systemId!, row]));
  const signOffOf = new Map(
    signOffs.map((row) => [row.practiceId, row.signedOffAt ? new Date(row.signedOffAt) : null]),
  );
  const incidentOf = new Map(lastIncidents.map((row) => [row.practiceId, new Date(row.startedAt)]));
  const risksOf = byPractice(riskRows);
  const active = new Set(openIncidents.map((row) => row.practiceId));
  // A copy never refreshed counts from when it was set up.
  const copyOf = new Map(
    scheduleCopies.map((row) => [row.practiceId, row.refreshedAt ?? row.createdAt]),
  );

  const values = practiceRows.map((practice) => {
    const today = localDate(now, practice.timezone);
    const staleCandidates: Date[] = [];
    const plan = plans.get(practice.id)!;
    const planCurrent =
      plan.publishedVersion !== null && plan.nextReviewOn !== null && plan.nextReviewOn >= today;
    if (planCurrent) staleCandidates.push(addDays(new Date(`${plan.nextReviewOn}T00:00:00Z`), 1));

    const vendors = vendorsOf.get(practice.id) ?? [];
    const verified = vendors.filter(
      (vendor) => vendor.lastVerifiedAt && vendor.lastVerifiedAt > verifiedSince,
    );
    for (const vendor of verified)
      staleCandidates.push(addDays(vendor.lastVerifiedAt!, VERIFY_EVERY_DAYS));

    const statuses = (targetsOf.get(practice.id) ?? []).map((target) => {
      const test = testOf.get(target.systemId) ?? null;
      const status = backupStatus(target, test, now);
      if (status.nextDueAt && !status.overdue) staleCandidates.push(status.nextDueAt);
      return status;
    });

    const lastIncidentAt = incidentOf.get(practice.id) ?? null;
    if (lastIncidentAt) staleCandidates.push(addDays(lastIncidentAt, RECENT_INCIDENT_DAYS + 1));
    const cadence = reviewCadence(
      { isNewOffice: practice.isNewOffice, isMigrating: practice.isMigrating, lastIncidentAt },
      now,
    );
    const due = nextReviewDue(
      { signedOffAt: signOffOf.get(practice.id) ?? null, practiceCreatedAt: practice.createdAt },
      cadence,
    );
    const review = reviewTiming(
      new Date(`${localDate(due, practice.timezone)}T00:00:00Z`),
      new Date(`${today}T00:00:00Z`),
    );
    if (review.status !== "overdue") staleCandidates.push(addDays(due, 1));

    // Urgent risks not resolved; an accepted one still counts as open.
    const urgent = (risksOf.get(practice.id) ?? []).length;
    const copyRefreshedAt = copyOf.get(practice.id) ?? null;
    const scheduleCopyAgeHours = copyRefreshedAt
      ? (now.getTime() - copyRefreshedAt.getTime()) / 3_600_000
      : null;
    if (copyRefreshedAt && scheduleCopyAgeHours! <= SCHEDULE_COPY_STALE_HOURS)
      staleCandidates.push(
        new Date(copyRefreshedAt.getTime() + SCHEDULE_COPY_STALE_HOURS * 3_600_000 + 1),
      );
    const parts: ReadinessParts = {
      planCompleteness: plan.score,
      planCurrent,
      vendorsLinked: vendors.length,
      vendorsVerified: verified.length,
      backupsTracked: statuses.length,
      backupsGood: statuses.filter((status) => !status.overdue && !status.failing).length,
      reviewOverdue: review.status === "overdue",
      urgentRisksOpen: urgent,
      activeIncident: active.has(practice.id),
      scheduleCopyAgeHours:
        scheduleCopyAgeHours === null ? null : Math.round(scheduleCopyAgeHours * 10) / 10,
    };
    const { score, points } = readinessScore(parts);
    const staleAt = staleCandidates.length
      ? new Date(Math.min(...staleCandidates.map((date) => date.getTime()))).toISOString()
      : FAR_FUTURE;
    return {
      mspId: ctx.mspId,
      practiceId: practice.id,
      name: practice.name,
      archived: practice.archivedAt !== null,
      score,
      parts: {
        ...parts,
        points,
        reviewDueOn: localDate(due, practice.timezone),
        publishedVersion: plan.publishedVersion,
      },
      planCompleteness: plan.score,
      backupsOverdue: statuses.filter((status) => status.overdue).length,
      backupsFailing: statuses.filter((status) => status.failing).length,
      reviewOverdue: parts.reviewOverdue,
      urgentRisksOpen: urgent,
      activeIncident: parts.activeIncident,
      vendorsUnverified: vendors.length - verified.length,
      staleAt,
      refreshedAt: now,
    };
  });
  if (values.length === 0) return;
  // Rows are locked in practice order, as refreshPracticeFigures does: two refreshes of overlapping
  // practices at once then wait for each other instead of deadlocking.
  values.sort((a, b) => (a.practiceId < b.practiceId ? -1 : a.practiceId > b.practiceId ? 1 : 0));
  await ctx.tx.execute(
    sql`select 1 from practice_readiness where msp_id = ${ctx.mspId} and practice_id = any(string_to_array(${values.map((value) => value.practiceId).join(",")}, ',')::uuid[]) order by practice_id for no key update`,
  );
  await ctx.tx
    .insert(practiceReadiness)
    .values(values)
    .onConflictDoUpdate({
      target: [practiceReadiness.mspId, practiceReadiness.practiceId],
      set: {
        name: sql`excluded.name`,
        archived: sql`excluded.archived`,
        score: sql`excluded.score`,
        parts: sql`excluded.parts`,
        planCompleteness: sql`excluded.plan_completeness`,
        backupsOverdue: sql`excluded.backups_overdue`,
        backupsFailing: sql`excluded.backups_failing`,
        reviewOverdue: sql`excluded.review_overdue`,
        urgentRisksOpen: sql`excluded.urgent_risks_open`,
        activeIncident: sql`excluded.active_incident`,
        vendorsUnverified: sql`excluded.vendors_unverified`,
        staleAt: sql`excluded.stale_at`,
        refreshedAt: sql`excluded.refreshed_at`,
      },
    });
}

/** Practices whose readiness is stale (changed data or a due date passed): refreshed before they are read. */
const staleIds = (ctx: ServiceContext, now: Date) =>
  ctx.tx
    .select({ practiceId: practiceReadiness.practiceId })
    .from(practiceReadiness)
    .where(
      and(
        eq(practiceReadiness.mspId, ctx.mspId),
        scopeFilter(ctx, practiceReadiness.practiceId),
        lte(practiceReadiness.staleAt, now.toISOString()),
      ),
    );

/**
 * Refreshes those of the given practices that are still stale once their rows are locked: readers
 * that found the same practices stale at the same moment wait for the first one's refresh and use
 * it, instead of each computing it again. (Locking returns the row as the first one left it.)
 */
async function refreshStillStale(ctx: ServiceContext, practiceIds: string[], now: Date) {
  const locked = await ctx.tx.execute<{ practice_id: string; stale: boolean }>(sql`
    select practice_id, stale_at <= ${now.toISOString()}::timestamptz as stale from practice_readiness
    where msp_id = ${ctx.mspId} and practice_id = any(string_to_array(${practiceIds.join(",")}, ',')::uuid[])
    order by practice_id for no key update`);
  await refreshReadiness(
    ctx,
    locked.filter((row) => row.stale).map((row) => row.practice_id),
    now,
  );
}

const filterWhere: Record<z.infer<typeof portfolioSchema>["filter"], SQL | undefined> = {
  all: undefined,
  backups_overdue: sql`${practiceReadiness.backupsOverdue} > 0`,
  backups_failing: sql`${practiceReadiness.backupsFailing} > 0`,
  review_overdue: sql`${practiceReadiness.reviewOverdue}`,
  urgent_risks: sql`${practiceReadiness.urgentRisksOpen} > 0`,
  active_incident: sql`${practiceReadiness.activeIncident}`,
  plan_incomplete: sql`${practiceReadiness.planCompleteness} < 100`,
  vendors_unverified: sql`${practiceReadiness.vendorsUnverified} > 0`,
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The portfolio: every practice in scope with its readiness score and parts, sorted, filtered and paged. */
export async function listPortfolio(
  ctx: ServiceContext,
  input: z.infer<typeof portfolioSchema>,
  now = new Date(),
) {
  const where = and(
    eq(practiceReadiness.mspId, ctx.mspId),
    eq(practiceReadiness.archived, input.archived),
    scopeFilter(ctx, practiceReadiness.practiceId),
    filterWhere[input.filter],
    input.search ? ilike(practiceReadiness.name, `%${escapeLike(input.search)}%`) : undefined,
  );
  const order = {
    score_asc: [
      asc(practiceReadiness.score),
      asc(practiceReadiness.name),
      asc(practiceReadiness.practiceId),
    ],
    score_desc: [
      desc(practiceReadiness.score),
      asc(practiceReadiness.name),
      asc(practiceReadiness.practiceId),
    ],
    name: [asc(practiceReadiness.name), asc(practiceReadiness.practiceId)],
  }[input.sort];
  const readPage = () =>
    ctx.tx
      .select({
        practiceId: practiceReadiness.practiceId,
        name: practiceReadiness.name,
        score: practiceReadiness.score,
        parts: practiceReadiness.parts,
        backupsOverdue: practiceReadiness.backupsOverdue,
        backupsFailing: practiceReadiness.backupsFailing,
        vendorsUnverified: practiceReadiness.vendorsUnverified,
        timezone: practices.timezone,
        ehrProduct: practices.ehrProduct,
        isNewOffice: practices.isNewOffice,
        isMigrating: practices.isMigrating,
      })
      .from(practiceReadiness)
      .innerJoin(
        practices,
        and(
          eq(practices.mspId, practiceReadiness.mspId),
          eq(practices.id, practiceReadiness.practiceId),
        ),
      )
      .where(where)
      .orderBy(...order)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize);
  // The strip above the list: the active practices in scope, whatever the filter and search.
  const readSummary = () =>
    ctx.tx
      .select({
        practices: count(),
        atRisk: sql<number>`count(*) filter (where ${practiceReadiness.score} < ${AT_RISK_BELOW})::int`,
        openOutages: sql<number>`count(*) filter (where ${practiceReadiness.activeIncident})::int`,
        overdueTests: sql<number>`coalesce(sum(${practiceReadiness.backupsOverdue}), 0)::int`,
      })
      .from(practiceReadiness)
      .where(
        and(
          eq(practiceReadiness.mspId, ctx.mspId),
          eq(practiceReadiness.archived, false),
          scopeFilter(ctx, practiceReadiness.practiceId),
        ),
      );
  const read = () =>
    Promise.all([
      readPage(),
      ctx.tx.select({ value: count() }).from(practiceReadiness).where(where),
      readSummary(),
    ]);
  // The stale check and the reads go to the database together (one round trip); in the rare case
  // that a practice was stale, it is refreshed and the page read again.
  const [stale, firstRead] = await Promise.all([staleIds(ctx, now), read()]);
  let [items, [total], [summary]] = firstRead;
  if (stale.length > 0) {
    await refreshStillStale(
      ctx,
      stale.map((row) => row.practiceId),
      now,
    );
    [items, [total], [summary]] = await read();
  }
  // A practice created since the refresh above still has its placeholder row: score it now.
  const unscored = items.filter((item) => !("points" in item.parts)).map((item) => item.practiceId);
  if (unscored.length > 0) {
    await refreshReadiness(ctx, unscored, now);
    items = await readPage();
  }
  return {
    items: items.map((item) => ({
      ...item,
      parts: item.parts as ReadinessParts & {
        points: ReturnType<typeof readinessScore>["points"];
        reviewDueOn: string;
        publishedVersion: number | null;
      },
    })),
    total: total?.value ?? 0,
    summary: summary ?? { practices: 0, atRisk: 0, openOutages: 0, overdueTests: 0 },
    page: input.page,
    pageSize: input.pageSize,
  };
}
