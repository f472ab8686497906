/**
 * What the monitors add to leadership's quarterly figures, computed from suspected outages and
 * incidents (ids and times only). Definitions (README, "Quarterly metrics"):
 * - detected minutes: for each suspected outage that was not dismissed, from when the monitors saw
 *   it until its cause was back up (or now, while still down), in the quarter it was seen;
 * - declared minutes: for each incident, from its start until it was resolved (or now), in the
 *   quarter it started (as the downtime minutes);
 * - detection to declaration: the median minutes from a suspected outage to the declaration of the
 *   incident it became;
 * - seen first: of the incidents started in the quarter, the share declared from or after a
 *   suspected outage of the same practice that opened before the declaration (within the 24 hours
 *   before it, and not dismissed).
 */
import { quarterOf, type QuarterKey } from "./quarters";

export type DetectionQuarterFigures = {
  detectedOutageMinutes: number;
  declaredOutageMinutes: number;
  medianMinutesDetectionToDeclaration: number | null;
  /** Percent of the quarter's incidents Standby saw first; null with no incident. */
  seenFirstPercent: number | null;
};

export type DetectionSuspected = {
  id: string;
  practiceId: string;
  timeZone: string;
  openedAt: Date;
  recoveredAt: Date | null;
  endedAt: Date | null;
  status: "open" | "declared" | "dismissed" | "cleared" | "absorbed";
  incidentId: string | null;
};

export type DetectionIncident = {
  id: string;
  practiceId: string;
  timeZone: string;
  startedAt: Date;
  declaredAt: Date;
  resolvedAt: Date | null;
};

const SEEN_FIRST_WINDOW_MS = 24 * 60 * 60_000;

const minutes = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 60_000);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}

export function detectionFiguresByQuarter(
  quarters: readonly QuarterKey[],
  suspected: readonly DetectionSuspected[],
  incidents: readonly DetectionIncident[],
  now: Date,
): (DetectionQuarterFigures & { seenFirstIncidents: number })[] {
  const incidentById = new Map(incidents.map((incident) => [incident.id, incident]));
  return quarters.map((quarter) => {
    const seen = suspected.filter(
      (row) => row.status !== "dismissed" && quarterOf(row.openedAt, row.timeZone) === quarter,
    );
    const detected = seen.reduce(
      (sum, row) =>
        sum +
        minutes(
          row.openedAt,
          row.recoveredAt ??
            (row.status === "open" || row.status === "declared" ? now : (row.endedAt ?? now)),
        ),
      0,
    );
    const declaredHere = incidents.filter(
      (incident) => quarterOf(incident.startedAt, incident.timeZone) === quarter,
    );
    const declared = declaredHere.reduce(
      (sum, incident) => sum + minutes(incident.startedAt, incident.resolvedAt ?? now),
      0,
    );
    const toDeclaration = seen
      .map((row) => (row.incidentId ? incidentById.get(row.incidentId) : undefined))
      .map((incident, index) =>
        incident ? minutes(seen[index]!.openedAt, incident.declaredAt) : null,
      )
      .filter((value): value is number => value !== null);
    const seenFirst = declaredHere.filter((incident) =>
      suspected.some(
        (row) =>
          row.incidentId === incident.id ||
          (row.practiceId === incident.practiceId &&
            row.status !== "dismissed" &&
            row.openedAt <= incident.declaredAt &&
            incident.declaredAt.getTime() - row.openedAt.getTime() <= SEEN_FIRST_WINDOW_MS),
      ),
    ).length;
    return {
      detectedOutageMinutes: Math.round(detected),
      declaredOutageMinutes: Math.round(declared),
      medianMinutesDetectionToDeclaration: median(toDeclaration),
      seenFirstPercent:
        declaredHere.length === 0 ? null : Math.round((seenFirst / declaredHere.length) * 100),
      seenFirstIncidents: seenFirst,
    };
  });
}
