/**
 * The continuity schedule: one local day of the practice's schedule copy for the front desk, the
 * marks it makes during an outage (arrived, no-show, cancelled, rescheduled, walk-ins), and those
 * marks in the incident's recovery reconciliation.
 *
 * Patient data, read as the downtime log is: technicians and the practice's managers whose routine
 * access has begun (the router checks the role and the start; row-level security checks both again),
 * an MSP admin only on a live emergency grant, never leadership. Every read that returns patients is
 * audited with counts, never with a name, phone, birth date or note.
 */
import "server-only";
import { and, asc, desc, eq, gte, isNull, lt, max, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  incidents,
  outreachReplies,
  scheduleAppointments,
  scheduleConnections,
  scheduleMarks,
  schedulePatients,
} from "@/db/schema";
import { isOpenStatus } from "@/server/domain/incident-status";
import {
  copyAge,
  countMarks,
  dayBounds,
  groupBySiteAndProvider,
  markReconciliationLine,
  momentOfDay,
} from "@/server/domain/schedule-day";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { incidentStatusLabels, type incidentRefSchema } from "@/server/contracts/incidents";
import {
  scheduleMarkLabels,
  type addWalkInSchema,
  type incidentMarksSchema,
  type markAppointmentSchema,
  type markEnteredSchema,
  type markRefSchema,
  type ScheduleMarkKind,
  type scheduleDaySchema,
  type schedulePracticeSchema,
} from "@/server/contracts/schedule";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { liveGrant } from "@/server/services/emergency-access";
import {
  loadIncident,
  refuseReconcilingIfClosed,
  type IncidentRow,
} from "@/server/services/incidents/core";
import { patientOpener, sealPatient } from "./patient-data";

/** Where the copy is set up: another page of the practice. */
export const scheduleSettingsPath = (practiceId: string) =>
  `/practices/${practiceId}/schedule/settings`;

export const adminNeedsEmergencyAccessMessage =
  "The schedule copy holds patients' names and phone numbers: the practice's managers and the MSP's technicians work it. As an MSP admin you see it only through emergency access — request it for this practice with a reason (it opens the practice's patient records, read only, for an hour; the practice's manager sees who, when and why, and every read is audited).";

/** The copy's connection, without anything a sync keeps for itself: no patient data is here. */
async function connectionOf(ctx: ServiceContext, practiceId: string) {
  const [connection] = await ctx.tx
    .select({
      source: scheduleConnections.source,
      refreshedAt: scheduleConnections.refreshedAt,
      lastErrorAt: scheduleConnections.lastErrorAt,
      lastError: scheduleConnections.lastError,
    })
    .from(scheduleConnections)
    .where(
      and(eq(scheduleConnections.mspId, ctx.mspId), eq(scheduleConnections.practiceId, practiceId)),
    );
  return connection ?? null;
}

function describeConnection(
  connection: NonNullable<Awaited<ReturnType<typeof connectionOf>>>,
  now: Date,
) {
  return {
    source: connection.source,
    refreshedAt: connection.refreshedAt,
    age: connection.refreshedAt ? copyAge(connection.refreshedAt, now) : null,
    lastErrorAt: connection.lastErrorAt,
    lastError: connection.lastError,
  };
}

/**
 * Whether the practice keeps a schedule copy and how old it is (no patient data): for the packet
 * card, which offers the schedule's print beside the packet.
 */
export async function scheduleStatus(
  ctx: ServiceContext,
  input: z.infer<typeof schedulePracticeSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const connection = await connectionOf(ctx, input.practiceId);
  return {
    connection: connection ? describeConnection(connection, now) : null,
    settingsPath: scheduleSettingsPath(input.practiceId),
  };
}

/** The practice's open outages (not resolved or closed), newest first. */
export async function openOutages(ctx: ServiceContext, practiceId: string) {
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
        eq(incidents.practiceId, practiceId),
        notInArray(incidents.status, ["resolved", "closed"]),
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(20);
}

/** Admins read the copy on a live emergency grant only; the others' access was checked by the router. */
async function readerGrant(ctx: ServiceContext, practiceId: string, now: Date) {
  if (ctx.actor.role !== "admin") return null;
  const grant = await liveGrant(ctx, practiceId, now);
  if (!grant) throw new ForbiddenError(adminNeedsEmergencyAccessMessage);
  return grant.id;
}

const markColumns = {
  id: scheduleMarks.id,
  kind: scheduleMarks.kind,
  note: scheduleMarks.note,
  markedByName: scheduleMarks.markedByName,
  markedAt: scheduleMarks.markedAt,
  enteredAt: scheduleMarks.enteredAt,
  enteredByName: scheduleMarks.enteredByName,
  version: scheduleMarks.version,
};

/** An appointment of the day with its patient and its mark, as the database sends it. */
type DayRow = {
  id: string;
  startsAtMs: number;
  minutes: number;
  providerName: string;
  locationName: string;
  visitType: string;
  status: string;
  patientId: string | null;
  nameSealed: string | null;
  phoneSealed: string | null;
  birthDateSealed: string | null;
  preferredLanguage: string | null;
  markId: string | null;
  markKind: ScheduleMarkKind | null;
  markNote: string | null;
  markedByName: string | null;
  markedAtMs: number | null;
  markEnteredAtMs: number | null;
  markVersion: number | null;
};

/**
 * One local day of the copy: the appointments the EHR still has, per site and provider, each with its
 * patient and (during an open outage) the front desk's mark; the outage's walk-ins of that day; the
 * copy's age; and which days the copy holds. Audited when it returns patients.
 */
export async function readScheduleDay(
  ctx: ServiceContext,
  input: z.infer<typeof scheduleDaySchema>,
  now = new Date(),
) {
  // Asked together, they travel to the database together (one round trip, not four); a practice out
  // of scope or a missing grant still refuses before anything is returned.
  const [practice, grantId, connection, outages] = await Promise.all([
    practiceInScope(ctx, input.practiceId),
    readerGrant(ctx, input.practiceId, now),
    connectionOf(ctx, input.practiceId),
    openOutages(ctx, input.practiceId),
  ]);
  const practiceView = { id: practice.id, name: practice.name, timezone: practice.timezone };
  const outage = outages.find((open) => open.id === input.incidentId) ?? outages[0] ?? null;
  const base = {
    practice: practiceView,
    date: input.date,
    now,
    settingsPath: scheduleSettingsPath(practice.id),
    outage,
    outages,
  };
  const { from, to } = dayBounds(input.date, practice.timezone);
  const samePractice = and(
    eq(scheduleAppointments.mspId, ctx.mspId),
    eq(scheduleAppointments.practiceId, practice.id),
    isNull(scheduleAppointments.removedAt),
  );
  const read = () =>
    Promise.all([
      // Plain SQL read as it comes (120 rows and more: not mapped column by column), times as epoch
      // milliseconds. Marks of the outage shown only: with no outage open, none.
      ctx.tx.execute<DayRow>(sql`
        select a.id, extract(epoch from a.starts_at)::float8 * 1000 as "startsAtMs", a.minutes,
               a.provider_name as "providerName", a.location_name as "locationName",
               a.visit_type as "visitType", a.status,
               p.id as "patientId", p.name_sealed as "nameSealed", p.phone_sealed as "phoneSealed",
               p.birth_date_sealed as "birthDateSealed", p.preferred_language as "preferredLanguage",
               k.id as "markId", k.kind as "markKind", k.note as "markNote",
               k.marked_by_name as "markedByName",
               extract(epoch from k.marked_at)::float8 * 1000 as "markedAtMs",
               extract(epoch from k.entered_at)::float8 * 1000 as "markEnteredAtMs",
               k.version as "markVersion"
          from ${scheduleAppointments} a
          left join ${schedulePatients} p on p.msp_id = a.msp_id and p.id = a.patient_id
          left join ${scheduleMarks} k
            on k.msp_id = a.msp_id and k.appointment_id = a.id
           and ${outage ? sql`k.incident_id = ${outage.id}` : sql`false`}
         where a.msp_id = ${ctx.mspId} and a.practice_id = ${practice.id} and a.removed_at is null
           and a.starts_at >= ${from.toISOString()}::timestamptz
           and a.starts_at < ${to.toISOString()}::timestamptz
         order by a.starts_at, a.id
         limit 2000`),
      outage
        ? ctx.tx
            .select({
              ...markColumns,
              walkInNameSealed: scheduleMarks.walkInNameSealed,
              walkInPhoneSealed: scheduleMarks.walkInPhoneSealed,
              walkInAt: scheduleMarks.walkInAt,
              providerName: scheduleMarks.providerName,
            })
            .from(scheduleMarks)
            .where(
              and(
                eq(scheduleMarks.mspId, ctx.mspId),
                eq(scheduleMarks.practiceId, practice.id),
                eq(scheduleMarks.incidentId, outage.id),
                eq(scheduleMarks.kind, "walk_in"),
                gte(scheduleMarks.walkInAt, from),
                lt(scheduleMarks.walkInAt, to),
              ),
            )
            .orderBy(asc(scheduleMarks.walkInAt), asc(scheduleMarks.id))
        : Promise.resolve([]),
      // The days the copy holds, on the practice's calendar, for the day picker.
      ctx.tx
        .select({
          date: sql<string>`to_char(${scheduleAppointments.startsAt} at time zone ${practice.timezone}, 'YYYY-MM-DD')`,
          appointments: sql<number>`count(*)::int`,
        })
        .from(scheduleAppointments)
        .where(samePractice)
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .limit(100),
      textConfirmations(ctx, practice.id, from, to),
    ]);
  // Without a connection there is no copy to read (the page says how to set one up).
  const [rows, walkIns, days, confirmed] = connection
    ? await read()
    : [[] as DayRow[], [], [], new Map<string, Date>()];

  const open = patientOpener(practice.id);
  const appointments = rows.map((row) => ({
    id: row.id,
    startsAt: new Date(row.startsAtMs),
    minutes: row.minutes,
    providerName: row.providerName,
    locationName: row.locationName,
    visitType: row.visitType,
    status: row.status,
    patient:
      row.patientId && row.nameSealed
        ? {
            name: open("name", row.nameSealed)!,
            phone: open("phone", row.phoneSealed),
            birthDate: open("birthDate", row.birthDateSealed),
            preferredLanguage: row.preferredLanguage,
          }
        : null,
    /** When the patient answered a text message "Y" (the latest time), or null. */
    confirmedByTextAt: confirmed.get(row.id) ?? null,
    mark:
      row.markId && row.markKind && row.markVersion !== null && row.markedAtMs !== null
        ? {
            id: row.markId,
            kind: row.markKind,
            note: row.markNote ?? "",
            markedByName: row.markedByName ?? "",
            markedAt: new Date(row.markedAtMs),
            enteredAt: row.markEnteredAtMs === null ? null : new Date(row.markEnteredAtMs),
            version: row.markVersion,
          }
        : null,
  }));
  const walkInViews = walkIns.map((walkIn) => ({
    id: walkIn.id,
    at: walkIn.walkInAt!,
    providerName: walkIn.providerName ?? "",
    name: open("walkInName", walkIn.walkInNameSealed)!,
    phone: open("walkInPhone", walkIn.walkInPhoneSealed),
    note: walkIn.note,
    markedByName: walkIn.markedByName,
    markedAt: walkIn.markedAt,
    enteredAt: walkIn.enteredAt,
    version: walkIn.version,
  }));

  if (appointments.length + walkInViews.length > 0)
    await recordAudit(ctx, {
      action: input.purpose === "print" ? "schedule.print" : "schedule.read",
      entityType: "practice",
      entityId: practice.id,
      practiceId: practice.id,
      summary: {
        date: input.date,
        appointments: appointments.length,
        walkIns: walkInViews.length,
        ...(grantId ? { emergencyGrantId: grantId } : {}),
      },
    });

  return {
    ...base,
    connection: connection ? describeConnection(connection, now) : null,
    days,
    sites: groupBySiteAndProvider(appointments),
    walkIns: walkInViews,
    appointmentCount: appointments.length,
  };
}

export type ScheduleDay = Awaited<ReturnType<typeof readScheduleDay>>;

/**
 * The latest "Y" texted back about each appointment of the day (patient outreach's replies): shown as
 * "Confirmed by text" on the day. Read with the day, by the same people, under the same row security.
 */
async function textConfirmations(
  ctx: ServiceContext,
  practiceId: string,
  from: Date,
  to: Date,
): Promise<Map<string, Date>> {
  const rows = await ctx.tx
    .select({ appointmentId: outreachReplies.appointmentId, at: max(outreachReplies.receivedAt) })
    .from(outreachReplies)
    .innerJoin(
      scheduleAppointments,
      and(
        eq(scheduleAppointments.mspId, outreachReplies.mspId),
        eq(scheduleAppointments.id, outreachReplies.appointmentId),
      ),
    )
    .where(
      and(
        eq(outreachReplies.mspId, ctx.mspId),
        eq(outreachReplies.practiceId, practiceId),
        eq(outreachReplies.action, "confirm"),
        gte(scheduleAppointments.startsAt, from),
        lt(scheduleAppointments.startsAt, to),
      ),
    )
    .groupBy(outreachReplies.appointmentId);
  return new Map(rows.map((row) => [row.appointmentId!, row.at!]));
}

// ---------------------------------------------------------------------------------------------
// Marks, during an open outage

/**
 * The incident, locked against a status change until the transaction ends (FOR SHARE: marks made
 * at the same moment do not wait for each other), and open: marks are what the front desk does while
 * the EHR is down.
 */
async function openIncidentForMarks(
  ctx: ServiceContext,
  ref: z.infer<typeof incidentRefSchema>,
): Promise<{ incident: IncidentRow; practice: Awaited<ReturnType<typeof practiceInScope>> }> {
  const practice = await practiceInScope(ctx, ref.practiceId, "change");
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
    .for("share");
  if (!incident) throw new NotFoundError("Incident");
  if (!isOpenStatus(incident.status))
    throw new InvalidError(
      `The schedule is marked during an outage, and this one is ${incidentStatusLabels[incident.status].toLowerCase()}. Declare an outage (or reopen this one) to mark arrivals, cancellations and walk-ins; after the outage, enter them into the EHR from the incident's recovery reconciliation.`,
    );
  return { incident, practice };
}

const changedMeanwhile = (markedByName: string, kind: ScheduleMarkKind) =>
  new ConflictError(
    `${markedByName} marked this appointment ${scheduleMarkLabels[kind].toLowerCase()} a moment ago. The schedule shows it now; change it there if it is wrong.`,
  );

/**
 * Marks an appointment arrived, no-show, cancelled or rescheduled: one mark per appointment per
 * outage. Without a version it is a first mark, and the same mark again (a double tap) changes
 * nothing; with the version read, it changes the kind or the note. Someone else's change in between
 * is a conflict, never overwritten.
 */
export async function markAppointment(
  ctx: ServiceContext,
  input: z.infer<typeof markAppointmentSchema>,
  now = new Date(),
) {
  const { incident } = await openIncidentForMarks(ctx, input);
  const [appointment] = await ctx.tx
    .select({ id: scheduleAppointments.id })
    .from(scheduleAppointments)
    .where(
      and(
        eq(scheduleAppointments.mspId, ctx.mspId),
        eq(scheduleAppointments.practiceId, input.practiceId),
        eq(scheduleAppointments.id, input.appointmentId),
        isNull(scheduleAppointments.removedAt),
      ),
    );
  if (!appointment) throw new NotFoundError("Appointment");

  const existingMark = async () =>
    (
      await ctx.tx
        .select(markColumns)
        .from(scheduleMarks)
        .where(
          and(
            eq(scheduleMarks.mspId, ctx.mspId),
            eq(scheduleMarks.incidentId, incident.id),
            eq(scheduleMarks.appointmentId, appointment.id),
          ),
        )
        .for("update")
    )[0];

  let existing = await existingMark();
  if (!existing) {
    if (input.version !== undefined)
      throw new ConflictError(
        "This appointment's mark was undone a moment ago. The schedule shows it now; mark it again if needed.",
      );
    const [created] = await ctx.tx
      .insert(scheduleMarks)
      .values({
        mspId: ctx.mspId,
        practiceId: input.practiceId,
        incidentId: incident.id,
        appointmentId: appointment.id,
        kind: input.kind,
        note: input.note,
        markedByUserId: ctx.actor.userId,
        markedByName: ctx.actor.name,
        markedAt: now,
      })
      .onConflictDoNothing({
        target: [scheduleMarks.mspId, scheduleMarks.incidentId, scheduleMarks.appointmentId],
        where: sql`${scheduleMarks.appointmentId} is not null`,
      })
      .returning(markColumns);
    if (created) {
      await recordAudit(ctx, {
        action: "schedule.mark",
        entityType: "schedule_mark",
        entityId: created.id,
        practiceId: input.practiceId,
        summary: { kind: input.kind, incidentId: incident.id },
      });
      return { id: created.id, kind: created.kind, version: created.version };
    }
    // Marked by someone else at the same moment: read theirs and treat it as below.
    existing = await existingMark();
    if (!existing)
      throw new ConflictError("Someone else changed this at the same moment. Try again.");
  }

  if (input.version === undefined) {
    if (existing.kind === input.kind)
      return { id: existing.id, kind: existing.kind, version: existing.version };
    throw changedMeanwhile(existing.markedByName, existing.kind);
  }
  if (existing.version !== input.version)
    throw changedMeanwhile(existing.markedByName, existing.kind);
  if (existing.enteredAt)
    throw new InvalidError(
      "This mark is already entered into the EHR; change the appointment in the EHR instead.",
    );
  if (existing.kind === input.kind && existing.note === input.note)
    return { id: existing.id, kind: existing.kind, version: existing.version };
  const [updated] = await ctx.tx
    .update(scheduleMarks)
    .set({
      kind: input.kind,
      note: input.note,
      markedByUserId: ctx.actor.userId,
      markedByName: ctx.actor.name,
      markedAt: now,
      version: sql`${scheduleMarks.version} + 1`,
    })
    .where(
      and(
        eq(scheduleMarks.mspId, ctx.mspId),
        eq(scheduleMarks.id, existing.id),
        eq(scheduleMarks.version, input.version),
      ),
    )
    .returning(markColumns);
  await recordAudit(ctx, {
    action: "schedule.mark",
    entityType: "schedule_mark",
    entityId: existing.id,
    practiceId: input.practiceId,
    summary: { kind: input.kind, previousKind: existing.kind, incidentId: incident.id },
  });
  return { id: updated!.id, kind: updated!.kind, version: updated!.version };
}

/** A mark of this incident, or NOT_FOUND. */
async function markOf(ctx: ServiceContext, incidentId: string, markId: string) {
  const [mark] = await ctx.tx
    .select({ ...markColumns, appointmentId: scheduleMarks.appointmentId })
    .from(scheduleMarks)
    .where(
      and(
        eq(scheduleMarks.mspId, ctx.mspId),
        eq(scheduleMarks.incidentId, incidentId),
        eq(scheduleMarks.id, markId),
      ),
    );
  return mark ?? null;
}

/**
 * Undoes a mark or a walk-in made by mistake, during the outage. Undoing one already undone changes
 * nothing; one changed since it was read is a conflict; one entered into the EHR stays.
 */
export async function clearMark(ctx: ServiceContext, input: z.infer<typeof markRefSchema>) {
  const { incident } = await openIncidentForMarks(ctx, input);
  const removed = await ctx.tx
    .delete(scheduleMarks)
    .where(
      and(
        eq(scheduleMarks.mspId, ctx.mspId),
        eq(scheduleMarks.practiceId, input.practiceId),
        eq(scheduleMarks.incidentId, incident.id),
        eq(scheduleMarks.id, input.markId),
        eq(scheduleMarks.version, input.version),
        isNull(scheduleMarks.enteredAt),
      ),
    )
    .returning({ id: scheduleMarks.id, kind: scheduleMarks.kind });
  if (removed.length === 0) {
    const mark = await markOf(ctx, incident.id, input.markId);
    if (!mark) return { cleared: false };
    if (mark.enteredAt)
      throw new InvalidError("This mark is already entered into the EHR, so it stays.");
    throw new ConflictError(
      `${mark.markedByName} changed this mark a moment ago. The schedule shows it now.`,
    );
  }
  await recordAudit(ctx, {
    action: "schedule.clear_mark",
    entityType: "schedule_mark",
    entityId: input.markId,
    practiceId: input.practiceId,
    summary: { kind: removed[0]!.kind, incidentId: incident.id },
  });
  return { cleared: true };
}

/** A patient who came in without an appointment, during the outage (the router makes a double submit harmless). */
export async function addWalkIn(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof addWalkInSchema>, "idempotencyKey">,
  now = new Date(),
) {
  const { incident, practice } = await openIncidentForMarks(ctx, input);
  const walkInAt = momentOfDay(input.date, input.at, practice.timezone);
  const [created] = await ctx.tx
    .insert(scheduleMarks)
    .values({
      mspId: ctx.mspId,
      practiceId: practice.id,
      incidentId: incident.id,
      appointmentId: null,
      kind: "walk_in",
      walkInNameSealed: sealPatient(practice.id, "walkInName", input.name),
      walkInPhoneSealed: sealPatient(practice.id, "walkInPhone", input.phone || null),
      walkInAt,
      providerName: input.providerName,
      note: input.note,
      markedByUserId: ctx.actor.userId,
      markedByName: ctx.actor.name,
      markedAt: now,
    })
    .returning({ id: scheduleMarks.id, version: scheduleMarks.version });
  await recordAudit(ctx, {
    action: "schedule.walk_in",
    entityType: "schedule_mark",
    entityId: created!.id,
    practiceId: practice.id,
    summary: { date: input.date, incidentId: incident.id },
  });
  return { id: created!.id, version: created!.version, walkInAt };
}

// ---------------------------------------------------------------------------------------------
// The marks in the recovery reconciliation

/**
 * The kind of each mark of the incident and whether it is entered into the EHR, through a database
 * function (no patient data): an admin, who cannot read the marks, still learns what blocks the close.
 */
export async function incidentMarkProgress(ctx: ServiceContext, incidentId: string) {
  const rows = await ctx.tx.execute<{ kind: ScheduleMarkKind; entered_at: string | Date | null }>(
    sql`select kind, entered_at from standby_schedule_mark_progress(${incidentId})`,
  );
  return [...rows].map((row) => ({ kind: row.kind, entered: row.entered_at !== null }));
}

/** The counts and the line of the reconciliation ("Enter 4 cancellations and 2 walk-ins into the EHR"). */
export function markSummary(progress: { kind: ScheduleMarkKind; entered: boolean }[]) {
  const counts = countMarks(progress);
  return { ...counts, line: markReconciliationLine(counts) };
}

/**
 * Every mark of the incident, in time order, with the patient's name: for ticking each one as entered
 * into the EHR. Patient data: audited when it returns any.
 */
export async function listIncidentMarks(
  ctx: ServiceContext,
  ref: z.infer<typeof incidentMarksSchema>,
) {
  const practice = await practiceInScope(ctx, ref.practiceId);
  const incident = await loadIncident(ctx, ref);
  const rows = await ctx.tx
    .select({
      ...markColumns,
      walkInNameSealed: scheduleMarks.walkInNameSealed,
      walkInAt: scheduleMarks.walkInAt,
      walkInProvider: scheduleMarks.providerName,
      startsAt: scheduleAppointments.startsAt,
      appointmentProvider: scheduleAppointments.providerName,
      nameSealed: schedulePatients.nameSealed,
    })
    .from(scheduleMarks)
    .leftJoin(
      scheduleAppointments,
      and(
        eq(scheduleAppointments.mspId, scheduleMarks.mspId),
        eq(scheduleAppointments.id, scheduleMarks.appointmentId),
      ),
    )
    .leftJoin(
      schedulePatients,
      and(
        eq(schedulePatients.mspId, scheduleAppointments.mspId),
        eq(schedulePatients.id, scheduleAppointments.patientId),
      ),
    )
    .where(and(eq(scheduleMarks.mspId, ctx.mspId), eq(scheduleMarks.incidentId, incident.id)))
    .limit(5_000);
  const open = patientOpener(practice.id);
  const marks = rows
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      version: row.version,
      at: row.walkInAt ?? row.startsAt ?? row.markedAt,
      providerName: row.walkInProvider ?? row.appointmentProvider ?? "",
      patientName:
        row.kind === "walk_in"
          ? open("walkInName", row.walkInNameSealed)
          : open("name", row.nameSealed),
      note: row.note,
      markedByName: row.markedByName,
      markedAt: row.markedAt,
      enteredAt: row.enteredAt,
      enteredByName: row.enteredByName,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  if (marks.length > 0)
    await recordAudit(ctx, {
      action: "schedule.marks_read",
      entityType: "incident",
      entityId: incident.id,
      practiceId: incident.practiceId,
      summary: { marks: marks.length },
    });
  return { timezone: practice.timezone, marks };
}

/** Ticks one mark as entered into the EHR after recovery (or unticks a tick made by mistake). */
export async function setMarkEntered(
  ctx: ServiceContext,
  input: z.infer<typeof markEnteredSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const incident = await loadIncident(ctx, input);
  refuseReconcilingIfClosed(incident);
  const [updated] = await ctx.tx
    .update(scheduleMarks)
    .set(
      input.entered
        ? {
            enteredAt: now,
            enteredByName: ctx.actor.name,
            version: sql`${scheduleMarks.version} + 1`,
          }
        : { enteredAt: null, enteredByName: null, version: sql`${scheduleMarks.version} + 1` },
    )
    .where(
      and(
        eq(scheduleMarks.mspId, ctx.mspId),
        eq(scheduleMarks.incidentId, incident.id),
        eq(scheduleMarks.id, input.markId),
        eq(scheduleMarks.version, input.version),
      ),
    )
    .returning({ version: scheduleMarks.version, kind: scheduleMarks.kind });
  if (!updated) {
    const mark = await markOf(ctx, incident.id, input.markId);
    if (!mark) throw new NotFoundError("Mark");
    throw new ConflictError(
      "Someone else changed this mark a moment ago. The list shows their change now.",
    );
  }
  await recordAudit(ctx, {
    action: input.entered ? "schedule.mark_entered" : "schedule.mark_not_entered",
    entityType: "schedule_mark",
    entityId: input.markId,
    practiceId: input.practiceId,
    summary: { kind: updated.kind, incidentId: incident.id },
  });
  return { version: updated.version };
}
