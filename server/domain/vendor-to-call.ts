/** Which vendor the incident room's "Call the vendor" dials, and on which number. */

type Criticality = "critical" | "important" | "minor";

/** Why this vendor: the outage waits on its ticket, one of its systems is down, or it runs the EHR. */
export type VendorCallReason = "ticket" | "down" | "ehr";

export type VendorCallChoice = {
  vendorId: string;
  why: VendorCallReason;
  /** The escalation level to call: the one a ticket reached, else 1. */
  level: number;
};

const rank: Record<Criticality, number> = { critical: 0, important: 1, minor: 2 };

/**
 * The vendor the outage is waiting on: the vendor of the newest ticket (at the level it reached);
 * without a ticket, the vendor of the most critical system that is down; else the vendor of the
 * practice's EHR (a system of the EHR category on the map, then a linked vendor of the EHR category).
 * Null when none of them is known.
 */
export function chooseVendorToCall(input: {
  tickets: readonly { vendorId: string; openedAt: Date; levelReached: number }[];
  /** The systems that are down, with their vendor where the map names one. */
  down: readonly { vendorId: string | null; criticality: Criticality }[];
  /** The map's systems of the EHR category, in map order. */
  ehrSystems: readonly { vendorId: string | null }[];
  /** The practice's linked vendors of the EHR category, in name order. */
  ehrVendors: readonly { vendorId: string }[];
}): VendorCallChoice | null {
  const newest = input.tickets.reduce<(typeof input.tickets)[number] | null>(
    (latest, ticket) =>
      !latest || ticket.openedAt.getTime() >= latest.openedAt.getTime() ? ticket : latest,
    null,
  );
  if (newest)
    return { vendorId: newest.vendorId, why: "ticket", level: Math.max(1, newest.levelReached) };
  const down = input.down
    .flatMap((system) => (system.vendorId ? [{ ...system, vendorId: system.vendorId }] : []))
    .sort((a, b) => rank[a.criticality] - rank[b.criticality])[0];
  if (down) return { vendorId: down.vendorId, why: "down", level: 1 };
  const ehr =
    input.ehrSystems.find((system) => system.vendorId)?.vendorId ?? input.ehrVendors[0]?.vendorId;
  return ehr ? { vendorId: ehr, why: "ehr", level: 1 } : null;
}

/**
 * The number for a level: that level's contact on the practice's ladder, else the vendor's support
 * line, else the first contact on the ladder with a number. Empty when the vendor has no number at all.
 */
export function numberToCall(
  vendor: { supportPhone: string; ladder: readonly { name: string; phone: string }[] },
  level: number,
): { phone: string; contactName: string } {
  const atLevel = vendor.ladder[level - 1];
  if (atLevel?.phone.trim()) return { phone: atLevel.phone.trim(), contactName: atLevel.name };
  if (vendor.supportPhone.trim()) return { phone: vendor.supportPhone.trim(), contactName: "" };
  const anyone = vendor.ladder.find((contact) => contact.phone.trim());
  return anyone
    ? { phone: anyone.phone.trim(), contactName: anyone.name }
    : { phone: "", contactName: "" };
}
