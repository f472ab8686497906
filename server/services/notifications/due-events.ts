import "server-only";
import { addDays } from "date-fns";
import { and, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  backupTargets,
  incidents,
  notificationEvents,
  packetPrints,
  practices,
  practiceVendors,
  restoreTests,
  reviews,
  risks,
  scheduleConnections,
  systems,
  ticketEscalations,
  vendors,
  vendorTickets,
} from "@/db/schema";
import { incidentStatusLabels } from "@/server/contracts/incidents";
import { backupStatus } from "@/server/domain/backup-tests";
import { nextUpdateDue, vendorCallbackDue } from "@/server/domain/incident-timing";
import { localDate } from "@/server/domain/local-date";
import { SCHEDULE_COPY_STALE_HOURS } from "@/server/domain/readiness-score";
import { nextReviewDue, reviewCadence, reviewTiming } from "@/server/domain/review-cadence";
import { VERIFY_EVERY_DAYS } from "@/server/domain/vendor-verification";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import type { ServiceContext } from "@/server/services/context";
import { planSummaries } from "@/server/services/plans/draft";
import { recordNotificationEvent, type NotificationEventInput } from "./events";

/**
 * The events nobody's click causes: an outage's next update overdue, the vendor due a call again
 * (checked every minute, open incidents only), and the due work of every practice (checked hourly:
 * restore tests, reviews, plan review dates, risk acceptances, the printed packet, vendor contacts).
 * Each due moment is one event: its dedupe key names the thing and its due date, so running a check
 * again records nothing new, and a new due date (a later update promised, a test done and due again)
 * is a new event. The rules are the domain's (incident-timing, backup-tests, review-cadence,
 * vendor-verification) and the plan summaries', as the incident room, the practice's readiness and
 * the portfolio apply them; the data is read per MSP in a fixed number of queries, whatever the
 * number of practices. Headlines carry practice-level facts only (system, vendor and risk names,
 * dates, an outage's title), never anything from a downtime log.
 */

/** How far ahead "review due soon" and "acceptance expiring" look, in the practice's days. */
export const REVIEW_DUE_SOON_DAYS = 7;
export const ACCEPTANCE_EXPIRING_DAYS = 14;

/** MSPs to scan: all of them, or those with an open incident (standby_msps_to_scan, migration 0035). */
export async function mspsToScan(onlyOpenIncidents: boolean): Promise<string[]> {
  const rows = await getDb().execute<{ id: string }>(
    sql`select id from standby_msps_to_scan(${onlyOpenIncidents}) as id`,
  );
  return rows.map((row) => row.id);
}

/**
 * The fan-out of a scan: one job per MSP (in one transaction), each carrying the moment checked. At
 * most one job per MSP per window, so a slow run is not piled on by the next one.
 */
export async function fanOutToMsps(
  queue: "outage-timers" | "due-work" | "daily-digest" | "schedule-purge" | "monitor-rollup",
  now: Date,
  options: { onlyOpenIncidents: boolean },
): Promise<number> {
  const mspIds = await mspsToScan(options.onlyOpenIncidents);
  if (mspIds.length === 0) return 0;
  const window = queue === "outage-timers" ? 60 : 60 * 60;
  await getDb().transaction(async (tx) => {
    for (const mspId of mspIds)
      await enqueueInTransaction(
        tx,
        queue,
        { mspId, at: now.toISOString() },
        { singletonKey: mspId, singletonSeconds: window },
      );
  });
  return mspIds.length;
}

/** Records the candidates not recorded before (one query to find which those are). */
async function recordNew(ctx: ServiceContext, candidates: NotificationEventInput[]) {
  if (candidates.length === 0) return 0;
  const keys = [...new Set(candidates.map((candidate) => candidate.dedupeKey))];
  const known = new Set<string>();
  // In slices, so one statement never carries tens of thousands of parameters.
  for (let start = 0; start < keys.length; start += 5_000) {
    const rows = await ctx.tx
      .select({ key: notificationEvents.dedupeKey })
      .from(notificationEvents)
      .where(
        and(
          eq(notificationEvents.mspId, ctx.mspId),
          inArray(notificationEvents.dedupeKey, keys.slice(start, start + 5_000)),
        ),
      );
    for (const row of rows) known.add(row.key);
  }
  let recorded = 0;
  for (const candidate of candidates) {
    if (known.has(candidate.dedupeKey)) continue;
    known.add(candidate.dedupeKey);
    const { eventId } = await recordNotificationEvent(ctx, candidate);
    if (eventId) recorded += 1;
  }
  return recorded;
}

/**
 * Open incidents whose next update is overdue, and vendor tickets on open incidents whose "call the
 * vendor again" moment has passed, computed as the incident room does (server/services/incidents/read.ts).
 */
export async function recordOutageTimers(ctx: ServiceContext, now: Date) {
  const open = await ctx.tx
    .select({
      id: incidents.id,
      practiceId: incidents.practiceId,
      title: incidents.title,
      status: incidents.status,
      startedAt: incidents.startedAt,
      lastUpdateAt: incidents.lastUpdateAt,
      updateEveryMinutes: incidents.updateEveryMinutes,
    })
    .from(incidents)
    // incidents_open_idx: (msp_id, practice_id) where status not in ('resolved', 'closed').
    .where(
      and(eq(incidents.mspId, ctx.mspId), notInArray(incidents.status, ["resolved", "closed"])),
    );
  if (open.length === 0) return 0;
  const ids = open.map((incident) => incident.id);
  const [tickets, lastEscalations] = await Promise.all([
    ctx.tx
      .select({
        id: vendorTickets.id,
        incidentId: vendorTickets.incidentId,
        vendorName: vendors.name,
        ticketNumber: vendorTickets.ticketNumber,
        openedAt: vendorTickets.openedAt,
        etaAt: vendorTickets.etaAt,
      })
      .from(vendorTickets)
      .innerJoin(
        vendors,
        and(eq(vendors.mspId, vendorTickets.mspId), eq(vendors.id, vendorTickets.vendorId)),
      )
      .where(and(eq(vendorTickets.mspId, ctx.mspId), inArray(vendorTickets.incidentId, ids))),
    ctx.tx
      .select({
        ticketId: ticketEscalations.ticketId,
        escalatedAt: sql<string>`max(${ticketEscalations.escalatedAt})`,
      })
      .from(ticketEscalations)
      .innerJoin(
        vendorTickets,
        and(
          eq(vendorTickets.mspId, ticketEscalations.mspId),
          eq(vendorTickets.id, ticketEscalations.ticketId),
        ),
      )
      .where(and(eq(ticketEscalations.mspId, ctx.mspId), inArray(vendorTickets.incidentId, ids)))
      .groupBy(ticketEscalations.ticketId),
  ]);
  const lastEscalationOf = new Map(
    lastEscalations.map((row) => [row.ticketId, new Date(row.escalatedAt)]),
  );
  const byId = new Map(open.map((incident) => [incident.id, incident]));
  const candidates: NotificationEventInput[] = [];
  for (const incident of open) {
    const next = nextUpdateDue(incident, now);
    if (!next.overdue) continue;
    candidates.push({
      kind: "incident.update_overdue",
      practiceId: incident.practiceId,
      headline: `Outage update overdue since ${next.dueAt.toISOString().slice(11, 16)} UTC: ${incident.title}`,
      status: incidentStatusLabels[incident.status],
      linkPath: `/practices/${incident.practiceId}/incidents/${incident.id}`,
      dedupeKey: `incident.update_overdue:${incident.id}:${next.dueAt.toISOString()}`,
    });
  }
  for (const ticket of tickets) {
    const incident = byId.get(ticket.incidentId)!;
    // As the room shows it: the vendor's ETA, or the default wait since the last contact.
    const callback = vendorCallbackDue(
      {
        openedAt: ticket.openedAt,
        lastEscalatedAt: lastEscalationOf.get(ticket.id) ?? null,
        etaAt: ticket.etaAt,
        levelHours: null,
      },
      now,
    );
    if (!callback.overdue) continue;
    candidates.push({
      kind: "incident.vendor_call_due",
      practiceId: incident.practiceId,
      headline: `Time to call ${ticket.vendorName} again (ticket ${ticket.ticketNumber}): ${incident.title}`,
      status: incidentStatusLabels[incident.status],
      linkPath: `/practices/${incident.practiceId}/incidents/${incident.id}`,
      dedupeKey: `incident.vendor_call_due:${ticket.id}:${callback.dueAt.toISOString()}`,
    });
  }
  return recordNew(ctx, candidates);
}

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayPlus = (day: string, days: number) =>
  addDays(dayStart(day), days).toISOString().slice(0, 10);

/**
 * The due work of every unarchived practice of the MSP, each date in the practice's time zone as its
 * readiness counts it (server/services/portfolio.ts refreshReadiness, server/services/readiness.ts).
 */
export async function recordDueWork(ctx: ServiceContext, now: Date) {
  const practiceRows = await ctx.tx
    .select({
      id: practices.id,
      name: practices.name,
      timezone: practices.timezone,
      createdAt: practices.createdAt,
      isNewOffice: practices.isNewOffice,
      isMigrating: practices.isMigrating,
    })
    .from(practices)
    .where(and(eq(practices.mspId, ctx.mspId), isNull(practices.archivedAt)));
  if (practiceRows.length === 0) return 0;
  const practiceIds = practiceRows.map((practice) => practice.id);
  const verifiedSince = addDays(now, -VERIFY_EVERY_DAYS);
  const [
    plans,
    targets,
    lastTests,
    signOffs,
    lastIncidents,
    accepted,
    lastPrints,
    unverified,
    scheduleCopies,
  ] = await Promise.all([
    planSummaries(ctx, practiceIds),
    ctx.tx
      .select({
        practiceId: backupTargets.practiceId,
        systemId: backupTargets.systemId,
        systemName: systems.name,
        cadenceDays: backupTargets.cadenceDays,
        rtoMinutes: backupTargets.rtoMinutes,
        rpoMinutes: backupTargets.rpoMinutes,
        createdAt: backupTargets.createdAt,
      })
      .from(backupTargets)
      .innerJoin(
        systems,
        and(eq(systems.mspId, backupTargets.mspId), eq(systems.id, backupTargets.systemId)),
      )
      .where(eq(backupTargets.mspId, ctx.mspId)),
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
          eq(restoreTests.mspId, ctx.mspId),
          isNull(restoreTests.withdrawnAt),
          sql`${restoreTests.systemId} is not null`,
        ),
      )
      .orderBy(restoreTests.systemId, desc(restoreTests.testedAt), desc(restoreTests.createdAt)),
    ctx.tx
      .select({
        practiceId: reviews.practiceId,
        signedOffAt: sql<string | null>`max(${reviews.signedOffAt})`,
      })
      .from(reviews)
      .where(eq(reviews.mspId, ctx.mspId))
      .groupBy(reviews.practiceId),
    ctx.tx
      .select({
        practiceId: incidents.practiceId,
        startedAt: sql<string>`max(${incidents.startedAt})`,
      })
      .from(incidents)
      .where(eq(incidents.mspId, ctx.mspId))
      .groupBy(incidents.practiceId),
    ctx.tx
      .select({
        id: risks.id,
        practiceId: risks.practiceId,
        title: risks.title,
        acceptedUntil: risks.acceptedUntil,
      })
      .from(risks)
      .where(
        and(
          eq(risks.mspId, ctx.mspId),
          eq(risks.status, "accepted"),
          sql`${risks.acceptedUntil} is not null`,
        ),
      ),
    ctx.tx
      .selectDistinctOn([packetPrints.practiceId], {
        practiceId: packetPrints.practiceId,
        versionNumber: packetPrints.versionNumber,
      })
      .from(packetPrints)
      .where(eq(packetPrints.mspId, ctx.mspId))
      .orderBy(packetPrints.practiceId, desc(packetPrints.printedAt)),
    ctx.tx
      .select({
        id: practiceVendors.id,
        practiceId: practiceVendors.practiceId,
        vendorName: vendors.name,
        lastVerifiedAt: practiceVendors.lastVerifiedAt,
        createdAt: practiceVendors.createdAt,
      })
      .from(practiceVendors)
      .innerJoin(
        vendors,
        and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
      )
      .where(
        and(
          eq(practiceVendors.mspId, ctx.mspId),
          sql`(${practiceVendors.lastVerifiedAt} is null or ${practiceVendors.lastVerifiedAt} <= ${verifiedSince.toISOString()}::timestamptz)`,
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
        and(
          eq(scheduleConnections.mspId, ctx.mspId),
          sql`coalesce(${scheduleConnections.refreshedAt}, ${scheduleConnections.createdAt}) < ${new Date(now.getTime() - SCHEDULE_COPY_STALE_HOURS * 3_600_000).toISOString()}::timestamptz`,
        ),
      ),
  ]);
  const practiceOf = new Map(practiceRows.map((practice) => [practice.id, practice]));
  const testOf = new Map(lastTests.map((row) => [row.systemId!, row]));
  const signOffOf = new Map(
    signOffs.map((row) => [row.practiceId, row.signedOffAt ? new Date(row.signedOffAt) : null]),
  );
  const incidentOf = new Map(lastIncidents.map((row) => [row.practiceId, new Date(row.startedAt)]));
  const printOf = new Map(lastPrints.map((row) => [row.practiceId, row.versionNumber]));
  const todayOf = new Map(
    practiceRows.map((practice) => [practice.id, localDate(now, practice.timezone)]),
  );
  const candidates: NotificationEventInput[] = [];
  const page = (practiceId: string, tab: string) => `/practices/${practiceId}/${tab}`;

  for (const target of targets) {
    const practice = practiceOf.get(target.practiceId);
    if (!practice) continue;
    const status = backupStatus(target, testOf.get(target.systemId) ?? null, now);
    if (!status.overdue) continue;
    // Never tested: due since the target was set (as the calendar feed shows it).
    const dueOn = localDate(status.nextDueAt ?? target.createdAt, practice.timezone);
    candidates.push({
      kind: "backup.test_overdue",
      practiceId: practice.id,
      headline: `Restore test overdue: ${target.systemName} (due ${dueOn})`,
      status: "Overdue",
      linkPath: page(practice.id, "backups"),
      dedupeKey: `backup.test_overdue:${target.systemId}:${dueOn}`,
    });
  }

  for (const practice of practiceRows) {
    const today = todayOf.get(practice.id)!;
    const cadence = reviewCadence(
      {
        isNewOffice: practice.isNewOffice,
        isMigrating: practice.isMigrating,
        lastIncidentAt: incidentOf.get(practice.id) ?? null,
      },
      now,
    );
    const dueOn = localDate(
      nextReviewDue(
        { signedOffAt: signOffOf.get(practice.id) ?? null, practiceCreatedAt: practice.createdAt },
        cadence,
      ),
      practice.timezone,
    );
    const review = reviewTiming(dayStart(dueOn), dayStart(today));
    if (review.status === "overdue")
      candidates.push({
        kind: "review.overdue",
        practiceId: practice.id,
        headline: `Readiness review overdue (due ${dueOn})`,
        status: "Overdue",
        linkPath: page(practice.id, "reviews"),
        dedupeKey: `review.overdue:${practice.id}:${dueOn}`,
      });
    else if (review.daysLeft <= REVIEW_DUE_SOON_DAYS)
      candidates.push({
        kind: "review.due_soon",
        practiceId: practice.id,
        headline: `Readiness review due ${dueOn}`,
        status: "Due soon",
        linkPath: page(practice.id, "reviews"),
        dedupeKey: `review.due_soon:${practice.id}:${dueOn}`,
      });

    const plan = plans.get(practice.id);
    if (plan?.publishedVersion != null && plan.nextReviewOn !== null && plan.nextReviewOn < today)
      candidates.push({
        kind: "plan.review_overdue",
        practiceId: practice.id,
        headline: `Downtime plan (version ${plan.publishedVersion}) past its review date of ${plan.nextReviewOn}`,
        status: "Overdue",
        linkPath: page(practice.id, "plan"),
        dedupeKey: `plan.review_overdue:${practice.id}:${plan.nextReviewOn}`,
      });
    // As the plan page says: the last printed packet is of an older version than the published one.
    const printed = printOf.get(practice.id);
    if (plan?.publishedVersion != null && printed !== undefined && plan.publishedVersion > printed)
      candidates.push({
        kind: "packet.stale",
        practiceId: practice.id,
        headline: `Printed downtime packet is version ${printed}; version ${plan.publishedVersion} is published`,
        status: "Out of date",
        linkPath: page(practice.id, "plan"),
        dedupeKey: `packet.stale:${practice.id}:${plan.publishedVersion}`,
      });
  }

  // A kept schedule copy more than a day old: told once per refresh it is stuck at.
  for (const copy of scheduleCopies) {
    const practice = practiceOf.get(copy.practiceId);
    if (!practice) continue;
    const since = copy.refreshedAt ?? copy.createdAt;
    const days = Math.floor((now.getTime() - since.getTime()) / 86_400_000);
    candidates.push({
      kind: "schedule.stale",
      practiceId: practice.id,
      headline: copy.refreshedAt
        ? `Schedule copy ${days >= 2 ? `${days} days` : `${Math.floor((now.getTime() - since.getTime()) / 3_600_000)} hours`} old (last refreshed ${localDate(since, practice.timezone)})`
        : "Schedule copy never refreshed since it was set up",
      status: "Out of date",
      linkPath: page(practice.id, "schedule/settings"),
      dedupeKey: `schedule.stale:${practice.id}:${copy.refreshedAt?.toISOString() ?? "never"}`,
    });
  }

  for (const risk of accepted) {
    const today = todayOf.get(risk.practiceId);
    if (!today || !risk.acceptedUntil) continue;
    // Still accepted (an acceptance past its expiry is open again) and expiring within 14 days.
    if (risk.acceptedUntil < today || risk.acceptedUntil > dayPlus(today, ACCEPTANCE_EXPIRING_DAYS))
      continue;
    candidates.push({
      kind: "risk.acceptance_expiring",
      practiceId: risk.practiceId,
      headline: `Risk acceptance expires ${risk.acceptedUntil}: ${risk.title}`,
      status: "Accepted",
      linkPath: page(risk.practiceId, "risks"),
      dedupeKey: `risk.acceptance_expiring:${risk.id}:${risk.acceptedUntil}`,
    });
  }

  for (const link of unverified) {
    const practice = practiceOf.get(link.practiceId);
    if (!practice) continue;
    // Unverified since its last check went 90 days old, or since it was linked if never checked.
    const since = localDate(
      link.lastVerifiedAt ? addDays(link.lastVerifiedAt, VERIFY_EVERY_DAYS) : link.createdAt,
      practice.timezone,
    );
    candidates.push({
      kind: "vendors.unverified",
      practiceId: practice.id,
      headline: link.lastVerifiedAt
        ? `Vendor contacts unverified for ${VERIFY_EVERY_DAYS} days: ${link.vendorName} (last checked ${localDate(link.lastVerifiedAt, practice.timezone)})`
        : `Vendor contacts never verified: ${link.vendorName}`,
      status: "Unverified",
      linkPath: page(practice.id, "vendors"),
      dedupeKey: `vendors.unverified:${link.id}:${since}`,
    });
  }
  return recordNew(ctx, candidates);
}
