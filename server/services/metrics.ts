import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { lastQuarters, quarterDays, trend, type QuarterKey } from "@/server/domain/quarters";
import { practiceInScope, type ServiceContext } from "./context";
import type { metricsScopeSchema } from "./metric-schemas";

export * from "./metric-schemas";

export type QuarterFigures = {
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
  drillsHeld: number;
};

const quarterOf = (column: SqlFragment) => sql`to_char(date_trunc('quarter', ${column} at time zone s.timezone), 'YYYY-"Q"Q')`;
type SqlFragment = ReturnType<typeof sql>;

/**
 * Leadership's figures per quarter for the last eight quarters, for one practice or every practice
 * the caller can see. Every figure is one SQL aggregate; each moment is bucketed into the quarter
 * of its practice's own calendar.
 */
export async function quarterlyMetrics(ctx: ServiceContext, input: z.infer<typeof metricsScopeSchema>, now = new Date()) {
  const practice = input.practiceId ? await practiceInScope(ctx, input.practiceId) : null;
  const quarters = lastQuarters(now, practice?.timezone ?? "UTC");
  // A day early, so every time zone's first day of the earliest quarter is inside the range.
  const from = new Date(new Date(`${quarterDays(quarters[0]!).first}T00:00:00Z`).getTime() - 86_400_000);
  const [nowIso, fromIso] = [now.toISOString(), from.toISOString()];
  const ids = input.practiceId ? [input.practiceId] : ctx.practiceIds === "*" ? null : [...ctx.practiceIds];
  const scope = sql`select id, timezone, downtime_cost_per_minute_cents as cpm from practices
    where msp_id = ${ctx.mspId} ${ids ? sql`and id in ${sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`}` : sql``}`;
  if (ids && ids.length === 0) {
    const figures = quarters.map(emptyQuarter);
    return { quarters, figures, practiceName: null, trends: trendsOf(figures) };
  }

  const quarterEnds = sql`(select q.key, (q.next::timestamp at time zone s.timezone) as ends_at, s.id as practice_id
    from scope s cross join (values ${sql.join(quarters.map((key) => sql`(${key}, ${quarterDays(key).next}::date)`), sql`, `)}) as q(key, next))`;

  const [incidentRows, causeRows, backupRows, reviewRows, riskRows, planRows, drillRows] = await Promise.all([
    ctx.tx.execute<{ q: string; incidents: number; minutes: number; cost: string; vendor: number | null; restore: number | null }>(sql`
      with scope as (${scope})
      select q, count(*)::int as incidents, coalesce(sum(minutes), 0)::int as minutes, coalesce(sum(minutes * cpm), 0)::bigint as cost,
             percentile_cont(0.5) within group (order by to_vendor) as vendor, percentile_cont(0.5) within group (order by to_restore) as restore
      from (
        select ${quarterOf(sql`i.started_at`)} as q, s.cpm,
               greatest(0, floor(extract(epoch from (coalesce(i.resolved_at, i.closed_at, ${nowIso}::timestamptz) - i.started_at)) / 60)) as minutes,
               -- greatest() skips nulls: an incident without a vendor ticket must stay null here.
               (select greatest(0, floor(extract(epoch from (min(t.opened_at) - i.started_at)) / 60)) from vendor_tickets t where t.msp_id = i.msp_id and t.incident_id = i.id having count(*) > 0) as to_vendor,
               case when i.resolved_at is not null then greatest(0, floor(extract(epoch from (i.resolved_at - i.started_at)) / 60)) end as to_restore
        from incidents i join scope s on s.id = i.practice_id
        where i.msp_id = ${ctx.mspId} and i.started_at >= ${fromIso}::timestamptz
      ) x group by q`),
    ctx.tx.execute<{ q: string; cause: string; n: number }>(sql`
      with scope as (${scope})
      select ${quarterOf(sql`i.started_at`)} as q, i.review_cause::text as cause, count(*)::int as n
      from incidents i join scope s on s.id = i.practice_id
      where i.msp_id = ${ctx.mspId} and i.started_at >= ${fromIso}::timestamptz and i.review_cause is not null
      group by 1, 2`),
    ctx.tx.execute<{ q: string; tests: number; on_time: number; passed: number }>(sql`
      with scope as (${scope})
      select ${quarterOf(sql`t.tested_at`)} as q, count(*)::int as tests, count(*) filter (where t.on_time)::int as on_time, count(*) filter (where t.passed)::int as passed
      from restore_tests t join scope s on s.id = t.practice_id
      where t.msp_id = ${ctx.mspId} and t.tested_at >= ${fromIso}::timestamptz and t.withdrawn_at is null
      group by 1`),
    ctx.tx.execute<{ q: string; reviews: number; on_time: number }>(sql`
      with scope as (${scope})
      select ${quarterOf(sql`r.signed_off_at`)} as q, count(*)::int as reviews,
             count(*) filter (where (r.signed_off_at at time zone s.timezone)::date <= r.due_on)::int as on_time
      from reviews r join scope s on s.id = r.practice_id
      where r.msp_id = ${ctx.mspId} and r.signed_off_at >= ${fromIso}::timestamptz
      group by 1`),
    ctx.tx.execute<{ q: string; open: number; age: number | null }>(sql`
      with scope as (${scope}), ends as ${quarterEnds}
      select e.key as q, count(r.id)::int as open, percentile_cont(0.5) within group (order by floor(extract(epoch from (least(e.ends_at, ${nowIso}::timestamptz) - r.created_at)) / 86400)) as age
      from ends e
      left join risks r on r.msp_id = ${ctx.mspId} and r.practice_id = e.practice_id and r.severity = 'urgent'
        and r.created_at < least(e.ends_at, ${nowIso}::timestamptz) and (r.resolved_at is null or r.resolved_at >= least(e.ends_at, ${nowIso}::timestamptz))
      group by e.key`),
    ctx.tx.execute<{ q: string; completeness: number | null }>(sql`
      with scope as (${scope}), ends as ${quarterEnds}
      select e.key as q, round(avg(v.completeness_score))::int as completeness
      from ends e
      left join lateral (
        select pv.completeness_score from plan_versions pv
        where pv.msp_id = ${ctx.mspId} and pv.practice_id = e.practice_id and pv.published_at < e.ends_at
        order by pv.number desc limit 1
      ) v on true
      group by e.key`),
    ctx.tx.execute<{ q: string; held: number }>(sql`
      with scope as (${scope})
      select ${quarterOf(sql`d.held_at`)} as q, count(*)::int as held
      from drills d join scope s on s.id = d.practice_id
      where d.msp_id = ${ctx.mspId} and d.held_at >= ${fromIso}::timestamptz
      group by 1`),
  ]);

  const byQuarter = <T extends { q: string }>(rows: T[]) => new Map(rows.map((row) => [row.q, row]));
  const incidentsBy = byQuarter(incidentRows);
  const backupsBy = byQuarter(backupRows);
  const reviewsBy = byQuarter(reviewRows);
  const risksBy = byQuarter(riskRows);
  const plansBy = byQuarter(planRows);
  const drillsBy = byQuarter(drillRows);
  const rounded = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

  const figures: QuarterFigures[] = quarters.map((quarter) => {
    const incidents = incidentsBy.get(quarter);
    return {
      quarter,
      incidents: incidents?.incidents ?? 0,
      downtimeMinutes: incidents?.minutes ?? 0,
      costCents: Number(incidents?.cost ?? 0),
      medianMinutesToVendor: rounded(incidents?.vendor),
      medianMinutesToRestore: rounded(incidents?.restore),
      topCauses: causeRows
        .filter((row) => row.q === quarter)
        .sort((a, b) => b.n - a.n || a.cause.localeCompare(b.cause))
        .slice(0, 3)
        .map((row) => ({ cause: row.cause, count: row.n })),
      backupTests: backupsBy.get(quarter)?.tests ?? 0,
      backupTestsOnTime: backupsBy.get(quarter)?.on_time ?? 0,
      backupTestsPassed: backupsBy.get(quarter)?.passed ?? 0,
      reviews: reviewsBy.get(quarter)?.reviews ?? 0,
      reviewsOnTime: reviewsBy.get(quarter)?.on_time ?? 0,
      urgentRisksOpen: risksBy.get(quarter)?.open ?? 0,
      urgentRiskMedianAgeDays: rounded(risksBy.get(quarter)?.age),
      planCompleteness: plansBy.get(quarter)?.completeness ?? null,
      drillsHeld: drillsBy.get(quarter)?.held ?? 0,
    };
  });
  return { quarters, figures, practiceName: practice?.name ?? null, trends: trendsOf(figures) };
}
export type QuarterlyMetrics = Awaited<ReturnType<typeof quarterlyMetrics>>;

function emptyQuarter(quarter: QuarterKey): QuarterFigures {
  return { quarter, incidents: 0, downtimeMinutes: 0, costCents: 0, medianMinutesToVendor: null, medianMinutesToRestore: null, topCauses: [], backupTests: 0, backupTestsOnTime: 0, backupTestsPassed: 0, reviews: 0, reviewsOnTime: 0, urgentRisksOpen: 0, urgentRiskMedianAgeDays: null, planCompleteness: null, drillsHeld: 0 };
}

/** The latest quarter against the one before it, figure by figure. */
function trendsOf(figures: QuarterFigures[]) {
  const current = figures.at(-1)!;
  const previous = figures.at(-2) ?? null;
  const keys = ["incidents", "downtimeMinutes", "costCents", "medianMinutesToVendor", "medianMinutesToRestore", "backupTests", "backupTestsOnTime", "backupTestsPassed", "reviews", "reviewsOnTime", "urgentRisksOpen", "urgentRiskMedianAgeDays", "planCompleteness", "drillsHeld"] as const;
  return Object.fromEntries(keys.map((key) => [key, trend(current[key], previous ? previous[key] : null)])) as Record<(typeof keys)[number], ReturnType<typeof trend>>;
}
