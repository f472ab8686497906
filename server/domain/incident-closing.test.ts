import { describe, expect, test } from "vitest";
import {
  closeBlockers,
  closeDecision,
  isVerified,
  verifierProblem,
  type DowntimeLogEntry,
} from "./incident-closing";

const at = new Date("2026-11-29T15:00:00Z");
const done: DowntimeLogEntry = {
  enteredAt: at,
  enteredBy: "user-ana",
  verifiedAt: at,
  verifiedBy: "user-ben",
};
const notEntered: DowntimeLogEntry = {
  enteredAt: null,
  enteredBy: null,
  verifiedAt: null,
  verifiedBy: null,
};
const notVerified: DowntimeLogEntry = { ...done, verifiedAt: null, verifiedBy: null };
const selfVerified: DowntimeLogEntry = { ...done, verifiedBy: "user-ana" };

describe("who may verify a paper record", () => {
  test("someone other than the person who entered it", () => {
    expect(verifierProblem("user-ana", "user-ben")).toBeNull();
    expect(verifierProblem("user-ana", "user-ana")).toBe(
      "The person who entered a record cannot verify it; ask someone else to check it.",
    );
    expect(verifierProblem("user-ana", " USER-ANA ")).not.toBeNull();
  });

  test("only once it has been entered, and only by someone named", () => {
    expect(verifierProblem(null, "user-ben")).toBe(
      "Enter the record into the EHR before verifying it.",
    );
    expect(verifierProblem("  ", "user-ben")).toBe(
      "Enter the record into the EHR before verifying it.",
    );
    expect(verifierProblem("user-ana", " ")).toBe("Say who verified the record.");
  });

  test("a record counts as verified only when entered and checked by a second person", () => {
    expect(isVerified(done)).toBe(true);
    expect(isVerified(selfVerified)).toBe(false);
    expect(isVerified({ ...done, enteredAt: null })).toBe(false);
    expect(isVerified({ ...done, verifiedAt: null })).toBe(false);
  });
});

describe("what blocks closing", () => {
  test("nothing when every step is checked and every record entered and verified", () => {
    expect(
      closeBlockers({ checklist: [{ checked: true }, { checked: true }], log: [done, done] }),
    ).toEqual([]);
    expect(closeBlockers({ checklist: [], log: [] })).toEqual([]);
  });

  test("counts open checklist items and unentered, unverified and self-verified records", () => {
    expect(
      closeBlockers({
        checklist: [{ checked: false }, { checked: true }, { checked: false }],
        log: [
          done,
          notEntered,
          notVerified,
          { ...notVerified, enteredBy: "user-cal" },
          selfVerified,
        ],
      }),
    ).toEqual([
      "2 checklist items are still open",
      "1 paper record has not been entered into the EHR",
      "2 paper records are not verified",
      "1 paper record was verified by the person who entered it",
    ]);
    expect(
      closeBlockers({
        checklist: [{ checked: false }],
        log: [notEntered, notEntered, selfVerified, selfVerified],
      }),
    ).toEqual([
      "1 checklist item is still open",
      "2 paper records have not been entered into the EHR",
      "2 paper records were verified by the person who entered it",
    ]);
  });

  test("a record with an entry time but nobody named (or the reverse) is not entered", () => {
    expect(
      closeBlockers({
        checklist: [],
        log: [
          { ...notEntered, enteredAt: at },
          { ...notEntered, enteredBy: "user-ana" },
        ],
      }),
    ).toEqual(["2 paper records have not been entered into the EHR"]);
  });

  test("the front desk's marks on the continuity schedule are each entered into the EHR before closing", () => {
    expect(
      closeBlockers({
        checklist: [],
        log: [],
        scheduleMarks: [{ entered: true }, { entered: false }, { entered: false }],
      }),
    ).toEqual([
      "2 front-desk changes from the continuity schedule have not been entered into the EHR",
    ]);
    expect(closeBlockers({ checklist: [], log: [], scheduleMarks: [{ entered: false }] })).toEqual([
      "1 front-desk change from the continuity schedule has not been entered into the EHR",
    ]);
    expect(closeBlockers({ checklist: [], log: [], scheduleMarks: [{ entered: true }] })).toEqual(
      [],
    );
  });
});

describe("closing", () => {
  const blockers = ["1 paper record is not verified"];

  test("closes a resolved incident with nothing open, whoever closes it", () => {
    expect(closeDecision({ status: "resolved", role: "technician", blockers: [] })).toEqual({
      allowed: true,
      override: false,
    });
  });

  test("is refused before the incident is resolved, and after it is closed, even for an admin", () => {
    expect(
      closeDecision({
        status: "monitoring",
        role: "admin",
        blockers: [],
        overrideReason: "False alarm, nothing was down.",
      }),
    ).toEqual({
      allowed: false,
      message: "Resolve the incident before closing it.",
    });
    expect(closeDecision({ status: "closed", role: "admin", blockers: [] })).toEqual({
      allowed: false,
      message: "This incident is already closed.",
    });
  });

  test("with items open, only an admin may close, and only with a written reason", () => {
    expect(
      closeDecision({
        status: "resolved",
        role: "technician",
        blockers,
        overrideReason: "The practice will finish it on Monday.",
      }),
    ).toEqual({
      allowed: false,
      message:
        "Not ready to close: 1 paper record is not verified. Only an MSP admin can close it anyway, with a written reason.",
    });
    expect(
      closeDecision({
        status: "resolved",
        role: "admin",
        blockers: [...blockers, "1 checklist item is still open"],
      }),
    ).toEqual({
      allowed: false,
      message:
        "Not ready to close: 1 paper record is not verified; 1 checklist item is still open. To close it anyway, write why (at least 10 characters).",
    });
    expect(
      closeDecision({
        status: "resolved",
        role: "admin",
        blockers,
        overrideReason: "   too short   ",
      }),
    ).toMatchObject({ allowed: false });
    expect(
      closeDecision({ status: "resolved", role: "admin", blockers, overrideReason: "Chart lost" }),
    ).toEqual({ allowed: true, override: true });
  });
});
