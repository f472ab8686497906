import "server-only";
import PDFDocument from "pdfkit";
import { sectionLines } from "@/server/domain/plan-text";
import { sectionTitles } from "@/server/contracts/plans";
import type { Packet } from "@/server/services/plans/packet";
import {
  footerLine,
  helpDeskLine,
  noVendorContacts,
  packetSectionOrder,
  publishedLine,
  reviewLine,
  sectionLeads,
  vendorContactLines,
  vendorContactsTitle,
  type PacketPart,
  type PacketStamp,
} from "./packet-format";

/**
 * The downtime packet as a PDF: the same sections, in the same order and the same words as the
 * printable page (each section's text comes from server/domain/plan-text.ts, which the version
 * comparison uses too). Letter pages whose margins also leave the text whole on A4; a footer
 * with the version, who printed it and "Page x of y" on every page. Built with the PDF standard
 * fonts (Helvetica), so no font file is needed.
 */

export type PacketPdfOptions = { printedAt: Date; printedByName: string };

// Letter is 612 × 792 pt, A4 595 × 842 pt: 54 pt (¾ in) side margins keep a 504 pt column that
// still sits inside an A4 sheet printed at actual size.
const MARGIN = { top: 54, bottom: 72, left: 54, right: 54 };
const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
const SIZE = { body: 11, owner: 13, heading: 13.5, title: 20, small: 10, footer: 8.5 } as const;

// ---------------------------------------------------------------------------------------------
// The standard fonts only know the Windows-1252 characters: keep those, spell out a few common
// others, and show "?" for the rest (the printable page shows every character).

const winAnsiAbove255 = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a,
  0x20ac, 0x2122,
]);
const spelledOut: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u2192": "->",
  "\u2190": "<-",
  "\u2194": "<->",
  "\u21d2": "=>",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2248": "~",
  "\u2713": "x",
  "\u2714": "x",
  "\u2717": "x",
  "\u2610": "[ ]",
  "\u2611": "[x]",
  "\u2612": "[x]",
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0131": "i",
  "\u200b": "",
  "\u200c": "",
  "\u200d": "",
  "\ufeff": "",
  "\u2028": "\n",
  "\u2029": "\n",
};

const encodable = (codePoint: number) =>
  codePoint === 0x0a ||
  (codePoint >= 0x20 && codePoint < 0x7f) ||
  (codePoint >= 0xa0 && codePoint <= 0xff) ||
  winAnsiAbove255.has(codePoint);

/** Text the standard fonts can draw, and whether anything had to be replaced by "?". */
export function toWinAnsi(text: string): { text: string; replaced: boolean } {
  let out = "";
  let replaced = false;
  for (const char of text.normalize("NFC").replace(/\r\n?/g, "\n")) {
    const codePoint = char.codePointAt(0)!;
    if (encodable(codePoint)) out += char;
    else if (char === "\t") out += "    ";
    else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) continue;
    else if (char in spelledOut) out += spelledOut[char];
    else {
      const decomposed = char.normalize("NFKD").replace(/\p{M}/gu, "");
      if (decomposed && [...decomposed].every((part) => encodable(part.codePointAt(0)!)))
        out += decomposed;
      else {
        out += "?";
        replaced = true;
      }
    }
  }
  return { text: out, replaced };
}

// ---------------------------------------------------------------------------------------------

/** A titled part of the packet; an empty line separates groups (one vendor from the next). */
type Block = { key: PacketPart; title: string; lines: string[]; labels: string[]; empty: string };

/** The labels plan-text.ts starts its "Label: value" lines with, printed in bold. */
const fieldLabels = [
  "Schedule printed or exported",
  "Check-in",
  "Phone routing",
  "Tracking of cancellations, arrivals, urgent messages",
  "Script",
  "Urgent messages",
  "Notes",
  "Orders",
  "Labs",
  "Prescriptions",
  "Referrals",
  "Follow-up",
  "Re-enters downtime work",
  "Verifies",
  "Short outage",
  "Long outage",
  "Backup internet",
  "UPS and surge protection",
  "Second location",
  "Paper forms",
];

function blocksOf(packet: Packet): Block[] {
  const { content } = packet;
  return packetSectionOrder.map((key): Block => {
    if (key === "vendorContacts") {
      return {
        key,
        title: vendorContactsTitle,
        lines: packet.vendorContacts.flatMap((contact, index) => [
          ...(index > 0 ? [""] : []),
          ...vendorContactLines(contact),
        ]),
        labels: [
          ...packet.vendorContacts.map((contact) => contact.name),
          "Account number",
          ...Array.from({ length: 10 }, (_, index) => `Level ${index + 1}`),
        ],
        empty: noVendorContacts,
      };
    }
    return {
      key,
      title: sectionTitles[key],
      lines: sectionLines(key, content[key]),
      // A visit rule reads "Visit type: what happens — note".
      labels:
        key === "visitRules" ? content.visitRules.rules.map((rule) => rule.visitType) : fieldLabels,
      empty: "Not filled in yet.",
    };
  });
}

export function buildPacketPdf(packet: Packet, options: PacketPdfOptions): Promise<Buffer> {
  const stamp: PacketStamp = {
    versionNumber: packet.version.number,
    publishedAt: packet.version.publishedAt,
    publishedByName: packet.version.publishedByName,
    nextReviewOn: packet.version.nextReviewOn,
    printedAt: options.printedAt,
    printedByName: options.printedByName,
    timezone: packet.practice.timezone,
  };

  // Encode every string first, so the first page can say whether anything was replaced.
  let replacedAny = false;
  const clean = (value: string) => {
    const encoded = toWinAnsi(value);
    replacedAny ||= encoded.replaced;
    return encoded.text;
  };
  const practiceName = clean(packet.practice.name);
  const sites = packet.practice.sites.map((site) => ({
    name: clean(site.name),
    address: clean(site.address),
    phone: clean(site.phone),
  }));
  const blocks = blocksOf(packet).map((block) => ({
    ...block,
    lines: block.lines.map(clean),
    labels: block.labels.map(clean),
  }));
  const helpDesk = helpDeskLine(packet.helpDesk);
  const helpDeskText = helpDesk ? clean(helpDesk) : null;
  const versionText = clean(`${publishedLine(stamp)} · ${reviewLine(stamp)}`);
  const footerText = clean(footerLine(stamp));
  const reviewText = clean(reviewLine(stamp));

  const doc = new PDFDocument({
    size: "LETTER",
    margins: MARGIN,
    bufferPages: true,
    lang: "en-US",
    displayTitle: true,
    info: {
      Title: `Downtime packet: ${packet.practice.name} (version ${packet.version.number})`,
      Author: "Standby",
      Subject: "What the front desk does while the EHR is down",
      CreationDate: options.printedAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const rule = (weight = 0.75) => {
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(weight)
      .strokeColor("black")
      .stroke();
  };

  // Header
  doc.fillColor("black");
  doc
    .font(FONT.bold)
    .fontSize(SIZE.small)
    .text("DOWNTIME PACKET", left, MARGIN.top, { width, characterSpacing: 1 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(SIZE.title).text(practiceName, { width });
  doc.moveDown(0.2);
  doc
    .font(FONT.regular)
    .fontSize(SIZE.small)
    .text(
      "Use this when the EHR, the internet or the phones are down. Keep it at the front desk.",
      { width },
    );
  doc.text(versionText, { width });
  if (replacedAny) {
    doc
      .font(FONT.italic)
      .text(
        'Some characters of this plan cannot be shown in a PDF and appear as "?". The printable page in Standby shows them.',
        { width },
      );
  }
  doc.moveDown(0.5);
  for (const site of sites) {
    ensureSpace(30);
    doc.font(FONT.bold).fontSize(SIZE.body).text(site.name, { width, continued: true });
    doc.font(FONT.regular).text(`  ${site.address}  ·  ${site.phone}`, { width });
  }
  if (helpDeskText) {
    ensureSpace(30);
    doc.font(FONT.bold).fontSize(SIZE.body).text(helpDeskText, { width });
  }
  doc.moveDown(0.4);
  rule(1.5);
  doc.moveDown(0.4);

  // Sections
  for (const block of blocks) {
    doc.font(FONT.bold).fontSize(SIZE.heading);
    const headingHeight = doc.heightOfString(block.title, { width }) + 8;
    doc.font(FONT.regular).fontSize(SIZE.body);
    const firstLine = block.lines[0] ?? block.empty;
    // Keep a heading with at least its first line.
    ensureSpace(headingHeight + doc.heightOfString(firstLine, { width: width - 22 }) + 14);
    doc.moveDown(0.6);
    doc.font(FONT.bold).fontSize(SIZE.heading).text(block.title, left, doc.y, { width });
    doc.moveDown(0.15);
    rule();
    doc.moveDown(0.35);

    if (block.lines.length === 0) {
      doc.font(FONT.italic).fontSize(SIZE.body).text(block.empty, left, doc.y, { width });
      continue;
    }
    const lead = sectionLeads[block.key];
    if (lead) {
      doc.font(FONT.regular).fontSize(SIZE.body).text(lead, left, doc.y, { width });
      doc.moveDown(0.25);
    }
    const prominent = block.key === "outageOwner";
    const checklist = block.key === "maintenancePrep";
    for (const line of block.lines) {
      if (!line) {
        doc.y += 6;
        continue;
      }
      const numbered = /^(\d+)\.\s([\s\S]*)$/.exec(line);
      const label =
        prominent || numbered
          ? undefined
          : block.labels.find((candidate) => candidate && line.startsWith(`${candidate}: `));
      const font = prominent ? FONT.bold : FONT.regular;
      const size = prominent ? SIZE.owner : SIZE.body;
      doc.font(font).fontSize(size);
      const boxWidth = checklist ? 18 : 0;
      const numberWidth = numbered ? 20 : 0;
      const textX = left + boxWidth + numberWidth;
      const textWidth = width - boxWidth - numberWidth;
      const body = numbered ? numbered[2]! : line;
      const height = doc.heightOfString(body, { width: textWidth, lineGap: 1.5 }) + (label ? 2 : 0);
      ensureSpace(height + 4);
      const top = doc.y;
      if (checklist)
        doc
          .rect(left + 1, top + 1, 10, 10)
          .lineWidth(1)
          .strokeColor("black")
          .stroke();
      if (numbered)
        doc.text(`${numbered[1]}.`, left + boxWidth, top, { width: numberWidth, lineBreak: false });
      if (label) {
        doc
          .font(FONT.bold)
          .text(`${label}: `, textX, top, { width: textWidth, lineGap: 1.5, continued: true });
        doc.font(font).text(body.slice(label.length + 2), { width: textWidth, lineGap: 1.5 });
      } else {
        doc.text(body, textX, top, { width: textWidth, lineGap: 1.5 });
      }
      doc.y = Math.max(doc.y, top + height) + (prominent ? 5 : 3.5);
    }
  }

  // End note, then a footer on every page.
  ensureSpace(40);
  doc.moveDown(1);
  rule();
  doc.moveDown(0.4);
  doc.font(FONT.regular).fontSize(SIZE.small).text(footerText, left, doc.y, { width });
  doc.text(reviewText, { width });

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 22;
    doc
      .moveTo(left, y - 6)
      .lineTo(left + width, y - 6)
      .lineWidth(0.5)
      .strokeColor("black")
      .stroke();
    const pageLabel = `Page ${index - range.start + 1} of ${range.count}`;
    doc
      .font(FONT.bold)
      .fontSize(SIZE.footer)
      .text(pageLabel, left + width - 80, y, { width: 80, align: "right", lineBreak: false });
    doc
      .font(FONT.regular)
      .fontSize(SIZE.footer)
      .text(`${footerText} · ${reviewText}`, left, y, {
        width: width - 90,
        height: 30,
        ellipsis: true,
        lineGap: 1,
      });
    doc.page.margins.bottom = MARGIN.bottom;
  }

  doc.end();
  return finished;
}
