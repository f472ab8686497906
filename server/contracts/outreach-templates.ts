import { z } from "zod";
import { documentVersion, documentVersionOrNew } from "./common";
import { outreachKinds, outreachLanguages } from "./outreach-kinds";

/**
 * Shared by the template editor (browser) and the outreach templates service. The template
 * checker (server/domain/outreach-templates.ts) runs on both sides beyond these limits.
 */

export const TEMPLATE_VISIT_TYPE_MAX = 100;

const kind = z.enum(outreachKinds, "Choose a kind of message.");
const language = z.enum(outreachLanguages, "Choose English or Spanish.");
/** Null: the MSP's own text, for every practice that has none. */
const practiceId = z.uuid("Unknown practice.").nullable();
const visitType = z
  .string("Enter the visit type, or leave it empty for every visit type.")
  .trim()
  .max(TEMPLATE_VISIT_TYPE_MAX, `A visit type is at most ${TEMPLATE_VISIT_TYPE_MAX} characters.`)
  .default("");

const keyFields = { practiceId, kind, language, visitType };

/** Only pre-appointment instructions are written per visit type. */
const visitTypeOnlyForInstructions = <T extends { kind: string; visitType: string }>(value: T) =>
  value.kind === "instructions" || value.visitType === "";
const visitTypeRule = {
  message: "Only pre-appointment instructions are written per visit type. Clear the visit type.",
  path: ["visitType"],
};

export const listOutreachTemplatesSchema = z.object({
  /** Omitted: the MSP-wide texts. */
  practiceId: z.uuid("Unknown practice.").optional(),
});

export const saveOutreachTemplateSchema = z
  .object({
    ...keyFields,
    subject: z
      .string("Write the email subject.")
      .trim()
      .min(1, "Write the email subject.")
      .max(200, "The email subject is at most 200 characters."),
    body: z
      .string("Write the message.")
      .trim()
      .min(1, "Write the message: it is empty.")
      .max(1600, "The message is at most 1,600 characters (10 SMS segments)."),
    version: documentVersionOrNew,
  })
  .refine(visitTypeOnlyForInstructions, visitTypeRule);
export type SaveOutreachTemplateInput = z.input<typeof saveOutreachTemplateSchema>;

/** Removes a text of the MSP's or the practice's own: the next level's applies again. */
export const resetOutreachTemplateSchema = z
  .object({ ...keyFields, version: documentVersion })
  .refine(visitTypeOnlyForInstructions, visitTypeRule);

export const previewOutreachTemplateSchema = z.object({
  kind,
  language,
  subject: z.string().max(200, "The email subject is at most 200 characters.").default(""),
  body: z.string("Write the message.").max(1600, "The message is at most 1,600 characters."),
});
