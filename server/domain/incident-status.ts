import {
  incidentStatusLabels,
  incidentStatuses,
  type IncidentStatus,
} from "@/server/contracts/incidents";

/**
 * An incident's status moves forward (it may skip steps); a resolved incident can be reopened to
 * monitoring or investigating. Closing is its own action with its own checks (incident-closing),
 * so no status change leads to closed, and nothing leaves it. The statuses, in that order, are the
 * database enum incident_status's values.
 */
/** Open means the outage is still being worked: not resolved and not closed. */
export function isOpenStatus(status: IncidentStatus): boolean {
  return status !== "resolved" && status !== "closed";
}

const reopenTargets: readonly IncidentStatus[] = ["monitoring", "investigating"];

export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === "resolved" && reopenTargets.includes(to);
}

export type TransitionCheck = { allowed: true } | { allowed: false; message: string };

export function statusTransition(from: IncidentStatus, to: IncidentStatus): TransitionCheck {
  const label = (status: IncidentStatus) => incidentStatusLabels[status];
  if (from === "closed")
    return { allowed: false, message: "This incident is closed; its status can no longer change." };
  if (to === "closed")
    return {
      allowed: false,
      message:
        "Use Close incident to close it: closing checks the reconciliation checklist and the downtime log first.",
    };
  if (from === to) return { allowed: false, message: `The incident is already ${label(to)}.` };
  if (incidentStatuses.indexOf(to) > incidentStatuses.indexOf(from) || isReopen(from, to))
    return { allowed: true };
  if (from === "resolved")
    return {
      allowed: false,
      message: `A resolved incident can be reopened to Monitoring or Investigating, not to ${label(to)}.`,
    };
  return {
    allowed: false,
    message: `An incident cannot go back from ${label(from)} to ${label(to)}.`,
  };
}

/** The statuses a user may pick next, in order. */
export function nextStatuses(from: IncidentStatus): IncidentStatus[] {
  return incidentStatuses.filter((to) => statusTransition(from, to).allowed);
}
