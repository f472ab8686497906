import { z } from "zod";
import { documentVersion } from "./common";
import { idempotencyKeySchema } from "./idempotency";
import { phoneSchema } from "./practices";

/** Shared by the continuity schedule's page and forms (client) and its service (server). */

/** What the front desk marks on an appointment during an outage; a walk-in is added on its own. */
export const appointmentMarkKinds = ["arrived", "no_show", "cancelled", "rescheduled"] as const;
export type AppointmentMarkKind = (typeof appointmentMarkKinds)[number];
export const scheduleMarkKinds = [...appointmentMarkKinds, "walk_in"] as const;
export type ScheduleMarkKind = (typeof scheduleMarkKinds)[number];

/** What a mark is called on the page and on paper. */
export const scheduleMarkLabels: Record<ScheduleMarkKind, string> = {
  arrived: "Arrived",
  no_show: "No-show",
  cancelled: "Cancelled",
  rescheduled: "Rescheduled",
  walk_in: "Walk-in",
};

const practiceId = z.uuid("Unknown practice.");
const incidentId = z.uuid("Unknown incident.");

/** A calendar day of the copy, "2026-12-08" (years 2000–9999, which PostgreSQL and the pickers agree on). */
export const scheduleDateSchema = z.iso
  .date("Use a date like 2026-12-08.")
  .refine((date) => date >= "2000-01-01" && date <= "9999-12-31", "Use a date like 2026-12-08.");

/** A wall-clock time of the day, 24-hour: "09:30". */
export const timeOfDaySchema = z
  .string("Enter the time, e.g. 09:30.")
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time of day as HH:MM, e.g. 09:30 or 14:05.");

const note = z.string().trim().max(500, "Notes are at most 500 characters.").default("");

export const scheduleDaySchema = z.object({
  practiceId,
  date: scheduleDateSchema,
  /** The outage whose marks are shown (when several are open); the latest open one otherwise. */
  incidentId: incidentId.optional(),
  /** "print": the printable day (audited as a print). */
  purpose: z.enum(["view", "print"]).default("view"),
});
export type ScheduleDayInput = z.input<typeof scheduleDaySchema>;

export const schedulePracticeSchema = z.object({ practiceId });

export const markAppointmentSchema = z.object({
  practiceId,
  incidentId,
  appointmentId: z.uuid("Unknown appointment."),
  kind: z.enum(appointmentMarkKinds, "Choose arrived, no-show, cancelled or rescheduled."),
  note,
  /** The mark's version when changing one seen on the page; left out for a first mark. */
  version: documentVersion.optional(),
});
export type MarkAppointmentInput = z.input<typeof markAppointmentSchema>;

export const markRefSchema = z.object({
  practiceId,
  incidentId,
  markId: z.uuid("Unknown mark."),
  version: documentVersion,
});

export const walkInFieldsSchema = z.object({
  name: z
    .string("Enter the patient's name.")
    .trim()
    .min(1, "Enter the patient's name.")
    .max(200, "Names are at most 200 characters."),
  phone: z.union([z.literal(""), phoneSchema]).optional(),
  /** The day shown on the schedule and the time the patient came in, on the practice's clock. */
  date: scheduleDateSchema,
  at: timeOfDaySchema,
  providerName: z
    .string("Name the provider who sees them.")
    .trim()
    .min(1, "Name the provider who sees them.")
    .max(120, "Provider names are at most 120 characters."),
  note,
});
export type WalkInFields = z.input<typeof walkInFieldsSchema>;

export const addWalkInSchema = walkInFieldsSchema.extend({
  idempotencyKey: idempotencyKeySchema,
  practiceId,
  incidentId,
});

export const incidentMarksSchema = z.object({ practiceId, incidentId });

export const markEnteredSchema = markRefSchema.extend({
  /** Ticked: entered into the EHR; unticked: not yet (a tick made by mistake). */
  entered: z.boolean("Say whether it is entered into the EHR."),
});
