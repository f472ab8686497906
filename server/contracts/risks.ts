import { z } from "zod";
import { documentVersion } from "./common";

/** Shared by the risk register forms (client) and the risks service (server). */

/** A risk's status and what each change needs; the rules of changing it are in server/domain/risk-status.ts. */
export const riskStatuses = ["open", "fix_now", "scheduled", "accepted", "resolved"] as const;
export type RiskStatus = (typeof riskStatuses)[number];

const isoDate = z.iso.date("Use a date like 2027-03-01.");

export const riskStatusChangeSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("open") }),
  z.object({ status: z.literal("fix_now") }),
  z.object({ status: z.literal("scheduled"), scheduledFor: isoDate }),
  z.object({
    status: z.literal("accepted"),
    reason: z
      .string()
      .trim()
      .min(10, "Write why the risk is accepted (at least 10 characters).")
      .max(2000),
    expiresOn: isoDate,
  }),
  z.object({
    status: z.literal("resolved"),
    note: z.string().trim().min(1, "Say how the risk was resolved.").max(2000),
  }),
]);
export type RiskStatusChange = z.infer<typeof riskStatusChangeSchema>;

export const riskStatusLabels: Record<RiskStatus, string> = {
  open: "Open",
  fix_now: "Fix now",
  scheduled: "Scheduled",
  accepted: "Accepted",
  resolved: "Resolved",
};

export const riskSeverities = [
  ["urgent", "Urgent"],
  ["high", "High"],
  ["medium", "Medium"],
  ["low", "Low"],
] as const;
export type RiskSeverity = (typeof riskSeverities)[number][0];
export const riskSeverityLabels = Object.fromEntries(riskSeverities) as Record<
  RiskSeverity,
  string
>;

export const riskCategories = [
  ["open_admin_access", "Open admin access"],
  ["missing_mfa", "Missing MFA"],
  ["unknown_vendor_remote_access", "Unknown vendor remote access"],
  ["untested_backups", "Untested backups"],
  ["account_compromise", "Account compromise"],
  ["unsupported_devices", "Unsupported devices"],
  ["other", "Other"],
] as const;
export type RiskCategory = (typeof riskCategories)[number][0];
export const riskCategoryLabels = Object.fromEntries(riskCategories) as Record<
  RiskCategory,
  string
>;

const practiceId = z.uuid("Unknown practice.");
const riskId = z.uuid("Unknown risk.");

export const riskFieldsSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, "Give the risk a short title (at least 3 characters).")
    .max(200, "Titles are at most 200 characters."),
  description: z.string().trim().max(4000, "The description is at most 4,000 characters."),
  severity: z.enum(
    riskSeverities.map(([value]) => value) as [RiskSeverity, ...RiskSeverity[]],
    "Choose a severity.",
  ),
  category: z.enum(
    riskCategories.map(([value]) => value) as [RiskCategory, ...RiskCategory[]],
    "Choose a category.",
  ),
  owner: z.string().trim().max(120, "The owner is at most 120 characters."),
  systemIds: z
    .array(z.uuid("Choose systems from the dependency map."))
    .max(50, "Link at most 50 systems."),
});
export type RiskFields = z.infer<typeof riskFieldsSchema>;

export const createRiskSchema = riskFieldsSchema.extend({
  practiceId,
  /** Set when the risk comes from a drill's finding or a post-incident review's action. */
  fromDrillId: z.uuid("Unknown drill.").optional(),
  /** With fromDrillId: the finding raised (its text, as the drill records it). */
  fromDrillFinding: z.string().max(4000, "A finding is at most 4,000 characters.").optional(),
  fromIncidentId: z.uuid("Unknown incident.").optional(),
});
export const updateRiskSchema = riskFieldsSchema.extend({
  practiceId,
  riskId,
  version: documentVersion,
});
export const riskRefSchema = z.object({ practiceId, riskId });
export const changeRiskStatusSchema = z.object({
  practiceId,
  riskId,
  version: documentVersion,
  change: riskStatusChangeSchema,
});

export const riskListFilters = ["active", "urgent", "resolved", "all"] as const;
export const listRisksSchema = z.object({
  practiceId,
  filter: z.enum(riskListFilters, "Unknown filter.").default("active"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});

export const activeRiskStatuses: RiskStatus[] = riskStatuses.filter(
  (status) => status !== "resolved",
);
