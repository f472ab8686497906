import { z } from "zod";

/** Shared by the emergency-access dialog (client) and the service (server). */

/** How long one grant lasts. The database refuses grants longer than this (emergency_access_time_limited). */
export const EMERGENCY_ACCESS_MINUTES = 60;

/** The written reason must say something; the database refuses shorter ones too (emergency_access_reason_given). */
export const EMERGENCY_REASON_MIN_LENGTH = 20;
export const EMERGENCY_REASON_MAX_LENGTH = 1000;

export const emergencyReasonSchema = z
  .string({ error: "Write why you need emergency access." })
  .trim()
  .min(
    EMERGENCY_REASON_MIN_LENGTH,
    `Write why you need emergency access: at least ${EMERGENCY_REASON_MIN_LENGTH} characters, e.g. which record and whose request.`,
  )
  .max(
    EMERGENCY_REASON_MAX_LENGTH,
    `Keep the reason under ${EMERGENCY_REASON_MAX_LENGTH} characters.`,
  );

export const requestEmergencyAccessSchema = z.object({
  practiceId: z.uuid("Unknown practice."),
  /** The incident the request is made from, for the record. */
  incidentId: z.uuid("Unknown incident.").nullish(),
  reason: emergencyReasonSchema,
});
export type RequestEmergencyAccessInput = z.infer<typeof requestEmergencyAccessSchema>;

export const emergencyAccessPracticeSchema = z.object({ practiceId: z.uuid("Unknown practice.") });
