import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("3 Alder Way, Springfield, IL 62704");
  await site.getByLabel("Phone").fill("(217) 555-0144");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** A datetime-local value some days from now at a given hour (in any zone, still that many days away give or take one). */
const dayFromNow = (days: number, hour: string) =>
  `${new Date(Date.now() + days * 24 * 60 * 60_000).toISOString().slice(0, 10)}T${hour}`;

test("a tabletop drill is scheduled, recorded as held with who took part, step times and a finding, and the finding raised as a risk", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const practice = `Alder Way Family Practice ${stamp}`;
  const scenario = `The EHR vendor's cloud is down for a whole clinic day (${stamp})`;
  const finding = `Nobody knew where the paper superbill forms are kept ${stamp}`;
  const practiceId = await createPractice(page, practice);

  await page.goto(`/practices/${practiceId}/drills`);
  await expect(
    page.getByRole("navigation", { name: "Practice" }).getByRole("link", { name: "Drills" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(
    page.getByRole("heading", {
      name: "No drills yet — schedule a tabletop exercise for the next quarter",
    }),
  ).toBeVisible();

  // Schedule it: the scenario is checked with the service's message.
  await page.getByRole("button", { name: "Schedule a drill" }).click();
  const plan = page.getByRole("dialog", { name: "Schedule a drill" });
  await expect(plan.getByRole("radio", { name: /^Tabletop/ })).toBeChecked();
  await plan.getByLabel("Scenario", { exact: true }).fill("Down");
  await plan.getByLabel("When").fill(dayFromNow(30, "10:00"));
  await plan.getByRole("button", { name: "Schedule drill" }).click();
  await expect(plan.getByText(/^Describe the scenario \(at least 5 characters\)/)).toBeVisible();
  await plan.getByLabel("Scenario", { exact: true }).fill(scenario);
  await plan.getByRole("button", { name: "Schedule drill" }).click();
  await expect(plan).toBeHidden();

  const upcoming = page.getByRole("region", { name: "Upcoming" });
  const planned = upcoming.getByRole("article").filter({ hasText: scenario });
  await expect(
    planned.getByRole("heading", { name: /^Tabletop drill on .* 10:00 C[DS]T$/ }),
  ).toBeVisible();
  await expect(planned.getByText("Planned", { exact: true })).toBeVisible();

  // Record how it went.
  await planned.getByRole("button", { name: "Record how it went" }).click();
  const record = page.getByRole("dialog", { name: "Record how the drill went" });
  await record.getByLabel("Held at").fill(dayFromNow(-2, "14:00"));
  await record.getByLabel("Participant 1").fill("Dana Cruz (front desk)");
  await record.getByRole("button", { name: "Add participant" }).click();
  await record.getByLabel("Participant 2").fill("Dr. Priya Shah");
  await record.getByRole("button", { name: "Add participant" }).click();
  await record.getByLabel("Participant 3").fill("Someone who left early");
  await record.getByRole("button", { name: "Remove participant 3" }).click();
  await expect(record.getByLabel("Participant 3")).toHaveCount(0);
  await record.getByLabel("Detect (minutes)").fill("-5");
  await record.getByLabel("Declare (minutes)").fill("10");
  await record.getByLabel("Reach the vendor (minutes)").fill("25");
  await record.getByLabel("Switch to paper (minutes)").fill("15");
  await record.getByLabel("Recover (minutes)").fill("40");
  await record.getByRole("button", { name: "Add finding" }).click();
  await record.getByLabel("Finding 1").fill(finding);
  await record.getByRole("button", { name: "Record as held" }).click();
  await expect(record.getByText("Minutes cannot be negative.")).toBeVisible();
  await record.getByLabel("Detect (minutes)").fill("5");
  await record.getByRole("button", { name: "Record as held" }).click();
  await expect(record).toBeHidden();

  const held = page
    .getByRole("region", { name: "Held" })
    .getByRole("article")
    .filter({ hasText: scenario });
  await expect(
    held.getByRole("heading", { name: /^Tabletop drill held .* 14:00 C[DS]T$/ }),
  ).toBeVisible();
  await expect(held.getByText("Held", { exact: true })).toBeVisible();
  await expect(upcoming.getByRole("article").filter({ hasText: scenario })).toHaveCount(0);
  await expect(held.getByRole("list", { name: "Participants" }).getByRole("listitem")).toHaveText([
    "Dana Cruz (front desk)",
    "Dr. Priya Shah",
  ]);
  const steps = held.getByRole("table", { name: "Step times (minutes)" });
  await expect(steps.getByRole("row", { name: /^Reach the vendor/ })).toContainText("25");
  await expect(
    steps
      .getByRole("row", { name: /^Total/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("95");
  await expect(steps.getByRole("row", { name: /^Total/ })).toContainText("1 h 35 min");

  // The finding becomes a risk, prefilled, remembered as coming from the drill.
  const findings = held.getByRole("list", { name: "Findings" });
  await expect(findings.getByRole("listitem")).toHaveCount(1);
  await findings
    .getByRole("listitem")
    .filter({ hasText: finding })
    .getByRole("button", { name: /^Raise as risk/ })
    .click();
  const raise = page.getByRole("dialog", { name: "Raise a finding as a risk" });
  await expect(raise.getByLabel("Title")).toHaveValue(finding);
  await expect(raise.getByLabel("Description")).toHaveValue(new RegExp(`^${finding}`));
  await raise.getByRole("radio", { name: /^High/ }).check();
  await raise.getByLabel("Owner").fill("Practice manager");
  await raise.getByRole("button", { name: "Add risk" }).click();
  await expect(raise).toBeHidden();
  await expect(held.getByRole("link", { name: "1 risk raised" })).toBeVisible();
  // The finding is not offered again: it links to the risk it became instead.
  const raisedFinding = findings.getByRole("listitem").filter({ hasText: finding });
  await expect(raisedFinding.getByRole("button", { name: /^Raise as risk/ })).toHaveCount(0);
  await expect(raisedFinding.getByRole("link", { name: /^Raised as risk/ })).toHaveAttribute(
    "href",
    new RegExp(`/practices/${practiceId}/risks/[0-9a-f-]{36}$`),
  );

  // …and is in the register.
  await held.getByRole("link", { name: "1 risk raised" }).click();
  const risk = page.getByRole("article", { name: finding });
  await expect(risk).toBeVisible();
  await expect(risk.getByText("From a drill")).toBeVisible();
  await expect(risk.getByText("High severity")).toBeVisible();
  await expect(risk.getByText("Open", { exact: true })).toBeVisible();
});

test("a drill that was not held can be cancelled after confirming", async ({ page }) => {
  const stamp = Date.now();
  const scenario = `Ransomware on the front-desk workstations (${stamp})`;
  const practiceId = await createPractice(page, `Hazel Street Clinic ${stamp}`);
  await page.goto(`/practices/${practiceId}/drills`);
  await page.getByRole("button", { name: "Schedule a drill" }).click();
  const plan = page.getByRole("dialog", { name: "Schedule a drill" });
  await plan.getByRole("radio", { name: /^Live/ }).check();
  await plan.getByLabel("Scenario", { exact: true }).fill(scenario);
  await plan.getByRole("button", { name: "Schedule drill" }).click();
  await expect(plan).toBeHidden();
  const card = page.getByRole("article").filter({ hasText: scenario });
  await expect(card.getByRole("heading", { name: /^Live drill on / })).toBeVisible();

  await card.getByRole("button", { name: "Cancel drill" }).click();
  await page
    .getByRole("dialog", { name: "Cancel this drill?" })
    .getByRole("button", { name: "Cancel the drill" })
    .click();
  await expect(card).toHaveCount(0);
  await expect(
    page.getByRole("heading", {
      name: "No drills yet — schedule a tabletop exercise for the next quarter",
    }),
  ).toBeVisible();
});

test.describe("Leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });
  test("reads the drills tab without any button to change it", async ({ page }) => {
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Lakeside Family Medicine" }).click();
    await page
      .getByRole("navigation", { name: "Practice" })
      .getByRole("link", { name: "Drills" })
      .click();
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    await expect(page.getByText(/^Drills: downtime exercises/)).toBeVisible();
    await expect(
      page.getByRole("button", {
        name: /^Schedule a drill|^Record how it went|^Edit|^Cancel drill|^Raise as risk/,
      }),
    ).toHaveCount(0);
  });
});
