import { describe, expect, test } from "vitest";
import { emptyPerson } from "@/server/contracts/plans";
import { sectionLines } from "./plan-text";

describe("a plan section as lines of text", () => {
  test("an aside in brackets, unless it has brackets of its own", () => {
    expect(
      sectionLines("callTree", {
        entries: [
          { caller: "Dana", calls: "Dr. Patel", how: "mobile" },
          { caller: "Dana", calls: "the front desk", how: "(303) 555-0100" },
          { caller: "Dana", calls: "the lab", how: "" },
        ],
      }),
    ).toEqual([
      "Dana calls Dr. Patel (mobile)",
      "Dana calls the front desk — (303) 555-0100",
      "Dana calls the lab",
    ]);
    expect(
      sectionLines("outageOwner", {
        owner: {
          ...emptyPerson,
          name: "Priya Shah",
          role: "Office manager",
          phone: "(608) 555-0101",
        },
        backup: { ...emptyPerson, name: "Sam Okafor", role: "Lead (front desk)" },
      }),
    ).toEqual([
      "Outage owner: Priya Shah (Office manager) — (608) 555-0101",
      "Backup: Sam Okafor — Lead (front desk)",
    ]);
  });
});
