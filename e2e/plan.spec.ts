import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

/** A plan section (or summary card) on the page, by its heading. */
const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function openPlanTab(page: Page) {
  await page
    .getByRole("navigation", { name: "Practice" })
    .getByRole("link", { name: "Plan" })
    .click();
  await expect(region(page, "Completeness")).toBeVisible();
}

async function openLakesidePlan(page: Page) {
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "Lakeside Family Medicine" }).click();
  await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
  await openPlanTab(page);
}

/** Opens a section's form in place; returns the section. */
async function edit(page: Page, title: string): Promise<Locator> {
  const section = region(page, title);
  await section.getByRole("button", { name: `Edit ${title}` }).click();
  await expect(section.getByRole("form", { name: `Edit ${title}` })).toBeVisible();
  return section;
}

async function save(section: Locator, title: string) {
  await section.getByRole("button", { name: `Save ${title.toLowerCase()}` }).click();
  await expect(section.getByRole("button", { name: `Edit ${title}` })).toBeVisible();
}

test.describe.serial("Lakeside's practice manager fills in, publishes and revises the plan", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("fills in every required section until the score is 100, then publishes version 1", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    await openPlanTab(page);
    const completeness = region(page, "Completeness");
    await expect(completeness).toContainText("Incomplete");
    await expect(completeness.getByRole("list", { name: "Still missing" })).toContainText(
      "No outage owner",
    );
    await expect(region(page, "Publication")).toContainText("Draft");

    // Publishing it as it is asks first, listing what is missing; a gap opens its section's editor.
    await region(page, "Publication").getByRole("button", { name: "Publish version 1" }).click();
    const confirm = page.getByRole("dialog", { name: "Publish an incomplete plan?" });
    await expect(confirm.getByRole("list", { name: "What is missing" })).toContainText(
      "No outage owner",
    );
    await confirm.getByRole("link", { name: "No outage owner" }).click();
    await expect(confirm).toBeHidden();
    let section = region(page, "Outage owner");
    await expect(section.getByRole("form", { name: "Edit Outage owner" })).toBeVisible();
    await expect(region(page, "Publication")).toContainText("Draft");
    // The list on the page leads there too.
    await expect(
      completeness.getByRole("link", {
        name: "Patient-schedule continuity does not say how the schedule is printed or exported",
      }),
    ).toHaveAttribute("href", "#edit-scheduleContinuity");

    const owner = section.getByRole("group", { name: "Outage owner", exact: true });
    await owner.getByLabel("Name", { exact: true }).fill("Priya Shah");
    await owner.getByLabel("Role", { exact: true }).fill("Office manager");
    await owner.getByLabel("Phone", { exact: true }).fill("not a phone");
    const backup = section.getByRole("group", { name: "Backup outage owner" });
    await backup.getByLabel("Name", { exact: true }).fill("Jordan Mills");
    await backup.getByLabel("Phone", { exact: true }).fill("(608) 555-0102");
    await section.getByRole("button", { name: "Save outage owner" }).click();
    await expect(owner.getByText("Enter a phone number, e.g. (555) 010-2030.")).toBeVisible();
    await owner.getByLabel("Phone", { exact: true }).fill("(608) 555-0101");
    await save(section, "Outage owner");
    await expect(section).toContainText("Priya Shah");
    await expect(section.getByRole("link", { name: "(608) 555-0101" })).toHaveAttribute(
      "href",
      "tel:6085550101",
    );
    await expect(completeness.getByRole("list", { name: "Still missing" })).not.toContainText(
      "No outage owner",
    );

    section = await edit(page, "Patient-schedule continuity");
    await section
      .getByLabel("How the schedule is printed or exported")
      .fill("Print tomorrow's schedule at 4 pm every day.");
    await section
      .getByLabel("Phone routing")
      .fill("Forward the main line to the front-desk mobile.");
    await save(section, "Patient-schedule continuity");

    section = await edit(page, "Visit rules");
    await section.getByRole("button", { name: "Add a visit rule" }).click();
    await section.getByLabel("Visit type").fill("Sick visit");
    await section.getByLabel("What happens").selectOption({ label: "Continue on paper" });
    await section.getByRole("button", { name: "Add a visit rule" }).click();
    const second = section.getByRole("group", { name: "Visit rule 2" });
    await second.getByLabel("Visit type").fill("Procedure needing imaging history");
    await second.getByLabel("What happens").selectOption({ label: "Needs the EHR first" });
    await save(section, "Visit rules");
    await expect(section).toContainText("Sick visit");
    await expect(section).toContainText("Needs the EHR first");

    section = await edit(page, "Provider workflow");
    for (const label of ["Notes", "Orders", "Labs", "Prescriptions", "Referrals", "Follow-up"]) {
      await section
        .getByLabel(label, { exact: true })
        .fill(`${label} on the paper downtime forms in the red binder.`);
    }
    await save(section, "Provider workflow");

    section = await edit(page, "Recovery reconciliation");
    const reEnters = section.getByRole("group", { name: "Re-enters downtime work" });
    await reEnters.getByLabel("Name", { exact: true }).fill("Casey Ortiz");
    await reEnters.getByLabel("Phone", { exact: true }).fill("(608) 555-0103");
    await section
      .getByRole("group", { name: "Verifies the re-entry" })
      .getByLabel("Name", { exact: true })
      .fill("Dr. Morgan Lee");
    await save(section, "Recovery reconciliation");

    section = await edit(page, "Office preparation");
    await section.getByLabel("Backup internet").fill("Cellular hotspot in the manager's office.");
    await save(section, "Office preparation");

    section = await edit(page, "Call tree");
    await section.getByRole("button", { name: "Add a call-tree entry" }).click();
    await section.getByLabel("Who calls").fill("Outage owner");
    await section.getByLabel("Whom they call").fill("Every provider on today's schedule");
    await section.getByLabel("How", { exact: true }).fill("Group text from a mobile");
    await save(section, "Call tree");

    await expect(completeness).toContainText("100 / 100");
    await expect(completeness).toContainText("Complete");
    await expect(completeness.getByRole("list", { name: "Still missing" })).toHaveCount(0);

    const publication = region(page, "Publication");
    await publication.getByRole("button", { name: "Publish version 1" }).click();
    await expect(publication).toContainText("Published version 1 by Priya Shah");
    await expect(region(page, "Downtime packet")).toContainText("Never printed");
    await expect(page.getByRole("link", { name: "Print packet" })).toHaveAttribute(
      "href",
      /\/print\/practices\/[\w-]+\/packet$/,
    );
    await expect(page.getByRole("link", { name: "Download PDF" })).toHaveAttribute(
      "href",
      /\/print\/practices\/[\w-]+\/packet\.pdf$/,
    );

    // Publishing again with nothing changed is refused with the server's reason.
    await publication.getByRole("button", { name: "Publish version 2" }).click();
    await expect(
      publication.getByText("Nothing changed since version 1; there is nothing new to publish."),
    ).toBeVisible();
  });

  test("two people edit the same section: the later saver is told who changed it, and keeps their text", async ({
    page,
    browser,
  }) => {
    await openLakesidePlan(page);
    const mine = await edit(page, "Front-desk script");

    const technician = await browser.newContext({ storageState: storageStateOf("technician") });
    const other = await technician.newPage();
    await openLakesidePlan(other);
    const theirs = await edit(other, "Front-desk script");
    const theirText =
      "The computer system is down. We are still seeing you; check-in is on paper today.";
    await theirs.getByLabel("What staff tell patients").fill(theirText);
    await save(theirs, "Front-desk script");
    await expect(theirs).toContainText(theirText);
    await technician.close();

    const myText = "Our records system is offline for a short while. Please bear with us.";
    const script = mine.getByLabel("What staff tell patients");
    await script.fill(myText);
    await mine.getByRole("button", { name: "Save front-desk script" }).click();
    await expect(
      mine.getByText(
        /Front-desk script was changed by Sam Okafor at \d{1,2}:\d\d [AP]M [A-Z]{2,5}\S* after you opened it/,
      ),
    ).toBeVisible();
    await expect(script).toHaveValue(myText);

    await mine.getByRole("button", { name: "Load their version" }).click();
    await expect(script).toHaveValue(theirText);
    await script.fill(`${theirText} Urgent questions go to the nurse line.`);
    await save(mine, "Front-desk script");
    await expect(mine).toContainText("Urgent questions go to the nurse line.");

    const publication = region(page, "Publication");
    await expect(publication).toContainText("Unpublished changes");
    await publication.getByRole("button", { name: "Publish version 2" }).click();
    await expect(publication).toContainText("Published version 2 by Priya Shah");
    await expect(publication).not.toContainText("Unpublished changes");
  });

  test("the versions page lists both versions and compares them section by section", async ({
    page,
  }) => {
    await openLakesidePlan(page);
    await page.getByRole("link", { name: "Versions and comparison" }).click();
    const versions = page.getByRole("table", { name: "Published versions" });
    await expect(versions.getByRole("link", { name: "Version 1" })).toBeVisible();
    await expect(versions.getByRole("link", { name: "Version 2" })).toBeVisible();

    await page.getByLabel("From", { exact: true }).selectOption({ label: "Version 1" });
    await page.getByLabel("To", { exact: true }).selectOption({ label: "Version 2" });
    await page.getByRole("button", { name: "Compare" }).click();
    const comparison = page.getByRole("region", { name: "Version 1 → Version 2" });
    await expect(comparison).toContainText("1 of 11 sections changed");
    const script = comparison.getByRole("list", { name: /^Front-desk script/ });
    await expect(script).toContainText("Added: Script: The computer system is down.");
    await expect(script).toContainText("Removed: Script: Our computer system is temporarily down.");
    await expect(comparison.getByRole("heading", { name: "Triage" })).toHaveCount(0);

    await page.getByLabel("Show unchanged sections").check();
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(
      page
        .getByRole("region", { name: "Version 1 → Version 2" })
        .getByRole("heading", { name: "Triage" }),
    ).toBeVisible();

    await versions.getByRole("link", { name: "Version 1" }).click();
    await expect(page.getByText("Version 1 of the downtime plan")).toBeVisible();
    await expect(region(page, "Outage owner")).toContainText("Priya Shah");
    await expect(region(page, "Front-desk script")).toContainText(
      "Our computer system is temporarily down.",
    );
  });
});

test.describe("Leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("reads the plan but cannot change it", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    await openPlanTab(page);
    await expect(region(page, "Outage owner")).toBeVisible();
    await expect(region(page, "Call tree")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Publish/ })).toHaveCount(0);
    const planUrl = page.url();
    await page.goto(`${planUrl}/template-changes`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto("/plan-template");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test.describe("MSP admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("changes the template; a practice with its own sections reviews the change, applying one and keeping the other", async ({
    page,
    browser,
  }) => {
    // A long journey (two browsers, three pages): on a loaded two-core machine it needs more than the default 30 s.
    test.setTimeout(90_000);
    const stamp = Date.now();
    const name = `Template Trial Clinic ${stamp}`;
    await page.goto("/practices/new");
    await page.getByLabel("Practice name").fill(name);
    const site = page.getByRole("group", { name: "Site 1" });
    await site.getByLabel("Address").fill("5 Birch Rd, Madison, WI 53703");
    await site.getByLabel("Phone").fill("(608) 555-0190");
    await page.getByRole("button", { name: "Create practice" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await openPlanTab(page);
    const planUrl = page.url();

    // The practice writes its own triage: a new step, moved up, and one step removed.
    const triage = await edit(page, "Triage");
    await triage.getByRole("button", { name: "Add a step" }).click();
    await expect(triage.getByLabel("Step 8", { exact: true })).toBeFocused();
    await page.keyboard.type("Check the badge reader at the staff door.");
    await triage.getByRole("button", { name: "Move step 8 up" }).press("Enter");
    await expect(triage.getByLabel("Step 7", { exact: true })).toHaveValue(
      "Check the badge reader at the staff door.",
    );
    await expect(triage.getByRole("button", { name: "Move step 7 up" })).toBeFocused();
    await triage.getByRole("button", { name: "Remove step 1" }).click();
    await expect(triage.getByLabel("Step 1", { exact: true })).toHaveValue(/^Firewall/);
    await save(triage, "Triage");
    await expect(triage.getByRole("list", { name: "Triage steps" })).toContainText(
      "Check the badge reader at the staff door.",
    );

    const prep = await edit(page, "Planned-maintenance prep");
    await prep.getByRole("button", { name: "Add an item" }).click();
    await prep.getByLabel("Item 6", { exact: true }).fill("Charge the laptops.");
    await save(prep, "Planned-maintenance prep");

    // Two admins edit the template at once: the later one is told and keeps their text.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Plan template" })
      .click();
    await expect(page.getByRole("heading", { name: "Plan template" })).toBeVisible();
    const otherAdmin = await browser.newContext({ storageState: storageStateOf("admin") });
    const other = await otherAdmin.newPage();
    await other.goto("/plan-template");
    const otherPrep = region(other, "Planned-maintenance prep");
    await otherPrep.getByRole("button", { name: "Add an item" }).click();
    await otherPrep.getByRole("textbox").last().fill(`Test the hotspot ${stamp}.`);
    await other.getByRole("button", { name: "Save template" }).click();
    await expect(other.getByText("Template saved")).toBeVisible();
    await otherAdmin.close();

    const templateTriage = region(page, "Triage");
    await templateTriage.getByRole("button", { name: "Add a step" }).click();
    const newStep = templateTriage.getByRole("textbox").last();
    await newStep.fill(`Call the MSP hotline ${stamp}.`);
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(
      page.getByText(/The template was changed by Alex Rivera after you opened it/),
    ).toBeVisible();
    await expect(newStep).toHaveValue(`Call the MSP hotline ${stamp}.`);
    await page.getByRole("button", { name: "Load the latest template" }).click();
    await expect(region(page, "Planned-maintenance prep").getByRole("textbox").last()).toHaveValue(
      `Test the hotspot ${stamp}.`,
    );
    await templateTriage.getByRole("button", { name: "Add a step" }).click();
    await templateTriage.getByRole("textbox").last().fill(`Call the MSP hotline ${stamp}.`);
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("Template saved")).toBeVisible();

    // The practice is told, and chooses per section.
    await page.goto(planUrl);
    await expect(page.getByText("The MSP's plan template has changed")).toBeVisible();
    await page.getByRole("link", { name: "Review template changes" }).click();
    const triageChange = region(page, "Triage");
    await expect(triageChange).toContainText(`Added: Call the MSP hotline ${stamp}.`);
    await expect(triageChange).toContainText("Removed: Check the badge reader at the staff door.");
    const prepChange = region(page, "Planned-maintenance prep");
    await expect(prepChange).toContainText(`Added: Test the hotspot ${stamp}.`);
    await expect(prepChange).toContainText("Removed: Charge the laptops.");

    await page.getByRole("button", { name: "Save my choices" }).click();
    await expect(
      page.getByText("Choose “Use the template” or “Keep ours” for Triage."),
    ).toBeVisible();
    await triageChange.getByLabel("Use the template").check();
    await prepChange.getByLabel("Keep ours").check();
    await page.getByRole("button", { name: "Save my choices" }).click();

    await expect(page).toHaveURL(planUrl);
    await expect(page.getByText("The MSP's plan template has changed")).toHaveCount(0);
    const triageSteps = region(page, "Triage").getByRole("list", { name: "Triage steps" });
    await expect(triageSteps).toContainText(`Call the MSP hotline ${stamp}.`);
    await expect(triageSteps).not.toContainText("Check the badge reader");
    const prepItems = region(page, "Planned-maintenance prep");
    await expect(prepItems).toContainText("Charge the laptops.");
    await expect(prepItems).not.toContainText(`Test the hotspot ${stamp}.`);
  });
});
