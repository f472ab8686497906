import { createHash } from "node:crypto";
import type { PlanContent, PlanTemplateContent } from "@/server/contracts/plans";
import { emptyPerson } from "@/server/contracts/plans";

/** The template every MSP starts with; an admin edits it once for all its practices. */
export const defaultTemplate: PlanTemplateContent = {
  triage: {
    steps: [
      { text: "Internet: can any device reach a website? Check the circuit and the modem lights." },
      { text: "Firewall: is it powered and passing traffic?" },
      { text: "Wi-Fi: are wired workstations affected too, or only wireless ones?" },
      { text: "Workstations: one machine or all of them?" },
      { text: "Phones: do calls go in and out?" },
      { text: "Local network: switches powered, printers and file shares reachable?" },
      {
        text: "Other cloud apps work but the EHR does not: likely the vendor. Check its status page and call its support line.",
      },
    ],
  },
  maintenancePrep: {
    items: [
      { text: "Print the next day's schedule with patient phone numbers." },
      { text: "Clear the EHR to-do list and finish pending tasks." },
      { text: "Finish pending refill requests." },
      { text: "Know the offline path for lab orders and prescriptions." },
      { text: "Plan to document visits on paper for later entry." },
    ],
  },
  reconciliationSteps: [
    { text: "Re-enter downtime visit notes into the EHR." },
    { text: "Confirm the day's schedule: arrivals, cancellations, no-shows." },
    { text: "Catch up orders, lab results and refills taken on paper." },
    { text: "Verify the interfaces (labs, e-prescribing, imaging) are flowing again." },
    { text: "Confirm last night's backups ran." },
  ],
  frontDeskScript: {
    script:
      "Our computer system is temporarily down. We are still seeing patients; check-in may take a few extra minutes. " +
      "We will take your details on paper and update your record as soon as the system is back.",
    urgentMessages:
      "Urgent clinical messages go straight to the provider on duty by phone; write them in the downtime log.",
  },
  tiers: {
    shortOutageMaxMinutes: 240,
    shortTier:
      "Minutes to hours: paper forms, printed schedule, keep seeing patients, post updates every 30 minutes.",
    longTier:
      "Days: move to the second location or backup internet, laptops on battery, reschedule non-urgent visits.",
  },
  officePreparation: {
    backupInternet: "",
    powerProtection: "",
    secondLocation: "",
    paperForms: "Visit notes, orders, prescriptions and check-in sheets, stored at the front desk.",
    paperFormsHours: 8,
  },
};

/** A plan with nothing filled in; the template fills what it covers. */
export function emptyPlan(): PlanContent {
  return {
    outageOwner: { owner: { ...emptyPerson }, backup: { ...emptyPerson } },
    triage: { steps: [] },
    scheduleContinuity: { scheduleExport: "", checkIn: "", phoneRouting: "", tracking: "" },
    visitRules: { rules: [] },
    frontDeskScript: { script: "", urgentMessages: "" },
    providerWorkflow: {
      notes: "",
      orders: "",
      labs: "",
      prescriptions: "",
      referrals: "",
      followUp: "",
    },
    reconciliation: { owner: { ...emptyPerson }, verifier: { ...emptyPerson }, steps: [] },
    tiers: { shortOutageMaxMinutes: 240, shortTier: "", longTier: "" },
    maintenancePrep: { items: [] },
    officePreparation: {
      backupInternet: "",
      powerProtection: "",
      secondLocation: "",
      paperForms: "",
      paperFormsHours: 0,
    },
    callTree: { entries: [] },
  };
}

/** The sections a template sets, and what each becomes when the template is applied over it (fresh copies). */
export function applyTemplateTo(
  plan: PlanContent,
  template: PlanTemplateContent,
): Partial<PlanContent> {
  const copy = structuredClone(template);
  return {
    triage: copy.triage,
    maintenancePrep: copy.maintenancePrep,
    reconciliation: { ...structuredClone(plan.reconciliation), steps: copy.reconciliationSteps },
    frontDeskScript: copy.frontDeskScript,
    tiers: copy.tiers,
    officePreparation: copy.officePreparation,
  };
}

/** The template's own content for one section (what a change of the template is judged by), or null. */
export function templatePart(template: PlanTemplateContent, section: keyof PlanContent): unknown {
  switch (section) {
    case "triage":
      return template.triage;
    case "maintenancePrep":
      return template.maintenancePrep;
    case "reconciliation":
      return template.reconciliationSteps;
    case "frontDeskScript":
      return template.frontDeskScript;
    case "tiers":
      return template.tiers;
    case "officePreparation":
      return template.officePreparation;
    default:
      return null;
  }
}

/** JSON with keys in a fixed order: jsonb does not keep the order content was written in. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, canonical(item)]),
    );
  return value;
}

/** Identifies the template's part for a section, to tell later whether the template changed it (null: not templated). */
export function templateBasisOf(
  template: PlanTemplateContent,
  section: keyof PlanContent,
): string | null {
  const part = templatePart(template, section);
  return part === null
    ? null
    : createHash("sha256")
        .update(JSON.stringify(canonical(part)))
        .digest("base64url");
}
