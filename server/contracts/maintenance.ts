import { z } from "zod";
import { documentVersion } from "./common";

/** Shared by the maintenance forms (client) and the maintenance service (server). */

export const maintenanceStatusLabels = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
} as const;
export type MaintenanceStatus = keyof typeof maintenanceStatusLabels;

const practiceId = z.uuid("Unknown practice.");
const windowId = z.uuid("Unknown maintenance window.");

const localMoment = (what: string) =>
  z
    .string(`Enter the ${what} date and time.`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter the ${what} date and time.`);

const title = z
  .string("Say what the maintenance is, e.g. EHR upgrade.")
  .trim()
  .min(1, "Say what the maintenance is, e.g. EHR upgrade.")
  .max(120, "Keep the title under 120 characters.");
const reason = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");
const systemIds = z
  .array(z.uuid("Unknown system."), "Choose the systems taken down.")
  .max(50, "At most 50 systems.");

export const REMINDER_CHOICES = [
  [7 * 24 * 60, "7 days before"],
  [72 * 60, "72 hours before"],
  [24 * 60, "24 hours before"],
  [4 * 60, "4 hours before"],
  [60, "1 hour before"],
  [15, "15 minutes before"],
] as const;

export const reminderMinutesSchema = z
  .array(
    z
      .number("Choose when reminders go out.")
      .int("Whole minutes.")
      .min(5, "A reminder at least 5 minutes before.")
      .max(14 * 24 * 60, "A reminder at most 14 days before."),
    "Choose when reminders go out.",
  )
  .max(6, "At most 6 reminders.")
  .refine((list) => new Set(list).size === list.length, "Each reminder once.");

export const recurrenceSchema = z
  .object({
    every: z.enum(["week", "month"], "Choose weekly or monthly."),
    count: z
      .number("How many times in all?")
      .int("A whole number.")
      .min(2, "At least 2 occurrences (or no recurrence).")
      .max(12, "At most 12 occurrences."),
  })
  .nullable();

export const maintenanceListSchema = z.object({ practiceId });
export const maintenanceRefSchema = z.object({ practiceId, windowId });

export const createMaintenanceSchema = z.object({
  practiceId,
  title,
  reason,
  startsLocal: localMoment("start"),
  endsLocal: localMoment("end"),
  systemIds,
  reminderMinutes: reminderMinutesSchema,
  recurrence: recurrenceSchema,
});

/** The text, systems and reminders: editing them sends no notice. */
export const updateMaintenanceSchema = z.object({
  practiceId,
  windowId,
  version: documentVersion,
  title,
  reason,
  systemIds,
  reminderMinutes: reminderMinutesSchema,
});

export const postponeMaintenanceSchema = z.object({
  practiceId,
  windowId,
  version: documentVersion,
  startsLocal: localMoment("new start"),
  endsLocal: localMoment("new end"),
});

export const cancelMaintenanceSchema = z.object({
  practiceId,
  windowId,
  version: documentVersion,
  reason: z
    .string("Say why it is cancelled.")
    .trim()
    .min(1, "Say why it is cancelled.")
    .max(500, "Keep the reason under 500 characters."),
});

export const startMaintenanceNowSchema = z.object({
  practiceId,
  windowId,
  version: documentVersion,
  minutes: z
    .number("For how many minutes?")
    .int("Whole minutes.")
    .min(5, "At least 5 minutes.")
    .max(24 * 60, "At most 24 hours."),
});

export const endMaintenanceNowSchema = z.object({ practiceId, windowId, version: documentVersion });

export const prepItemDoneSchema = z.object({
  practiceId,
  windowId,
  prepItemId: z.uuid("Unknown prep item."),
  done: z.boolean("Done or not?"),
});

export const prepItemOwnerSchema = z.object({
  practiceId,
  windowId,
  prepItemId: z.uuid("Unknown prep item."),
  ownerName: z.string().trim().max(120, "Keep the owner's name under 120 characters."),
});

export const vendorNightSchema = z.object({
  vendorId: z.uuid("Choose the EHR vendor."),
  title,
  reason,
  startsLocal: localMoment("start"),
  endsLocal: localMoment("end"),
  reminderMinutes: reminderMinutesSchema,
});

export const upcomingMaintenanceSchema = z.object({}).optional();
