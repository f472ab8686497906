import type { IncidentStatus } from "@/server/contracts/incidents";

/**
 * Duplicate outages: a second "EHR down" at a practice that already has one open. Declaring it needs
 * a confirmation; an outage declared twice is closed as a duplicate of the main one (same practice,
 * never a chain: the main outage is not itself a duplicate, and an outage others were merged into
 * is not marked a duplicate in turn).
 */

/** How long ago an outage started, for a sentence: "19 minutes", "2 hours 5 minutes", "3 days". */
export function ageWords(minutes: number): string {
  const whole = Math.max(0, Math.trunc(minutes));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (whole < 60) return plural(whole, "minute");
  if (whole < 24 * 60) {
    const hours = Math.floor(whole / 60);
    const rest = whole % 60;
    return rest === 0
      ? plural(hours, "hour")
      : `${plural(hours, "hour")} ${plural(rest, "minute")}`;
  }
  const days = Math.floor(whole / (24 * 60));
  const hours = Math.floor((whole % (24 * 60)) / 60);
  return hours === 0 ? plural(days, "day") : `${plural(days, "day")} ${plural(hours, "hour")}`;
}

/** An incident's short reference in sentences and the timeline: "#1a2b3c4d". */
export function incidentNumber(id: string): string {
  return `#${id.slice(0, 8)}`;
}

/** The refusal of a declaration while another outage is open at the practice. */
export function openOutageMessage(
  practiceName: string,
  open: { id: string; title: string; startedAt: Date },
  now: Date,
): string {
  const minutes = Math.floor((now.getTime() - open.startedAt.getTime()) / 60_000);
  return (
    `${practiceName} already has an open outage: “${open.title}” (${incidentNumber(open.id)}), ` +
    `started ${ageWords(minutes)} ago. Join it, or confirm that this is a separate outage.`
  );
}

export type DuplicateSide = {
  id: string;
  practiceId: string;
  kind: "unplanned" | "planned";
  status: IncidentStatus;
  duplicateOfIncidentId: string | null;
};

/**
 * Why `duplicate` cannot be closed as a duplicate of `main`, or null when it can. `mergedIntoDuplicate`
 * is how many outages were already merged into `duplicate`.
 */
export function duplicateRefusal(
  duplicate: DuplicateSide,
  main: DuplicateSide,
  mergedIntoDuplicate: number,
): string | null {
  if (duplicate.id === main.id) return "An outage cannot be a duplicate of itself.";
  if (duplicate.practiceId !== main.practiceId) return "Both outages must be at the same practice.";
  if (duplicate.kind !== "unplanned" || main.kind !== "unplanned")
    return "Only outages can be merged; planned maintenance is not an outage.";
  if (duplicate.duplicateOfIncidentId) return "This outage is already closed as a duplicate.";
  if (duplicate.status === "closed") return "This outage is closed; it can no longer be merged.";
  if (main.duplicateOfIncidentId)
    return (
      `That outage is itself a duplicate of ${incidentNumber(main.duplicateOfIncidentId)}: ` +
      "mark this one a duplicate of that main outage instead."
    );
  if (main.status === "closed")
    return "That outage is already closed, so nothing merged into it would be reconciled. Choose an outage still open or resolved.";
  if (mergedIntoDuplicate > 0)
    return (
      "Other outages were merged into this one, so it is a main outage. " +
      "Mark the other outage a duplicate of this one instead."
    );
  return null;
}
