import type { Role } from "@/server/permissions";
import type { IncidentStatus } from "@/server/contracts/incidents";

/**
 * When an incident may be closed: after it is resolved, with every reconciliation step checked
 * and every paper record from the downtime entered into the EHR and verified by a second person.
 * An admin may close over open items with a written reason; nobody may close an unresolved one.
 */
export type ChecklistItem = { checked: boolean };
/** People are user ids; blank counts as nobody. */
export type DowntimeLogEntry = {
  enteredAt: Date | null;
  enteredBy: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
};

export const OVERRIDE_REASON_MIN_LENGTH = 10;

const person = (id: string | null) => (id ?? "").trim().toLowerCase();

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why the verifier cannot verify this record, or null when they can. */
export function verifierProblem(enteredBy: string | null, verifiedBy: string): string | null {
  if (person(enteredBy) === "") return "Enter the record into the EHR before verifying it.";
  if (person(verifiedBy) === "") return "Say who verified the record.";
  if (person(enteredBy) === person(verifiedBy))
    return "The person who entered a record cannot verify it; ask someone else to check it.";
  return null;
}

export function isEntered(entry: DowntimeLogEntry): boolean {
  return entry.enteredAt !== null && person(entry.enteredBy) !== "";
}

/** Verified by someone other than the person who entered it. */
export function isVerified(entry: DowntimeLogEntry): boolean {
  return (
    isEntered(entry) &&
    entry.verifiedAt !== null &&
    entry.verifiedBy !== null &&
    verifierProblem(entry.enteredBy, entry.verifiedBy) === null
  );
}

/**
 * What still stands in the way of closing, for people to read. A record not yet entered is only
 * reported as not entered; its verification is the next step, not a second blocker.
 */
export function closeBlockers(incident: {
  checklist: readonly ChecklistItem[];
  log: readonly DowntimeLogEntry[];
  /** The front desk's marks on the continuity schedule (arrivals, cancellations, walk-ins …): each entered into the EHR. */
  scheduleMarks?: readonly { entered: boolean }[];
}): string[] {
  const open = incident.checklist.filter((item) => !item.checked).length;
  const entered = incident.log.filter(isEntered);
  const notEntered = incident.log.length - entered.length;
  const unverified = entered.filter((entry) => !isVerified(entry));
  const selfVerified = unverified.filter(
    (entry) => person(entry.verifiedBy) === person(entry.enteredBy),
  ).length;
  const notVerified = unverified.length - selfVerified;
  const marksNotEntered = (incident.scheduleMarks ?? []).filter((mark) => !mark.entered).length;
  return [
    ...(open > 0 ? [`${count(open, "checklist item is", "checklist items are")} still open`] : []),
    ...(notEntered > 0
      ? [
          `${count(notEntered, "paper record has", "paper records have")} not been entered into the EHR`,
        ]
      : []),
    ...(notVerified > 0
      ? [`${count(notVerified, "paper record is", "paper records are")} not verified`]
      : []),
    ...(selfVerified > 0
      ? [
          `${count(selfVerified, "paper record was", "paper records were")} verified by the person who entered it`,
        ]
      : []),
    ...(marksNotEntered > 0
      ? [
          `${count(marksNotEntered, "front-desk change from the continuity schedule has", "front-desk changes from the continuity schedule have")} not been entered into the EHR`,
        ]
      : []),
  ];
}

export type CloseDecision =
  { allowed: true; override: boolean } | { allowed: false; message: string };

/** Pass the blockers from closeBlockers; the reason only matters when there are some. */
export function closeDecision(input: {
  status: IncidentStatus;
  role: Role;
  blockers: readonly string[];
  overrideReason?: string | null;
}): CloseDecision {
  if (input.status === "closed")
    return { allowed: false, message: "This incident is already closed." };
  if (input.status !== "resolved")
    return { allowed: false, message: "Resolve the incident before closing it." };
  if (input.blockers.length === 0) return { allowed: true, override: false };
  const open = `Not ready to close: ${input.blockers.join("; ")}.`;
  if (input.role !== "admin")
    return {
      allowed: false,
      message: `${open} Only an MSP admin can close it anyway, with a written reason.`,
    };
  if ((input.overrideReason ?? "").trim().length < OVERRIDE_REASON_MIN_LENGTH) {
    return {
      allowed: false,
      message: `${open} To close it anyway, write why (at least ${OVERRIDE_REASON_MIN_LENGTH} characters).`,
    };
  }
  return { allowed: true, override: true };
}
