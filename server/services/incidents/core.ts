/**
 * What every incident service shares: loading and locking an incident, its version check, and
 * appending to its timeline (which also tells every viewer). Each concern has its own file beside
 * this one: declare, read, run, tickets, downtime-log, close, list, link.
 */
import "server-only";
import { addMinutes } from "date-fns";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { incidentEvents, incidents } from "@/db/schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, type ServiceContext } from "@/server/services/context";
import { notifyIncidentEvent } from "@/server/services/incident-feed";
import type { incidentRefSchema } from "@/server/contracts/incidents";

/** A moment may be given a little ahead of the server's clock, never more. */
const CLOCK_SKEW_MINUTES = 5;

export type IncidentRef = z.infer<typeof incidentRefSchema>;

export type IncidentRow = typeof incidents.$inferSelect;

export type EventInput = {
  kind: (typeof incidentEvents.$inferInsert)["kind"];
  body?: string;
  detail?: Record<string, unknown>;
  sharedKey?: string | null;
  /** When the author wrote it, if it waited on their device (see keptWrittenAt). */
  writtenAt?: Date | null;
};

/**
 * The time of writing kept beside the time of arrival, for what waited on a device: never after the
 * arrival (a device's clock a little ahead is allowed by the input schema, and corrected here).
 */
export function keptWrittenAt(writtenAt: Date | undefined, now: Date): Date | null {
  if (!writtenAt) return null;
  return writtenAt.getTime() > now.getTime() ? now : writtenAt;
}

export function refuseFuture(moment: Date, now: Date, field: string, what: string) {
  if (moment.getTime() > addMinutes(now, CLOCK_SKEW_MINUTES).getTime())
    throw new InvalidError(`${what} cannot be in the future.`, field);
}

export async function loadIncident(ctx: ServiceContext, ref: IncidentRef): Promise<IncidentRow> {
  const [incident] = await ctx.tx
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, ref.practiceId),
        eq(incidents.id, ref.incidentId),
      ),
    );
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}

/**
 * The incident, locked until the transaction ends: timeline entries are numbered under this lock,
 * so every viewer sees one order and a reconnecting viewer, asking for "after n", misses nothing.
 */
export async function lockIncident(ctx: ServiceContext, ref: IncidentRef): Promise<IncidentRow> {
  await practiceInScope(ctx, ref.practiceId, "change");
  const [incident] = await ctx.tx
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, ref.practiceId),
        eq(incidents.id, ref.incidentId),
      ),
    )
    .for("update");
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}

export function assertVersion(incident: IncidentRow, version: number) {
  if (incident.version !== version)
    throw new ConflictError(
      "Someone else changed this incident a moment ago. The page has their change now; check it and try again.",
    );
}

export function refuseIfClosed(incident: IncidentRow) {
  if (incident.status === "closed")
    throw new InvalidError("This incident is closed; it can no longer change.");
}

/**
 * Entering and verifying paper records and schedule marks: still possible on an outage closed as a
 * duplicate, whose records stay on it (the main outage cannot close until they are reconciled).
 */
export function refuseReconcilingIfClosed(incident: IncidentRow) {
  if (incident.status === "closed" && !incident.duplicateOfIncidentId)
    throw new InvalidError("This incident is closed; it can no longer change.");
}

/**
 * Appends entries to a locked incident's timeline and tells every listening app process. One
 * statement numbers the incident, and one writes the entries and the notice.
 */
export async function appendEvents(
  ctx: ServiceContext,
  incident: IncidentRow,
  entries: EventInput[],
  now = new Date(),
  alsoSet: Partial<typeof incidents.$inferInsert> = {},
) {
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
    writtenAt: entry.writtenAt ?? null,
  }));
  const last = first + entries.length - 1;
  await ctx.tx
    .update(incidents)
    .set({ lastSeq: last, ...alsoSet })
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, incident.id)));
  await ctx.tx.insert(incidentEvents).values(rows);
  incident.lastSeq = last;
  await notifyIncidentEvent(ctx.tx, incident.id, last);
}

/** Incidents of the same vendor-wide group that the caller can see, locked in a fixed order (no deadlocks). */
export async function lockLinked(
  ctx: ServiceContext,
  incident: IncidentRow,
): Promise<IncidentRow[]> {
  if (!incident.groupId) return [];
  return ctx.tx
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.groupId, incident.groupId),
        sql`${incidents.id} <> ${incident.id}`,
        sql`${incidents.status} <> 'closed'`,
      ),
    )
    .orderBy(asc(incidents.id))
    .for("update");
}

export async function bumpVersion(
  ctx: ServiceContext,
  incident: IncidentRow,
  set: Partial<typeof incidents.$inferInsert>,
  now = new Date(),
) {
  const [updated] = await ctx.tx
    .update(incidents)
    .set({ ...set, version: sql`${incidents.version} + 1`, updatedAt: now })
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, incident.id)))
    .returning({ version: incidents.version });
  return updated!.version;
}
