/** The standard recovery steps, for a practice whose plan names none of its own. */
export const standardReconciliationSteps = [
  "Re-enter the downtime notes into the EHR",
  "Confirm today's schedule against the paper check-in list",
  "Catch up orders and refill requests",
  "Verify the interfaces (labs, e-prescribing, imaging) are flowing again",
  "Confirm the backups ran",
];

/**
 * An outage's recovery checklist: the plan's own reconciliation steps when it has any (they are the
 * practice's version of the standard ones, so both would list each step twice in other words), the
 * standard steps otherwise. Blank and repeated steps are dropped.
 */
export function recoveryChecklist(planSteps: readonly { text: string }[]): string[] {
  const own = [...new Set(planSteps.map((step) => step.text.trim()).filter(Boolean))];
  return own.length > 0 ? own : [...standardReconciliationSteps];
}

/** The timeline's line for a step ticked or unticked: one full stop, however the step is written. */
export function checklistLine(label: string, checked: boolean): string {
  const text = label.trim();
  return `${checked ? "Done" : "Reopened"}: ${/[.!?]$/.test(text) ? text : `${text}.`}`;
}
