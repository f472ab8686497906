// No "server-only" marker: the demo seed (plain Node, without the app's environment) stores its
// synthetic schedule with this too, passing its own key ring; the app and the worker pass none and
// get PATIENT_DATA_KEY's (patient-data.ts, loaded only then).
import { and, eq, gte, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { scheduleAppointments, schedulePatients } from "@/db/schema";
import type { ScheduleSnapshot, ScheduleSource } from "@/server/domain/schedule-copy";
import {
  patientField,
  sealedWithCurrentKey,
  sealPatientValue,
  type PatientKeyRing,
} from "@/server/domain/patient-box";

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters at 13 columns a row. */
const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

export type ApplyResult = {
  patientsWritten: number;
  appointmentsWritten: number;
  unchanged: number;
  removed: number;
};

/**
 * Stores one complete read of a window of the schedule, in the caller's transaction (so a failed
 * run changes nothing). Keyed on (practice, source, resource id): a re-run with the same versions
 * writes nothing; a changed version, or a value sealed with a key that is no longer current, is
 * rewritten; an appointment of the window the EHR no longer returns is marked removed.
 */
export async function applyScheduleSnapshot(
  tx: Transaction,
  target: { mspId: string; practiceId: string; source: ScheduleSource },
  snapshot: ScheduleSnapshot,
  now = new Date(),
  keyRing?: PatientKeyRing,
): Promise<ApplyResult> {
  const { mspId, practiceId, source } = target;
  const keys = keyRing ?? (await import("./patient-data")).patientDataKeys();
  const seal = (field: "name" | "phone" | "email" | "birthDate", plain: string | null) =>
    plain === null ? null : sealPatientValue(keys, patientField(practiceId, field), plain);
  const samePlace = and(
    eq(schedulePatients.mspId, mspId),
    eq(schedulePatients.practiceId, practiceId),
    eq(schedulePatients.source, source),
  );

  // Patients: what is kept already, to write only what changed.
  const patientIds = new Map<string, string>();
  const keptPatients = new Map<string, { versionId: string | null; current: boolean }>();
  for (const group of chunks(
    snapshot.patients.map((patient) => patient.resourceId),
    5_000,
  )) {
    const rows = await tx
      .select({
        id: schedulePatients.id,
        resourceId: schedulePatients.resourceId,
        versionId: schedulePatients.versionId,
        nameSealed: schedulePatients.nameSealed,
      })
      .from(schedulePatients)
      .where(and(samePlace, inArray(schedulePatients.resourceId, group)));
    for (const row of rows) {
      patientIds.set(row.resourceId, row.id);
      keptPatients.set(row.resourceId, {
        versionId: row.versionId,
        current: sealedWithCurrentKey(keys, row.nameSealed),
      });
    }
  }
  const patientsToWrite = snapshot.patients.filter((patient) => {
    const kept = keptPatients.get(patient.resourceId);
    return (
      !kept || !kept.current || kept.versionId === null || kept.versionId !== patient.versionId
    );
  });
  for (const group of chunks(patientsToWrite)) {
    const written = await tx
      .insert(schedulePatients)
      .values(
        group.map((patient) => ({
          mspId,
          practiceId,
          source,
          resourceId: patient.resourceId,
          versionId: patient.versionId,
          nameSealed: seal("name", patient.name)!,
          phoneSealed: seal("phone", patient.phone),
          emailSealed: seal("email", patient.email),
          birthDateSealed: seal("birthDate", patient.birthDate),
          preferredLanguage: patient.preferredLanguage,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [
          schedulePatients.mspId,
          schedulePatients.practiceId,
          schedulePatients.source,
          schedulePatients.resourceId,
        ],
        set: {
          versionId: sql`excluded.version_id`,
          nameSealed: sql`excluded.name_sealed`,
          phoneSealed: sql`excluded.phone_sealed`,
          emailSealed: sql`excluded.email_sealed`,
          birthDateSealed: sql`excluded.birth_date_sealed`,
          preferredLanguage: sql`excluded.preferred_language`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ id: schedulePatients.id, resourceId: schedulePatients.resourceId });
    for (const row of written) patientIds.set(row.resourceId, row.id);
  }

  // Appointments, the same way.
  const sameAppointmentPlace = and(
    eq(scheduleAppointments.mspId, mspId),
    eq(scheduleAppointments.practiceId, practiceId),
    eq(scheduleAppointments.source, source),
  );
  const keptAppointments = new Map<string, { versionId: string | null; removed: boolean }>();
  for (const group of chunks(
    snapshot.appointments.map((a) => a.resourceId),
    5_000,
  )) {
    const rows = await tx
      .select({
        resourceId: scheduleAppointments.resourceId,
        versionId: scheduleAppointments.versionId,
        removedAt: scheduleAppointments.removedAt,
      })
      .from(scheduleAppointments)
      .where(and(sameAppointmentPlace, inArray(scheduleAppointments.resourceId, group)));
    for (const row of rows)
      keptAppointments.set(row.resourceId, {
        versionId: row.versionId,
        removed: row.removedAt !== null,
      });
  }
  const appointmentsToWrite = snapshot.appointments.filter((appointment) => {
    const kept = keptAppointments.get(appointment.resourceId);
    return (
      !kept || kept.removed || kept.versionId === null || kept.versionId !== appointment.versionId
    );
  });
  for (const group of chunks(appointmentsToWrite)) {
    await tx
      .insert(scheduleAppointments)
      .values(
        group.map((appointment) => ({
          mspId,
          practiceId,
          source,
          resourceId: appointment.resourceId,
          versionId: appointment.versionId,
          patientId: appointment.patientResourceId
            ? (patientIds.get(appointment.patientResourceId) ?? null)
            : null,
          startsAt: appointment.startsAt,
          minutes: appointment.minutes,
          providerName: appointment.providerName,
          locationName: appointment.locationName,
          visitType: appointment.visitType,
          status: appointment.status,
          removedAt: null,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [
          scheduleAppointments.mspId,
          scheduleAppointments.practiceId,
          scheduleAppointments.source,
          scheduleAppointments.resourceId,
        ],
        set: {
          versionId: sql`excluded.version_id`,
          patientId: sql`excluded.patient_id`,
          startsAt: sql`excluded.starts_at`,
          minutes: sql`excluded.minutes`,
          providerName: sql`excluded.provider_name`,
          locationName: sql`excluded.location_name`,
          visitType: sql`excluded.visit_type`,
          status: sql`excluded.status`,
          removedAt: sql`null`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }

  // What the EHR no longer returns in the window was deleted there.
  const returned = snapshot.appointments.map((appointment) => appointment.resourceId);
  const removed = await tx
    .update(scheduleAppointments)
    .set({ removedAt: now, updatedAt: now })
    .where(
      and(
        sameAppointmentPlace,
        gte(scheduleAppointments.startsAt, snapshot.from),
        lt(scheduleAppointments.startsAt, snapshot.to),
        isNull(scheduleAppointments.removedAt),
        returned.length > 0 ? notInArray(scheduleAppointments.resourceId, returned) : undefined,
      ),
    )
    .returning({ id: scheduleAppointments.id });

  return {
    patientsWritten: patientsToWrite.length,
    appointmentsWritten: appointmentsToWrite.length,
    unchanged:
      snapshot.patients.length -
      patientsToWrite.length +
      snapshot.appointments.length -
      appointmentsToWrite.length,
    removed: removed.length,
  };
}
