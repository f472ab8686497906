import type { PlanContent, Person, SectionKey } from "@/server/contracts/plans";

/**
 * How complete a downtime plan is: every check below is one requirement of a plan a front desk
 * can run an outage from. Score = share of requirements met, 0–100.
 */
export type Completeness = { score: number; missing: PlanGap[] };
/** A requirement not met, and the section where it is filled in. */
export type PlanGap = { section: SectionKey; text: string };

const filled = (value: string) => value.trim().length > 0;
const reachable = (person: Person) =>
  filled(person.name) && (filled(person.phone) || filled(person.altPhone));

/** One requirement of one section: what is missing, or null when it is met. */
type Check = { section: SectionKey; gap: (plan: PlanContent) => string | null };
const rule = (
  section: SectionKey,
  met: (plan: PlanContent) => boolean,
  missing: string,
): Check => ({ section, gap: (plan) => (met(plan) ? null : missing) });

const checks: Check[] = [
  {
    section: "outageOwner",
    gap: (plan) =>
      !filled(plan.outageOwner.owner.name)
        ? "No outage owner"
        : reachable(plan.outageOwner.owner)
          ? null
          : "The outage owner has no phone number",
  },
  rule(
    "outageOwner",
    (plan) => reachable(plan.outageOwner.backup),
    "No backup outage owner with a phone number",
  ),
  rule("triage", (plan) => plan.triage.steps.length >= 3, "Triage has fewer than 3 steps"),
  rule(
    "scheduleContinuity",
    (plan) => filled(plan.scheduleContinuity.scheduleExport),
    "Patient-schedule continuity does not say how the schedule is printed or exported",
  ),
  rule(
    "scheduleContinuity",
    (plan) => filled(plan.scheduleContinuity.phoneRouting),
    "Patient-schedule continuity does not say how phones are routed",
  ),
  rule("visitRules", (plan) => plan.visitRules.rules.length > 0, "No visit rules"),
  rule(
    "frontDeskScript",
    (plan) => filled(plan.frontDeskScript.script),
    "Front-desk script is empty",
  ),
  rule(
    "providerWorkflow",
    (plan) => Object.values(plan.providerWorkflow).every(filled),
    "Provider workflow does not cover notes, orders, labs, prescriptions, referrals and follow-up",
  ),
  rule(
    "reconciliation",
    (plan) => reachable(plan.reconciliation.owner),
    "No recovery reconciliation owner with a phone number",
  ),
  rule(
    "reconciliation",
    (plan) => filled(plan.reconciliation.verifier.name),
    "No one verifies the reconciliation",
  ),
  rule(
    "tiers",
    (plan) => filled(plan.tiers.shortTier) && filled(plan.tiers.longTier),
    "Short- and long-outage tiers are not both described",
  ),
  rule(
    "maintenancePrep",
    (plan) => plan.maintenancePrep.items.length > 0,
    "Planned-maintenance prep checklist is empty",
  ),
  rule(
    "officePreparation",
    (plan) => filled(plan.officePreparation.backupInternet),
    "No backup internet plan",
  ),
  rule(
    "officePreparation",
    (plan) =>
      plan.officePreparation.paperFormsHours >= 8 && filled(plan.officePreparation.paperForms),
    "Paper forms are not stocked for at least 8 hours of visits",
  ),
  rule("callTree", (plan) => plan.callTree.entries.length > 0, "Call tree is empty"),
];

export const completenessRequirementCount = checks.length;

export function planCompleteness(plan: PlanContent): Completeness {
  const missing = checks.flatMap((check) => {
    const text = check.gap(plan);
    return text === null ? [] : [{ section: check.section, text }];
  });
  return { score: Math.round((100 * (checks.length - missing.length)) / checks.length), missing };
}
