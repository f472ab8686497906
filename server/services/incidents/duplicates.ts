/**
 * Duplicate outages: closing an outage declared twice as a duplicate of the main one at the same
 * practice, and the outages it may be merged into. The duplicate keeps its vendor tickets, paper
 * records and schedule marks (they stay readable in its room, which links to the main outage); the
 * main outage's timeline names them, and its close waits for the duplicate's records to be entered.
 */
import "server-only";
import { subDays } from "date-fns";
import { and, asc, count, desc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { incidents, vendors, vendorTickets } from "@/db/schema";
import { duplicateRefusal, incidentNumber } from "@/server/domain/incident-duplicates";
import { InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import type { incidentRefSchema, markDuplicateSchema } from "@/server/contracts/incidents";
import { closingBlockers } from "@/server/services/incidents/close";
import { notifyIncident } from "@/server/services/notifications/incident-events";
import {
  appendEvents,
  assertVersion,
  bumpVersion,
  loadIncident,
} from "@/server/services/incidents/core";

/** How far back a closed or resolved outage is still offered as the main one. */
const RECENT_DAYS = 7;

/**
 * The outages this one may be marked a duplicate of: the practice's other unplanned outages that are
 * open or resolved in the last week (a closed one has had its reconciliation), never a duplicate
 * themselves.
 */
export async function duplicateCandidates(
  ctx: ServiceContext,
  ref: z.infer<typeof incidentRefSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  return ctx.tx
    .select({
      id: incidents.id,
      title: incidents.title,
      status: incidents.status,
      startedAt: incidents.startedAt,
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, ref.practiceId),
        ne(incidents.id, incident.id),
        eq(incidents.kind, "unplanned"),
        isNull(incidents.duplicateOfIncidentId),
        ne(incidents.status, "closed"),
        or(
          sql`${incidents.status} not in ('resolved', 'closed')`,
          gte(incidents.startedAt, subDays(now, RECENT_DAYS)),
        ),
      ),
    )
    .orderBy(desc(incidents.startedAt), asc(incidents.id))
    .limit(20);
}

/** The main outage a closed duplicate points to, and the outages merged into this one: the room's links. */
export async function duplicateLinks(
  ctx: ServiceContext,
  incident: { id: string; practiceId: string; duplicateOfIncidentId: string | null },
) {
  const columns = { id: incidents.id, title: incidents.title, status: incidents.status };
  const [main, merged] = await Promise.all([
    incident.duplicateOfIncidentId
      ? ctx.tx
          .select(columns)
          .from(incidents)
          .where(
            and(
              eq(incidents.mspId, ctx.mspId),
              eq(incidents.practiceId, incident.practiceId),
              eq(incidents.id, incident.duplicateOfIncidentId),
            ),
          )
      : Promise.resolve([]),
    ctx.tx
      .select(columns)
      .from(incidents)
      .where(
        and(
          eq(incidents.mspId, ctx.mspId),
          eq(incidents.practiceId, incident.practiceId),
          eq(incidents.duplicateOfIncidentId, incident.id),
        ),
      )
      .orderBy(asc(incidents.startedAt)),
  ]);
  return { duplicateOf: main[0] ?? null, duplicates: merged };
}

/**
 * Closes `incidentId` as a duplicate of `duplicateOfIncidentId`, in one transaction: both locked (in
 * id order, so two people merging the pair both ways cannot deadlock), the rules checked, the
 * duplicate closed with its reference, a timeline entry on each, and the audit event.
 */
export async function markDuplicate(
  ctx: ServiceContext,
  input: z.infer<typeof markDuplicateSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  if (input.incidentId === input.duplicateOfIncidentId)
    throw new InvalidError("An outage cannot be a duplicate of itself.", "duplicateOfIncidentId");
  // Both must be at this practice: an outage anywhere else is not found.
  const locked = await ctx.tx
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, input.practiceId),
        inArray(incidents.id, [input.incidentId, input.duplicateOfIncidentId]),
      ),
    )
    .orderBy(asc(incidents.id))
    .for("update");
  const duplicate = locked.find((row) => row.id === input.incidentId);
  const main = locked.find((row) => row.id === input.duplicateOfIncidentId);
  if (!duplicate) throw new NotFoundError("Incident");
  if (!main) throw new NotFoundError("The outage to merge into");
  const [merged] = await ctx.tx
    .select({ n: count() })
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.duplicateOfIncidentId, duplicate.id)));
  const refusal = duplicateRefusal(duplicate, main, merged?.n ?? 0);
  if (refusal) throw new InvalidError(refusal, "duplicateOfIncidentId");
  assertVersion(duplicate, input.version);
  const statusBefore = duplicate.status;

  // What stays on the duplicate, named on the main outage so that nothing is missed there.
  const [tickets, { log, scheduleMarks }] = await Promise.all([
    ctx.tx
      .select({ vendorName: vendors.name, ticketNumber: vendorTickets.ticketNumber })
      .from(vendorTickets)
      .innerJoin(
        vendors,
        and(eq(vendors.mspId, vendorTickets.mspId), eq(vendors.id, vendorTickets.vendorId)),
      )
      .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.incidentId, duplicate.id)))
      .orderBy(asc(vendorTickets.openedAt)),
    closingBlockers(ctx, duplicate.id),
  ]);
  const version = await bumpVersion(
    ctx,
    duplicate,
    {
      status: "closed",
      closedAt: now,
      closedByName: ctx.actor.name,
      closeOverrideReason: null,
      duplicateOfIncidentId: main.id,
    },
    now,
  );
  duplicate.status = "closed";
  const mainRef = `“${main.title}” (${incidentNumber(main.id)})`;
  const duplicateRef = `“${duplicate.title}” (${incidentNumber(duplicate.id)})`;
  await appendEvents(
    ctx,
    duplicate,
    [
      {
        kind: "duplicate",
        body: `Marked as duplicate of ${mainRef} by ${ctx.actor.name}. Closed as a duplicate: the outage is run there.`,
        detail: { duplicateOfIncidentId: main.id },
      },
    ],
    now,
  );
  const kept = [
    tickets.length > 0
      ? `Its vendor tickets stay on it: ${tickets.map((ticket) => `${ticket.vendorName} ${ticket.ticketNumber}`).join(", ")}.`
      : "",
    log.length + scheduleMarks.length > 0
      ? `Its ${[
          log.length ? `${log.length} paper record${log.length === 1 ? "" : "s"}` : "",
          scheduleMarks.length
            ? `${scheduleMarks.length} schedule mark${scheduleMarks.length === 1 ? "" : "s"}`
            : "",
        ]
          .filter(Boolean)
          .join(
            " and ",
          )} ${log.length + scheduleMarks.length === 1 ? "stays" : "stay"} there too; this outage closes only once ${log.length + scheduleMarks.length === 1 ? "it is" : "they are"} entered into the EHR.`
      : "",
  ].filter(Boolean);
  await appendEvents(
    ctx,
    main,
    [
      {
        kind: "duplicate",
        body: [`${duplicateRef} was merged into this outage by ${ctx.actor.name}.`, ...kept].join(
          " ",
        ),
        detail: { mergedIncidentId: duplicate.id, tickets: tickets.length },
      },
    ],
    now,
  );
  await recordAudit(ctx, {
    action: "incident.mark_duplicate",
    entityType: "incident",
    entityId: duplicate.id,
    practiceId: duplicate.practiceId,
    summary: {
      duplicateOfIncidentId: main.id,
      before: { status: statusBefore },
      vendorTickets: tickets.length,
      paperRecords: log.length,
      scheduleMarks: scheduleMarks.length,
    },
  });
  // People routed to outage events would otherwise still think two outages are open.
  await notifyIncident(
    ctx,
    { ...duplicate, status: "closed" },
    { kind: "incident.closed", duplicateOfTitle: main.title },
  );
  return { version, duplicateOfIncidentId: main.id };
}
