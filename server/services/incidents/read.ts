/** Reading an incident: the incident room's view and its timeline. */
import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import {
  incidentEvents,
  incidents,
  incidentSystems,
  practices,
  practiceVendors,
  reconciliationItems,
  ticketEscalations,
  vendors,
  vendorTickets,
} from "@/db/schema";
import { stoppedBy } from "@/server/domain/dependency-graph";
import { minutesToFirstVendorContact } from "@/server/domain/incident-metrics";
import { suggestScope, type TriageInput } from "@/server/domain/incident-scope";
import { isOpenStatus, nextStatuses } from "@/server/domain/incident-status";
import { chooseVendorToCall, numberToCall } from "@/server/domain/vendor-to-call";
import {
  nextUpdateDue,
  outageCost,
  outageTier,
  vendorCallbackDue,
} from "@/server/domain/incident-timing";
import { NotFoundError } from "@/server/errors";
import { practiceInScope, practiceVisible, type ServiceContext } from "@/server/services/context";
import { loadGraph } from "@/server/services/dependencies";
import { planInForce } from "@/server/services/plans/versions";
import { type IncidentRef, loadIncident } from "@/server/services/incidents/core";
import { closingBlockers } from "@/server/services/incidents/close";
import { markSummary } from "@/server/services/schedule/continuity";
import { duplicateLinks } from "@/server/services/incidents/duplicates";

export async function getIncident(ctx: ServiceContext, ref: IncidentRef, now = new Date()) {
  const practice = await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  const [
    [costRow],
    downRows,
    { systems: mapSystems, graph },
    tickets,
    escalations,
    items,
    closing,
    plan,
    linked,
    duplicates,
    practiceVendorRows,
  ] = await Promise.all([
    ctx.tx
      .select({ costPerMinuteCents: practices.downtimeCostPerMinuteCents })
      .from(practices)
      .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, ref.practiceId))),
    ctx.tx
      .select({ systemId: incidentSystems.systemId, systemName: incidentSystems.systemName })
      .from(incidentSystems)
      .where(
        and(eq(incidentSystems.mspId, ctx.mspId), eq(incidentSystems.incidentId, incident.id)),
      ),
    loadGraph(ctx, ref.practiceId),
    ctx.tx
      .select({
        id: vendorTickets.id,
        vendorId: vendorTickets.vendorId,
        vendorName: vendors.name,
        ticketNumber: vendorTickets.ticketNumber,
        openedAt: vendorTickets.openedAt,
        etaAt: vendorTickets.etaAt,
        createdByName: vendorTickets.createdByName,
        shared: sql<boolean>`${vendorTickets.sharedKey} <> ${vendorTickets.id}`,
      })
      .from(vendorTickets)
      .innerJoin(
        vendors,
        and(eq(vendors.mspId, vendorTickets.mspId), eq(vendors.id, vendorTickets.vendorId)),
      )
      .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.incidentId, incident.id)))
      .orderBy(asc(vendorTickets.openedAt)),
    ctx.tx
      .select({
        id: ticketEscalations.id,
        ticketId: ticketEscalations.ticketId,
        level: ticketEscalations.level,
        contactName: ticketEscalations.contactName,
        escalatedByName: ticketEscalations.escalatedByName,
        escalatedAt: ticketEscalations.escalatedAt,
      })
      .from(ticketEscalations)
      .innerJoin(
        vendorTickets,
        and(
          eq(vendorTickets.mspId, ticketEscalations.mspId),
          eq(vendorTickets.id, ticketEscalations.ticketId),
        ),
      )
      .where(and(eq(ticketEscalations.mspId, ctx.mspId), eq(vendorTickets.incidentId, incident.id)))
      .orderBy(asc(ticketEscalations.escalatedAt)),
    ctx.tx
      .select({
        id: reconciliationItems.id,
        label: reconciliationItems.label,
        checkedAt: reconciliationItems.checkedAt,
        checkedByName: reconciliationItems.checkedByName,
      })
      .from(reconciliationItems)
      .where(
        and(
          eq(reconciliationItems.mspId, ctx.mspId),
          eq(reconciliationItems.incidentId, incident.id),
        ),
      )
      .orderBy(asc(reconciliationItems.position)),
    closingBlockers(ctx, incident.id),
    planInForce(ctx, ref.practiceId),
    incident.groupId
      ? ctx.tx
          .select({
            id: incidents.id,
            practiceId: incidents.practiceId,
            practiceName: practices.name,
            title: incidents.title,
            status: incidents.status,
          })
          .from(incidents)
          .innerJoin(
            practices,
            and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)),
          )
          .where(
            and(
              eq(incidents.mspId, ctx.mspId),
              eq(incidents.groupId, incident.groupId),
              sql`${incidents.id} <> ${incident.id}`,
            ),
          )
          .orderBy(asc(practices.name))
      : Promise.resolve([]),
    duplicateLinks(ctx, incident),
    ctx.tx
      .select({
        vendorId: vendors.id,
        name: vendors.name,
        category: vendors.category,
        supportPhone: vendors.supportPhone,
        accountNumber: practiceVendors.accountNumber,
        ladder: practiceVendors.ladder,
      })
      .from(practiceVendors)
      .innerJoin(
        vendors,
        and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
      )
      .where(
        and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, ref.practiceId)),
      )
      .orderBy(asc(vendors.name)),
  ]);
  const downIds = downRows.flatMap((row) => (row.systemId ? [row.systemId] : []));
  const stopped = stoppedBy(graph, downIds);
  const nameOf = new Map(mapSystems.map((system) => [system.id, system]));
  const endedAt = incident.resolvedAt ?? incident.closedAt;
  const cost = outageCost(
    {
      startedAt: incident.startedAt,
      endedAt,
      costPerMinuteCents: costRow?.costPerMinuteCents ?? 0,
    },
    now,
  );
  const ladders = new Map(practiceVendorRows.map((row) => [row.vendorId, row.ladder]));
  const ticketViews = tickets.map((ticket) => {
    const ticketEscalationsList = escalations.filter(
      (escalation) => escalation.ticketId === ticket.id,
    );
    const last = ticketEscalationsList.at(-1) ?? null;
    return {
      ...ticket,
      escalations: ticketEscalationsList,
      ladder: ladders.get(ticket.vendorId) ?? [],
      callAgain: isOpenStatus(incident.status)
        ? vendorCallbackDue(
            {
              openedAt: ticket.openedAt,
              lastEscalatedAt: last?.escalatedAt ?? null,
              etaAt: ticket.etaAt,
              levelHours: null,
            },
            now,
          )
        : null,
    };
  });
  const contactTimes = [
    ...tickets.map((ticket) => ticket.openedAt),
    ...escalations.map((escalation) => escalation.escalatedAt),
  ];
  const vendorToCall = await callableVendor(ctx, {
    tickets: ticketViews.map((ticket) => ({
      vendorId: ticket.vendorId,
      openedAt: ticket.openedAt,
      levelReached: ticket.escalations.at(-1)?.level ?? 0,
    })),
    down: downIds.flatMap((id) => {
      const system = nameOf.get(id);
      return system ? [{ vendorId: system.vendorId, criticality: system.criticality }] : [];
    }),
    ehrSystems: mapSystems.filter((system) => system.category === "ehr"),
    linkedVendors: practiceVendorRows,
  });
  const tier = outageTier(cost.minutes, plan.content.tiers.shortOutageMaxMinutes);
  return {
    practice: {
      id: practice.id,
      name: practice.name,
      timezone: practice.timezone,
      archived: Boolean(practice.archivedAt),
    },
    incident,
    // A system removed from the map since keeps the name it had when the incident was declared (id null).
    down: downRows.map(({ systemId: id, systemName }) => ({
      id,
      name: (id && nameOf.get(id)?.name) || systemName,
      criticality: (id && nameOf.get(id)?.criticality) || "minor",
    })),
    affected: [...stopped]
      .filter((id) => !downIds.includes(id))
      .map((id) => ({
        id,
        name: nameOf.get(id)?.name ?? "",
        criticality: nameOf.get(id)?.criticality ?? "minor",
      })),
    mapSystems: mapSystems.map((system) => ({
      id: system.id,
      name: system.name,
      vendorId: system.vendorId,
    })),
    tickets: ticketViews,
    /** Whom "Call the vendor" dials: null when the practice has no vendor to call yet; phone "" when it has no number. */
    vendorToCall,
    reconciliation: items,
    log: {
      total: closing.log.length,
      entered: closing.log.filter((entry) => entry.enteredAt).length,
      verified: closing.log.filter((entry) => entry.verifiedAt).length,
    },
    /** The front desk's marks on the continuity schedule: counts and the reconciliation line, no patient data. */
    scheduleMarks: markSummary(closing.scheduleMarks),
    closeBlockers: closing.blockers,
    nextStatuses: nextStatuses(incident.status),
    minutes: cost.minutes,
    costCents: cost.costCents,
    costPerMinuteCents: costRow?.costPerMinuteCents ?? 0,
    minutesToFirstVendorContact: minutesToFirstVendorContact(incident.startedAt, contactTimes),
    nextUpdate: isOpenStatus(incident.status)
      ? nextUpdateDue(
          {
            startedAt: incident.startedAt,
            lastUpdateAt: incident.lastUpdateAt,
            updateEveryMinutes: incident.updateEveryMinutes,
          },
          now,
        )
      : null,
    tier,
    plan: {
      publishedVersion: plan.publishedVersion,
      shortOutageMaxMinutes: plan.content.tiers.shortOutageMaxMinutes,
      tierPlan: tier === "long" ? plan.content.tiers.longTier : plan.content.tiers.shortTier,
      triageSteps: plan.content.triage.steps.map((step) => step.text),
      outageOwner: plan.content.outageOwner.owner,
    },
    triageSuggestion: incident.triage
      ? suggestScope(incident.triage as unknown as TriageInput)
      : null,
    linked,
    /** Closed as a duplicate of this main outage (same practice), and the outages merged into this one. */
    duplicateOf: duplicates.duplicateOf,
    duplicates: duplicates.duplicates,
    now,
  };
}

export type IncidentView = Awaited<ReturnType<typeof getIncident>>;

type LinkedVendor = {
  vendorId: string;
  name: string;
  category: string;
  supportPhone: string;
  accountNumber: string;
  ladder: { name: string; phone: string }[];
};

/**
 * The vendor the outage waits on, with the number to dial and the practice's account number: a
 * vendor the practice has not linked (a catalog vendor on a ticket) is read from the catalog.
 */
async function callableVendor(
  ctx: ServiceContext,
  input: Omit<Parameters<typeof chooseVendorToCall>[0], "ehrVendors"> & {
    linkedVendors: readonly LinkedVendor[];
  },
) {
  const choice = chooseVendorToCall({
    ...input,
    ehrVendors: input.linkedVendors.filter((vendor) => vendor.category === "ehr"),
  });
  if (!choice) return null;
  const linked = input.linkedVendors.find((vendor) => vendor.vendorId === choice.vendorId);
  const [catalog] = linked
    ? [null]
    : await ctx.tx
        .select({ name: vendors.name, supportPhone: vendors.supportPhone })
        .from(vendors)
        .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, choice.vendorId)));
  const vendor = linked ?? (catalog ? { ...catalog, accountNumber: "", ladder: [] } : null);
  if (!vendor) return null;
  const { phone, contactName } = numberToCall(vendor, choice.level);
  return {
    vendorId: choice.vendorId,
    name: vendor.name,
    phone,
    contactName,
    accountNumber: vendor.accountNumber,
    why: choice.why,
  };
}

/** Timeline entries after a sequence number, in order: the first read and every live catch-up. */
export async function listTimeline(
  ctx: ServiceContext,
  input: IncidentRef & { after: number },
  limit = 500,
) {
  if (!practiceVisible(ctx, input.practiceId)) throw new NotFoundError("Practice");
  // One query: the incident (so an unknown one is NOT_FOUND) with the page of its entries after `after`.
  const rows = await ctx.tx
    .select({
      seq: incidentEvents.seq,
      kind: incidentEvents.kind,
      body: incidentEvents.body,
      detail: incidentEvents.detail,
      authorName: incidentEvents.authorName,
      at: incidentEvents.at,
      writtenAt: incidentEvents.writtenAt,
      sharedKey: incidentEvents.sharedKey,
    })
    .from(incidents)
    .leftJoin(
      incidentEvents,
      and(
        eq(incidentEvents.mspId, incidents.mspId),
        eq(incidentEvents.incidentId, incidents.id),
        gt(incidentEvents.seq, input.after),
      ),
    )
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, input.practiceId),
        eq(incidents.id, input.incidentId),
      ),
    )
    .orderBy(asc(incidentEvents.seq))
    .limit(limit);
  if (rows.length === 0) throw new NotFoundError("Incident");
  return rows.flatMap(({ seq, kind, body, detail, authorName, at, writtenAt, sharedKey }) =>
    seq === null ||
    kind === null ||
    body === null ||
    detail === null ||
    authorName === null ||
    at === null
      ? []
      : [{ seq, kind, body, detail, authorName, at, writtenAt, shared: sharedKey !== null }],
  );
}

export type TimelineEntry = Awaited<ReturnType<typeof listTimeline>>[number];
