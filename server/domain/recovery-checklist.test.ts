import { describe, expect, test } from "vitest";
import {
  checklistLine,
  recoveryChecklist,
  standardReconciliationSteps,
} from "./recovery-checklist";

describe("the recovery checklist", () => {
  test("is the plan's own steps when it has any, never the standard ones beside them", () => {
    expect(
      recoveryChecklist([
        { text: "Confirm last night's backups ran." },
        { text: "  Re-enter the paper notes  " },
        { text: "" },
        { text: "Confirm last night's backups ran." },
      ]),
    ).toEqual(["Confirm last night's backups ran.", "Re-enter the paper notes"]);
  });

  test("is the standard steps when the plan has none (or only blank ones)", () => {
    expect(recoveryChecklist([])).toEqual(standardReconciliationSteps);
    expect(recoveryChecklist([{ text: "   " }])).toEqual(standardReconciliationSteps);
  });
});

describe("the timeline's line for a step", () => {
  test("ends with one full stop, whether the step has its own or not", () => {
    expect(checklistLine("Confirm last night's backups ran.", true)).toBe(
      "Done: Confirm last night's backups ran.",
    );
    expect(checklistLine("Confirm the backups ran", true)).toBe("Done: Confirm the backups ran.");
    expect(checklistLine("Is the fax back?", false)).toBe("Reopened: Is the fax back?");
  });
});
