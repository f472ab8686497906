/**
 * The practice's schedule copy: what a sync (FHIR) or an upload (the EHR's CSV schedule report)
 * hands over to be stored. Only what continuity needs: no diagnosis, no notes, no identifiers
 * beyond the source's own resource ids. Pure types and rules; storing is server/services/schedule.
 */

/** FHIR R4 Appointment.status values Standby keeps (the EHR's words). */
export const appointmentStatuses = [
  "proposed",
  "pending",
  "booked",
  "arrived",
  "fulfilled",
  "cancelled",
  "noshow",
  "entered-in-error",
  "checked-in",
  "waitlist",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Where a copy came from; part of every row's key (practice, source, resource id). */
export const scheduleSources = ["fhir", "csv"] as const;
export type ScheduleSource = (typeof scheduleSources)[number];

export type SchedulePatientRecord = {
  /** The source's id: the FHIR Patient id, or for a CSV report the report's patient/MRN column (or name + birth date when it has none). */
  resourceId: string;
  /** FHIR meta.versionId when given: an unchanged version is not rewritten. */
  versionId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  /** A BCP-47 code such as "en" or "es", from Patient.communication (preferred first). */
  preferredLanguage: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
};

export type ScheduleAppointmentRecord = {
  resourceId: string;
  versionId: string | null;
  /** The patient's resourceId; null for an appointment without a patient (a blocked slot is not kept). */
  patientResourceId: string | null;
  startsAt: Date;
  minutes: number;
  providerName: string;
  locationName: string;
  visitType: string;
  status: AppointmentStatus;
};

/** One complete read of a window of the schedule: applied whole, or not at all. */
export type ScheduleSnapshot = {
  from: Date;
  to: Date;
  appointments: ScheduleAppointmentRecord[];
  patients: SchedulePatientRecord[];
};
