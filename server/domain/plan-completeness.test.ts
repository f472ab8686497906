import { describe, expect, test } from "vitest";
import { emptyPerson } from "@/server/contracts/plans";
import { completePlan } from "@/server/test/plan-fixtures";
import { completenessRequirementCount, planCompleteness } from "./plan-completeness";
import { applyTemplateTo, defaultTemplate, emptyPlan } from "./plan-defaults";

describe("plan completeness", () => {
  test("an empty plan scores 0 and lists every requirement", () => {
    const result = planCompleteness(emptyPlan());
    expect(result.score).toBe(0);
    expect(result.missing).toContainEqual({ section: "outageOwner", text: "No outage owner" });
    expect(result.missing).toContainEqual({
      section: "frontDeskScript",
      text: "Front-desk script is empty",
    });
    expect(result.missing).toHaveLength(completenessRequirementCount);
  });

  test("a complete plan scores 100 with nothing missing", () => {
    expect(planCompleteness(completePlan())).toEqual({ score: 100, missing: [] });
  });

  test("each gap costs its share and is named", () => {
    const plan = completePlan();
    plan.outageOwner.backup = { ...emptyPerson };
    plan.frontDeskScript.script = "   ";
    const result = planCompleteness(plan);
    expect(result.missing).toEqual([
      { section: "outageOwner", text: "No backup outage owner with a phone number" },
      { section: "frontDeskScript", text: "Front-desk script is empty" },
    ]);
    expect(result.score).toBe(
      Math.round((100 * (completenessRequirementCount - 2)) / completenessRequirementCount),
    );
  });

  test("an owner without a phone number is a gap of its own", () => {
    const plan = completePlan();
    plan.outageOwner.owner.phone = "";
    expect(planCompleteness(plan).missing).toEqual([
      { section: "outageOwner", text: "The outage owner has no phone number" },
    ]);
  });

  test("paper forms must cover at least 8 hours of visits", () => {
    const plan = completePlan();
    plan.officePreparation.paperFormsHours = 4;
    expect(planCompleteness(plan).missing).toEqual([
      {
        section: "officePreparation",
        text: "Paper forms are not stocked for at least 8 hours of visits",
      },
    ]);
  });

  test("a new practice starting from the template is partly complete, not empty", () => {
    const plan = { ...emptyPlan(), ...applyTemplateTo(emptyPlan(), defaultTemplate) };
    const result = planCompleteness(plan);
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(100);
    expect(result.missing.map((gap) => gap.text)).not.toContain("Triage has fewer than 3 steps");
  });
});
