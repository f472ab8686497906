import { z } from "zod";
import { documentVersionOrNew } from "./common";
import { idempotencyKeySchema } from "./idempotency";
import { outreachKinds, type OutreachKind } from "./outreach-kinds";
import { scheduleDateSchema, timeOfDaySchema } from "./schedule";

/** Shared by the outreach page (client) and the campaigns service (server). */

const practiceId = z.uuid("Unknown practice.");

/** Above this many recipients, sending needs the number typed again. */
export const SECOND_CONFIRMATION_ABOVE = 100;
/** The most appointments one campaign takes (a day of a large practice). */
export const MAX_CAMPAIGN_APPOINTMENTS = 2_000;

const names = (what: string) =>
  z
    .array(
      z
        .string(`Choose ${what}.`)
        .trim()
        .min(1, `Choose ${what}.`)
        .max(200, `A ${what} name is at most 200 characters.`),
    )
    .max(50, `Choose at most 50 ${what}s.`)
    .optional();

/**
 * Which appointments: a day of the copy (today, tomorrow or a date, on the practice's calendar),
 * optionally a time range of it, only those still to come, and some providers, sites or visit types.
 */
export const outreachSelectionSchema = z
  .object({
    day: z.union(
      [z.enum(["today", "tomorrow"]), scheduleDateSchema],
      "Choose today, tomorrow or a date like 2026-12-08.",
    ),
    from: timeOfDaySchema.optional(),
    to: timeOfDaySchema.optional(),
    remainingOnly: z.boolean().optional(),
    providers: names("provider"),
    sites: names("site"),
    visitTypes: names("visit type"),
  })
  .refine((selection) => !selection.from || !selection.to || selection.from < selection.to, {
    message: "The end of the time range must be after its start.",
    path: ["to"],
  });
export type OutreachSelectionInput = z.input<typeof outreachSelectionSchema>;

const kind = z.enum(outreachKinds, "Choose which message to send.");

export const urgentReasonSchema = z
  .string()
  .trim()
  .min(5, "Say in a few words why this cannot wait for the morning.")
  .max(300, "Keep the reason under 300 characters.");

const outreachChoiceSchema = z.object({
  practiceId,
  /** The outage the messages are sent for (shown on the campaign); the latest open one otherwise. */
  incidentId: z.uuid("Unknown incident.").optional(),
  kind,
  selection: outreachSelectionSchema,
  /** Sends inside quiet hours, for this reason (no patient names: it is shown with the campaign). */
  urgentReason: urgentReasonSchema.optional(),
});

export const outreachPreviewSchema = outreachChoiceSchema.extend({
  /** The preview's page: the position of its first recipient (0, 50, 100…). Counts cover all. */
  cursor: z
    .number("The page of the preview is a number.")
    .int("The page of the preview is a whole number.")
    .min(0, "The page of the preview starts at 0.")
    .max(100_000, "That page of the preview is past the end.")
    .optional(),
});
export type OutreachPreviewInput = z.input<typeof outreachPreviewSchema>;

export const outreachSendSchema = outreachChoiceSchema.extend({
  /** The person confirmed the preview. */
  confirm: z.boolean(),
  /** Above 100 recipients: the number of recipients, typed again. */
  confirmCount: z.number().int().min(0).max(100_000).optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type OutreachSendInput = z.input<typeof outreachSendSchema>;

export const outreachPracticeSchema = z.object({ practiceId });
export const outreachCampaignRefSchema = z.object({
  practiceId,
  campaignId: z.uuid("Unknown campaign."),
});

const reminderHours = z
  .array(
    z
      .number("Enter hours before the appointment, e.g. 24.")
      .int("Whole hours, e.g. 24 or 2.")
      .min(1, "At least 1 hour before.")
      .max(168, "At most 168 hours (a week) before."),
  )
  .min(1, "Give at least one reminder time, e.g. 24 and 2.")
  .max(4, "At most 4 reminder times.")
  .refine((hours) => new Set(hours).size === hours.length, "Give each reminder time once.");

export const outreachSettingsFieldsSchema = z.object({
  quietStart: timeOfDaySchema,
  quietEnd: timeOfDaySchema,
  messagesPerMinute: z
    .number("Enter messages per minute (0 for no limit).")
    .int("A whole number of messages per minute.")
    .min(0, "0 means no limit; otherwise at least 1.")
    .max(6_000, "At most 6000 a minute."),
  autoContinue: z.boolean(),
  reminderHours,
});
export type OutreachSettingsFields = z.infer<typeof outreachSettingsFieldsSchema>;

export const saveOutreachSettingsSchema = outreachSettingsFieldsSchema.extend({
  practiceId,
  /** The version read (0: never saved, the defaults). */
  version: documentVersionOrNew,
});
export type SaveOutreachSettingsInput = z.input<typeof saveOutreachSettingsSchema>;

export const defaultOutreachSettings: OutreachSettingsFields = {
  quietStart: "21:00",
  quietEnd: "08:00",
  messagesPerMinute: 60,
  autoContinue: false,
  reminderHours: [24, 2],
};

/** A message's status in words, as every screen shows it. */
export const messageStatusLabels = {
  queued: "Waiting to send",
  held: "Held for quiet hours",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  undeliverable: "Undeliverable",
  failed: "Failed",
  outbox: "Not sent: no provider configured",
  stopped: "Stopped (stop all sending)",
  withheld: "Not sent",
} as const;

export const campaignStatusLabels = {
  sending: "Sending",
  stopped: "Stopped",
  done: "Done",
} as const;

/** Kinds whose sending may go through quiet hours for a stated reason. */
export const urgentKinds: readonly OutreachKind[] = [
  "cancellation",
  "delay",
  "reschedule",
  "paper_day",
];
