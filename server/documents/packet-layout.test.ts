import { describe, expect, test } from "vitest";
import {
  callTreeTable,
  pageBreaks,
  phoneParts,
  vendorContactsTable,
  visitRulesTable,
} from "./packet-layout";

describe("phone numbers in a text", () => {
  test("are found as people write them, with an extension", () => {
    const phones = (text: string) =>
      phoneParts(text)
        .filter((part) => part.phone)
        .map((part) => part.text);
    expect(phones("Dana Whitfield (Office manager) — (555) 010-2030 / 555-010-2031")).toEqual([
      "(555) 010-2030",
      "555-010-2031",
    ]);
    expect(phones("Call +1 303 555 0100 ext. 12, or 303.555.0199 x4 after hours")).toEqual([
      "+1 303 555 0100 ext. 12",
      "303.555.0199 x4",
    ]);
  });

  test("are not digits inside an account number, a date or a longer number", () => {
    const found = (text: string) => phoneParts(text).some((part) => part.phone);
    expect(found("Account number: MM-20417")).toBe(false);
    expect(found("Account 12345550100999")).toBe(false);
    expect(found("Printed 2027-03-04")).toBe(false);
    expect(found("Order 555-010-20301")).toBe(false);
  });

  test("cut a text into parts that join back into it", () => {
    const text = "Call the ISP at (555) 010-3000, then the help desk.";
    expect(phoneParts(text)).toEqual([
      { text: "Call the ISP at ", phone: false },
      { text: "(555) 010-3000", phone: true },
      { text: ", then the help desk.", phone: false },
    ]);
    expect(phoneParts("No number here")).toEqual([{ text: "No number here", phone: false }]);
    expect(phoneParts("")).toEqual([]);
  });
});

describe("the packet's tables", () => {
  test("visit rules and the call tree: one row each, as on the printable page", () => {
    const visits = visitRulesTable({
      rules: [{ visitType: "Well visits", action: "continue", note: "Paper form A" }],
    });
    expect(visits.columns.map((column) => column.header)).toEqual([
      "Visit type",
      "What happens",
      "Note",
    ]);
    expect(visits.groups).toEqual([[["Well visits", "Continue on paper", "Paper form A"]]]);
    const calls = callTreeTable({
      entries: [{ caller: "Dana", calls: "Dr. Patel", how: "mobile (555) 010-4455" }],
    });
    expect(calls.groups).toEqual([[["Dana", "Dr. Patel", "mobile (555) 010-4455"]]]);
    for (const table of [visits, calls])
      expect(table.columns.reduce((sum, column) => sum + column.share, 0)).toBeCloseTo(1);
  });

  test("vendor contacts: the support line, then each escalation level, one group per vendor", () => {
    const table = vendorContactsTable([
      {
        name: "ModMed",
        supportPhone: "(561) 555-0140",
        supportHours: "24/7",
        accountNumber: "MM-20417",
        ladder: [
          {
            name: "Jordan Blake",
            role: "Account manager",
            phone: "(561) 555-0188",
            email: "jblake@modmed.example",
            hours: "Weekdays",
          },
        ],
      },
      { name: "Comcast", supportPhone: "", supportHours: "", accountNumber: "", ladder: [] },
    ]);
    expect(table.columns.find((column) => column.phone)?.header).toBe("Phone");
    expect(table.columns.reduce((sum, column) => sum + column.share, 0)).toBeCloseTo(1);
    expect(table.groups).toEqual([
      [
        ["ModMed\nAccount number: MM-20417", "Support", "(561) 555-0140", "24/7"],
        [
          "",
          "Level 1: Jordan Blake (Account manager) — jblake@modmed.example",
          "(561) 555-0188",
          "Weekdays",
        ],
      ],
      [["Comcast", "Support", "No support line recorded", ""]],
    ]);
  });
});

describe("page breaks in a list", () => {
  test("a list that fits stays; a short one that does not moves whole to the next page", () => {
    expect(pageBreaks([40, 20, 20], 100, 700)).toEqual([]);
    // Three steps, 80 high, with 60 left: not "heading and step 1 here, steps 2 and 3 there".
    expect(pageBreaks([40, 20, 20], 60, 700)).toEqual([0]);
  });

  test("a long list fills the page, keeping at least two items on each side of a break", () => {
    const ten = Array.from({ length: 10 }, () => 20);
    // 75 left: three items fit; seven go on.
    expect(pageBreaks(ten, 75, 700, { shortItems: 4 })).toEqual([3]);
    // 30 left: one item would sit alone at the foot of the page, so the list starts on the next.
    expect(pageBreaks(ten, 30, 700, { shortItems: 4 })).toEqual([0]);
    // 185 left: nine fit, which would leave the last alone: two go on together.
    expect(pageBreaks(ten, 185, 700, { shortItems: 4 })).toEqual([8]);
  });

  test("a list longer than a page breaks on every page it fills", () => {
    const items = Array.from({ length: 30 }, () => 50);
    expect(pageBreaks(items, 120, 500)).toEqual([2, 12, 22]);
  });

  test("an item taller than a page still starts a fresh page", () => {
    expect(pageBreaks([900, 20, 20], 100, 700, { shortItems: 1 })).toEqual([0, 1]);
  });
});
