import "server-only";
import {
  saveFhirConnectionSchema,
  scheduleReportSchema,
  setSyncingSchema,
  signingKeyRefSchema,
  uploadScheduleReportSchema,
} from "@/server/contracts/schedule-settings";
import { mayWorkPatientData, patientDataNotYetMessage } from "@/server/domain/patient-data-access";
import { ForbiddenError } from "@/server/errors";
import { once } from "@/server/services/idempotency";
import {
  previewScheduleReport,
  uploadScheduleReport,
} from "@/server/services/schedule/report-upload";
import {
  getScheduleConnection,
  retireSigningKey,
  rotateSigningKey,
  saveFhirConnection,
  setScheduleSyncing,
  syncScheduleNow,
} from "@/server/services/schedule/settings";
import { testScheduleConnection } from "@/server/services/schedule/fhir-reader";
import { practiceProcedure, router } from "@/server/trpc";

/**
 * A schedule report holds patients' names and numbers: read and stored by those who work patient
 * data routinely (technicians, the practice's managers), once that access has begun. The copy's
 * row-level security checks the same.
 */
const reportProcedure = practiceProcedure("downtimeLog.access").use(({ ctx, next }) => {
  if (!mayWorkPatientData(ctx.user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(ctx.user.patientDataAccessFrom));
  return next();
});

/**
 * How a practice's schedule copy is kept: the EHR's FHIR API (SMART Backend Services) with
 * Standby's signing keys, or the uploaded schedule report. No patient data passes here.
 */
export const scheduleSettingsRouter = router({
  get: practiceProcedure("scheduleSettings.read").query(({ ctx, input }) =>
    ctx.run((s) => getScheduleConnection(s, input.practiceId, ctx.appUrl)),
  ),
  saveFhir: practiceProcedure("scheduleSettings.connect")
    .input(saveFhirConnectionSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveFhirConnection(s, input, ctx.appUrl))),
  rotateKey: practiceProcedure("scheduleSettings.connect").mutation(({ ctx, input }) =>
    ctx.run((s) => rotateSigningKey(s, input.practiceId, ctx.appUrl)),
  ),
  retireKey: practiceProcedure("scheduleSettings.connect")
    .input(signingKeyRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => retireSigningKey(s, input, ctx.appUrl))),
  syncNow: practiceProcedure("scheduleSettings.connect").mutation(({ ctx, input }) =>
    ctx.run((s) => syncScheduleNow(s, input.practiceId, ctx.appUrl)),
  ),
  setSyncing: practiceProcedure("scheduleSettings.connect")
    .input(setSyncingSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setScheduleSyncing(s, input, ctx.appUrl))),
  /** The report's columns, mapping and per-row problems; nothing is written. */
  previewReport: reportProcedure
    .input(scheduleReportSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => previewScheduleReport(s, input))),
  uploadReport: reportProcedure
    .input(uploadScheduleReportSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) =>
        once(s, idempotencyKey, "schedule.report", () => uploadScheduleReport(s, input)),
      ),
    ),
  /** Reads the capability statement, gets a token, checks the scopes and makes one search. */
  testConnection: practiceProcedure("scheduleSettings.connect").mutation(({ ctx, input }) =>
    testScheduleConnection(ctx.run, input.practiceId, ctx.appUrl),
  ),
});
