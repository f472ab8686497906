import { outreachKinds, outreachLanguages } from "@/server/contracts/outreach-kinds";
import { TEMPLATE_VISIT_TYPE_MAX } from "@/server/contracts/outreach-templates";
import type { TemplateSelection } from "./template-editor";

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The message a templates page opens on (?kind=delay&language=es); a hand-edited address falls back to the first. */
export function templateSelectionFrom(params: SearchParams): TemplateSelection {
  const kind = outreachKinds.find((candidate) => candidate === one(params.kind)) ?? "reminder";
  const language =
    outreachLanguages.find((candidate) => candidate === one(params.language)) ?? "en";
  const visitType =
    kind === "instructions"
      ? (one(params.visitType) ?? "").trim().slice(0, TEMPLATE_VISIT_TYPE_MAX)
      : "";
  return { kind, language, visitType };
}
