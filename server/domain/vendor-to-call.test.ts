import { describe, expect, test } from "vitest";
import { chooseVendorToCall, numberToCall } from "./vendor-to-call";

const at = (time: string) => new Date(`2026-11-29T${time}Z`);
const none = { tickets: [], down: [], ehrSystems: [], ehrVendors: [] };

describe("the vendor to call", () => {
  test("is the vendor of the newest ticket, at the level it reached", () => {
    expect(
      chooseVendorToCall({
        ...none,
        tickets: [
          { vendorId: "ehr-vendor", openedAt: at("09:10:00"), levelReached: 0 },
          { vendorId: "isp", openedAt: at("09:40:00"), levelReached: 2 },
        ],
        down: [{ vendorId: "ehr-vendor", criticality: "critical" }],
      }),
    ).toEqual({ vendorId: "isp", why: "ticket", level: 2 });
  });

  test("without a ticket, is the vendor of the most critical system that is down", () => {
    expect(
      chooseVendorToCall({
        ...none,
        down: [
          { vendorId: null, criticality: "critical" },
          { vendorId: "phones", criticality: "important" },
          { vendorId: "isp", criticality: "critical" },
        ],
        ehrSystems: [{ vendorId: "ehr-vendor" }],
      }),
    ).toEqual({ vendorId: "isp", why: "down", level: 1 });
  });

  test("else the vendor of the practice's EHR: the map's EHR system first, then a linked EHR vendor", () => {
    const down = [{ vendorId: null, criticality: "critical" as const }];
    expect(
      chooseVendorToCall({
        ...none,
        down,
        ehrSystems: [{ vendorId: null }, { vendorId: "mapped" }],
        ehrVendors: [{ vendorId: "linked" }],
      }),
    ).toEqual({ vendorId: "mapped", why: "ehr", level: 1 });
    expect(
      chooseVendorToCall({
        ...none,
        down,
        ehrSystems: [{ vendorId: null }],
        ehrVendors: [{ vendorId: "linked" }],
      }),
    ).toEqual({ vendorId: "linked", why: "ehr", level: 1 });
  });

  test("is nobody when no vendor is known", () => {
    expect(chooseVendorToCall(none)).toBeNull();
  });
});

describe("the number to call", () => {
  const ladder = [
    { name: "Support line", phone: "(561) 555-0140" },
    { name: "Dana Whitfield", phone: "(561) 555-0148" },
    { name: "Director", phone: "" },
  ];

  test("is the contact of the level on the practice's ladder", () => {
    expect(numberToCall({ supportPhone: "(561) 555-0100", ladder }, 2)).toEqual({
      phone: "(561) 555-0148",
      contactName: "Dana Whitfield",
    });
  });

  test("falls back to the support line, then to anyone on the ladder with a number", () => {
    expect(numberToCall({ supportPhone: "(561) 555-0100", ladder }, 3)).toEqual({
      phone: "(561) 555-0100",
      contactName: "",
    });
    expect(numberToCall({ supportPhone: " ", ladder }, 3)).toEqual({
      phone: "(561) 555-0140",
      contactName: "Support line",
    });
  });

  test("is empty when the vendor has no number at all", () => {
    expect(numberToCall({ supportPhone: "", ladder: [{ name: "Someone", phone: "" }] }, 1)).toEqual(
      { phone: "", contactName: "" },
    );
  });
});
