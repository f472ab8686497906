import { applyTemplateTo, defaultTemplate, emptyPlan } from "@/server/domain/plan-defaults";
import { emptyPerson, type PlanContent } from "@/server/contracts/plans";

/** A plan that meets every completeness requirement. */
export function completePlan(): PlanContent {
  const plan = emptyPlan();
  const person = (name: string, phone: string) => ({ ...emptyPerson, name, phone });
  return {
    ...plan,
    ...applyTemplateTo(plan, defaultTemplate),
    outageOwner: {
      owner: person("Priya Shah", "(608) 555-0101"),
      backup: person("Sam Okafor", "(608) 555-0102"),
    },
    scheduleContinuity: {
      scheduleExport: "Print tomorrow's schedule at 4 pm daily",
      checkIn: "Paper sign-in sheet",
      phoneRouting: "Forward main line to the office cell",
      tracking: "Downtime log binder",
    },
    visitRules: { rules: [{ visitType: "Well child", action: "continue", note: "" }] },
    providerWorkflow: {
      notes: "Paper note template",
      orders: "Paper order forms",
      labs: "Lab requisition pad",
      prescriptions: "Call in to the pharmacy",
      referrals: "Fax referral form",
      followUp: "Write on the checkout sheet",
    },
    reconciliation: {
      owner: person("Priya Shah", "(608) 555-0101"),
      verifier: person("Dr. Morgan Lee", ""),
      steps: defaultTemplate.reconciliationSteps,
    },
    officePreparation: {
      ...defaultTemplate.officePreparation,
      backupInternet: "Cellular hotspot in the manager's office",
    },
    callTree: { entries: [{ caller: "Outage owner", calls: "Providers", how: "Group text" }] },
  };
}
