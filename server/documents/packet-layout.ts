import { visitActionLabels, type PlanContent } from "@/server/contracts/plans";
import type { VendorContact } from "./packet-format";

/**
 * The layout decisions of the downtime packet's PDF, as plain functions (no PDF library): where
 * the phone numbers are in a text (they are printed bold), what the packet's tables hold (the
 * printable page's tables, cell by cell), and where a list or a table may break across pages.
 */

// ---------------------------------------------------------------------------------------------
// Phone numbers

/**
 * A North American number as people write it: "(555) 010-7000", "555-010-7000", "555.010.7000",
 * "+1 555 010 7000", with an extension ("x12", "ext. 12"); not digits inside a longer number
 * (an account number) or a word.
 */
const phonePattern =
  /(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w-])/g;

export type TextPart = { text: string; phone: boolean };

/** A text cut into its phone numbers and the rest, in order; parts joined give the text back. */
export function phoneParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(phonePattern)) {
    if (match.index > from) parts.push({ text: text.slice(from, match.index), phone: false });
    parts.push({ text: match[0], phone: true });
    from = match.index + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), phone: false });
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Tables

export type Column = {
  header: string;
  /** Share of the table's width; the shares of a table add up to 1. */
  share: number;
  /** Printed bold (what happens to a visit, who calls). */
  strong?: boolean;
  /** Phone numbers, printed bold and larger. */
  phone?: boolean;
};

/** Rows that stay on one page together (a vendor and its escalation ladder). */
export type RowGroup = string[][];

export type PacketTable = { columns: Column[]; groups: RowGroup[] };

export function visitRulesTable(section: PlanContent["visitRules"]): PacketTable {
  return {
    columns: [
      { header: "Visit type", share: 0.3 },
      { header: "What happens", share: 0.24, strong: true },
      { header: "Note", share: 0.46 },
    ],
    groups: section.rules.map((rule) => [
      [rule.visitType, visitActionLabels[rule.action], rule.note],
    ]),
  };
}

export function callTreeTable(section: PlanContent["callTree"]): PacketTable {
  return {
    columns: [
      { header: "Who calls", share: 0.3, strong: true },
      { header: "Whom they call", share: 0.3 },
      { header: "How", share: 0.4 },
    ],
    groups: section.entries.map((entry) => [[entry.caller, entry.calls, entry.how]]),
  };
}

/**
 * The vendors to call: per vendor, its support line (with the account number the practice gives
 * when it calls), then each level of its escalation ladder. One group per vendor.
 */
export function vendorContactsTable(contacts: readonly VendorContact[]): PacketTable {
  const joined = (...values: string[]) => values.filter((value) => value.trim()).join(" — ");
  return {
    columns: [
      { header: "Vendor", share: 0.24, strong: true },
      { header: "Who", share: 0.34 },
      { header: "Phone", share: 0.24, phone: true },
      { header: "Hours", share: 0.18 },
    ],
    groups: contacts.map((contact) => [
      [
        contact.accountNumber
          ? `${contact.name}\nAccount number: ${contact.accountNumber}`
          : contact.name,
        "Support",
        contact.supportPhone || "No support line recorded",
        contact.supportHours,
      ],
      ...contact.ladder.map((level, index) => [
        "",
        joined(
          `Level ${index + 1}: ${level.name}${level.role ? ` (${level.role})` : ""}`,
          level.email,
        ),
        level.phone,
        level.hours,
      ]),
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Page breaks

/**
 * Where a list (or a table's rows) breaks across pages: the indexes of the items a new page
 * starts with (0: the whole list moves to the next page). `heights` are the items' heights, the
 * first one including what must stay with it (the section's heading, a table's header row);
 * `room` is what is left on the current page, `page` the height of a whole page.
 *
 * A list that fits on what is left of the page stays there. A short list (at most `shortItems`
 * items, fitting on one page) is never split: it moves whole to the next page. A longer one fills
 * the page, but never leaves fewer than `keep` items at the foot of a page or at the top of the next.
 */
export function pageBreaks(
  heights: readonly number[],
  room: number,
  page: number,
  { shortItems = 8, keep = 2 }: { shortItems?: number; keep?: number } = {},
): number[] {
  const count = heights.length;
  const total = heights.reduce((sum, height) => sum + height, 0);
  if (count === 0 || total <= room) return [];
  if (count <= shortItems && total <= page) return [0];
  const breaks: number[] = [];
  let start = 0;
  let left = room;
  let fresh = false;
  const nextPage = (at: number) => {
    breaks.push(at);
    start = at;
    left = page;
    fresh = true;
  };
  for (;;) {
    let end = start;
    let used = 0;
    while (end < count && used + heights[end]! <= left) used += heights[end++]!;
    if (end === count) return breaks;
    if (end === start) {
      // Nothing fits: on a fresh page, an item taller than a page starts it anyway.
      if (fresh) end = start + 1;
      else {
        nextPage(start);
        continue;
      }
    }
    // Too few items at the foot of the page the list starts on: the list starts on the next page.
    if (!fresh && start === 0 && end < keep) {
      nextPage(0);
      continue;
    }
    // Never leave fewer than `keep` items for the next page, while this one keeps enough.
    const rest = count - end;
    const least = !fresh && start === 0 ? keep : start + 1;
    if (rest < keep && end - (keep - rest) >= least) end -= keep - rest;
    nextPage(end);
  }
}
