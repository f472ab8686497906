import { z } from "zod";
import { idempotencyKeySchema } from "./idempotency";

/** Shared by the replies inbox (client) and its service (server). */

/** What Standby did with a patient's text (outreach_replies.action). */
export const replyActions = ["stop", "start", "help", "cancel", "confirm", "inbox"] as const;
export type ReplyAction = (typeof replyActions)[number];

export const replyActionLabels: Record<ReplyAction, string> = {
  stop: "Opted out (STOP)",
  start: "Opted back in (START)",
  help: "Answered with the help text",
  cancel: "Asked to cancel",
  confirm: "Confirmed by text",
  inbox: "For the front desk",
};

/** Open: waiting for the front desk. Handled: done, by Standby itself or by someone who marked it. */
export const replyStatuses = ["open", "handled"] as const;
export type ReplyStatus = (typeof replyStatuses)[number];

const practiceId = z.uuid("Unknown practice.");
const replyId = z.uuid("Unknown reply.");

/** An SMS of up to three parts: more is rarely read on a phone. */
export const REPLY_TEXT_MAX = 480;

const textSchema = (missing: string) =>
  z
    .string(missing)
    .trim()
    .min(1, missing)
    .max(REPLY_TEXT_MAX, `A text is at most ${REPLY_TEXT_MAX} characters (three messages).`);

export const replyInboxSchema = z.object({
  practiceId,
  status: z.enum(replyStatuses, "Choose open or handled replies.").default("open"),
  /** Keyset cursor: the last reply of the previous page. */
  cursor: z
    .object({ receivedAt: z.iso.datetime({ offset: true }), id: z.uuid("Unknown reply.") })
    .optional(),
});
export type ReplyInboxInput = z.input<typeof replyInboxSchema>;

export const replyPracticeSchema = z.object({ practiceId });

export const answerReplySchema = z.object({
  practiceId,
  replyId,
  text: textSchema("Write the answer."),
  idempotencyKey: idempotencyKeySchema,
});
export type AnswerReplyInput = z.input<typeof answerReplySchema>;

export const markReplyHandledSchema = z.object({
  practiceId,
  replyId,
  /** Handled, or back to open (marked by mistake). */
  handled: z.boolean("Say whether the reply is handled."),
});

export const simulateReplySchema = z.object({
  practiceId,
  messageId: z.uuid("Unknown message."),
  text: textSchema("Write the patient's reply, e.g. C or Y."),
  idempotencyKey: idempotencyKeySchema,
});
export type SimulateReplyInput = z.input<typeof simulateReplySchema>;
