import "server-only";
import {
  answerReplySchema,
  markReplyHandledSchema,
  replyInboxSchema,
  replyPracticeSchema,
  simulateReplySchema,
} from "@/server/contracts/outreach-replies";
import { mayWorkPatientData, patientDataNotYetMessage } from "@/server/domain/patient-data-access";
import { ForbiddenError } from "@/server/errors";
import { can } from "@/server/permissions";
import { once } from "@/server/services/idempotency";
import {
  answerReply,
  countOpenReplies,
  listReplies,
  markReplyHandled,
  simulateReply,
} from "@/server/services/outreach/replies";
import { practiceProcedure, router } from "@/server/trpc";

const leadershipMessage =
  "Leadership does not see patient data. Patients' texts back hold their phone numbers and words: the practice's managers and the MSP's technicians answer them.";
const adminMessage =
  "Patients' texts back are patient data: the practice's managers and the MSP's technicians read and answer them, not MSP admins.";

/** The replies inbox: routine patient-data work (row-level security checks the same again). */
const repliesProcedure = practiceProcedure("practices.read").use(({ ctx, next }) => {
  const { user } = ctx;
  if (!can(user.role, "outreach.replies"))
    throw new ForbiddenError(user.role === "admin" ? adminMessage : leadershipMessage);
  if (!mayWorkPatientData(user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(user.patientDataAccessFrom));
  return next();
});

/** Patients' texts back to the practice (patient outreach): the inbox, answers, and the demo's replies. */
export const outreachRepliesRouter = router({
  inbox: repliesProcedure
    .input(replyInboxSchema)
    .query(({ ctx, input }) => ctx.run((s) => listReplies(s, input))),
  /** How many wait for the front desk: a count, no patient data. */
  openCount: repliesProcedure
    .input(replyPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => countOpenReplies(s, input))),
  answer: repliesProcedure
    .input(answerReplySchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "outreach.reply_answer", () => answerReply(s, input))),
    ),
  markHandled: repliesProcedure
    .input(markReplyHandledSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markReplyHandled(s, input))),
  /** The demo: a patient's reply to a message in the outbox (no SMS provider configured). */
  simulateReply: repliesProcedure
    .input(simulateReplySchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) =>
        once(s, idempotencyKey, "outreach.reply_simulated", () => simulateReply(s, input)),
      ),
    ),
});
