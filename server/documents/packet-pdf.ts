import "server-only";
import PDFDocument from "pdfkit";
import { sectionLines } from "@/server/domain/plan-text";
import { sectionTitles, type Person, type SectionKey } from "@/server/contracts/plans";
import type { Packet } from "@/server/services/plans/packet";
import {
  footerLine,
  helpDeskLine,
  noVendorContacts,
  packetSectionOrder,
  publishedLine,
  reviewLine,
  sectionLeads,
  vendorContactsTitle,
  type PacketStamp,
} from "./packet-format";
import {
  callTreeTable,
  pageBreaks,
  phoneParts,
  vendorContactsTable,
  visitRulesTable,
  type PacketTable,
} from "./packet-layout";

/**
 * The downtime packet as a PDF: the same sections, in the same order and the same words as the
 * printable page (the text sections come from server/domain/plan-text.ts, which the version
 * comparison uses too), laid out like it: the outage owner and backup as cards with their phone
 * numbers large, every phone number bold, the visit rules, the call tree and the vendor contacts
 * as tables (a table's header row repeated on each page it runs onto), and a short numbered list
 * never split across pages (server/documents/packet-layout.ts decides where lists break). Letter
 * pages whose margins also leave the text whole on A4; a footer with the version, who printed it
 * and "Page x of y" on every page. Built with the PDF standard fonts (Helvetica), so no font file
 * is needed.
 */

export type PacketPdfOptions = { printedAt: Date; printedByName: string };

// Letter is 612 × 792 pt, A4 595 × 842 pt: 54 pt (¾ in) side margins keep a 504 pt column that
// still sits inside an A4 sheet printed at actual size.
const MARGIN = { top: 54, bottom: 72, left: 54, right: 54 };
const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
const SIZE = {
  body: 11,
  table: 10.5,
  tablePhone: 12,
  personName: 14,
  personPhone: 17,
  altPhone: 13,
  heading: 13.5,
  title: 20,
  small: 10,
  footer: 8.5,
} as const;
const LINE_GAP = 1.5;

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

/** Every string of a value run through `clean` (dates and numbers as they are). */
function mapStrings<T>(value: T, clean: (text: string) => string): T {
  if (typeof value === "string") return clean(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, clean)) as T;
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, clean)]),
    ) as T;
  return value;
}

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

/** Sections printed as numbered lists (steps): kept whole when short. */
const listSections: SectionKey[] = ["triage", "reconciliation", "maintenancePrep"];

/** A piece of the flow: its height, measured before drawing, and how it is drawn. */
type Unit = { height: number; draw: (afterBreak: boolean) => void };

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
  const practice = mapStrings(packet.practice, clean);
  const content = mapStrings(packet.content, clean);
  const vendorContacts = mapStrings(packet.vendorContacts, clean);
  const helpDesk = mapStrings(packet.helpDesk, clean);
  const helpDeskText = helpDeskLine(helpDesk);
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
  const pageHeight = doc.page.height - MARGIN.top - MARGIN.bottom;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const room = () => bottom() - doc.y;
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
  const measure = (text: string, font: string, size: number, textWidth: number) =>
    text
      ? doc.font(font).fontSize(size).heightOfString(text, { width: textWidth, lineGap: LINE_GAP })
      : 0;

  /**
   * Text with its phone numbers bold (and a bold label first, when given), from (x, y). Measured
   * in bold: the height it takes at most.
   */
  const rich = (
    body: string,
    x: number,
    y: number,
    textWidth: number,
    {
      size = SIZE.body,
      label,
      font = FONT.regular,
    }: { size?: number; label?: string; font?: string } = {},
  ) => {
    const parts = [
      ...(label ? [{ text: `${label}: `, bold: true }] : []),
      ...phoneParts(body).map((part) => ({ text: part.text, bold: part.phone })),
    ];
    if (parts.length === 0) return;
    parts.forEach((part, index) => {
      const more = index < parts.length - 1;
      doc.font(part.bold ? FONT.bold : font).fontSize(size);
      if (index === 0)
        doc.text(part.text, x, y, { width: textWidth, lineGap: LINE_GAP, continued: more });
      else doc.text(part.text, { width: textWidth, lineGap: LINE_GAP, continued: more });
    });
  };
  const richHeight = (body: string, textWidth: number, size = SIZE.body, label?: string) =>
    measure(label ? `${label}: ${body}` : body, FONT.bold, size, textWidth);

  /** Lays out units in order, starting a new page where packet-layout says a break goes. */
  const flow = (units: Unit[], options: { shortItems?: number; keep?: number }) => {
    const breaks = new Set(
      pageBreaks(
        units.map((unit) => unit.height),
        room(),
        pageHeight,
        options,
      ),
    );
    units.forEach((unit, index) => {
      const broke = breaks.has(index);
      if (broke && doc.y > MARGIN.top) doc.addPage();
      unit.draw(broke && index > 0);
    });
  };

  // Section heading and lead: their height, and drawing them.
  const headingHeight = (title: string, lead?: string) =>
    measure(title, FONT.bold, SIZE.heading, width) +
    24 +
    (lead ? measure(lead, FONT.regular, SIZE.body, width) + 4 : 0);
  const drawHeading = (title: string, lead?: string) => {
    const top = doc.y;
    if (top > MARGIN.top + 1) doc.y = top + 12;
    doc.font(FONT.bold).fontSize(SIZE.heading).text(title, left, doc.y, { width });
    doc.y += 2;
    rule();
    doc.y += 6;
    if (lead) {
      doc
        .font(FONT.regular)
        .fontSize(SIZE.body)
        .text(lead, left, doc.y, { width, lineGap: LINE_GAP });
      doc.y += 4;
    }
  };
  /** A first unit carries its section's heading, so a heading is never left alone at the foot of a page. */
  const withHeading = (units: Unit[], title: string, lead?: string): Unit[] => {
    if (units.length === 0) return units;
    const [first, ...rest] = units;
    return [
      {
        height: headingHeight(title, lead) + first!.height,
        draw: (afterBreak) => {
          drawHeading(title, lead);
          first!.draw(afterBreak);
        },
      },
      ...rest,
    ];
  };

  // ---- Units of each kind ----

  const emptyUnit = (text: string): Unit => ({
    height: measure(text, FONT.italic, SIZE.body, width) + 4,
    draw: () => {
      doc.font(FONT.italic).fontSize(SIZE.body).text(text, left, doc.y, { width });
      doc.y += 4;
    },
  });

  const NUMBER_WIDTH = 20;
  const BOX_WIDTH = 18;
  /** One line of a section: a numbered step (with a box to tick on the maintenance list), or "Label: text". */
  const lineUnit = (line: string, checklist: boolean): Unit => {
    const numbered = /^(\d+)\.\s([\s\S]*)$/.exec(line);
    if (numbered) {
      const boxWidth = checklist ? BOX_WIDTH : 0;
      const textX = left + boxWidth + NUMBER_WIDTH;
      const textWidth = width - boxWidth - NUMBER_WIDTH;
      const body = numbered[2]!;
      const height = richHeight(body, textWidth) + 4;
      return {
        height,
        draw: () => {
          const top = doc.y;
          if (checklist)
            doc
              .rect(left + 1, top + 1, 10, 10)
              .lineWidth(1)
              .strokeColor("black")
              .stroke();
          doc
            .font(FONT.regular)
            .fontSize(SIZE.body)
            .text(`${numbered[1]}.`, left + boxWidth, top, {
              width: NUMBER_WIDTH,
              lineBreak: false,
            });
          rich(body, textX, top, textWidth);
          doc.y = Math.max(doc.y, top + height - 4) + 4;
        },
      };
    }
    const label = fieldLabels.find((candidate) => line.startsWith(`${candidate}: `));
    const body = label ? line.slice(label.length + 2) : line;
    const height = richHeight(body, width, SIZE.body, label) + 4;
    return {
      height,
      draw: () => {
        const top = doc.y;
        rich(body, left, top, width, { label });
        doc.y = Math.max(doc.y, top) + 4;
      },
    };
  };

  /** Outage owner and backup side by side, as cards: the name, then the phone numbers, large. */
  const peopleUnit = (people: [label: string, person: Person][]): Unit => {
    const gap = 12;
    const cardWidth = (width - gap * (people.length - 1)) / people.length;
    const inner = cardWidth - 20;
    const linesOf = (person: Person) =>
      person.name.trim()
        ? [
            { text: person.name, font: FONT.bold, size: SIZE.personName },
            ...(person.role ? [{ text: person.role, font: FONT.regular, size: SIZE.body }] : []),
            ...(person.phone
              ? [{ text: person.phone, font: FONT.bold, size: SIZE.personPhone }]
              : []),
            ...(person.altPhone
              ? [{ text: `or ${person.altPhone}`, font: FONT.bold, size: SIZE.altPhone }]
              : []),
            ...(person.email ? [{ text: person.email, font: FONT.regular, size: SIZE.small }] : []),
          ]
        : [{ text: "Not named", font: FONT.bold, size: SIZE.personName }];
    const cardHeight = Math.max(
      ...people.map(
        ([label, person]) =>
          16 +
          measure(label.toUpperCase(), FONT.bold, SIZE.small, inner) +
          linesOf(person).reduce(
            (sum, line) => sum + measure(line.text, line.font, line.size, inner) + 2,
            0,
          ),
      ),
    );
    return {
      height: cardHeight + 6,
      draw: () => {
        const top = doc.y;
        people.forEach(([label, person], index) => {
          const x = left + index * (cardWidth + gap);
          doc
            .roundedRect(x, top, cardWidth, cardHeight, 4)
            .lineWidth(index === 0 ? 2.5 : 1.5)
            .strokeColor("black")
            .stroke();
          doc
            .font(FONT.bold)
            .fontSize(SIZE.small)
            .text(label.toUpperCase(), x + 10, top + 8, { width: inner, characterSpacing: 0.6 });
          for (const line of linesOf(person)) {
            doc.y += 2;
            doc
              .font(line.font)
              .fontSize(line.size)
              .text(line.text, x + 10, doc.y, {
                width: inner,
                lineGap: LINE_GAP,
              });
          }
        });
        doc.x = left;
        doc.y = top + cardHeight + 6;
      },
    };
  };

  /** A table: its header row, then its groups of rows, each group kept on one page. */
  const tableUnits = (table: PacketTable): Unit[] => {
    const pad = { x: 5, y: 3.5 };
    const widths = table.columns.map((column) => column.share * width);
    const headerHeight =
      Math.max(
        ...table.columns.map((column, index) =>
          measure(column.header, FONT.bold, SIZE.small, widths[index]! - pad.x * 2),
        ),
      ) +
      pad.y * 2;
    const cellHeight = (text: string, index: number) => {
      const column = table.columns[index]!;
      const inner = widths[index]! - pad.x * 2;
      const [first = "", ...rest] = text.split("\n");
      if (column.phone && phoneParts(first).some((part) => part.phone))
        return measure(text, FONT.bold, SIZE.tablePhone, inner);
      return (
        measure(first, FONT.bold, SIZE.table, inner) +
        rest.reduce((sum, line) => sum + measure(line, FONT.regular, SIZE.small, inner) + 1, 0)
      );
    };
    const rowHeight = (row: string[]) =>
      Math.max(12, ...row.map((text, index) => cellHeight(text, index))) + pad.y * 2;
    const border = (x: number, y: number, w: number, h: number, weight = 0.75) =>
      doc.rect(x, y, w, h).lineWidth(weight).strokeColor("black").stroke();
    const drawHeader = () => {
      const top = doc.y;
      let x = left;
      table.columns.forEach((column, index) => {
        border(x, top, widths[index]!, headerHeight, 1);
        doc
          .font(FONT.bold)
          .fontSize(SIZE.small)
          .text(column.header, x + pad.x, top + pad.y, { width: widths[index]! - pad.x * 2 });
        x += widths[index]!;
      });
      doc.y = top + headerHeight;
    };
    const drawRow = (row: string[]) => {
      const height = rowHeight(row);
      // A row never splits: one taller than what is left starts a page, under the header again.
      if (doc.y + height > bottom()) {
        doc.addPage();
        drawHeader();
      }
      const top = doc.y;
      let x = left;
      row.forEach((text, index) => {
        const column = table.columns[index]!;
        const inner = widths[index]! - pad.x * 2;
        border(x, top, widths[index]!, height);
        const [first = "", ...rest] = text.split("\n");
        if (column.phone && phoneParts(first).some((part) => part.phone)) {
          doc
            .font(FONT.bold)
            .fontSize(SIZE.tablePhone)
            .text(text, x + pad.x, top + pad.y, {
              width: inner,
              lineGap: LINE_GAP,
            });
        } else {
          rich(first, x + pad.x, top + pad.y, inner, {
            size: SIZE.table,
            font: column.strong ? FONT.bold : FONT.regular,
          });
          for (const line of rest)
            doc
              .font(FONT.regular)
              .fontSize(SIZE.small)
              .text(line, x + pad.x, doc.y + 1, {
                width: inner,
                lineGap: LINE_GAP,
              });
        }
        x += widths[index]!;
      });
      doc.x = left;
      doc.y = top + height;
    };
    return table.groups.map((group, index) => ({
      height:
        (index === 0 ? headerHeight : 0) + group.reduce((sum, row) => sum + rowHeight(row), 0),
      draw: (afterBreak) => {
        if (index === 0 || afterBreak) drawHeader();
        for (const row of group) drawRow(row);
      },
    }));
  };

  // ---- Header ----

  doc.fillColor("black");
  doc
    .font(FONT.bold)
    .fontSize(SIZE.small)
    .text("DOWNTIME PACKET", left, MARGIN.top, { width, characterSpacing: 1 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(SIZE.title).text(practice.name, { width });
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
  for (const site of practice.sites) {
    ensureSpace(30);
    const top = doc.y;
    doc
      .font(FONT.bold)
      .fontSize(SIZE.body)
      .text(`${site.name}  `, left, top, { width, continued: true });
    doc.font(FONT.regular).text(`${site.address}  ·  `, { width, continued: true });
    doc.font(FONT.bold).fontSize(SIZE.tablePhone).text(site.phone, { width });
  }
  if (helpDeskText) {
    ensureSpace(30);
    rich(helpDeskText, left, doc.y, width, { font: FONT.bold });
  }
  doc.moveDown(0.4);
  rule(1.5);
  doc.moveDown(0.4);

  // ---- Sections ----

  for (const key of packetSectionOrder) {
    if (key === "vendorContacts") {
      flow(
        vendorContacts.length === 0
          ? withHeading([emptyUnit(noVendorContacts)], vendorContactsTitle)
          : withHeading(
              tableUnits(vendorContactsTable(vendorContacts)),
              vendorContactsTitle,
              sectionLeads.vendorContacts,
            ),
        { shortItems: 1, keep: 1 },
      );
      continue;
    }
    const title = sectionTitles[key];
    if (key === "outageOwner") {
      flow(
        withHeading(
          [
            peopleUnit([
              ["Outage owner", content.outageOwner.owner],
              ["Backup", content.outageOwner.backup],
            ]),
          ],
          title,
        ),
        {},
      );
      continue;
    }
    if (key === "visitRules" || key === "callTree") {
      const table =
        key === "visitRules"
          ? visitRulesTable(content.visitRules)
          : callTreeTable(content.callTree);
      flow(
        withHeading(
          table.groups.length === 0 ? [emptyUnit("Not filled in yet.")] : tableUnits(table),
          title,
        ),
        { shortItems: 6, keep: 2 },
      );
      continue;
    }
    const lines = sectionLines(key, content[key]);
    const lead = lines.length > 0 ? sectionLeads[key] : undefined;
    flow(
      withHeading(
        lines.length === 0
          ? [emptyUnit("Not filled in yet.")]
          : lines.map((line) => lineUnit(line, key === "maintenancePrep")),
        title,
        lead,
      ),
      listSections.includes(key) ? { shortItems: 8, keep: 2 } : { shortItems: 3, keep: 2 },
    );
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
