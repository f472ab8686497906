import {
  sectionTitles,
  visitActionLabels,
  type PlanContent,
  type Person,
  type SectionKey,
} from "@/server/contracts/plans";

/**
 * A section as plain lines of text: what version comparison compares and what the PDF packet
 * prints. One renderer, so a difference shown is a difference printed.
 */
function person(label: string, who: Person): string[] {
  if (!who.name.trim()) return [`${label}: not named`];
  const phones = [who.phone, who.altPhone].filter((phone) => phone.trim()).join(" / ");
  return [
    `${label}: ${who.name}${aside(who.role)}${phones ? ` — ${phones}` : ""}${who.email ? ` — ${who.email}` : ""}`,
  ];
}

/** " (mobile)"; " — (303) 555-0100" for a text with brackets of its own, never "((303) 555-0100)". */
function aside(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  return /[()]/.test(trimmed) ? ` — ${trimmed}` : ` (${trimmed})`;
}

const field = (label: string, value: string) => (value.trim() ? [`${label}: ${value.trim()}`] : []);

/**
 * numbered: false leaves ordered steps unnumbered, for comparisons, where inserting one step must
 * not show every later step as changed.
 */
export function sectionLines<K extends SectionKey>(
  key: K,
  content: PlanContent[K],
  options: { numbered?: boolean } = {},
): string[] {
  const numbered = (items: { text: string }[]) =>
    items.map((item, index) =>
      options.numbered === false ? item.text : `${index + 1}. ${item.text}`,
    );
  const plan = { [key]: content } as unknown as PlanContent;
  switch (key) {
    case "outageOwner":
      return [
        ...person("Outage owner", plan.outageOwner.owner),
        ...person("Backup", plan.outageOwner.backup),
      ];
    case "triage":
      return numbered(plan.triage.steps);
    case "scheduleContinuity":
      return [
        ...field("Schedule printed or exported", plan.scheduleContinuity.scheduleExport),
        ...field("Check-in", plan.scheduleContinuity.checkIn),
        ...field("Phone routing", plan.scheduleContinuity.phoneRouting),
        ...field(
          "Tracking of cancellations, arrivals, urgent messages",
          plan.scheduleContinuity.tracking,
        ),
      ];
    case "visitRules":
      return plan.visitRules.rules.map(
        (rule) =>
          `${rule.visitType}: ${visitActionLabels[rule.action]}${rule.note ? ` — ${rule.note}` : ""}`,
      );
    case "frontDeskScript":
      return [
        ...field("Script", plan.frontDeskScript.script),
        ...field("Urgent messages", plan.frontDeskScript.urgentMessages),
      ];
    case "providerWorkflow": {
      const workflow = plan.providerWorkflow;
      return [
        ...field("Notes", workflow.notes),
        ...field("Orders", workflow.orders),
        ...field("Labs", workflow.labs),
        ...field("Prescriptions", workflow.prescriptions),
        ...field("Referrals", workflow.referrals),
        ...field("Follow-up", workflow.followUp),
      ];
    }
    case "reconciliation":
      return [
        ...person("Re-enters downtime work", plan.reconciliation.owner),
        ...person("Verifies", plan.reconciliation.verifier),
        ...numbered(plan.reconciliation.steps),
      ];
    case "tiers":
      return [
        `A short outage lasts up to ${plan.tiers.shortOutageMaxMinutes} minutes`,
        ...field("Short outage", plan.tiers.shortTier),
        ...field("Long outage", plan.tiers.longTier),
      ];
    case "maintenancePrep":
      return numbered(plan.maintenancePrep.items);
    case "officePreparation": {
      const office = plan.officePreparation;
      return [
        ...field("Backup internet", office.backupInternet),
        ...field("UPS and surge protection", office.powerProtection),
        ...field("Second location", office.secondLocation),
        ...field("Paper forms", office.paperForms),
        `Paper forms stocked for ${office.paperFormsHours} hours of visits`,
      ];
    }
    case "callTree":
      return plan.callTree.entries.map(
        (entry) => `${entry.caller} calls ${entry.calls}${aside(entry.how)}`,
      );
    default:
      return [];
  }
}

export function sectionTitle(key: SectionKey): string {
  return sectionTitles[key];
}
