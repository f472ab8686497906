import "server-only";
import { addMinutes } from "date-fns";
import { and, asc, count, desc, eq, gt, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  downtimeLogEntries,
  incidentEvents,
  incidentGroups,
  incidents,
  incidentSystems,
  practices,
  practiceVendors,
  reconciliationItems,
  systems,
  ticketEscalations,
  vendors,
  vendorTickets,
} from "@/db/schema";
import { stoppedBy } from "@/server/domain/dependency-graph";
import { closeBlockers, closeDecision, verifierProblem } from "@/server/domain/incident-closing";
import { vendorWideSuggestions } from "@/server/domain/incident-grouping";
import { minutesToFirstVendorContact } from "@/server/domain/incident-metrics";
import { suggestScope, type TriageInput } from "@/server/domain/incident-scope";
import { isOpenStatus, nextStatuses, statusTransition, type IncidentStatus } from "@/server/domain/incident-status";
import { nextUpdateDue, outageCost, outageTier, vendorCallbackDue } from "@/server/domain/incident-timing";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, practiceVisible, recordAudit, type ServiceContext } from "../context";
import { loadGraph } from "../dependencies";
import { notifyIncidentEvent } from "../incident-feed";
import {
  standardReconciliationSteps,
  type addLogEntrySchema,
  type changeStatusSchema,
  type checkItemSchema,
  type closeIncidentSchema,
  type declareIncidentSchema,
  type escalateTicketSchema,
  type incidentRefSchema,
  type incidentSettingsSchema,
  type linkIncidentsSchema,
  type listIncidentsSchema,
  type logEntryRefSchema,
  type openTicketSchema,
  type postIncidentReviewSchema,
  type postUpdateSchema,
  type setEtaSchema,
  type triageSchema,
} from "../incident-schemas";
import { planInForce } from "../plans/core";

export * from "../incident-schemas";

/** A moment may be given a little ahead of the server's clock, never more. */
const CLOCK_SKEW_MINUTES = 5;
type IncidentRef = z.infer<typeof incidentRefSchema>;
type IncidentRow = typeof incidents.$inferSelect;
type EventInput = { kind: (typeof incidentEvents.$inferInsert)["kind"]; body?: string; detail?: Record<string, unknown>; sharedKey?: string | null };

function refuseFuture(moment: Date, now: Date, field: string, what: string) {
  if (moment.getTime() > addMinutes(now, CLOCK_SKEW_MINUTES).getTime()) throw new InvalidError(`${what} cannot be in the future.`, field);
}

async function loadIncident(ctx: ServiceContext, ref: IncidentRef): Promise<IncidentRow> {
  const [incident] = await ctx.tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.practiceId, ref.practiceId), eq(incidents.id, ref.incidentId)));
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}

/**
 * The incident, locked until the transaction ends: timeline entries are numbered under this lock,
 * so every viewer sees one order and a reconnecting viewer, asking for "after n", misses nothing.
 */
async function lockIncident(ctx: ServiceContext, ref: IncidentRef): Promise<IncidentRow> {
  await practiceInScope(ctx, ref.practiceId, "change");
  const [incident] = await ctx.tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.practiceId, ref.practiceId), eq(incidents.id, ref.incidentId)))
    .for("update");
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}

function assertVersion(incident: IncidentRow, version: number) {
  if (incident.version !== version) throw new ConflictError("Someone else changed this incident a moment ago. The page has their change now; check it and try again.");
}

function refuseIfClosed(incident: IncidentRow) {
  if (incident.status === "closed") throw new InvalidError("This incident is closed; it can no longer change.");
}

/**
 * Appends entries to a locked incident's timeline and tells every listening app process. One
 * statement numbers the incident, and one writes the entries and the notice.
 */
async function appendEvents(ctx: ServiceContext, incident: IncidentRow, entries: EventInput[], now = new Date(), alsoSet: Partial<typeof incidents.$inferInsert> = {}) {
  const first = incident.lastSeq + 1;
  const rows = entries.map((entry, index) => ({
    mspId: ctx.mspId,
    practiceId: incident.practiceId,
    incidentId: incident.id,
    seq: first + index,
    kind: entry.kind,
    body: entry.body ?? "",
    detail: entry.detail ?? {},
    sharedKey: entry.sharedKey ?? null,
    authorUserId: ctx.actor.userId,
    authorName: ctx.actor.name,
    at: now,
  }));
  const last = first + entries.length - 1;
  await ctx.tx.update(incidents).set({ lastSeq: last, ...alsoSet }).where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, incident.id)));
  await ctx.tx.insert(incidentEvents).values(rows);
  incident.lastSeq = last;
  await notifyIncidentEvent(ctx.tx, incident.id, last);
}

/** Incidents of the same vendor-wide group that the caller can see, locked in a fixed order (no deadlocks). */
async function lockLinked(ctx: ServiceContext, incident: IncidentRow): Promise<IncidentRow[]> {
  if (!incident.groupId) return [];
  return ctx.tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.groupId, incident.groupId), sql`${incidents.id} <> ${incident.id}`, sql`${incidents.status} <> 'closed'`))
    .orderBy(asc(incidents.id))
    .for("update");
}

async function bumpVersion(ctx: ServiceContext, incident: IncidentRow, set: Partial<typeof incidents.$inferInsert>, now = new Date()) {
  const [updated] = await ctx.tx
    .update(incidents)
    .set({ ...set, version: sql`${incidents.version} + 1`, updatedAt: now })
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, incident.id)))
    .returning({ version: incidents.version });
  return updated!.version;
}

// ---------------------------------------------------------------------------------------------
// Declaring and reading

export async function declareIncident(ctx: ServiceContext, input: z.infer<typeof declareIncidentSchema>, now = new Date()) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  refuseFuture(input.startedAt, now, "startedAt", "The start");
  const systemIds = [...new Set(input.systemIds)];
  if (systemIds.length === 0) {
    const [mapped] = await ctx.tx.select({ n: count() }).from(systems).where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, input.practiceId)));
    if ((mapped?.n ?? 0) > 0) throw new InvalidError("Choose what is down.", "systemIds");
    if (!input.title) throw new InvalidError("This practice has no dependency map yet: say in the title what is down.", "title");
  }
  const down = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, input.practiceId), inArray(systems.id, systemIds)));
  if (down.length !== systemIds.length) throw new InvalidError("Choose what is down from this practice's dependency map.", "systemIds");
  const plan = (await planInForce(ctx, input.practiceId)).content;
  const ownerName = input.ownerName || plan.outageOwner.owner.name || ctx.actor.name;
  const ownerPhone = input.ownerName ? "" : plan.outageOwner.owner.phone;
  const title = input.title || `${down.map((system) => system.name).join(", ")} down`;
  const what = down.length ? `${down.map((system) => system.name).join(", ")} down` : title;
  const [incident] = await ctx.tx
    .insert(incidents)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      title,
      severity: input.severity,
      patientCareInterrupted: input.patientCareInterrupted,
      startedAt: input.startedAt,
      ownerName,
      ownerPhone,
      updateEveryMinutes: input.updateEveryMinutes,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.name,
    })
    .returning();
  if (systemIds.length) await ctx.tx.insert(incidentSystems).values(systemIds.map((systemId) => ({ mspId: ctx.mspId, practiceId: input.practiceId, incidentId: incident!.id, systemId })));
  await appendEvents(ctx, incident!, [
    {
      kind: "declared",
      body: `Outage declared at ${practice.name}: ${what}. Outage owner: ${ownerName}.`,
      detail: { severity: input.severity, patientCareInterrupted: input.patientCareInterrupted },
    },
  ], now);
  await recordAudit(ctx, { action: "incident.declare", entityType: "incident", entityId: incident!.id, practiceId: input.practiceId, summary: { title, severity: input.severity } });
  return { id: incident!.id };
}

export async function getIncident(ctx: ServiceContext, ref: IncidentRef, now = new Date()) {
  const practice = await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  const [[costRow], downRows, { systems: mapSystems, graph }, tickets, escalations, items, closing, plan, linked] = await Promise.all([
    ctx.tx.select({ costPerMinuteCents: practices.downtimeCostPerMinuteCents }).from(practices).where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, ref.practiceId))),
    ctx.tx.select({ systemId: incidentSystems.systemId }).from(incidentSystems).where(and(eq(incidentSystems.mspId, ctx.mspId), eq(incidentSystems.incidentId, incident.id))),
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
      .innerJoin(vendors, and(eq(vendors.mspId, vendorTickets.mspId), eq(vendors.id, vendorTickets.vendorId)))
      .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.incidentId, incident.id)))
      .orderBy(asc(vendorTickets.openedAt)),
    ctx.tx
      .select({ id: ticketEscalations.id, ticketId: ticketEscalations.ticketId, level: ticketEscalations.level, contactName: ticketEscalations.contactName, escalatedByName: ticketEscalations.escalatedByName, escalatedAt: ticketEscalations.escalatedAt })
      .from(ticketEscalations)
      .innerJoin(vendorTickets, and(eq(vendorTickets.mspId, ticketEscalations.mspId), eq(vendorTickets.id, ticketEscalations.ticketId)))
      .where(and(eq(ticketEscalations.mspId, ctx.mspId), eq(vendorTickets.incidentId, incident.id)))
      .orderBy(asc(ticketEscalations.escalatedAt)),
    ctx.tx
      .select({ id: reconciliationItems.id, label: reconciliationItems.label, checkedAt: reconciliationItems.checkedAt, checkedByName: reconciliationItems.checkedByName })
      .from(reconciliationItems)
      .where(and(eq(reconciliationItems.mspId, ctx.mspId), eq(reconciliationItems.incidentId, incident.id)))
      .orderBy(asc(reconciliationItems.position)),
    closingBlockers(ctx, incident.id),
    planInForce(ctx, ref.practiceId),
    incident.groupId
      ? ctx.tx
          .select({ id: incidents.id, practiceId: incidents.practiceId, practiceName: practices.name, title: incidents.title, status: incidents.status })
          .from(incidents)
          .innerJoin(practices, and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)))
          .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.groupId, incident.groupId), sql`${incidents.id} <> ${incident.id}`))
          .orderBy(asc(practices.name))
      : Promise.resolve([]),
  ]);
  const downIds = downRows.map((row) => row.systemId);
  const stopped = stoppedBy(graph, downIds);
  const nameOf = new Map(mapSystems.map((system) => [system.id, system]));
  const endedAt = incident.resolvedAt ?? incident.closedAt;
  const cost = outageCost({ startedAt: incident.startedAt, endedAt, costPerMinuteCents: costRow?.costPerMinuteCents ?? 0 }, now);
  const ladders = await laddersOf(ctx, ref.practiceId);
  const ticketViews = tickets.map((ticket) => {
    const ticketEscalationsList = escalations.filter((escalation) => escalation.ticketId === ticket.id);
    const last = ticketEscalationsList.at(-1) ?? null;
    return {
      ...ticket,
      escalations: ticketEscalationsList,
      ladder: ladders.get(ticket.vendorId) ?? [],
      callAgain: isOpenStatus(incident.status)
        ? vendorCallbackDue({ openedAt: ticket.openedAt, lastEscalatedAt: last?.escalatedAt ?? null, etaAt: ticket.etaAt, levelHours: null }, now)
        : null,
    };
  });
  const contactTimes = [...tickets.map((ticket) => ticket.openedAt), ...escalations.map((escalation) => escalation.escalatedAt)];
  const tier = outageTier(cost.minutes, plan.content.tiers.shortOutageMaxMinutes);
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone, archived: Boolean(practice.archivedAt) },
    incident,
    down: downIds.map((id) => ({ id, name: nameOf.get(id)?.name ?? "Removed system", criticality: nameOf.get(id)?.criticality ?? "minor" })),
    affected: [...stopped].filter((id) => !downIds.includes(id)).map((id) => ({ id, name: nameOf.get(id)?.name ?? "", criticality: nameOf.get(id)?.criticality ?? "minor" })),
    mapSystems: mapSystems.map((system) => ({ id: system.id, name: system.name, vendorId: system.vendorId })),
    tickets: ticketViews,
    reconciliation: items,
    log: {
      total: closing.log.length,
      entered: closing.log.filter((entry) => entry.enteredAt).length,
      verified: closing.log.filter((entry) => entry.verifiedAt).length,
    },
    closeBlockers: closing.blockers,
    nextStatuses: nextStatuses(incident.status),
    minutes: cost.minutes,
    costCents: cost.costCents,
    costPerMinuteCents: costRow?.costPerMinuteCents ?? 0,
    minutesToFirstVendorContact: minutesToFirstVendorContact(incident.startedAt, contactTimes),
    nextUpdate: isOpenStatus(incident.status) ? nextUpdateDue({ startedAt: incident.startedAt, lastUpdateAt: incident.lastUpdateAt, updateEveryMinutes: incident.updateEveryMinutes }, now) : null,
    tier,
    plan: {
      publishedVersion: plan.publishedVersion,
      shortOutageMaxMinutes: plan.content.tiers.shortOutageMaxMinutes,
      tierPlan: tier === "long" ? plan.content.tiers.longTier : plan.content.tiers.shortTier,
      triageSteps: plan.content.triage.steps.map((step) => step.text),
      outageOwner: plan.content.outageOwner.owner,
    },
    triageSuggestion: incident.triage ? suggestScope(incident.triage as unknown as TriageInput) : null,
    linked,
    now,
  };
}
export type IncidentView = Awaited<ReturnType<typeof getIncident>>;

/** Each vendor's escalation ladder at this practice (level 1 first). */
async function laddersOf(ctx: ServiceContext, practiceId: string) {
  const rows = await ctx.tx
    .select({ vendorId: practiceVendors.vendorId, ladder: practiceVendors.ladder })
    .from(practiceVendors)
    .where(and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, practiceId)));
  return new Map(rows.map((row) => [row.vendorId, row.ladder]));
}

/** Timeline entries after a sequence number, in order: the first read and every live catch-up. */
export async function listTimeline(ctx: ServiceContext, input: IncidentRef & { after: number }, limit = 500) {
  if (!practiceVisible(ctx, input.practiceId)) throw new NotFoundError("Practice");
  // One query: the incident (so an unknown one is NOT_FOUND) with the page of its entries after `after`.
  const rows = await ctx.tx
    .select({ seq: incidentEvents.seq, kind: incidentEvents.kind, body: incidentEvents.body, detail: incidentEvents.detail, authorName: incidentEvents.authorName, at: incidentEvents.at, sharedKey: incidentEvents.sharedKey })
    .from(incidents)
    .leftJoin(incidentEvents, and(eq(incidentEvents.mspId, incidents.mspId), eq(incidentEvents.incidentId, incidents.id), gt(incidentEvents.seq, input.after)))
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.practiceId, input.practiceId), eq(incidents.id, input.incidentId)))
    .orderBy(asc(incidentEvents.seq))
    .limit(limit);
  if (rows.length === 0) throw new NotFoundError("Incident");
  return rows.flatMap(({ seq, kind, body, detail, authorName, at, sharedKey }) =>
    seq === null || kind === null || body === null || detail === null || authorName === null || at === null ? [] : [{ seq, kind, body, detail, authorName, at, shared: sharedKey !== null }],
  );
}
export type TimelineEntry = Awaited<ReturnType<typeof listTimeline>>[number];

// ---------------------------------------------------------------------------------------------
// Running the outage

export async function changeIncidentStatus(ctx: ServiceContext, input: z.infer<typeof changeStatusSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  const check = statusTransition(incident.status, input.status);
  if (!check.allowed) throw new InvalidError(check.message, "status");
  const resolving = input.status === "resolved";
  const version = await bumpVersion(ctx, incident, { status: input.status, resolvedAt: resolving ? now : null }, now);
  if (resolving) await generateReconciliation(ctx, incident);
  await appendEvents(ctx, incident, [{ kind: "status", body: input.note, detail: { from: incident.status, to: input.status } }], now);
  await recordAudit(ctx, { action: "incident.status", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { from: incident.status, to: input.status } });
  return { version };
}

/** The recovery checklist: the standard steps, then the plan's own — generated once, at the first resolve. */
async function generateReconciliation(ctx: ServiceContext, incident: IncidentRow) {
  const [existing] = await ctx.tx.select({ n: count() }).from(reconciliationItems).where(and(eq(reconciliationItems.mspId, ctx.mspId), eq(reconciliationItems.incidentId, incident.id)));
  if ((existing?.n ?? 0) > 0) return;
  const plan = (await planInForce(ctx, incident.practiceId)).content;
  const labels = [...new Set([...standardReconciliationSteps, ...plan.reconciliation.steps.map((step) => step.text.trim()).filter(Boolean)])];
  await ctx.tx.insert(reconciliationItems).values(labels.map((label, position) => ({ mspId: ctx.mspId, practiceId: incident.practiceId, incidentId: incident.id, position, label })));
}

export async function postUpdate(ctx: ServiceContext, input: z.infer<typeof postUpdateSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const siblings = input.shareWithLinked ? await lockLinked(ctx, incident) : [];
  const sharedKey = siblings.length > 0 ? crypto.randomUUID() : null;
  for (const target of [incident, ...siblings]) await appendEvents(ctx, target, [{ kind: "update", body: input.body, sharedKey }], now, { lastUpdateAt: now });
  await recordAudit(ctx, { action: "incident.update", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { sharedWith: siblings.length } });
  return { seq: incident.lastSeq, sharedWith: siblings.length };
}

export async function saveTriage(ctx: ServiceContext, input: z.infer<typeof triageSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  assertVersion(incident, input.version);
  const triage = { checks: input.checks, otherCloudAppsWork: input.otherCloudAppsWork, planSteps: input.planSteps };
  const suggestion = suggestScope(triage);
  const version = await bumpVersion(ctx, incident, { triage, scope: input.scope, scopeConfirmedByName: ctx.actor.name }, now);
  if (input.scope !== incident.scope || !incident.scopeConfirmedByName) {
    await appendEvents(ctx, incident, [{ kind: "scope", body: `Scope confirmed as ${input.scope.replace("_", "-")}. ${suggestion.reason}`, detail: { scope: input.scope, suggested: suggestion.scope } }], now);
  }
  await recordAudit(ctx, { action: "incident.triage", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { scope: input.scope, suggested: suggestion.scope } });
  return { version, suggestion };
}

export async function updateIncidentSettings(ctx: ServiceContext, input: z.infer<typeof incidentSettingsSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  assertVersion(incident, input.version);
  const { practiceId: _p, incidentId: _i, version: _v, ...fields } = input;
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => fields[key] !== incident[key]);
  if (changed.length === 0) return { version: incident.version };
  const version = await bumpVersion(ctx, incident, fields, now);
  const described = changed.map((key) => ({ ownerName: `owner ${fields.ownerName}`, ownerPhone: "owner's phone", updateEveryMinutes: `updates every ${fields.updateEveryMinutes} min`, patientCareInterrupted: fields.patientCareInterrupted ? "patient care interrupted" : "patient care continuing", severity: `severity ${fields.severity}` })[key]);
  await appendEvents(ctx, incident, [{ kind: "status", body: `Changed: ${described.join(", ")}.`, detail: { changed } }], now);
  await recordAudit(ctx, { action: "incident.settings", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { changed } });
  return { version };
}

// ---------------------------------------------------------------------------------------------
// Vendor tickets (shared by linked incidents: one copy per incident, tied by sharedKey)

export async function openTicket(ctx: ServiceContext, input: z.infer<typeof openTicketSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  refuseFuture(input.openedAt, now, "openedAt", "The ticket's opening time");
  const [vendor] = await ctx.tx.select({ id: vendors.id, name: vendors.name }).from(vendors).where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new InvalidError("Choose a vendor from your catalog.", "vendorId");
  const sharedKey = crypto.randomUUID();
  const siblings = await lockLinked(ctx, incident);
  let ticketId = "";
  for (const target of [incident, ...siblings]) {
    const [ticket] = await ctx.tx
      .insert(vendorTickets)
      .values({ id: target === incident ? sharedKey : undefined, mspId: ctx.mspId, practiceId: target.practiceId, incidentId: target.id, sharedKey, vendorId: vendor.id, ticketNumber: input.ticketNumber, openedAt: input.openedAt, etaAt: input.etaAt, createdByName: ctx.actor.name })
      .returning({ id: vendorTickets.id });
    if (target === incident) ticketId = ticket!.id;
    await appendEvents(ctx, target, [{ kind: "ticket", body: `Ticket ${input.ticketNumber} opened with ${vendor.name}${input.etaAt ? "; the vendor gives an ETA" : ""}.`, detail: { vendor: vendor.name, ticketNumber: input.ticketNumber, etaAt: input.etaAt?.toISOString() ?? null }, sharedKey: siblings.length ? sharedKey : null }], now);
  }
  await recordAudit(ctx, { action: "incident.ticket_open", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { vendor: vendor.name, ticketNumber: input.ticketNumber } });
  return { id: ticketId };
}

async function ticketCopies(ctx: ServiceContext, incident: IncidentRow, ticketId: string) {
  const [ticket] = await ctx.tx
    .select({ id: vendorTickets.id, sharedKey: vendorTickets.sharedKey, ticketNumber: vendorTickets.ticketNumber, vendorId: vendorTickets.vendorId })
    .from(vendorTickets)
    .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.incidentId, incident.id), eq(vendorTickets.id, ticketId)));
  if (!ticket) throw new NotFoundError("Ticket");
  const siblings = await lockLinked(ctx, incident);
  const copies = siblings.length
    ? await ctx.tx
        .select({ id: vendorTickets.id, incidentId: vendorTickets.incidentId })
        .from(vendorTickets)
        .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.sharedKey, ticket.sharedKey), inArray(vendorTickets.incidentId, siblings.map((sibling) => sibling.id))))
    : [];
  return { ticket, targets: [{ incident, ticketId: ticket.id }, ...copies.map((copy) => ({ incident: siblings.find((sibling) => sibling.id === copy.incidentId)!, ticketId: copy.id }))] };
}

export async function escalateTicket(ctx: ServiceContext, input: z.infer<typeof escalateTicketSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  refuseFuture(input.escalatedAt, now, "escalatedAt", "The escalation");
  const { ticket, targets } = await ticketCopies(ctx, incident, input.ticketId);
  const ladder = (await laddersOf(ctx, incident.practiceId)).get(ticket.vendorId) ?? [];
  if (ladder.length > 0 && input.level > ladder.length) throw new InvalidError(`This vendor's ladder has ${ladder.length} level${ladder.length === 1 ? "" : "s"}.`, "level");
  const contactName = input.contactName || ladder[input.level - 1]?.name || "";
  const sharedKey = crypto.randomUUID();
  for (const target of targets) {
    await ctx.tx.insert(ticketEscalations).values({ mspId: ctx.mspId, practiceId: target.incident.practiceId, ticketId: target.ticketId, sharedKey, level: input.level, contactName, escalatedByName: ctx.actor.name, escalatedAt: input.escalatedAt });
    await appendEvents(ctx, target.incident, [{ kind: "escalation", body: `Ticket ${ticket.ticketNumber} escalated to level ${input.level}${contactName ? ` (${contactName})` : ""}.`, detail: { level: input.level }, sharedKey: targets.length > 1 ? sharedKey : null }], now);
  }
  await recordAudit(ctx, { action: "incident.ticket_escalate", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { ticketNumber: ticket.ticketNumber, level: input.level } });
}

export async function setTicketEta(ctx: ServiceContext, input: z.infer<typeof setEtaSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const { ticket, targets } = await ticketCopies(ctx, incident, input.ticketId);
  for (const target of targets) {
    await ctx.tx.update(vendorTickets).set({ etaAt: input.etaAt }).where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.id, target.ticketId)));
    await appendEvents(ctx, target.incident, [{ kind: "eta", body: input.etaAt ? `${ticket.ticketNumber}: the vendor's ETA is set.` : `${ticket.ticketNumber}: the vendor's ETA is cleared.`, detail: { etaAt: input.etaAt?.toISOString() ?? null } }], now);
  }
  await recordAudit(ctx, { action: "incident.ticket_eta", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { ticketNumber: ticket.ticketNumber } });
}

// ---------------------------------------------------------------------------------------------
// Recovery: the reconciliation checklist and the downtime documentation log

export async function checkReconciliationItem(ctx: ServiceContext, input: z.infer<typeof checkItemSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const [item] = await ctx.tx
    .update(reconciliationItems)
    .set(input.checked ? { checkedAt: now, checkedByUserId: ctx.actor.userId, checkedByName: ctx.actor.name } : { checkedAt: null, checkedByUserId: null, checkedByName: null })
    .where(and(eq(reconciliationItems.mspId, ctx.mspId), eq(reconciliationItems.incidentId, incident.id), eq(reconciliationItems.id, input.itemId)))
    .returning({ label: reconciliationItems.label });
  if (!item) throw new NotFoundError("Checklist item");
  await appendEvents(ctx, incident, [{ kind: "checklist", body: `${input.checked ? "Done" : "Reopened"}: ${item.label}.` }], now);
  await recordAudit(ctx, { action: "incident.checklist", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { item: item.label, checked: input.checked } });
}

/** The paper records of the outage. Patient data: every read is audited (without the data itself). */
export async function listDowntimeLog(ctx: ServiceContext, ref: IncidentRef, emergency?: { grantId: string }) {
  await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  const entries = await ctx.tx
    .select()
    .from(downtimeLogEntries)
    .where(and(eq(downtimeLogEntries.mspId, ctx.mspId), eq(downtimeLogEntries.incidentId, incident.id)))
    .orderBy(asc(downtimeLogEntries.createdAt), asc(downtimeLogEntries.id))
    .limit(1000);
  await recordAudit(ctx, { action: "downtime_log.read", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: emergency ? { entries: entries.length, emergencyGrantId: emergency.grantId } : { entries: entries.length } });
  return entries.map(({ mspId: _m, enteredByUserId, verifiedByUserId, ...entry }) => ({
    ...entry,
    enteredByMe: enteredByUserId !== null && enteredByUserId === ctx.actor.userId,
    verifiedByMe: verifiedByUserId !== null && verifiedByUserId === ctx.actor.userId,
  }));
}

export async function addLogEntry(ctx: ServiceContext, input: z.infer<typeof addLogEntrySchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const { practiceId, incidentId, ...fields } = input;
  const [entry] = await ctx.tx.insert(downtimeLogEntries).values({ mspId: ctx.mspId, practiceId, incidentId, ...fields, recordedByName: ctx.actor.name }).returning({ id: downtimeLogEntries.id });
  await appendEvents(ctx, incident, [{ kind: "log", body: "A paper record was added to the downtime log." }], now);
  await recordAudit(ctx, { action: "downtime_log.add", entityType: "downtime_log_entry", entityId: entry!.id, practiceId });
  return { id: entry!.id };
}

async function changeLogEntry(ctx: ServiceContext, input: z.infer<typeof logEntryRefSchema>, step: "entered" | "verified", now: Date) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const [entry] = await ctx.tx
    .select()
    .from(downtimeLogEntries)
    .where(and(eq(downtimeLogEntries.mspId, ctx.mspId), eq(downtimeLogEntries.incidentId, incident.id), eq(downtimeLogEntries.id, input.entryId)));
  if (!entry) throw new NotFoundError("Log entry");
  if (entry.version !== input.version) throw new ConflictError("Someone else updated this record a moment ago. The list shows their change now.");
  if (step === "entered" && entry.enteredAt) throw new InvalidError(`${entry.enteredByName} already entered this record into the EHR.`);
  if (step === "verified") {
    if (entry.verifiedAt) throw new InvalidError(`${entry.verifiedByName} already verified this record.`);
    const problem = verifierProblem(entry.enteredByUserId, ctx.actor.userId ?? "");
    if (problem) throw new InvalidError(problem);
  }
  const set =
    step === "entered"
      ? { enteredAt: now, enteredByUserId: ctx.actor.userId, enteredByName: ctx.actor.name }
      : { verifiedAt: now, verifiedByUserId: ctx.actor.userId, verifiedByName: ctx.actor.name };
  const [updated] = await ctx.tx
    .update(downtimeLogEntries)
    .set({ ...set, version: sql`${downtimeLogEntries.version} + 1` })
    .where(and(eq(downtimeLogEntries.mspId, ctx.mspId), eq(downtimeLogEntries.id, entry.id), eq(downtimeLogEntries.version, input.version)))
    .returning({ version: downtimeLogEntries.version });
  await appendEvents(ctx, incident, [{ kind: "log", body: step === "entered" ? "A paper record was entered into the EHR." : "A paper record was verified." }], now);
  await recordAudit(ctx, { action: `downtime_log.${step}`, entityType: "downtime_log_entry", entityId: entry.id, practiceId: incident.practiceId });
  return { version: updated!.version };
}

export const markLogEntryEntered = (ctx: ServiceContext, input: z.infer<typeof logEntryRefSchema>, now = new Date()) => changeLogEntry(ctx, input, "entered", now);
export const markLogEntryVerified = (ctx: ServiceContext, input: z.infer<typeof logEntryRefSchema>, now = new Date()) => changeLogEntry(ctx, input, "verified", now);

/** A record added by mistake can be removed while it has not been entered into the EHR. */
export async function removeLogEntry(ctx: ServiceContext, input: z.infer<typeof logEntryRefSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const removed = await ctx.tx
    .delete(downtimeLogEntries)
    .where(and(eq(downtimeLogEntries.mspId, ctx.mspId), eq(downtimeLogEntries.incidentId, incident.id), eq(downtimeLogEntries.id, input.entryId), eq(downtimeLogEntries.version, input.version), isNull(downtimeLogEntries.enteredAt)))
    .returning({ id: downtimeLogEntries.id });
  if (removed.length === 0) throw new InvalidError("Only a record not yet entered into the EHR can be removed; reload to see its state.");
  await appendEvents(ctx, incident, [{ kind: "log", body: "A paper record was removed from the downtime log." }], now);
  await recordAudit(ctx, { action: "downtime_log.remove", entityType: "downtime_log_entry", entityId: input.entryId, practiceId: incident.practiceId });
}

/** What still stands between the incident and its close. Reads who entered and verified each record, never the patient data. */
async function closingBlockers(ctx: ServiceContext, incidentId: string) {
  const [items, progress] = await Promise.all([
    ctx.tx.select({ checkedAt: reconciliationItems.checkedAt }).from(reconciliationItems).where(and(eq(reconciliationItems.mspId, ctx.mspId), eq(reconciliationItems.incidentId, incidentId))),
    // Through a database function: an admin, who cannot read the patient data, still learns what blocks the close.
    ctx.tx.execute<{ entered_at: string | Date | null; entered_by_user_id: string | null; verified_at: string | Date | null; verified_by_user_id: string | null }>(
      sql`select entered_at, entered_by_user_id, verified_at, verified_by_user_id from standby_downtime_log_progress(${incidentId})`,
    ),
  ]);
  const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));
  const log = [...progress].map((row) => ({ enteredAt: asDate(row.entered_at), enteredBy: row.entered_by_user_id, verifiedAt: asDate(row.verified_at), verifiedBy: row.verified_by_user_id }));
  return { blockers: closeBlockers({ checklist: items.map((item) => ({ checked: item.checkedAt !== null })), log }), log };
}

export async function closeIncident(ctx: ServiceContext, input: z.infer<typeof closeIncidentSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  const { blockers } = await closingBlockers(ctx, incident.id);
  const decision = closeDecision({ status: incident.status, role: ctx.actor.role ?? "leadership", blockers, overrideReason: input.overrideReason });
  if (!decision.allowed) throw new InvalidError(decision.message, blockers.length > 0 && ctx.actor.role === "admin" ? "overrideReason" : undefined);
  const version = await bumpVersion(ctx, incident, { status: "closed", closedAt: now, closedByName: ctx.actor.name, closeOverrideReason: decision.override ? input.overrideReason!.trim() : null }, now);
  await appendEvents(ctx, incident, [{ kind: "closed", body: decision.override ? `Closed by an admin with open items: ${input.overrideReason!.trim()}` : "Incident closed: recovery reconciled.", detail: { override: decision.override } }], now);
  await recordAudit(ctx, { action: decision.override ? "incident.close_override" : "incident.close", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: decision.override ? { blockers, reason: input.overrideReason!.trim() } : {} });
  return { version };
}

export async function savePostIncidentReview(ctx: ServiceContext, input: z.infer<typeof postIncidentReviewSchema>, now = new Date()) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  if (isOpenStatus(incident.status)) throw new InvalidError("Resolve the incident before writing its post-incident review.");
  const version = await bumpVersion(ctx, incident, { reviewCause: input.cause, reviewWentWell: input.wentWell, reviewToChange: input.toChange, reviewedByName: ctx.actor.name, reviewedAt: now }, now);
  await appendEvents(ctx, incident, [{ kind: "review", body: "Post-incident review saved.", detail: { cause: input.cause } }], now);
  await recordAudit(ctx, { action: "incident.review", entityType: "incident", entityId: incident.id, practiceId: incident.practiceId, summary: { cause: input.cause } });
  return { version };
}

// ---------------------------------------------------------------------------------------------
// Lists, the active-incident banner, and vendor-wide linking

export async function listIncidents(ctx: ServiceContext, input: z.infer<typeof listIncidentsSchema>, now = new Date()) {
  if (input.practiceId) await practiceInScope(ctx, input.practiceId);
  const statusFilter = {
    open: notInArray(incidents.status, ["resolved", "closed"]),
    resolved: eq(incidents.status, "resolved"),
    closed: eq(incidents.status, "closed"),
    all: undefined,
  }[input.status];
  const vendorFilter = input.vendorId
    ? or(
        sql`exists (select 1 from ${incidentSystems} s_i join ${systems} s on s.msp_id = s_i.msp_id and s.id = s_i.system_id where s_i.msp_id = ${incidents.mspId} and s_i.incident_id = ${incidents.id} and s.vendor_id = ${input.vendorId})`,
        sql`exists (select 1 from ${vendorTickets} t where t.msp_id = ${incidents.mspId} and t.incident_id = ${incidents.id} and t.vendor_id = ${input.vendorId})`,
      )
    : undefined;
  const where = and(
    eq(incidents.mspId, ctx.mspId),
    ctx.practiceIds === "*" ? undefined : inArray(incidents.practiceId, [...ctx.practiceIds]),
    input.practiceId ? eq(incidents.practiceId, input.practiceId) : undefined,
    statusFilter,
    vendorFilter,
    // Days in each practice's own calendar, as the list shows them.
    input.from ? sql`(${incidents.startedAt} at time zone ${practices.timezone})::date >= ${input.from}::date` : undefined,
    input.to ? sql`(${incidents.startedAt} at time zone ${practices.timezone})::date <= ${input.to}::date` : undefined,
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
      .innerJoin(practices, and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)))
      .where(where)
      .orderBy(desc(incidents.startedAt), desc(incidents.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx
      .select({ value: count() })
      .from(incidents)
      .innerJoin(practices, and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)))
      .where(where),
  ]);
  return {
    items: rows.map(({ costPerMinuteCents, ...row }) => ({ ...row, ...outageCost({ startedAt: row.startedAt, endedAt: row.resolvedAt ?? row.closedAt, costPerMinuteCents }, now) })),
    total: total?.value ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Open outages the caller can see: the red banner on every page. */
export async function activeIncidents(ctx: ServiceContext) {
  return ctx.tx
    .select({ id: incidents.id, practiceId: incidents.practiceId, practiceName: practices.name, title: incidents.title, severity: incidents.severity, status: incidents.status, startedAt: incidents.startedAt })
    .from(incidents)
    .innerJoin(practices, and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)))
    .where(and(eq(incidents.mspId, ctx.mspId), ctx.practiceIds === "*" ? undefined : inArray(incidents.practiceId, [...ctx.practiceIds]), notInArray(incidents.status, ["resolved", "closed"])))
    .orderBy(desc(incidents.startedAt))
    .limit(20);
}

/** Practices of the MSP with open incidents on systems of the same vendor: probably one vendor-wide outage. */
export async function vendorWideCandidates(ctx: ServiceContext) {
  const rows = await ctx.tx
    .select({ id: incidents.id, practiceId: incidents.practiceId, practiceName: practices.name, title: incidents.title, status: incidents.status, groupId: incidents.groupId, vendorId: systems.vendorId })
    .from(incidents)
    .innerJoin(practices, and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)))
    .innerJoin(incidentSystems, and(eq(incidentSystems.mspId, incidents.mspId), eq(incidentSystems.incidentId, incidents.id)))
    .innerJoin(systems, and(eq(systems.mspId, incidentSystems.mspId), eq(systems.id, incidentSystems.systemId)))
    .where(and(eq(incidents.mspId, ctx.mspId), notInArray(incidents.status, ["resolved", "closed"]), sql`${systems.vendorId} is not null`))
    .limit(5000);
  const byIncident = new Map<string, { id: string; practiceId: string; status: IncidentStatus; linkedGroupId: string | null; downVendorIds: string[] }>();
  for (const row of rows) {
    const entry = byIncident.get(row.id) ?? { id: row.id, practiceId: row.practiceId, status: row.status, linkedGroupId: row.groupId, downVendorIds: [] };
    entry.downVendorIds.push(row.vendorId!);
    byIncident.set(row.id, entry);
  }
  const suggestions = vendorWideSuggestions([...byIncident.values()]);
  if (suggestions.length === 0) return [];
  const vendorNames = new Map(
    (await ctx.tx.select({ id: vendors.id, name: vendors.name }).from(vendors).where(and(eq(vendors.mspId, ctx.mspId), inArray(vendors.id, suggestions.map((s) => s.vendorId))))).map((v) => [v.id, v.name]),
  );
  return suggestions.map((suggestion) => ({
    ...suggestion,
    vendorName: vendorNames.get(suggestion.vendorId) ?? "",
    incidents: suggestion.incidentIds.map((id) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return { id, practiceId: row.practiceId, practiceName: row.practiceName, title: row.title };
    }),
  }));
}

/** Links open incidents of several practices as one vendor-wide outage; they then share tickets and updates. */
export async function linkIncidents(ctx: ServiceContext, input: z.infer<typeof linkIncidentsSchema>, now = new Date()) {
  const ids = [...new Set(input.incidentIds)].sort();
  const locked = await ctx.tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), inArray(incidents.id, ids)))
    .orderBy(asc(incidents.id))
    .for("update");
  if (locked.length !== ids.length) throw new NotFoundError("Incident");
  if (locked.some((incident) => !isOpenStatus(incident.status))) throw new InvalidError("Only open incidents can be linked.");
  if (new Set(locked.map((incident) => incident.practiceId)).size < 2) throw new InvalidError("Link incidents of at least two practices.");
  for (const incident of locked) await practiceInScope(ctx, incident.practiceId, "change");
  const [vendor] = await ctx.tx.select({ id: vendors.id, name: vendors.name }).from(vendors).where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new NotFoundError("Vendor");
  // Incidents already linked (to one group or several) bring their whole groups along: one outage, one group.
  const groupIds = [...new Set(locked.map((incident) => incident.groupId).filter((id): id is string => id !== null))];
  const groupId = groupIds[0] ?? (await ctx.tx.insert(incidentGroups).values({ mspId: ctx.mspId, vendorId: vendor.id, createdByName: ctx.actor.name }).returning({ id: incidentGroups.id }))[0]!.id;
  const members = groupIds.length
    ? [...locked, ...(await ctx.tx.select().from(incidents).where(and(eq(incidents.mspId, ctx.mspId), inArray(incidents.groupId, groupIds), notInArray(incidents.id, ids))).orderBy(asc(incidents.id)).for("update"))]
    : locked;
  await ctx.tx.update(incidents).set({ groupId }).where(and(eq(incidents.mspId, ctx.mspId), inArray(incidents.id, members.map((incident) => incident.id))));
  // Share tickets: every member gets a copy of every ticket (and its escalations) it lacks.
  const tickets = await ctx.tx.select().from(vendorTickets).where(and(eq(vendorTickets.mspId, ctx.mspId), inArray(vendorTickets.incidentId, members.map((incident) => incident.id))));
  const escalations = tickets.length
    ? await ctx.tx.select().from(ticketEscalations).where(and(eq(ticketEscalations.mspId, ctx.mspId), inArray(ticketEscalations.ticketId, tickets.map((ticket) => ticket.id))))
    : [];
  const originals = [...new Map(tickets.map((ticket) => [ticket.sharedKey, ticket])).values()];
  for (const member of members) {
    for (const original of originals) {
      if (tickets.some((ticket) => ticket.incidentId === member.id && ticket.sharedKey === original.sharedKey)) continue;
      const [copy] = await ctx.tx
        .insert(vendorTickets)
        .values({ mspId: ctx.mspId, practiceId: member.practiceId, incidentId: member.id, sharedKey: original.sharedKey, vendorId: original.vendorId, ticketNumber: original.ticketNumber, openedAt: original.openedAt, etaAt: original.etaAt, createdByName: original.createdByName })
        .returning({ id: vendorTickets.id });
      const own = escalations.filter((escalation) => escalation.ticketId === original.id);
      if (own.length > 0) {
        await ctx.tx.insert(ticketEscalations).values(own.map(({ id: _id, ticketId: _t, practiceId: _p, ...escalation }) => ({ ...escalation, practiceId: member.practiceId, ticketId: copy!.id })));
      }
    }
    const others = members.filter((other) => other.id !== member.id).length;
    await appendEvents(ctx, member, [{ kind: "linked", body: `Linked with ${others} other practice${others === 1 ? "" : "s"} as one ${vendor.name} outage: tickets and updates are shared.`, detail: { groupId, vendor: vendor.name } }], now);
  }
  await recordAudit(ctx, { action: "incident.link", entityType: "incident_group", entityId: groupId, summary: { vendor: vendor.name, incidents: members.length } });
  return { groupId };
}
