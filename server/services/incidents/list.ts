/** Lists of incidents: the filtered, paged list and the active-incident banner. */
import "server-only";
import { and, count, desc, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { incidents, incidentSystems, practices, systems, vendorTickets } from "@/db/schema";
import { outageCost } from "@/server/domain/incident-timing";
import { practiceInScope, type ServiceContext } from "@/server/services/context";
import type { listIncidentsSchema } from "@/server/contracts/incidents";

export async function listIncidents(
  ctx: ServiceContext,
  input: z.infer<typeof listIncidentsSchema>,
  now = new Date(),
) {
  if (input.practiceId) await practiceInScope(ctx, input.practiceId);
  const statusFilter = {
    open: notInArray(incidents.status, ["resolved", "closed"]),
    resolved: eq(incidents.status, "resolved"),
    closed: eq(incidents.status, "closed"),
    all: undefined,
  }[input.status];
  const vendorFilter = input.vendorId
    ? or(
        sql`exists (select 1 from ${incidentSystems} s_i
          join ${systems} s on s.msp_id = s_i.msp_id and s.id = s_i.system_id
          where s_i.msp_id = ${incidents.mspId} and s_i.incident_id = ${incidents.id}
            and s.vendor_id = ${input.vendorId})`,
        sql`exists (select 1 from ${vendorTickets} t
          where t.msp_id = ${incidents.mspId} and t.incident_id = ${incidents.id} and t.vendor_id = ${input.vendorId})`,
      )
    : undefined;
  const where = and(
    eq(incidents.mspId, ctx.mspId),
    ctx.practiceIds === "*" ? undefined : inArray(incidents.practiceId, [...ctx.practiceIds]),
    input.practiceId ? eq(incidents.practiceId, input.practiceId) : undefined,
    statusFilter,
    vendorFilter,
    // Days in each practice's own calendar, as the list shows them.
    input.from
      ? sql`(${incidents.startedAt} at time zone ${practices.timezone})::date >= ${input.from}::date`
      : undefined,
    input.to
      ? sql`(${incidents.startedAt} at time zone ${practices.timezone})::date <= ${input.to}::date`
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.tx
      .select({
        id: incidents.id,
        practiceId: incidents.practiceId,
        practiceName: practices.name,
        timezone: practices.timezone,
        costPerMinuteCents: practices.downtimeCostPerMinuteCents,
        title: incidents.title,
        severity: incidents.severity,
        status: incidents.status,
        scope: incidents.scope,
        patientCareInterrupted: incidents.patientCareInterrupted,
        startedAt: incidents.startedAt,
        resolvedAt: incidents.resolvedAt,
        closedAt: incidents.closedAt,
        groupId: incidents.groupId,
        reviewCause: incidents.reviewCause,
      })
      .from(incidents)
      .innerJoin(
        practices,
        and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)),
      )
      .where(where)
      .orderBy(desc(incidents.startedAt), desc(incidents.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx
      .select({ value: count() })
      .from(incidents)
      .innerJoin(
        practices,
        and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)),
      )
      .where(where),
  ]);
  return {
    items: rows.map(({ costPerMinuteCents, ...row }) => ({
      ...row,
      ...outageCost(
        { startedAt: row.startedAt, endedAt: row.resolvedAt ?? row.closedAt, costPerMinuteCents },
        now,
      ),
    })),
    total: total?.value ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Open outages the caller can see: the red banner on every page. */
export async function activeIncidents(ctx: ServiceContext) {
  return ctx.tx
    .select({
      id: incidents.id,
      practiceId: incidents.practiceId,
      practiceName: practices.name,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      startedAt: incidents.startedAt,
    })
    .from(incidents)
    .innerJoin(
      practices,
      and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)),
    )
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        ctx.practiceIds === "*" ? undefined : inArray(incidents.practiceId, [...ctx.practiceIds]),
        notInArray(incidents.status, ["resolved", "closed"]),
      ),
    )
    .orderBy(desc(incidents.startedAt))
    .limit(20);
}
