import { describe, expect, test } from "vitest";
import { vendorWideSuggestions, type GroupableIncident } from "./incident-grouping";

const incident = (
  id: string,
  practiceId: string,
  downVendorIds: string[],
  more: Partial<GroupableIncident> = {},
): GroupableIncident => ({
  id,
  practiceId,
  status: "investigating",
  downVendorIds,
  linkedGroupId: null,
  ...more,
});

describe("vendor-wide suggestions", () => {
  test("open incidents at two practices on the same vendor are suggested as one vendor outage", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"]),
        incident("i2", "p2", ["ehr", "isp-a"]),
        incident("i3", "p3", ["isp-b"]),
      ]),
    ).toEqual([
      { vendorId: "ehr", incidentIds: ["i1", "i2"], practiceIds: ["p1", "p2"], linkedGroupIds: [] },
    ]);
  });

  test("two incidents at the same practice are not a vendor outage", () => {
    expect(
      vendorWideSuggestions([incident("i1", "p1", ["ehr"]), incident("i2", "p1", ["ehr"])]),
    ).toEqual([]);
  });

  test("a practice with two incidents brings both into the group", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"]),
        incident("i2", "p1", ["ehr"]),
        incident("i3", "p2", ["ehr"]),
      ]),
    ).toEqual([
      {
        vendorId: "ehr",
        incidentIds: ["i1", "i2", "i3"],
        practiceIds: ["p1", "p2"],
        linkedGroupIds: [],
      },
    ]);
  });

  test("resolved and closed incidents do not count", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"]),
        incident("i2", "p2", ["ehr"], { status: "resolved" }),
        incident("i3", "p3", ["ehr"], { status: "closed" }),
      ]),
    ).toEqual([]);
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"], { status: "identified" }),
        incident("i2", "p2", ["ehr"], { status: "monitoring" }),
      ]),
    ).toHaveLength(1);
  });

  test("a vendor listed twice on one incident counts once", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr", "ehr"]),
        incident("i2", "p2", ["ehr"]),
      ])[0]?.incidentIds,
    ).toEqual(["i1", "i2"]);
  });

  test("incidents already linked together are not suggested again", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"], { linkedGroupId: "g1" }),
        incident("i2", "p2", ["ehr"], { linkedGroupId: "g1" }),
      ]),
    ).toEqual([]);
  });

  test("a new incident on a vendor already grouped is suggested, naming the existing group", () => {
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"], { linkedGroupId: "g1" }),
        incident("i2", "p2", ["ehr"], { linkedGroupId: "g1" }),
        incident("i3", "p3", ["ehr"]),
      ]),
    ).toEqual([
      {
        vendorId: "ehr",
        incidentIds: ["i1", "i2", "i3"],
        practiceIds: ["p1", "p2", "p3"],
        linkedGroupIds: ["g1"],
      },
    ]);
    expect(
      vendorWideSuggestions([
        incident("i1", "p1", ["ehr"], { linkedGroupId: "g1" }),
        incident("i2", "p2", ["ehr"], { linkedGroupId: "g2" }),
      ])[0]?.linkedGroupIds,
    ).toEqual(["g1", "g2"]);
  });

  test("one incident can belong to suggestions for several vendors; the widest outage comes first", () => {
    const suggestions = vendorWideSuggestions([
      incident("i1", "p1", ["isp", "ehr"]),
      incident("i2", "p2", ["isp", "ehr"]),
      incident("i3", "p3", ["ehr"]),
    ]);
    expect(
      suggestions.map(({ vendorId, practiceIds }) => ({ vendorId, practices: practiceIds.length })),
    ).toEqual([
      { vendorId: "ehr", practices: 3 },
      { vendorId: "isp", practices: 2 },
    ]);
  });

  test("no incidents, no suggestions", () => {
    expect(vendorWideSuggestions([])).toEqual([]);
  });
});
