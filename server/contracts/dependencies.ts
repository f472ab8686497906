import { z } from "zod";
import { documentVersion } from "./common";

/** Shared by the dependency-map forms (client) and the dependencies service (server). */

export const systemCategories = [
  ["ehr", "EHR"],
  ["internet", "Internet circuit"],
  ["firewall", "Firewall"],
  ["network", "Network switch"],
  ["wifi", "Wi-Fi"],
  ["workstations", "Workstations"],
  ["phones", "Phones / VoIP"],
  ["power", "Power / UPS"],
  ["backup", "Backup"],
  ["microsoft365", "Microsoft 365"],
  ["imaging", "PACS / imaging"],
  ["billing", "Billing"],
  ["eprescribing", "e-Prescribing"],
  ["lab", "Lab interface"],
  ["remote_access", "Vendor remote access"],
  ["printers", "Printers"],
  ["other", "Other"],
] as const;
export type SystemCategory = (typeof systemCategories)[number][0];
export const systemCategoryLabels = Object.fromEntries(systemCategories) as Record<
  SystemCategory,
  string
>;

export const criticalities = ["critical", "important", "minor"] as const;
export type Criticality = (typeof criticalities)[number];
export const criticalityLabels: Record<Criticality, string> = {
  critical: "Critical",
  important: "Important",
  minor: "Minor",
};

export const systemFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the system, e.g. Primary internet circuit.")
    .max(120, "System names are at most 120 characters."),
  category: z.enum(
    systemCategories.map(([value]) => value) as [SystemCategory, ...SystemCategory[]],
    "Choose a category.",
  ),
  criticality: z.enum(criticalities, "Choose how critical it is."),
  owner: z.string().trim().max(120, "Owner is at most 120 characters."),
  vendorId: z.uuid("Choose a vendor from the catalog.").nullable(),
  siteId: z.uuid("Choose one of the practice's sites.").nullable(),
  notes: z.string().trim().max(2000, "Notes are at most 2,000 characters."),
});
export type SystemFields = z.infer<typeof systemFieldsSchema>;

const practiceId = z.uuid("Unknown practice.");
const systemId = z.uuid("Unknown system.");

export const createSystemSchema = systemFieldsSchema.extend({ practiceId });
export const updateSystemSchema = systemFieldsSchema.extend({
  practiceId,
  systemId,
  version: documentVersion,
});
export const systemRefSchema = z.object({ practiceId, systemId });
export const dependencySchema = z.object({
  practiceId,
  systemId,
  dependsOnId: z.uuid("Choose the system it depends on."),
});
export const redundancySchema = z.object({
  practiceId,
  systemId,
  otherId: z.uuid("Choose the system that can stand in for it."),
});
