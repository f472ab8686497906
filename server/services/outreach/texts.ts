/**
 * The text of an outreach message: the practice's own template, else the MSP's, else Standby's
 * built-in one (server/domain/outreach-templates.ts, the texts the template editor shows); then
 * its variables filled in. Only the six variables of outreachVariables exist.
 */
import "server-only";
import type { OutreachKind, OutreachLanguage } from "@/server/contracts/outreach-kinds";
import {
  chooseTemplate,
  renderTemplate,
  type TemplateValues,
} from "@/server/domain/outreach-templates";
import type { ServiceContext } from "@/server/services/context";
import { loadOutreachTemplates } from "./templates";

export type OutreachText = { subject: string; body: string };

/**
 * The text of one kind of message in one language (and, for instructions, one visit type): the
 * practice's template, else the MSP's, else the built-in one; a template for the visit type wins
 * over the kind's general one at the same level.
 */
export async function resolveOutreachText(
  ctx: ServiceContext,
  input: {
    practiceId: string;
    kind: OutreachKind;
    language: OutreachLanguage;
    visitType?: string;
  },
): Promise<OutreachText> {
  const rows = await loadOutreachTemplates(ctx, input.practiceId);
  const chosen = chooseTemplate(rows, input);
  return { subject: chosen.subject, body: chosen.body };
}

/**
 * The texts of one kind of message for a practice, its templates read once: then each language (and
 * visit type) is chosen as resolveOutreachText chooses it, without reading again.
 */
export async function outreachTextChooser(
  ctx: ServiceContext,
  practiceId: string,
  kind: OutreachKind,
): Promise<(language: OutreachLanguage, visitType?: string) => OutreachText> {
  const rows = await loadOutreachTemplates(ctx, practiceId);
  return (language, visitType) => {
    const chosen = chooseTemplate(rows, { practiceId, kind, language, visitType });
    return { subject: chosen.subject, body: chosen.body };
  };
}

export type OutreachValues = TemplateValues;

/** Fills in the six variables (the template checker let no other into a saved text). */
export function renderOutreachText(text: OutreachText, values: OutreachValues): OutreachText {
  return { subject: renderTemplate(text.subject, values), body: renderTemplate(text.body, values) };
}
