/**
 * A practice's schedule copy for tests, stored the way a sync or an upload stores it: a connection
 * row (as the owner) and a snapshot applied through applyScheduleSnapshot as the worker's role.
 */
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import * as schema from "@/db/schema";
import type {
  ScheduleAppointmentRecord,
  SchedulePatientRecord,
} from "@/server/domain/schedule-copy";
import { applyScheduleSnapshot } from "@/server/services/schedule/copy-store";
import { asTenant } from "./owner-db";

export type PlantedAppointment = Partial<ScheduleAppointmentRecord> & {
  startsAt: Date;
  patient?: Partial<SchedulePatientRecord> & { name: string };
};

let sequence = 0;

/**
 * Stores these appointments (each with its own patient unless it shares one by resourceId) in the
 * copy of the practice, and the connection's time as `refreshedAt`. Returns the appointments' ids
 * in the order given.
 */
export async function plantSchedule(
  mspId: string,
  practiceId: string,
  appointments: PlantedAppointment[],
  options: { refreshedAt?: Date; window?: { from: Date; to: Date } } = {},
): Promise<string[]> {
  const refreshedAt = options.refreshedAt ?? new Date();
  await asTenant(mspId, (tx) =>
    tx
      .insert(schema.scheduleConnections)
      .values({ mspId, practiceId, source: "csv", refreshedAt })
      .onConflictDoUpdate({
        target: [schema.scheduleConnections.mspId, schema.scheduleConnections.practiceId],
        set: { refreshedAt },
      }),
  );
  const patients = new Map<string, SchedulePatientRecord>();
  const records = appointments.map((appointment) => {
    sequence += 1;
    const patient = appointment.patient
      ? {
          resourceId: `p-${sequence}`,
          versionId: "1",
          phone: null,
          email: null,
          preferredLanguage: null,
          birthDate: null,
          ...appointment.patient,
        }
      : null;
    if (patient) patients.set(patient.resourceId, patient);
    const { patient: _patient, ...fields } = appointment;
    return {
      resourceId: `a-${sequence}`,
      versionId: "1",
      patientResourceId: patient?.resourceId ?? null,
      minutes: 20,
      providerName: "Dr. Ada Moss",
      locationName: "Main office",
      visitType: "Follow-up",
      status: "booked" as const,
      ...fields,
    };
  });
  const times = records.map((record) => record.startsAt.getTime());
  const window = options.window ?? {
    from: new Date(Math.min(...times)),
    to: new Date(Math.max(...times) + 1),
  };
  await withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    applyScheduleSnapshot(
      tx,
      { mspId, practiceId, source: "csv" },
      { ...window, appointments: records, patients: [...patients.values()] },
    ),
  );
  const rows = await asTenant(mspId, (tx) =>
    tx
      .select({
        id: schema.scheduleAppointments.id,
        resourceId: schema.scheduleAppointments.resourceId,
      })
      .from(schema.scheduleAppointments)
      .where(sql`${schema.scheduleAppointments.practiceId} = ${practiceId}`),
  );
  const idOf = new Map(rows.map((row) => [row.resourceId, row.id]));
  return records.map((record) => idOf.get(record.resourceId)!);
}
