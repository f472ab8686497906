import type { SectionKey } from "@/server/contracts/plans";
import type { Packet } from "@/server/services/plans/packet";
import { dateTimeFormat } from "@/server/domain/intl-formats";

/**
 * What the printed page and the PDF of the downtime packet share: the order of the sections,
 * how dates are written, the footer line and the file name. Plain functions, no I/O, usable on
 * the server and in the browser.
 */

/** A part of the packet: a section of the plan, or the vendors to call (from the dependency map and vendor links). */
export type PacketPart = SectionKey | "vendorContacts";

export const vendorContactsTitle = "Vendor contacts";

/** The order a front desk needs them in: who runs the outage and what to do first, then the rest. */
export const packetSectionOrder: PacketPart[] = [
  "outageOwner",
  "triage",
  "vendorContacts",
  "frontDeskScript",
  "visitRules",
  "callTree",
  "scheduleContinuity",
  "providerWorkflow",
  "tiers",
  "reconciliation",
  "maintenancePrep",
  "officePreparation",
];

/** A line of instructions printed above a section's content (the same on the page and in the PDF). */
export const sectionLeads: Partial<Record<PacketPart, string>> = {
  triage: "Check in this order:",
  vendorContacts:
    "The vendors of the practice's critical systems. Call support first, then escalate level by level.",
  maintenancePrep: "The day before planned maintenance, tick each item when it is done:",
};

export type PacketStamp = {
  versionNumber: number;
  publishedAt: Date;
  publishedByName: string;
  /** A calendar day, "2027-03-01". */
  nextReviewOn: string;
  printedAt: Date;
  printedByName: string;
  timezone: string;
};

function safeZone(timezone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return timezone;
  } catch {
    return "UTC";
  }
}

/** "March 3, 2027" in the practice's time zone. */
export function formatDate(value: Date, timezone: string): string {
  return dateTimeFormat("en-US", {
    dateStyle: "long",
    timeZone: safeZone(timezone),
  }).format(value);
}

/** "March 3, 2027, 2:15 PM CST" in the practice's time zone. */
export function formatDateTime(value: Date, timezone: string): string {
  return dateTimeFormat("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: safeZone(timezone),
  })
    .format(value)
    .replace(/[\u202f\u00a0]/g, " ");
}

/** A calendar day ("2027-03-01") as "March 1, 2027", whatever the time zone. */
export function formatDay(day: string): string {
  const parsed = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? day : formatDate(parsed, "UTC");
}

export function publishedLine(stamp: PacketStamp): string {
  return `Version ${stamp.versionNumber}, published ${formatDate(stamp.publishedAt, stamp.timezone)} by ${stamp.publishedByName}`;
}

export function printedLine(stamp: PacketStamp): string {
  return `printed ${formatDateTime(stamp.printedAt, stamp.timezone)} by ${stamp.printedByName}`;
}

export function reviewLine(stamp: PacketStamp): string {
  return `Next review due ${formatDay(stamp.nextReviewOn)}`;
}

/** "Version 3, published March 3, 2027 by Alex Rivera · printed March 4, 2027, 9:12 AM CST by Sam Lee" */
export function footerLine(stamp: PacketStamp): string {
  return `${publishedLine(stamp)} · ${printedLine(stamp)}`;
}

/** "downtime-packet-lakeside-family-medicine-v3.pdf": ASCII only, so it needs no encoding in a header. */
export function packetFileName(practiceName: string, versionNumber: number): string {
  const slug =
    practiceName
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "practice";
  return `downtime-packet-${slug}-v${versionNumber}.pdf`;
}

export type VendorContact = Packet["vendorContacts"][number];

/** "MSP help desk: Summit IT Partners — (555) 010-7000 — help@summit-it.example — 24/7"; null when none is set. */
export function helpDeskLine(helpDesk: Packet["helpDesk"]): string | null {
  if (!helpDesk.phone && !helpDesk.email) return null;
  return [`MSP help desk: ${helpDesk.mspName}`, helpDesk.phone, helpDesk.email, helpDesk.hours]
    .filter(Boolean)
    .join(" — ");
}

export const noVendorContacts =
  "No vendor contacts: no critical system on the dependency map has a vendor yet.";
