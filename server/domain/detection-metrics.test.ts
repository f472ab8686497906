import { describe, expect, test } from "vitest";
import { detectionFiguresByQuarter, median } from "./detection-metrics";

const at = (iso: string) => new Date(iso);
const zone = "America/Chicago";

describe("detection figures", () => {
  const now = at("2026-12-07T12:00:00Z");
  const quarters = ["2026-Q3", "2026-Q4"] as const;
  const suspected = [
    // Seen at 10:00, declared at 10:12, back at 11:00: 60 detected minutes, 12 to declaration.
    {
      id: "s1",
      practiceId: "p1",
      timeZone: zone,
      openedAt: at("2026-11-02T16:00:00Z"),
      recoveredAt: at("2026-11-02T17:00:00Z"),
      endedAt: at("2026-11-02T16:12:00Z"),
      status: "declared" as const,
      incidentId: "i1",
    },
    // A blip of 3 minutes.
    {
      id: "s2",
      practiceId: "p2",
      timeZone: zone,
      openedAt: at("2026-11-03T16:00:00Z"),
      recoveredAt: at("2026-11-03T16:03:00Z"),
      endedAt: at("2026-11-03T16:03:00Z"),
      status: "cleared" as const,
      incidentId: null,
    },
    // Dismissed: not counted, and not "seen first".
    {
      id: "s3",
      practiceId: "p3",
      timeZone: zone,
      openedAt: at("2026-11-04T16:00:00Z"),
      recoveredAt: null,
      endedAt: at("2026-11-04T16:05:00Z"),
      status: "dismissed" as const,
      incidentId: null,
    },
    // Seen before a declaration at the same practice, not declared from it.
    {
      id: "s4",
      practiceId: "p4",
      timeZone: zone,
      openedAt: at("2026-11-05T16:00:00Z"),
      recoveredAt: at("2026-11-05T16:30:00Z"),
      endedAt: at("2026-11-05T16:30:00Z"),
      status: "cleared" as const,
      incidentId: null,
    },
  ];
  const incidents = [
    {
      id: "i1",
      practiceId: "p1",
      timeZone: zone,
      startedAt: at("2026-11-02T16:00:00Z"),
      declaredAt: at("2026-11-02T16:12:00Z"),
      resolvedAt: at("2026-11-02T17:30:00Z"),
    },
    {
      id: "i3",
      practiceId: "p3",
      timeZone: zone,
      startedAt: at("2026-11-04T16:00:00Z"),
      declaredAt: at("2026-11-04T16:20:00Z"),
      resolvedAt: at("2026-11-04T16:50:00Z"),
    },
    {
      id: "i4",
      practiceId: "p4",
      timeZone: zone,
      startedAt: at("2026-11-05T16:10:00Z"),
      declaredAt: at("2026-11-05T16:20:00Z"),
      resolvedAt: at("2026-11-05T16:40:00Z"),
    },
  ];

  test("minutes detected vs declared, median to declaration, share seen first", () => {
    const [q3, q4] = detectionFiguresByQuarter(quarters, suspected, incidents, now);
    expect(q3).toEqual({
      detectedOutageMinutes: 0,
      declaredOutageMinutes: 0,
      medianMinutesDetectionToDeclaration: null,
      seenFirstPercent: null,
      seenFirstIncidents: 0,
    });
    expect(q4).toEqual({
      detectedOutageMinutes: 60 + 3 + 30,
      declaredOutageMinutes: 90 + 50 + 30,
      medianMinutesDetectionToDeclaration: 12,
      seenFirstPercent: 67,
      seenFirstIncidents: 2,
    });
  });

  test("median of an even count is the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
