import { isOpenStatus } from "./incident-status";
import { type IncidentStatus } from "@/server/contracts/incidents";

/**
 * When open incidents at two or more practices share a down vendor, it is probably that vendor's
 * outage: suggest linking them. Pass one MSP's incidents; resolved and closed ones are ignored.
 */
export type GroupableIncident = {
  id: string;
  practiceId: string;
  status: IncidentStatus;
  downVendorIds: readonly string[];
  linkedGroupId: string | null;
};

/** linkedGroupIds: the groups some of these incidents already belong to, so the UI can offer to join one. */
export type VendorGroupSuggestion = {
  vendorId: string;
  incidentIds: string[];
  practiceIds: string[];
  linkedGroupIds: string[];
};

/** Most practices first; ties keep the order in which the vendors first appear. */
export function vendorWideSuggestions(
  incidents: readonly GroupableIncident[],
): VendorGroupSuggestion[] {
  const byVendor = new Map<string, GroupableIncident[]>();
  for (const incident of incidents) {
    if (!isOpenStatus(incident.status)) continue;
    for (const vendorId of new Set(incident.downVendorIds))
      byVendor.set(vendorId, [...(byVendor.get(vendorId) ?? []), incident]);
  }
  const suggestions: VendorGroupSuggestion[] = [];
  for (const [vendorId, group] of byVendor) {
    const practiceIds = [...new Set(group.map((incident) => incident.practiceId))];
    if (practiceIds.length < 2) continue;
    const groupIds = new Set(group.map((incident) => incident.linkedGroupId));
    const alreadyLinked = groupIds.size === 1 && !groupIds.has(null);
    if (alreadyLinked) continue;
    const linkedGroupIds = [...groupIds].filter((id): id is string => id !== null);
    suggestions.push({
      vendorId,
      incidentIds: group.map((incident) => incident.id),
      practiceIds,
      linkedGroupIds,
    });
  }
  // Array.prototype.sort is stable, so equal counts keep first-appearance order.
  return suggestions.sort((a, b) => b.practiceIds.length - a.practiceIds.length);
}
