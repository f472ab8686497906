import "server-only";
import {
  applyTemplateSchema,
  compareVersionsSchema,
  publishPlanSchema,
  recordDeviceCopySchema,
  recordPacketSchema,
  saveSectionSchema,
  updateTemplateSchema,
  versionSchema,
} from "@/server/contracts/plans";
import { getPlan, publishPlan, saveSection } from "@/server/services/plans/draft";
import { getPacket, recordDeviceCopy, recordPacketPrint } from "@/server/services/plans/packet";
import { getTemplate, updateTemplate } from "@/server/services/plans/template";
import { applyTemplate, templateChanges } from "@/server/services/plans/template-changes";
import { compareVersions, getVersion, listVersions } from "@/server/services/plans/versions";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

export const plansRouter = router({
  get: practiceProcedure("plans.read").query(({ ctx, input }) =>
    ctx.run((s) => getPlan(s, input.practiceId)),
  ),
  saveSection: practiceProcedure("plans.write")
    .input(saveSectionSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveSection(s, input))),
  publish: practiceProcedure("plans.write")
    .input(publishPlanSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => publishPlan(s, input))),
  versions: practiceProcedure("plans.read").query(({ ctx, input }) =>
    ctx.run((s) => listVersions(s, input.practiceId)),
  ),
  version: practiceProcedure("plans.read")
    .input(versionSchema)
    .query(({ ctx, input }) => ctx.run((s) => getVersion(s, input))),
  compare: practiceProcedure("plans.read")
    .input(compareVersionsSchema)
    .query(({ ctx, input }) => ctx.run((s) => compareVersions(s, input))),
  templateChanges: practiceProcedure("plans.write").query(({ ctx, input }) =>
    ctx.run((s) => templateChanges(s, input.practiceId)),
  ),
  applyTemplate: practiceProcedure("plans.write")
    .input(applyTemplateSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => applyTemplate(s, input))),
  packet: practiceProcedure("plans.read").query(({ ctx, input }) =>
    ctx.run((s) => getPacket(s, input.practiceId)),
  ),
  recordPacketPrint: practiceProcedure("plans.read")
    .input(recordPacketSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => recordPacketPrint(s, input))),
  recordDeviceCopy: practiceProcedure("plans.read")
    .input(recordDeviceCopySchema)
    .mutation(({ ctx, input }) => ctx.run((s) => recordDeviceCopy(s, input))),
});

export const planTemplateRouter = router({
  get: mspProcedure("plans.template").query(({ ctx }) => ctx.run((s) => getTemplate(s))),
  update: mspProcedure("plans.template")
    .input(updateTemplateSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateTemplate(s, input))),
});
