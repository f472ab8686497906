import { riskStatusLabels, type RiskStatus, type RiskStatusChange } from "@/server/contracts/risks";

/**
 * A risk's status and the rules of changing it: scheduled needs a date, accepted needs a written
 * reason and an expiry, resolved needs a note. An acceptance past its expiry counts as open again.
 */
/**
 * Whether a risk may move from its current (effective) status to the one asked for; null when it
 * may. Rescheduling and renewing an acceptance are changes to the same status; anything else must
 * move. Date rules need today's date in the practice's time zone.
 */
export function statusChangeProblem(
  current: RiskStatus,
  change: RiskStatusChange,
  today: string,
): { field: string; message: string } | null {
  if (current === change.status && change.status !== "scheduled" && change.status !== "accepted") {
    return {
      field: "status",
      message: `The risk is already ${riskStatusLabels[current].toLowerCase()}.`,
    };
  }
  if (change.status === "scheduled" && change.scheduledFor < today)
    return { field: "scheduledFor", message: "The fix date cannot be in the past." };
  if (change.status === "accepted" && change.expiresOn <= today)
    return { field: "expiresOn", message: "An acceptance must expire in the future." };
  return null;
}

/** What the register shows: an expired acceptance is open again. */
export function effectiveRiskStatus(
  risk: { status: RiskStatus; acceptedUntil: string | null },
  today: string,
): { status: RiskStatus; acceptanceExpired: boolean } {
  if (risk.status === "accepted" && risk.acceptedUntil !== null && risk.acceptedUntil < today)
    return { status: "open", acceptanceExpired: true };
  return { status: risk.status, acceptanceExpired: false };
}
