import { z } from "zod";
import { EMERGENCY_REASON_MAX_LENGTH, EMERGENCY_REASON_MIN_LENGTH } from "@/server/domain/emergency-access";

/** Shared by the emergency-access dialog (client) and the service (server). */

export { EMERGENCY_ACCESS_MINUTES, EMERGENCY_REASON_MIN_LENGTH } from "@/server/domain/emergency-access";

export const emergencyReasonSchema = z
  .string({ error: "Write why you need emergency access." })
  .trim()
  .min(EMERGENCY_REASON_MIN_LENGTH, `Write why you need emergency access: at least ${EMERGENCY_REASON_MIN_LENGTH} characters, e.g. which record and whose request.`)
  .max(EMERGENCY_REASON_MAX_LENGTH, `Keep the reason under ${EMERGENCY_REASON_MAX_LENGTH} characters.`);

export const requestEmergencyAccessSchema = z.object({
  practiceId: z.uuid("Unknown practice."),
  /** The incident the request is made from, for the record. */
  incidentId: z.uuid("Unknown incident.").nullish(),
  reason: emergencyReasonSchema,
});
export type RequestEmergencyAccessInput = z.infer<typeof requestEmergencyAccessSchema>;

export const emergencyAccessPracticeSchema = z.object({ practiceId: z.uuid("Unknown practice.") });
