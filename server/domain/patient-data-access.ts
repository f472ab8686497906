/**
 * Routine access to patient data (the downtime documentation log): pure rules.
 *
 * Technicians and practice managers work the log day to day. Someone who gains that access by a
 * role change or an invitation gets it only PATIENT_DATA_DELAY_HOURS later, and the practice's
 * managers see the change on the practice page in the meantime: an MSP admin cannot quietly give
 * themself (or a second account of theirs) routine access to patient records. Emergency access
 * (server/domain/emergency-access.ts) stays the way for an admin to read a log now.
 * The database enforces the same rule (standby_routine_patient_data_access in migration 0025).
 */
import type { Role } from "@/server/permissions";

export const PATIENT_DATA_DELAY_HOURS = 24;

/** How long a change stays listed for the practice's managers after it took effect. */
export const PATIENT_DATA_CHANGES_SHOWN_DAYS = 30;

export const patientDataRoles: readonly Role[] = ["technician", "practice_manager"];

export const worksPatientData = (role: Role): boolean => patientDataRoles.includes(role);

type Access = { role: Role; practiceIds: readonly string[] };

/**
 * Whether a change of role or practices gives routine access to a practice's patient data that the
 * person did not have: a new patient-data role, a practice manager becoming a technician (every
 * practice), or a practice manager given another practice.
 */
export function gainsPatientDataAccess(before: Access, after: Access): boolean {
  if (!worksPatientData(after.role)) return false;
  if (!worksPatientData(before.role)) return true;
  if (before.role === "technician") return false; // a technician already worked every practice
  if (after.role === "technician") return true;
  return after.practiceIds.some((practiceId) => !before.practiceIds.includes(practiceId));
}

/** When access gained at `now` begins. */
export function patientDataAccessStarts(now: Date, hours = PATIENT_DATA_DELAY_HOURS): Date {
  return new Date(now.getTime() + hours * 60 * 60_000);
}

/** Whether a person may read and write the log routinely at `now`. */
export function mayWorkPatientData(
  user: { role: Role; patientDataAccessFrom: Date },
  now: Date,
): boolean {
  return worksPatientData(user.role) && user.patientDataAccessFrom.getTime() <= now.getTime();
}

export function patientDataNotYetMessage(from: Date): string {
  return `Your access to patient records starts ${from.toISOString().slice(0, 16).replace("T", " ")} UTC: a day after you were given it, so the practice's managers can see the change first.`;
}
