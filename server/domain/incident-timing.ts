import { addMinutes, differenceInMinutes } from "date-fns";

/**
 * The clocks of a live outage: how long it has run and what it costs, when the next update is
 * promised, when to call the vendor again, and whether it has become a long outage. Pure: the
 * clock is passed in. Durations are whole minutes (started minutes are not counted), never negative.
 */

/** Whole minutes from start to end, or to now while the outage is still running. */
export function outageMinutes(
  outage: { startedAt: Date; endedAt: Date | null },
  now: Date,
): number {
  return Math.max(0, differenceInMinutes(outage.endedAt ?? now, outage.startedAt));
}

/** Minutes × the practice's cost per minute, in integer cents. */
export function outageCostCents(minutes: number, costPerMinuteCents: number): number {
  return Math.max(0, Math.trunc(minutes)) * Math.max(0, Math.round(costPerMinuteCents));
}

export function outageCost(
  outage: { startedAt: Date; endedAt: Date | null; costPerMinuteCents: number },
  now: Date,
): { minutes: number; costCents: number } {
  const minutes = outageMinutes(outage, now);
  return { minutes, costCents: outageCostCents(minutes, outage.costPerMinuteCents) };
}

export type Due = { dueAt: Date; overdue: boolean };

function due(dueAt: Date, now: Date): Due {
  return { dueAt, overdue: now.getTime() > dueAt.getTime() };
}

/** The owner promises an update every N minutes, counted from the last update (or the start). */
export function nextUpdateDue(
  incident: { startedAt: Date; lastUpdateAt: Date | null; updateEveryMinutes: number },
  now: Date,
): Due {
  return due(
    addMinutes(incident.lastUpdateAt ?? incident.startedAt, incident.updateEveryMinutes),
    now,
  );
}

/** Used when the ladder level does not say how long to wait before escalating. */
export const DEFAULT_ESCALATION_HOURS = 1;

export type VendorCallback = Due & { basis: "vendor_eta" | "escalation_ladder" };

/**
 * When to call the vendor again: at the vendor's ETA, or when the current ladder level's wait has
 * passed since the last escalation (or since the ticket was opened). An ETA that is not later than
 * the last contact has already been chased, so the ladder takes over again.
 */
export function vendorCallbackDue(
  ticket: {
    openedAt: Date;
    lastEscalatedAt: Date | null;
    etaAt: Date | null;
    levelHours: number | null;
  },
  now: Date,
): VendorCallback {
  const lastContact = ticket.lastEscalatedAt ?? ticket.openedAt;
  if (ticket.etaAt && ticket.etaAt.getTime() > lastContact.getTime())
    return { ...due(ticket.etaAt, now), basis: "vendor_eta" };
  const hours =
    ticket.levelHours !== null && Number.isFinite(ticket.levelHours) && ticket.levelHours > 0
      ? ticket.levelHours
      : DEFAULT_ESCALATION_HOURS;
  return {
    ...due(addMinutes(lastContact, Math.round(hours * 60)), now),
    basis: "escalation_ladder",
  };
}

export type OutageTier = "short" | "long";

/** Past the plan's short-outage limit the office switches to the long-outage playbook. */
export function outageTier(elapsedMinutes: number, shortOutageMaxMinutes: number): OutageTier {
  return elapsedMinutes > shortOutageMaxMinutes ? "long" : "short";
}
