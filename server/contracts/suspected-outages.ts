import { z } from "zod";
import { idempotencyKeySchema } from "./idempotency";

/** Shared by the suspected-outage widgets (client) and the suspected outages service (server). */

export const suspectedOutageStatusLabels = {
  open: "Suspected",
  declared: "Declared",
  dismissed: "Dismissed",
  cleared: "Cleared by itself (blip)",
  absorbed: "Part of a wider outage",
} as const;
export type SuspectedOutageStatus = keyof typeof suspectedOutageStatusLabels;

export const practiceSuspectedSchema = z.object({ practiceId: z.uuid() });

export const suspectedOutageRefSchema = z.object({
  practiceId: z.uuid(),
  suspectedOutageId: z.uuid("Unknown suspected outage."),
});

export const dismissSuspectedSchema = suspectedOutageRefSchema.extend({
  reason: z
    .string("Say why it is not an outage.")
    .trim()
    .min(1, "Say why it is not an outage.")
    .max(500, "At most 500 characters."),
});

export const vendorWideRefSchema = z.object({
  vendorWideId: z.uuid("Unknown vendor-wide outage."),
});

export const dismissVendorWideSchema = vendorWideRefSchema.extend({
  reason: dismissSuspectedSchema.shape.reason,
});

export const declareVendorWideSchema = vendorWideRefSchema.extend({
  idempotencyKey: idempotencyKeySchema,
  severity: z.enum(["critical", "major", "minor"], "Choose a severity."),
  patientCareInterrupted: z.boolean("Say whether patient care is interrupted."),
});

export const incidentMonitorsSchema = z.object({ practiceId: z.uuid(), incidentId: z.uuid() });
