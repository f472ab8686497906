import { z } from "zod";
import { documentVersionOrNew } from "./common";
import { idempotencyKeySchema } from "./idempotency";
import { SCHEDULE_REPORT_MAX_BYTES, scheduleReportMappingSchema } from "./schedule-report";

/** Shared by the schedule settings form (client) and the schedule settings service (server). */

const practiceId = z.uuid("Unknown practice.");

const wholeNumber = (what: string, min: number, max: number, unit: string) =>
  z
    .number(`Enter ${what}.`)
    .int(`Enter ${what} as a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} is at least ${min} ${unit}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} is at most ${max} ${unit}.`);

export const fhirConnectionFieldsSchema = z.object({
  fhirBaseUrl: z
    .string("Enter the EHR's FHIR base address.")
    .trim()
    .min(1, "Enter the EHR's FHIR base address (https://…/fhir/r4 or similar).")
    .max(500, "The FHIR base address is at most 500 characters.")
    .pipe(z.url("This is not a web address. Paste the whole address, https://…")),
  clientId: z
    .string("Enter the client id the EHR vendor gave Standby.")
    .trim()
    .min(1, "Enter the client id the EHR vendor gave Standby.")
    .max(200, "The client id is at most 200 characters."),
  syncIntervalMinutes: wholeNumber("the sync interval", 5, 1440, "minutes"),
  syncDaysAhead: wholeNumber("the days to copy", 1, 31, "days"),
  retentionDays: wholeNumber("how long copies are kept", 1, 14, "days"),
});
export type FhirConnectionFields = z.infer<typeof fhirConnectionFieldsSchema>;

export const saveFhirConnectionSchema = fhirConnectionFieldsSchema.extend({
  practiceId,
  version: documentVersionOrNew,
});

export const signingKeyRefSchema = z.object({
  practiceId,
  kid: z.string().min(1, "Choose a key.").max(100, "Unknown key."),
});

export const setSyncingSchema = z.object({ practiceId, on: z.boolean() });

export const defaultFhirConnection: FhirConnectionFields = {
  fhirBaseUrl: "",
  clientId: "",
  syncIntervalMinutes: 15,
  syncDaysAhead: 7,
  retentionDays: 14,
};

/** The scopes Standby asks the EHR for: only what the copy reads. */
export const scheduleScopes = [
  "system/Appointment.rs",
  "system/Patient.rs",
  "system/Practitioner.rs",
  "system/Location.rs",
] as const;

/** The schedule report as uploaded: the file's text, and the column mapping (guessed when not given). */
export const scheduleReportSchema = z.object({
  practiceId,
  csv: z
    .string("Choose the schedule report (a CSV file).")
    .min(1, "The file is empty.")
    .max(SCHEDULE_REPORT_MAX_BYTES, "Schedule reports are at most 2 MB."),
  mapping: scheduleReportMappingSchema.optional(),
});

export const uploadScheduleReportSchema = scheduleReportSchema.extend({
  mapping: scheduleReportMappingSchema,
  idempotencyKey: idempotencyKeySchema,
});
