import { z } from "zod";

/** Shared by the metrics page (client) and the metrics service (server). */
export const metricsScopeSchema = z.object({
  /** One practice; without it, every practice the caller can see. */
  practiceId: z.uuid("Unknown practice.").optional(),
});

export const metricColumns = [
  ["quarter", "Quarter"],
  ["incidents", "Incidents"],
  ["downtimeMinutes", "Downtime minutes"],
  ["costCents", "Estimated cost (USD)"],
  ["medianMinutesToVendor", "Median minutes to first vendor contact"],
  ["medianMinutesToRestore", "Median minutes to restore"],
  ["topCauses", "Top causes"],
  ["backupTests", "Backup tests"],
  ["backupTestsOnTime", "Backup tests on time"],
  ["backupTestsPassed", "Backup tests passed"],
  ["reviews", "Reviews signed off"],
  ["reviewsOnTime", "Reviews on time"],
  ["urgentRisksOpen", "Urgent risks open at quarter end"],
  ["urgentRiskMedianAgeDays", "Median age of open urgent risks (days)"],
  ["planCompleteness", "Plan completeness (%)"],
  ["plansCurrentPercent", "Plans within their review date (%)"],
  ["vendorsVerifiedPercent", "Vendor contacts verified in 90 days (%)"],
  ["drillsHeld", "Drills held"],
  ["patientsNotifiedDuringOutages", "Patients notified during outages"],
  ["cancellationsByReply", "Cancellations handled by reply"],
  ["outagesWithOutreach", "Outages where outreach continued"],
  ["medianMinutesToFirstMessage", "Median minutes from declaration to first patient message"],
  ["plannedDowntimeMinutes", "Planned maintenance minutes"],
  ["maintenanceWindows", "Maintenance windows"],
  ["prepListsOnTime", "Maintenance prep lists done on time"],
  ["detectedOutageMinutes", "Outage minutes detected by monitors"],
  ["declaredOutageMinutes", "Outage minutes declared"],
  ["medianMinutesDetectionToDeclaration", "Median minutes from detection to declaration"],
  ["seenFirstPercent", "Outages seen before the practice called (%)"],
] as const;
