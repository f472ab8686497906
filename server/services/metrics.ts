import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import {
  outreachFiguresByQuarter,
  outreachFiguresFrom,
  type OutreachFigureRow,
  type OutreachQuarterFigures,
} from "@/server/domain/outreach-metrics";
import {
  detectionFiguresByQuarter,
  type DetectionIncident,
  type DetectionQuarterFigures,
  type DetectionSuspected,
} from "@/server/domain/detection-metrics";
import { headlineFigures } from "@/server/domain/metrics-headline";
import { lastQuarters, quarterDays, trend, type QuarterKey } from "@/server/domain/quarters";
import { VERIFY_EVERY_DAYS } from "@/server/domain/vendor-verification";
import { practiceInScope, type ServiceContext } from "./context";
import type { metricsScopeSchema } from "@/server/contracts/metrics";

/** The figures kept per practice and quarter (practice_quarter_figures) and rolled up per MSP. */
type BaseQuarterFigures = {
  quarter: QuarterKey;
  incidents: number;
  downtimeMinutes: number;
  costCents: number;
  medianMinutesToVendor: number | null;
  medianMinutesToRestore: number | null;
  topCauses: { cause: string; count: number }[];
  backupTests: number;
  backupTestsOnTime: number;
  backupTestsPassed: number;
  reviews: number;
  reviewsOnTime: number;
  urgentRisksOpen: number;
  urgentRiskMedianAgeDays: number | null;
  planCompleteness: number | null;
  plansCurrentPercent: number | null;
  vendorsVerifiedPercent: number | null;
  drillsHeld: number;
  /** Minutes of planned maintenance; incidents, downtimeMinutes and cost count unplanned outages only. */
  plannedDowntimeMinutes: number;
  maintenanceWindows: number;
  prepListsOnTime: number;
};

/** Leadership's figures for one quarter: the kept ones, the outreach counts and the monitors' figures, read live. */
export type QuarterFigures = BaseQuarterFigures & OutreachQuarterFigures & DetectionQuarterFigures;

/** The quarters a practice's figures are kept for: its last eight and the one before (time zones differ by up to a day). */
const QUARTERS_KEPT = 9;

/**
 * Leadership's figures per quarter for the last eight quarters, for one practice or every practice
 * the caller can see. Each moment is bucketed into the quarter of its practice's own calendar.
 *
 * The figures are SQL aggregates at two levels, each kept until what it is computed from changes:
 * per practice and quarter (practice_quarter_figures, recomputed when triggers or a passing moment
 * mark the practice stale) and, for the whole MSP, one roll-up of those rows (msp_quarter_figures).
 * A read recomputes what is stale first, so it never returns figures older than the data.
 */
export async function quarterlyMetrics(
  ctx: ServiceContext,
  input: z.infer<typeof metricsScopeSchema>,
  now = new Date(),
) {
  if (input.practiceId) {
    // Sent together: one round trip. The practice's time zone decides its quarters.
    const [practice, stale] = await Promise.all([
      practiceInScope(ctx, input.practiceId),
      stalePractices(ctx, now, [input.practiceId]),
    ]);
    const quarters = lastQuarters(now, practice.timezone);
    const [base, outreach, detection] = await Promise.all([
      practicesFigures(ctx, quarters, [input.practiceId], now, stale),
      outreachFigures(ctx, quarters, [input.practiceId]),
      detectionFigures(ctx, quarters, [input.practiceId], now),
    ]);
    const figures = withDetection(withOutreach(base, outreach), detection);
    return {
      quarters,
      figures,
      practiceName: practice.name,
      trends: trendsOf(figures),
      headline: headlineFigures(figures),
    };
  }
  const quarters = lastQuarters(now, "UTC");
  const ids = ctx.practiceIds === "*" ? null : [...ctx.practiceIds];
  const [base, outreach] =
    ids === null
      ? await Promise.all([
          mspWideFigures(ctx, quarters, now),
          outreachFigures(ctx, quarters, null),
        ])
      : ids.length === 0
        ? [quarters.map(emptyQuarter), outreachFiguresByQuarter(quarters, [])]
        : await Promise.all([
            practicesFigures(ctx, quarters, ids, now),
            outreachFigures(ctx, quarters, ids),
          ]);
  const detection =
    ids !== null && ids.length === 0
      ? detectionFiguresByQuarter(quarters, [], [], now)
      : await detectionFigures(ctx, quarters, ids, now);
  const figures = withDetection(withOutreach(base, outreach), detection);
  return {
    quarters,
    figures,
    practiceName: null,
    trends: trendsOf(figures),
    headline: headlineFigures(figures),
  };
}
export type QuarterlyMetrics = Awaited<ReturnType<typeof quarterlyMetrics>>;

/**
 * Patient outreach's figures per quarter for the given practices (null: every practice the caller
 * sees), counts only. Read live, in one statement, by a database function that may read the messages
 * and replies leadership may not (it checks the tenant and the caller's practices itself): see
 * standby_outreach_quarter_figures (db/migrations/0041_outreach_metrics.sql) for the definitions.
 */
async function outreachFigures(
  ctx: ServiceContext,
  quarters: QuarterKey[],
  ids: readonly string[] | null,
): Promise<OutreachQuarterFigures[]> {
  const rows = await ctx.tx.execute<OutreachFigureRow>(sql`
    select * from standby_outreach_quarter_figures(
      ${ids ? idList(ids) : sql`null::uuid[]`},
      string_to_array(${quarters.join(",")}, ','),
      ${outreachFiguresFrom(quarters[0]!).toISOString()}::timestamptz)`);
  return outreachFiguresByQuarter(quarters, rows);
}

const withOutreach = (
  base: BaseQuarterFigures[],
  outreach: OutreachQuarterFigures[],
): (BaseQuarterFigures & OutreachQuarterFigures)[] =>
  base.map((figures, index) => ({ ...figures, ...outreach[index]! }));

/**
 * The incidents behind the declared minutes and the seen-first share are the quarter's unplanned
 * outages, already counted in the base figures; the detection read brings only those at practices
 * with a suspected outage (the ones that can have been seen first), not every incident of the MSP.
 */
const withDetection = (
  base: (BaseQuarterFigures & OutreachQuarterFigures)[],
  detection: (DetectionQuarterFigures & { seenFirstIncidents: number })[],
): QuarterFigures[] =>
  base.map((figures, index) => {
    const { seenFirstIncidents, ...seen } = detection[index]!;
    return {
      ...figures,
      ...seen,
      declaredOutageMinutes: figures.downtimeMinutes,
      seenFirstPercent:
        figures.incidents === 0 ? null : Math.round((seenFirstIncidents / figures.incidents) * 100),
    };
  });

/**
 * The monitors' figures per quarter (server/domain/detection-metrics.ts has the definitions): the
 * practices' suspected outages and incidents since the first quarter shown, ids and times only,
 * read live under the caller's row-level security.
 */
async function detectionFigures(
  ctx: ServiceContext,
  quarters: QuarterKey[],
  ids: readonly string[] | null,
  now: Date,
): Promise<(DetectionQuarterFigures & { seenFirstIncidents: number })[]> {
  const from = outreachFiguresFrom(quarters[0]!).toISOString();
  // Only these two fixed column names reach sql.raw: never a value from a request.
  const inScope = (column: "s.practice_id" | "i.practice_id") =>
    ids ? sql`and ${sql.raw(column)} = any(${idList(ids)})` : sql``;
  const [suspected, incidents] = await Promise.all([
    ctx.tx.execute<{
      id: string;
      practice_id: string;
      time_zone: string;
      opened_at: string;
      recovered_at: string | null;
      ended_at: string | null;
      status: DetectionSuspected["status"];
      incident_id: string | null;
    }>(sql`
      select s.id, s.practice_id, p.timezone as time_zone, s.opened_at, s.recovered_at, s.ended_at,
             s.status, s.incident_id
        from suspected_outages s join practices p on p.msp_id = s.msp_id and p.id = s.practice_id
       where s.msp_id = ${ctx.mspId} and s.scope = 'local' and s.opened_at >= ${from}::timestamptz
             ${inScope("s.practice_id")}`),
    ctx.tx.execute<{
      id: string;
      practice_id: string;
      time_zone: string;
      started_at: string;
      declared_at: string;
      resolved_at: string | null;
    }>(sql`
      select i.id, i.practice_id, p.timezone as time_zone, i.started_at, i.created_at as declared_at,
             i.resolved_at
        from incidents i join practices p on p.msp_id = i.msp_id and p.id = i.practice_id
       where i.msp_id = ${ctx.mspId} and i.started_at >= ${from}::timestamptz and i.kind = 'unplanned'
             and i.duplicate_of_incident_id is null
             and exists (select 1 from suspected_outages s
                          where s.msp_id = i.msp_id and s.practice_id = i.practice_id and s.scope = 'local'
                            and s.opened_at >= ${from}::timestamptz - interval '1 day')
             ${inScope("i.practice_id")}`),
  ]);
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return detectionFiguresByQuarter(
    quarters,
    suspected.map((row): DetectionSuspected => ({
      id: row.id,
      practiceId: row.practice_id,
      timeZone: row.time_zone,
      openedAt: new Date(row.opened_at),
      recoveredAt: date(row.recovered_at),
      endedAt: date(row.ended_at),
      status: row.status,
      incidentId: row.incident_id,
    })),
    incidents.map((row): DetectionIncident => ({
      id: row.id,
      practiceId: row.practice_id,
      timeZone: row.time_zone,
      startedAt: new Date(row.started_at),
      declaredAt: new Date(row.declared_at),
      resolvedAt: date(row.resolved_at),
    })),
    now,
  );
}

/** One writer at a time recomputes an MSP's figures; the others wait and then read its result. */
const lockFigures = (ctx: ServiceContext) =>
  ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`standby.figures.${ctx.mspId}`}, 0))`,
  );

const idList = (ids: readonly string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;

async function stalePractices(ctx: ServiceContext, now: Date, ids: readonly string[] | null) {
  const rows = await ctx.tx.execute<{ practice_id: string }>(sql`
    select practice_id from practice_readiness
    where msp_id = ${ctx.mspId} and figures_stale_at <= ${now.toISOString()}::timestamptz ${ids ? sql`and practice_id = any(${idList(ids)})` : sql``}`);
  return rows.map((row) => row.practice_id);
}

async function practicesFigures(
  ctx: ServiceContext,
  quarters: QuarterKey[],
  ids: readonly string[],
  now: Date,
  staleAlreadyRead?: string[],
) {
  if ((staleAlreadyRead ?? (await stalePractices(ctx, now, ids))).length > 0) {
    await lockFigures(ctx);
    await refreshPracticeFigures(ctx, await stalePractices(ctx, now, ids), now);
  }
  return rollUp(ctx, quarters, ids);
}

async function mspWideFigures(
  ctx: ServiceContext,
  quarters: QuarterKey[],
  now: Date,
): Promise<BaseQuarterFigures[]> {
  const nowIso = now.toISOString();
  const readState = async () => {
    const [state] = await ctx.tx.execute<{
      figures: BaseQuarterFigures[] | null;
      fresh: boolean | null;
      practices_stale: boolean;
    }>(sql`
      select m.figures,
             m.stale_at > ${nowIso}::timestamptz and m.practices_refreshed_at = (select coalesce(max(figures_refreshed_at), '-infinity') from practice_readiness where msp_id = ${ctx.mspId}) as fresh,
             exists (select 1 from practice_readiness where msp_id = ${ctx.mspId} and figures_stale_at <= ${nowIso}::timestamptz) as practices_stale
      from (select 1) as one left join msp_quarter_figures m on m.msp_id = ${ctx.mspId}`);
    const figures = state?.figures ?? null;
    const sameQuarters =
      figures !== null &&
      figures.length === quarters.length &&
      figures.every((figure, index) => figure.quarter === quarters[index]);
    return { figures, current: sameQuarters && state!.fresh === true && !state!.practices_stale };
  };
  const state = await readState();
  if (state.current) return state.figures!;

  await lockFigures(ctx);
  const locked = await readState(); // someone else may have recomputed while this waited
  if (locked.current) return locked.figures!;
  await refreshPracticeFigures(ctx, await stalePractices(ctx, now, null), now);
  // Read before rolling up: a practice recomputed meanwhile leaves the roll-up stale, never wrongly fresh.
  const [latest] = await ctx.tx.execute<{ at: string }>(
    sql`select coalesce(max(figures_refreshed_at), '-infinity')::text as at from practice_readiness where msp_id = ${ctx.mspId}`,
  );
  const figures = await rollUp(ctx, quarters, null);
  const nextQuarter = new Date(`${quarterDays(quarters.at(-1)!).next}T00:00:00Z`).toISOString();
  await ctx.tx.execute(sql`
    insert into msp_quarter_figures (msp_id, figures, practices_refreshed_at, stale_at, refreshed_at)
    values (${ctx.mspId}, ${JSON.stringify(figures)}::jsonb, ${latest!.at}::timestamptz, ${nextQuarter}::timestamptz, ${nowIso}::timestamptz)
    on conflict (msp_id) do update set figures = excluded.figures, practices_refreshed_at = excluded.practices_refreshed_at, stale_at = excluded.stale_at, refreshed_at = excluded.refreshed_at`);
  return figures;
}

/**
 * Recomputes the given practices' rows in practice_quarter_figures from the raw records, in one
 * statement whatever their number, and when each must be recomputed next: the next quarter, the
 * next minute while an outage is open (its minutes grow), the next day an open urgent risk ages.
 */
export async function refreshPracticeFigures(
  ctx: ServiceContext,
  practiceIds: readonly string[],
  now = new Date(),
) {
  if (practiceIds.length === 0) return;
  const m = ctx.mspId;
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const grid = sql`
    scope as (select id, timezone, downtime_cost_per_minute_cents as cpm from practices where msp_id = ${m} and id = any(${idList(practiceIds)})),
    grid as (
      select s.id as practice_id, s.timezone, s.cpm, to_char(x.starts, 'YYYY-"Q"Q') as quarter,
             x.starts at time zone s.timezone as starts_at, (x.starts + interval '3 months') at time zone s.timezone as ends_at,
             -- The moment the quarter's state is read at: its end, or now for the current quarter.
             least((x.starts + interval '3 months') at time zone s.timezone, ${nowAt}) as read_at
      from scope s cross join generate_series(0, ${QUARTERS_KEPT - 1}) as k
      cross join lateral (select date_trunc('quarter', ${nowAt} at time zone s.timezone) - k * interval '3 months' as starts) as x)`;
  const verifiedFor = sql`${VERIFY_EVERY_DAYS} * interval '1 day'`;
  await ctx.tx.execute(
    sql`delete from practice_quarter_figures where msp_id = ${m} and practice_id = any(${idList(practiceIds)})`,
  );
  await ctx.tx.execute(sql`
    with ${grid},
    incident_rows as (
      select g.practice_id, g.quarter, g.cpm, i.review_cause, i.kind,
             greatest(0, floor(extract(epoch from (coalesce(i.resolved_at, i.closed_at, ${nowAt}) - i.started_at)) / 60))::int as minutes,
             -- greatest() skips nulls: an incident without a vendor ticket must stay null here.
             (select greatest(0, floor(extract(epoch from (min(t.opened_at) - i.started_at)) / 60))::int from vendor_tickets t where t.msp_id = i.msp_id and t.incident_id = i.id having count(*) > 0) as to_vendor,
             case when i.resolved_at is not null then greatest(0, floor(extract(epoch from (i.resolved_at - i.started_at)) / 60))::int end as to_restore
      -- An outage closed as a duplicate of another is the same downtime: counted once, in its main outage.
      from grid g join incidents i on i.msp_id = ${m} and i.practice_id = g.practice_id and i.started_at >= g.starts_at and i.started_at < g.ends_at
        and i.duplicate_of_incident_id is null),
    incident_figures as (
      select practice_id, quarter, count(*) filter (where kind = 'unplanned')::int as incidents,
             coalesce(sum(minutes) filter (where kind = 'unplanned'), 0)::int as minutes,
             coalesce(sum(minutes::bigint * cpm) filter (where kind = 'unplanned'), 0)::bigint as cost,
             coalesce(sum(minutes) filter (where kind = 'planned'), 0)::int as planned_minutes,
             coalesce(array_agg(to_vendor) filter (where to_vendor is not null and kind = 'unplanned'), '{}') as to_vendor,
             coalesce(array_agg(to_restore) filter (where to_restore is not null and kind = 'unplanned'), '{}') as to_restore
      from incident_rows group by practice_id, quarter),
    cause_figures as (
      select practice_id, quarter, jsonb_object_agg(cause, n) as causes
      from (select practice_id, quarter, review_cause::text as cause, count(*)::int as n from incident_rows where review_cause is not null and kind = 'unplanned' group by 1, 2, 3) c
      group by practice_id, quarter),
    test_figures as (
      select g.practice_id, g.quarter, count(*)::int as tests, count(*) filter (where t.on_time)::int as on_time, count(*) filter (where t.passed)::int as passed
      from grid g join restore_tests t on t.msp_id = ${m} and t.practice_id = g.practice_id and t.tested_at >= g.starts_at and t.tested_at < g.ends_at and t.withdrawn_at is null
      group by 1, 2),
    review_figures as (
      select g.practice_id, g.quarter, count(*)::int as reviews, count(*) filter (where (r.signed_off_at at time zone g.timezone)::date <= r.due_on)::int as on_time
      from grid g join reviews r on r.msp_id = ${m} and r.practice_id = g.practice_id and r.signed_off_at >= g.starts_at and r.signed_off_at < g.ends_at
      group by 1, 2),
    risk_figures as (
      select g.practice_id, g.quarter, count(*)::int as open, array_agg(floor(extract(epoch from (g.read_at - r.created_at)) / 86400)::int) as ages
      from grid g join risks r on r.msp_id = ${m} and r.practice_id = g.practice_id and r.severity = 'urgent'
        and r.created_at < g.read_at and (r.resolved_at is null or r.resolved_at >= g.read_at)
      group by 1, 2),
    -- Vendor links that existed at the moment read, and those verified in the 90 days before it
    -- (each verification is in the audit log; the latest is also on the link).
    vendor_figures as (
      select g.practice_id, g.quarter, count(*)::int as links,
             count(*) filter (where (v.last_verified_at > g.read_at - ${verifiedFor} and v.last_verified_at <= g.read_at)
               or exists (select 1 from audit_events a where a.msp_id = ${m} and a.entity_id = v.id and a.action = 'vendor.verify'
                          and a.created_at > g.read_at - ${verifiedFor} and a.created_at <= g.read_at))::int as verified
      from grid g join practice_vendors v on v.msp_id = ${m} and v.practice_id = g.practice_id and v.created_at < g.read_at
      group by 1, 2),
    -- Maintenance windows that started in the quarter; a prep list is on time when every item was done
    -- by its due time (an item already due when the window's time was set: by the start).
    maintenance_figures as (
      select g.practice_id, g.quarter, count(*)::int as windows,
             count(*) filter (where not exists (
               select 1 from maintenance_prep_items p where p.msp_id = w.msp_id and p.window_id = w.id
                and (p.done_at is null or p.done_at > case when p.due_at <= w.times_set_at then w.started_at else p.due_at end)))::int as on_time
      from grid g join maintenance_windows w on w.msp_id = ${m} and w.practice_id = g.practice_id
        and w.started_at >= g.starts_at and w.started_at < g.ends_at
      group by 1, 2),
    drill_figures as (
      select g.practice_id, g.quarter, count(*)::int as held
      from grid g join drills d on d.msp_id = ${m} and d.practice_id = g.practice_id and d.held_at >= g.starts_at and d.held_at < g.ends_at
      group by 1, 2)
    insert into practice_quarter_figures (msp_id, practice_id, quarter, incidents, downtime_minutes, cost_cents, minutes_to_vendor, minutes_to_restore, causes,
      backup_tests, backup_tests_on_time, backup_tests_passed, reviews, reviews_on_time, urgent_risks_open, urgent_risk_ages_days, plan_completeness, plan_current,
      vendor_links, vendors_verified, drills_held, planned_minutes, maintenance_windows, prep_lists_on_time)
    select ${m}, g.practice_id, g.quarter, coalesce(i.incidents, 0), coalesce(i.minutes, 0), coalesce(i.cost, 0), coalesce(i.to_vendor, '{}'), coalesce(i.to_restore, '{}'), coalesce(c.causes, '{}'),
           coalesce(t.tests, 0), coalesce(t.on_time, 0), coalesce(t.passed, 0), coalesce(r.reviews, 0), coalesce(r.on_time, 0), coalesce(k.open, 0), coalesce(k.ages, '{}'),
           plan.completeness_score, plan.next_review_on >= (g.read_at at time zone g.timezone)::date,
           coalesce(v.links, 0), coalesce(v.verified, 0), coalesce(d.held, 0),
           coalesce(i.planned_minutes, 0), coalesce(w.windows, 0), coalesce(w.on_time, 0)
    from grid g
    -- The plan in force at the quarter's end.
    left join lateral (
      select pv.completeness_score, pv.next_review_on from plan_versions pv
      where pv.msp_id = ${m} and pv.practice_id = g.practice_id and pv.published_at < g.ends_at order by pv.number desc limit 1) plan on true
    left join vendor_figures v using (practice_id, quarter)
    left join incident_figures i using (practice_id, quarter)
    left join cause_figures c using (practice_id, quarter)
    left join test_figures t using (practice_id, quarter)
    left join review_figures r using (practice_id, quarter)
    left join risk_figures k using (practice_id, quarter)
    left join drill_figures d using (practice_id, quarter)
    left join maintenance_figures w using (practice_id, quarter)`);
  // Locked in practice order first (an UPDATE locks in whatever order it scans), as refreshReadiness
  // does: a readiness refresh of some of these practices at the same moment waits instead of deadlocking.
  await ctx.tx.execute(
    sql`select 1 from practice_readiness where msp_id = ${m} and practice_id = any(${idList(practiceIds)}) order by practice_id for no key update`,
  );
  await ctx.tx.execute(sql`
    with ${grid}
    update practice_readiness pr set figures_refreshed_at = clock_timestamp(), figures_stale_at = least(
      (select (date_trunc('quarter', ${nowAt} at time zone s.timezone) + interval '3 months') at time zone s.timezone from scope s where s.id = pr.practice_id),
      (select ${nowAt} + interval '1 minute' from incidents i
        where i.msp_id = ${m} and i.practice_id = pr.practice_id and i.resolved_at is null and i.closed_at is null
          and i.started_at >= (select min(g.starts_at) from grid g where g.practice_id = pr.practice_id) limit 1),
      (select min(r.created_at + (floor(extract(epoch from (${nowAt} - r.created_at)) / 86400) + 1) * interval '1 day') from risks r
        where r.msp_id = ${m} and r.practice_id = pr.practice_id and r.severity = 'urgent' and r.resolved_at is null and r.created_at < ${nowAt}),
      (select min(v.last_verified_at + ${verifiedFor}) from practice_vendors v
        where v.msp_id = ${m} and v.practice_id = pr.practice_id and v.last_verified_at + ${verifiedFor} > ${nowAt}),
      (select ((p.next_review_on + 1)::timestamp at time zone s.timezone) from scope s cross join lateral (
          select pv.next_review_on from plan_versions pv where pv.msp_id = ${m} and pv.practice_id = s.id order by pv.number desc limit 1) p
        where s.id = pr.practice_id and (p.next_review_on + 1)::timestamp at time zone s.timezone > ${nowAt}))
    where pr.msp_id = ${m} and pr.practice_id = any(${idList(practiceIds)})`);
}

/** The figures per quarter summed over the given practices (or the whole MSP) from practice_quarter_figures. */
async function rollUp(
  ctx: ServiceContext,
  quarters: QuarterKey[],
  ids: readonly string[] | null,
): Promise<BaseQuarterFigures[]> {
  const rows = await ctx.tx.execute<{
    quarter: string;
    incidents: number;
    minutes: number;
    cost: string;
    tests: number;
    tests_on_time: number;
    tests_passed: number;
    reviews: number;
    reviews_on_time: number;
    urgent_open: number;
    completeness: number | null;
    plans_current: number | null;
    vendors_verified: number | null;
    drills: number;
    planned_minutes: number;
    windows: number;
    prep_on_time: number;
    to_vendor: number | null;
    to_restore: number | null;
    age: number | null;
    causes: { cause: string; count: number }[] | null;
  }>(sql`
    with f as (
      select * from practice_quarter_figures
      where msp_id = ${ctx.mspId} and quarter in (${sql.join(
        quarters.map((quarter) => sql`${quarter}`),
        sql`, `,
      )}) ${ids ? sql`and practice_id = any(${idList(ids)})` : sql``}),
    sums as (
      select quarter, sum(incidents)::int as incidents, sum(downtime_minutes)::int as minutes, sum(cost_cents)::bigint as cost,
             sum(backup_tests)::int as tests, sum(backup_tests_on_time)::int as tests_on_time, sum(backup_tests_passed)::int as tests_passed,
             sum(reviews)::int as reviews, sum(reviews_on_time)::int as reviews_on_time, sum(urgent_risks_open)::int as urgent_open,
             round(avg(plan_completeness))::int as completeness,
             round(100.0 * count(*) filter (where plan_current) / nullif(count(plan_current), 0))::int as plans_current,
             round(100.0 * sum(vendors_verified) / nullif(sum(vendor_links), 0))::int as vendors_verified,
             sum(drills_held)::int as drills, sum(planned_minutes)::int as planned_minutes,
             sum(maintenance_windows)::int as windows, sum(prep_lists_on_time)::int as prep_on_time
      from f group by quarter),
    medians as (
      select quarter,
             percentile_cont(0.5) within group (order by value) filter (where kind = 'vendor') as to_vendor,
             percentile_cont(0.5) within group (order by value) filter (where kind = 'restore') as to_restore,
             percentile_cont(0.5) within group (order by value) filter (where kind = 'age') as age
      from (
        select quarter, 'vendor' as kind, unnest(minutes_to_vendor) as value from f
        union all select quarter, 'restore', unnest(minutes_to_restore) from f
        union all select quarter, 'age', unnest(urgent_risk_ages_days) from f) v
      group by quarter),
    causes as (
      select quarter, jsonb_agg(jsonb_build_object('cause', cause, 'count', n)) as causes
      from (select quarter, key as cause, sum(value::int)::int as n from f, jsonb_each_text(f.causes) group by 1, 2) c
      group by quarter)
    select * from sums left join medians using (quarter) left join causes using (quarter)`);
  const byQuarter = new Map(rows.map((row) => [row.quarter, row]));
  const rounded = (value: number | null | undefined) =>
    value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
  return quarters.map((quarter) => {
    const row = byQuarter.get(quarter);
    if (!row) return emptyQuarter(quarter);
    return {
      quarter,
      incidents: row.incidents,
      downtimeMinutes: row.minutes,
      costCents: Number(row.cost),
      medianMinutesToVendor: rounded(row.to_vendor),
      medianMinutesToRestore: rounded(row.to_restore),
      topCauses: (row.causes ?? [])
        .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause))
        .slice(0, 3),
      backupTests: row.tests,
      backupTestsOnTime: row.tests_on_time,
      backupTestsPassed: row.tests_passed,
      reviews: row.reviews,
      reviewsOnTime: row.reviews_on_time,
      urgentRisksOpen: row.urgent_open,
      urgentRiskMedianAgeDays: rounded(row.age),
      planCompleteness: row.completeness,
      plansCurrentPercent: row.plans_current,
      vendorsVerifiedPercent: row.vendors_verified,
      drillsHeld: row.drills,
      plannedDowntimeMinutes: row.planned_minutes,
      maintenanceWindows: row.windows,
      prepListsOnTime: row.prep_on_time,
    };
  });
}

function emptyQuarter(quarter: QuarterKey): BaseQuarterFigures {
  return {
    quarter,
    incidents: 0,
    downtimeMinutes: 0,
    costCents: 0,
    medianMinutesToVendor: null,
    medianMinutesToRestore: null,
    topCauses: [],
    backupTests: 0,
    backupTestsOnTime: 0,
    backupTestsPassed: 0,
    reviews: 0,
    reviewsOnTime: 0,
    urgentRisksOpen: 0,
    urgentRiskMedianAgeDays: null,
    planCompleteness: null,
    plansCurrentPercent: null,
    vendorsVerifiedPercent: null,
    drillsHeld: 0,
    plannedDowntimeMinutes: 0,
    maintenanceWindows: 0,
    prepListsOnTime: 0,
  };
}

/** The latest quarter against the one before it, figure by figure. */
function trendsOf(figures: QuarterFigures[]) {
  const current = figures.at(-1)!;
  const previous = figures.at(-2) ?? null;
  const keys = [
    "incidents",
    "downtimeMinutes",
    "costCents",
    "medianMinutesToVendor",
    "medianMinutesToRestore",
    "backupTests",
    "backupTestsOnTime",
    "backupTestsPassed",
    "reviews",
    "reviewsOnTime",
    "urgentRisksOpen",
    "urgentRiskMedianAgeDays",
    "planCompleteness",
    "plansCurrentPercent",
    "vendorsVerifiedPercent",
    "drillsHeld",
    "patientsNotifiedDuringOutages",
    "cancellationsByReply",
    "outagesWithOutreach",
    "medianMinutesToFirstMessage",
    "plannedDowntimeMinutes",
    "maintenanceWindows",
    "prepListsOnTime",
    "detectedOutageMinutes",
    "declaredOutageMinutes",
    "medianMinutesDetectionToDeclaration",
    "seenFirstPercent",
  ] as const;
  return Object.fromEntries(
    keys.map((key) => [key, trend(current[key], previous ? previous[key] : null)]),
  ) as Record<(typeof keys)[number], ReturnType<typeof trend>>;
}
