/** The downtime documentation log: the outage's paper records, entered into the EHR and verified afterwards. */
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { downtimeLogEntries } from "@/db/schema";
import { verifierProblem } from "@/server/domain/incident-closing";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import type { addLogEntrySchema, logEntryRefSchema } from "@/server/contracts/incidents";
import {
  type IncidentRef,
  loadIncident,
  lockIncident,
  refuseIfClosed,
  refuseReconcilingIfClosed,
  appendEvents,
  keptWrittenAt,
} from "@/server/services/incidents/core";

/** The paper records of the outage. Patient data: every read is audited (without the data itself). */
export async function listDowntimeLog(
  ctx: ServiceContext,
  ref: IncidentRef,
  emergency?: { grantId: string },
) {
  await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  const entries = await ctx.tx
    .select()
    .from(downtimeLogEntries)
    .where(
      and(eq(downtimeLogEntries.mspId, ctx.mspId), eq(downtimeLogEntries.incidentId, incident.id)),
    )
    .orderBy(asc(downtimeLogEntries.createdAt), asc(downtimeLogEntries.id))
    .limit(1000);
  await recordAudit(ctx, {
    action: "downtime_log.read",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: emergency
      ? { entries: entries.length, emergencyGrantId: emergency.grantId }
      : { entries: entries.length },
  });
  return entries.map(({ mspId: _m, enteredByUserId, verifiedByUserId, ...entry }) => ({
    ...entry,
    enteredByMe: enteredByUserId !== null && enteredByUserId === ctx.actor.userId,
    verifiedByMe: verifiedByUserId !== null && verifiedByUserId === ctx.actor.userId,
  }));
}

export async function addLogEntry(
  ctx: ServiceContext,
  input: z.infer<typeof addLogEntrySchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const { practiceId, incidentId, writtenAt: written, ...fields } = input;
  const writtenAt = keptWrittenAt(written, now);
  const [entry] = await ctx.tx
    .insert(downtimeLogEntries)
    .values({
      mspId: ctx.mspId,
      practiceId,
      incidentId,
      ...fields,
      recordedByName: ctx.actor.name,
      writtenAt,
    })
    .returning({ id: downtimeLogEntries.id });
  await appendEvents(
    ctx,
    incident,
    [{ kind: "log", body: "A paper record was added to the downtime log.", writtenAt }],
    now,
  );
  await recordAudit(ctx, {
    action: "downtime_log.add",
    entityType: "downtime_log_entry",
    entityId: entry!.id,
    practiceId,
    ...(writtenAt ? { summary: { writtenAt: writtenAt.toISOString() } } : {}),
  });
  return { id: entry!.id };
}

async function changeLogEntry(
  ctx: ServiceContext,
  input: z.infer<typeof logEntryRefSchema>,
  step: "entered" | "verified",
  now: Date,
) {
  const incident = await lockIncident(ctx, input);
  refuseReconcilingIfClosed(incident);
  const [entry] = await ctx.tx
    .select()
    .from(downtimeLogEntries)
    .where(
      and(
        eq(downtimeLogEntries.mspId, ctx.mspId),
        eq(downtimeLogEntries.incidentId, incident.id),
        eq(downtimeLogEntries.id, input.entryId),
      ),
    );
  if (!entry) throw new NotFoundError("Log entry");
  if (entry.version !== input.version)
    throw new ConflictError(
      "Someone else updated this record a moment ago. The list shows their change now.",
    );
  if (step === "entered" && entry.enteredAt)
    throw new InvalidError(`${entry.enteredByName} already entered this record into the EHR.`);
  if (step === "verified") {
    if (entry.verifiedAt)
      throw new InvalidError(`${entry.verifiedByName} already verified this record.`);
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
    .where(
      and(
        eq(downtimeLogEntries.mspId, ctx.mspId),
        eq(downtimeLogEntries.id, entry.id),
        eq(downtimeLogEntries.version, input.version),
      ),
    )
    .returning({ version: downtimeLogEntries.version });
  await appendEvents(
    ctx,
    incident,
    [
      {
        kind: "log",
        body:
          step === "entered"
            ? "A paper record was entered into the EHR."
            : "A paper record was verified.",
      },
    ],
    now,
  );
  await recordAudit(ctx, {
    action: `downtime_log.${step}`,
    entityType: "downtime_log_entry",
    entityId: entry.id,
    practiceId: incident.practiceId,
  });
  return { version: updated!.version };
}

export const markLogEntryEntered = (
  ctx: ServiceContext,
  input: z.infer<typeof logEntryRefSchema>,
  now = new Date(),
) => changeLogEntry(ctx, input, "entered", now);

export const markLogEntryVerified = (
  ctx: ServiceContext,
  input: z.infer<typeof logEntryRefSchema>,
  now = new Date(),
) => changeLogEntry(ctx, input, "verified", now);

/** A record added by mistake can be removed while it has not been entered into the EHR. */
export async function removeLogEntry(
  ctx: ServiceContext,
  input: z.infer<typeof logEntryRefSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const removed = await ctx.tx
    .delete(downtimeLogEntries)
    .where(
      and(
        eq(downtimeLogEntries.mspId, ctx.mspId),
        eq(downtimeLogEntries.incidentId, incident.id),
        eq(downtimeLogEntries.id, input.entryId),
        eq(downtimeLogEntries.version, input.version),
        isNull(downtimeLogEntries.enteredAt),
      ),
    )
    .returning({ id: downtimeLogEntries.id });
  if (removed.length === 0)
    throw new InvalidError(
      "Only a record not yet entered into the EHR can be removed; reload to see its state.",
    );
  await appendEvents(
    ctx,
    incident,
    [{ kind: "log", body: "A paper record was removed from the downtime log." }],
    now,
  );
  await recordAudit(ctx, {
    action: "downtime_log.remove",
    entityType: "downtime_log_entry",
    entityId: input.entryId,
    practiceId: incident.practiceId,
  });
}
