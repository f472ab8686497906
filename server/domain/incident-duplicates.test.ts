import { describe, expect, test } from "vitest";
import {
  ageWords,
  duplicateRefusal,
  incidentNumber,
  openOutageMessage,
  type DuplicateSide,
} from "./incident-duplicates";

const side = (over: Partial<DuplicateSide> = {}): DuplicateSide => ({
  id: "aaaaaaaa-0000-4000-8000-000000000001",
  practiceId: "p1",
  kind: "unplanned",
  status: "investigating",
  duplicateOfIncidentId: null,
  ...over,
});
const main = side({ id: "bbbbbbbb-0000-4000-8000-000000000002" });

describe("duplicate outages", () => {
  test("ages read as words", () => {
    expect(ageWords(19)).toBe("19 minutes");
    expect(ageWords(1)).toBe("1 minute");
    expect(ageWords(60)).toBe("1 hour");
    expect(ageWords(125)).toBe("2 hours 5 minutes");
    expect(ageWords(3 * 24 * 60 + 60)).toBe("3 days 1 hour");
    expect(ageWords(-4)).toBe("0 minutes");
  });

  test("the refusal names the open outage, its number and its age", () => {
    const now = new Date("2026-12-07T10:19:30Z");
    const message = openOutageMessage(
      "Maple Family Practice",
      { id: main.id, title: "EHR down", startedAt: new Date("2026-12-07T10:00:00Z") },
      now,
    );
    expect(message).toBe(
      "Maple Family Practice already has an open outage: “EHR down” (#bbbbbbbb), started 19 minutes ago. Join it, or confirm that this is a separate outage.",
    );
    expect(incidentNumber(main.id)).toBe("#bbbbbbbb");
  });

  test("an open outage at the same practice can be merged into another", () => {
    expect(duplicateRefusal(side(), main, 0)).toBeNull();
    // A resolved one too, into a resolved main outage.
    expect(
      duplicateRefusal(side({ status: "resolved" }), { ...main, status: "resolved" }, 0),
    ).toBeNull();
  });

  test("self, other practices, planned work, chains and cycles are refused", () => {
    expect(duplicateRefusal(side(), side(), 0)).toMatch(/itself/);
    expect(duplicateRefusal(side(), { ...main, practiceId: "p2" }, 0)).toMatch(/same practice/);
    expect(duplicateRefusal(side({ kind: "planned" }), main, 0)).toMatch(/planned maintenance/);
    expect(duplicateRefusal(side(), { ...main, kind: "planned" }, 0)).toMatch(/planned/);
    expect(duplicateRefusal(side({ status: "closed" }), main, 0)).toMatch(/closed/);
    expect(
      duplicateRefusal(side({ status: "closed", duplicateOfIncidentId: main.id }), main, 0),
    ).toMatch(/already closed as a duplicate/);
    // The target is itself a duplicate (A → B exists; B → A, or C → A, is refused and names B).
    expect(
      duplicateRefusal(
        side(),
        { ...main, status: "closed", duplicateOfIncidentId: "cccccccc-1" },
        0,
      ),
    ).toMatch(/itself a duplicate of #cccccccc/);
    // A closed main outage: what is merged into it would never be reconciled.
    expect(duplicateRefusal(side(), { ...main, status: "closed" }, 0)).toMatch(/already closed/);
    // Others were merged into this one: it is a main outage.
    expect(duplicateRefusal(side(), main, 1)).toMatch(/main outage/);
  });
});
