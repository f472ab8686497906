import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { applyTemplateTo, defaultTemplate, emptyPlan } from "@/server/domain/plan-defaults";
import { sectionTitles, type PlanContent } from "@/server/contracts/plans";
import type { Packet } from "@/server/services/plans/packet";
import {
  footerLine,
  packetFileName,
  packetSectionOrder,
  vendorContactsTitle,
} from "./packet-format";
import { buildPacketPdf, toWinAnsi } from "./packet-pdf";

// Windows-1252's 0x80–0x9f (Node's TextDecoder reads that label as Latin-1).
const cp1252High: Record<number, string> = {
  0x80: "€",
  0x82: "‚",
  0x83: "ƒ",
  0x84: "„",
  0x85: "…",
  0x86: "†",
  0x87: "‡",
  0x88: "ˆ",
  0x89: "‰",
  0x8a: "Š",
  0x8b: "‹",
  0x8c: "Œ",
  0x8e: "Ž",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x95: "•",
  0x96: "–",
  0x97: "—",
  0x98: "˜",
  0x99: "™",
  0x9a: "š",
  0x9b: "›",
  0x9c: "œ",
  0x9e: "ž",
  0x9f: "Ÿ",
};
const winAnsi = {
  decode: (bytes: Buffer) =>
    [...bytes].map((byte) => cp1252High[byte] ?? String.fromCharCode(byte)).join(""),
};

/** The text drawn on each page, read back from pdfkit's content streams (one per page). */
function pagesOf(pdf: Buffer): string[] {
  const raw = pdf.toString("latin1");
  const pages: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const content = inflateSync(Buffer.from(match[1]!, "latin1")).toString("latin1");
    if (!content.includes(" TJ")) continue;
    const lines = [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((array) =>
      [...array[1]!.matchAll(/<([0-9a-f]*)>/g)]
        .map((hex) => winAnsi.decode(Buffer.from(hex[1]!, "hex")))
        .join(""),
    );
    // Lines joined by one space, so a bold label and the text it continues into read as one.
    pages.push(lines.join("\n").replace(/\s+/g, " "));
  }
  return pages;
}

type Run = { font: string; size: number; text: string };

/** Each page's text runs with the font and size they are drawn in ("Helvetica-Bold", 17). */
function runsOf(pdf: Buffer): Run[][] {
  const raw = pdf.toString("latin1");
  const fonts = new Map(
    [...raw.matchAll(/(\d+) 0 obj\s*<<\s*\/Type \/Font\s*\/BaseFont \/([\w-]+)/g)].map((match) => [
      match[1]!,
      match[2]!,
    ]),
  );
  const names = new Map(
    [...raw.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((match) => [match[1]!, fonts.get(match[2]!)!]),
  );
  const pages: Run[][] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const content = inflateSync(Buffer.from(match[1]!, "latin1")).toString("latin1");
    if (!content.includes(" TJ")) continue;
    const runs: Run[] = [];
    let font = "";
    let size = 0;
    for (const op of content.matchAll(/\/(F\d+) ([\d.]+) Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) {
        font = names.get(op[1]) ?? op[1];
        size = Number(op[2]);
      } else
        runs.push({
          font,
          size,
          text: [...op[3]!.matchAll(/<([0-9a-f]*)>/g)]
            .map((hex) => winAnsi.decode(Buffer.from(hex[1]!, "hex")))
            .join(""),
        });
    }
    pages.push(runs);
  }
  return pages;
}

/** The page (from 0) whose text contains `text`; -1 when none does. */
const pageWith = (pages: string[], text: string) => pages.findIndex((page) => page.includes(text));

function plan(changes: Partial<PlanContent> = {}): PlanContent {
  return {
    ...emptyPlan(),
    ...applyTemplateTo(emptyPlan(), defaultTemplate),
    ...changes,
  } as PlanContent;
}

function packetOf(content: PlanContent, vendorContacts: Packet["vendorContacts"] = []): Packet {
  const name = "Lakeside Family Medicine";
  return {
    practice: {
      id: "8f7c1f9e-1d8a-4a5e-9d51-7c8c2f4b1a10",
      name,
      timezone: "America/Chicago",
      sites: [
        {
          name: "Main office",
          address: "12 Lake Rd, Springfield, IL 62701",
          phone: "(217) 555-0100",
        },
      ],
    },
    helpDesk: {
      mspName: "Summit IT Partners",
      phone: "(555) 010-7000",
      email: "help@summit-it.example",
      hours: "24/7",
    },
    vendorContacts,
    version: {
      number: 3,
      publishedAt: new Date("2027-03-03T15:00:00Z"),
      publishedByName: "Alex Rivera",
      nextReviewOn: "2027-06-01",
    },
    content,
  };
}

const printed = { printedAt: new Date("2027-03-04T15:12:00Z"), printedByName: "Sam Lee" };
const owner = {
  memberId: null,
  name: "Dana Whitfield",
  role: "Office manager",
  phone: "(555) 010-2030",
  altPhone: "",
  email: "",
};
const backup = {
  memberId: null,
  name: "Chris Ortega",
  role: "",
  phone: "(555) 010-4455",
  altPhone: "",
  email: "",
};

describe("the downtime packet PDF", () => {
  it("prints every section, the owner's phone and the version footer on every page", async () => {
    const steps = Array.from({ length: 30 }, (_, index) => ({
      text: `Triage step ${index + 1}: look at the thing that could have failed and write down what you saw.`,
    }));
    const pdf = await buildPacketPdf(
      packetOf(
        plan({
          outageOwner: { owner, backup },
          triage: { steps },
          visitRules: {
            rules: [{ visitType: "Well visits", action: "continue", note: "Paper form A" }],
          },
          callTree: { entries: [{ caller: "Dana", calls: "Dr. Patel", how: "mobile" }] },
        }),
        [
          {
            name: "ModMed",
            supportPhone: "(561) 555-0140",
            supportHours: "24/7",
            accountNumber: "MM-20417",
            ladder: [
              { name: "Support desk", role: "", phone: "(561) 555-0140", email: "", hours: "24/7" },
              {
                name: "Jordan Blake",
                role: "Account manager",
                phone: "(561) 555-0188",
                email: "jblake@modmed.example",
                hours: "Weekdays",
              },
            ],
          },
        ],
      ),
      printed,
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");

    const pages = pagesOf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join("\n");
    expect(all).toContain("Lakeside Family Medicine");
    expect(all).toContain(
      "MSP help desk: Summit IT Partners — (555) 010-7000 — help@summit-it.example — 24/7",
    );
    // The owner and the backup as cards: the label, the name, the role, the phone.
    expect(all).toContain("OUTAGE OWNER Dana Whitfield Office manager (555) 010-2030");
    expect(all).toContain("BACKUP Chris Ortega (555) 010-4455");
    expect(all).toContain("Triage step 30: look at the thing");
    // Tables, read row by row, cell by cell, under their header rows.
    expect(all).toContain(
      "Visit type What happens Note Well visits Continue on paper Paper form A",
    );
    expect(all).toContain("Who calls Whom they call How Dana Dr. Patel mobile");
    expect(all).toContain(
      "Vendor Who Phone Hours ModMed Account number: MM-20417 Support (561) 555-0140 24/7",
    );
    expect(all).toContain(
      "Level 2: Jordan Blake (Account manager) — jblake@modmed.example (561) 555-0188 Weekdays",
    );
    for (const key of packetSectionOrder)
      expect(all).toContain(key === "vendorContacts" ? vendorContactsTitle : sectionTitles[key]);

    // Footer (on every page): version, publisher, who printed when, and "Page x of y".
    const footer = footerLine({
      versionNumber: 3,
      publishedAt: new Date("2027-03-03T15:00:00Z"),
      publishedByName: "Alex Rivera",
      nextReviewOn: "2027-06-01",
      timezone: "America/Chicago",
      ...printed,
    });
    expect(footer).toBe(
      "Version 3, published March 3, 2027 by Alex Rivera · printed March 4, 2027 at 9:12 AM CST by Sam Lee",
    );
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain("Version 3, published March 3, 2027 by Alex Rivera");
    });
    expect(all).toContain("Next review due June 1, 2027");
  });

  it("prints every phone number bold, the owner's and the vendors' larger", async () => {
    const pdf = await buildPacketPdf(
      packetOf(
        plan({
          outageOwner: { owner, backup },
          callTree: {
            entries: [{ caller: "Dana", calls: "Dr. Patel", how: "mobile (555) 010-9911" }],
          },
          scheduleContinuity: {
            scheduleExport: "",
            checkIn: "",
            phoneRouting: "Forward the main line to (555) 010-3000 from the carrier's portal.",
            tracking: "",
          },
        }),
        [
          {
            name: "ModMed",
            supportPhone: "(561) 555-0140",
            supportHours: "24/7",
            accountNumber: "MM-20417",
            ladder: [],
          },
        ],
      ),
      printed,
    );
    const runs = runsOf(pdf).flat();
    const drawn = (text: string) => runs.filter((run) => run.text.includes(text));
    for (const phone of [
      "(555) 010-2030",
      "(555) 010-4455",
      "(555) 010-7000",
      "(217) 555-0100",
      "(561) 555-0140",
      "(555) 010-9911",
      "(555) 010-3000",
    ]) {
      expect(drawn(phone).length, phone).toBeGreaterThan(0);
      for (const run of drawn(phone)) expect(run.font, phone).toBe("Helvetica-Bold");
    }
    expect(drawn("(555) 010-2030")[0]!.size).toBe(17);
    expect(drawn("(561) 555-0140")[0]!.size).toBe(12);
    // The words around a phone number stay regular.
    expect(drawn("Forward the main line to")[0]!.font).toBe("Helvetica");
  });

  it("never splits a short numbered list across pages, nor leaves one step of a long list alone", async () => {
    // However long the triage list, the sections after it land at every height on a page.
    for (let count = 1; count <= 30; count += 1) {
      const steps = Array.from({ length: count }, (_, index) => ({
        text: `Triage step ${index + 1}: check the thing that could have failed.`,
      }));
      const pages = pagesOf(
        await buildPacketPdf(
          packetOf(
            plan({
              outageOwner: { owner, backup },
              triage: { steps },
              reconciliation: {
                owner,
                verifier: backup,
                steps: [
                  { text: "Enter the paper visit notes." },
                  { text: "Check every order was sent." },
                  { text: "Call the lab for missing results." },
                ],
              },
            }),
          ),
          printed,
        ),
      );
      const where = (text: string) => pageWith(pages, text);
      // The short lists: all their steps on one page, with their heading and lead.
      const reconciliation = where("Enter the paper visit notes.");
      expect(where("Call the lab for missing results."), `${count}`).toBe(reconciliation);
      const prep = where("The day before planned maintenance");
      for (const item of defaultTemplate.maintenancePrep.items)
        expect(where(item.text), `${count}: ${item.text}`).toBe(prep);
      expect(where("Planned-maintenance prep"), `${count}`).toBe(prep);
      // The triage list: its heading with its first steps; no page holds only one of its steps.
      const first = where("Triage step 1:");
      expect(where("Check in this order:"), `${count}`).toBe(first);
      const perPage = pages.map((page) => [...page.matchAll(/Triage step \d+:/g)].length);
      const used = perPage.filter((n) => n > 0);
      if (used.length > 1)
        for (const n of used) expect(n, `${count}: ${perPage}`).toBeGreaterThan(1);
    }
  });

  it("says so when a section is empty", async () => {
    const pages = pagesOf(await buildPacketPdf(packetOf(plan()), printed));
    expect(pages.join("\n")).toContain("OUTAGE OWNER Not named BACKUP Not named");
    expect(pages.join("\n")).toContain("Not filled in yet.");
    expect(pages.join("\n")).toContain(
      "No vendor contacts: no critical system on the dependency map has a vendor yet.",
    );
  });

  it("draws text the standard fonts cannot show as ? and says so", async () => {
    const all = pagesOf(
      await buildPacketPdf(
        packetOf(plan({ outageOwner: { owner: { ...owner, name: "Zoë 山田 → Łukasz" }, backup } })),
        printed,
      ),
    ).join("\n");
    expect(all).toContain("OUTAGE OWNER Zoë ?? -> Lukasz");
    expect(all).toContain('appear as "?"');
  });
});

describe("toWinAnsi", () => {
  it("keeps what Windows-1252 has and spells out or replaces the rest", () => {
    expect(toWinAnsi("Café — “quoted” … €5")).toEqual({
      text: "Café — “quoted” … €5",
      replaced: false,
    });
    expect(toWinAnsi("a\u2192b ≥ 3\tc\r\nd\u0007")).toEqual({
      text: "a->b >= 3    c\nd",
      replaced: false,
    });
    expect(toWinAnsi("ș ǅ")).toEqual({ text: "s Dz", replaced: false });
    expect(toWinAnsi("😀 漢")).toEqual({ text: "? ?", replaced: true });
  });
});

describe("packetFileName", () => {
  it("is ASCII, lower case and names the version", () => {
    expect(packetFileName("Lakeside Family Medicine", 3)).toBe(
      "downtime-packet-lakeside-family-medicine-v3.pdf",
    );
    expect(packetFileName("Clínica Pediátrica & Sons, LLC", 12)).toBe(
      "downtime-packet-clinica-pediatrica-sons-llc-v12.pdf",
    );
    expect(packetFileName("東京", 1)).toBe("downtime-packet-practice-v1.pdf");
    expect(packetFileName(`"; filename=evil.exe`, 1)).toBe(
      "downtime-packet-filename-evil-exe-v1.pdf",
    );
  });
});
