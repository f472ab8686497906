import "server-only";
import {
  listOutreachTemplatesSchema,
  previewOutreachTemplateSchema,
  resetOutreachTemplateSchema,
  saveOutreachTemplateSchema,
} from "@/server/contracts/outreach-templates";
import {
  listOutreachTemplates,
  previewOutreachTemplate,
  resetOutreachTemplate,
  saveOutreachTemplate,
} from "@/server/services/outreach/templates";
import { mspProcedure, router } from "@/server/trpc";

/**
 * Patient outreach's message texts, MSP-wide (no practice named) or a practice's own. The service
 * checks the practice's scope (NOT_FOUND) and that MSP-wide texts are changed by MSP staff only.
 */
export const outreachTemplatesRouter = router({
  list: mspProcedure("outreachTemplates.read")
    .input(listOutreachTemplatesSchema)
    .query(({ ctx, input }) => ctx.run((s) => listOutreachTemplates(s, input))),
  save: mspProcedure("outreachTemplates.write")
    .input(saveOutreachTemplateSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveOutreachTemplate(s, input))),
  reset: mspProcedure("outreachTemplates.write")
    .input(resetOutreachTemplateSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => resetOutreachTemplate(s, input))),
  /** A text rendered with invented values, and its SMS length and segments; reads and writes nothing. */
  preview: mspProcedure("outreachTemplates.read")
    .input(previewOutreachTemplateSchema)
    .query(({ input }) => previewOutreachTemplate(input)),
});
