import type { Criticality, SystemCategory } from "@/server/contracts/dependencies";

/** The usual systems of a clinic and how they depend on each other; a practice starts here and prunes. */
export const starterSystems: {
  name: string;
  category: SystemCategory;
  criticality: Criticality;
}[] = [
  { name: "EHR", category: "ehr", criticality: "critical" },
  { name: "Primary internet circuit", category: "internet", criticality: "critical" },
  { name: "Backup internet (cellular)", category: "internet", criticality: "important" },
  { name: "Firewall", category: "firewall", criticality: "critical" },
  { name: "Network switch", category: "network", criticality: "critical" },
  { name: "Wi-Fi", category: "wifi", criticality: "important" },
  { name: "Workstations", category: "workstations", criticality: "critical" },
  { name: "Phones / VoIP", category: "phones", criticality: "critical" },
  { name: "Power / UPS", category: "power", criticality: "critical" },
  { name: "Microsoft 365", category: "microsoft365", criticality: "important" },
  { name: "Backup", category: "backup", criticality: "important" },
  { name: "e-Prescribing", category: "eprescribing", criticality: "important" },
  { name: "Lab interface", category: "lab", criticality: "important" },
  { name: "Billing", category: "billing", criticality: "important" },
  { name: "Printers", category: "printers", criticality: "important" },
  { name: "Vendor remote access", category: "remote_access", criticality: "minor" },
];

/** [system, depends on] by name. */
export const starterDependencies: [string, string][] = [
  ["EHR", "Firewall"],
  ["EHR", "Workstations"],
  ["Firewall", "Primary internet circuit"],
  ["Firewall", "Power / UPS"],
  ["Backup internet (cellular)", "Power / UPS"],
  ["Network switch", "Power / UPS"],
  ["Workstations", "Network switch"],
  ["Workstations", "Power / UPS"],
  ["Wi-Fi", "Network switch"],
  ["Phones / VoIP", "Firewall"],
  ["Phones / VoIP", "Network switch"],
  ["Microsoft 365", "Firewall"],
  ["Microsoft 365", "Workstations"],
  ["Backup", "Network switch"],
  ["e-Prescribing", "EHR"],
  ["Lab interface", "EHR"],
  ["Billing", "EHR"],
  ["Printers", "Network switch"],
  ["Vendor remote access", "Firewall"],
];

/** Pairs that can stand in for each other, by name. */
export const starterRedundancies: [string, string][] = [
  ["Primary internet circuit", "Backup internet (cellular)"],
];
