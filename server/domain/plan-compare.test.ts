import { describe, expect, test } from "vitest";
import { comparePlans } from "./plan-compare";
import { completePlan } from "@/server/test/plan-fixtures";
import { applyTemplateTo, defaultTemplate, emptyPlan } from "./plan-defaults";

describe("comparing plan versions", () => {
  test("identical versions have no changed section", () => {
    const sections = comparePlans(completePlan(), completePlan());
    expect(sections).toHaveLength(11);
    expect(sections.filter((section) => section.changed)).toEqual([]);
  });

  test("a changed phone number shows in its section as one line removed and one added", () => {
    const before = completePlan();
    const after = completePlan();
    after.outageOwner.owner.phone = "(608) 555-0199";
    const changed = comparePlans(before, after).filter((section) => section.changed);
    expect(changed.map((section) => section.title)).toEqual(["Outage owner"]);
    expect(changed[0]!.lines.filter((line) => line.kind !== "same")).toEqual([
      { kind: "removed", text: "Outage owner: Priya Shah — (608) 555-0101" },
      { kind: "added", text: "Outage owner: Priya Shah — (608) 555-0199" },
    ]);
  });

  test("a triage step inserted in the middle is one added line; the steps after it are not shown as changed", () => {
    const before = completePlan();
    const after = completePlan();
    after.triage.steps = [
      ...before.triage.steps.slice(0, 1),
      { text: "Is the power on?" },
      ...before.triage.steps.slice(1),
    ];
    const triage = comparePlans(before, after).find((section) => section.section === "triage")!;
    expect(triage.changed).toBe(true);
    expect(triage.lines.filter((line) => line.kind !== "same")).toEqual([
      { kind: "added", text: "Is the power on?" },
    ]);
    expect(triage.lines).toContainEqual({ kind: "same", text: expect.stringMatching(/^Internet/) });
  });

  test("applying the template to an empty plan changes exactly the template's sections", () => {
    const plan = emptyPlan();
    const changed = comparePlans(plan, {
      ...plan,
      ...applyTemplateTo(plan, defaultTemplate),
    }).filter((section) => section.changed);
    expect(changed.map((section) => section.section).sort()).toEqual([
      "frontDeskScript",
      "maintenancePrep",
      "officePreparation",
      "reconciliation",
      "tiers",
      "triage",
    ]);
  });
});

describe("applying a template", () => {
  test("keeps the practice's own reconciliation owner and verifier, replacing only the steps", () => {
    const plan = completePlan();
    const applied = applyTemplateTo(plan, {
      ...defaultTemplate,
      reconciliationSteps: [{ text: "Only step" }],
    });
    expect(applied.reconciliation).toEqual({
      ...plan.reconciliation,
      steps: [{ text: "Only step" }],
    });
  });
});
