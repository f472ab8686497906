import "server-only";
import { mayWorkPatientData, patientDataNotYetMessage } from "@/server/domain/patient-data-access";
import {
  outreachCampaignRefSchema,
  outreachPracticeSchema,
  outreachPreviewSchema,
  outreachSendSchema,
  saveOutreachSettingsSchema,
} from "@/server/contracts/outreach";
import { ForbiddenError } from "@/server/errors";
import { can } from "@/server/permissions";
import { once } from "@/server/services/idempotency";
import {
  campaignStatuses,
  listCampaignMessages,
  listCampaigns,
  previewCampaign,
  readOutreachSettings,
  resumeCampaign,
  resumeSending,
  saveOutreachSettings,
  sendCampaign,
  stopAllSending,
} from "@/server/services/outreach/campaigns";
import { practiceProcedure, router } from "@/server/trpc";

const adminMessage =
  "Messages to patients are sent by the practice's managers and the MSP's technicians: they hold patients' names, numbers and texts. As an MSP admin you see each campaign's counts here, and set up the number they go out from under Notifications.";
const leadershipMessage =
  "Leadership sees how many patients were told, not who: the practice's managers and the MSP's technicians send messages to patients.";

/**
 * Patient data work: the roles that work the schedule copy, once their routine access has begun.
 * Row-level security checks the same again (outreach_messages' policies).
 */
const outreachWorkProcedure = practiceProcedure("practices.read").use(({ ctx, next }) => {
  const { user } = ctx;
  if (!can(user.role, "outreach.send"))
    throw new ForbiddenError(user.role === "admin" ? adminMessage : leadershipMessage);
  if (!mayWorkPatientData(user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(user.patientDataAccessFrom));
  return next();
});

/** Patient outreach: reminders, delay notices and cancellations from the schedule copy. */
export const outreachRouter = router({
  /** Who would get what, and who is skipped and why: patient data, audited. */
  preview: outreachWorkProcedure
    .input(outreachPreviewSchema)
    .query(({ ctx, input }) => ctx.run((s) => previewCampaign(s, input))),
  send: outreachWorkProcedure
    .input(outreachSendSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "outreach.send", () => sendCampaign(s, input))),
    ),
  /** Campaigns with their counts, the settings and what sends: no patient data, every role in scope. */
  campaigns: practiceProcedure("practices.read")
    .input(outreachPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => listCampaigns(s, input))),
  /** One campaign's messages per patient, with their statuses: patient data, audited. */
  messages: outreachWorkProcedure
    .input(outreachCampaignRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => listCampaignMessages(s, input))),
  /** The same campaign's statuses only (no names, numbers or texts), polled while it sends. */
  statuses: outreachWorkProcedure
    .input(outreachCampaignRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => campaignStatuses(s, input))),
  stopAll: outreachWorkProcedure
    .input(outreachPracticeSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => stopAllSending(s, input))),
  resume: outreachWorkProcedure
    .input(outreachPracticeSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => resumeSending(s, input))),
  resumeCampaign: outreachWorkProcedure
    .input(outreachCampaignRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => resumeCampaign(s, input))),
  getSettings: practiceProcedure("practices.read")
    .input(outreachPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => readOutreachSettings(s, input))),
  saveSettings: practiceProcedure("outreach.settings")
    .input(saveOutreachSettingsSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveOutreachSettings(s, input))),
});
