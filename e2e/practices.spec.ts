import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("an admin creates a multi-site practice, edits it, finds it, and archives it", async ({
  page,
}) => {
  const name = `Oakridge Family Clinic ${Date.now()}`;
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "New practice" }).click();

  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByText("Enter the practice's name.")).toBeVisible();
  await expect(page.getByText("Enter the site's street address.")).toBeVisible();

  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  await page.getByLabel("EHR product").fill("athenaOne");
  await page.getByLabel("Estimated cost of one downtime minute (USD)").fill("42.50");
  await page.getByLabel("New office").check();
  const first = page.getByRole("group", { name: "Site 1" });
  await first.getByLabel("Address").fill("1 Oak St, Springfield, IL 62701");
  await first.getByLabel("Phone").fill("not a phone");
  await page.getByRole("button", { name: "Add site" }).click();
  const second = page.getByRole("group", { name: "Site 2" });
  await second.getByLabel("Name").fill("Annex");
  await second.getByLabel("Address").fill("3 Elm St, Springfield, IL 62702");
  await second.getByLabel("Phone").fill("(217) 555-0199");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByText("Enter a phone number, e.g. (555) 010-2030.")).toBeVisible();
  await first.getByLabel("Phone").fill("(217) 555-0100");
  await page.getByRole("button", { name: "Create practice" }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("$42.50")).toBeVisible();
  await expect(page.getByText("New office", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sites (2)" })).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page
    .getByRole("group", { name: "Site 2" })
    .getByRole("button", { name: "Remove site 2" })
    .click();
  await page.getByLabel("EHR product").fill("eClinicalWorks");
  await page.getByRole("button", { name: "Save practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("eClinicalWorks")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Site", exact: true })).toBeVisible();

  await page.goto(`/portfolio?q=${encodeURIComponent("Oakridge Family")}`);
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Archive practice" }).click();
  await expect(page.getByText("Archived", { exact: true })).toBeVisible();
  await page.goto(`/portfolio?q=${encodeURIComponent(name)}`);
  await expect(page.getByText(`No practices match “${name}”`)).toBeVisible();
});

test("two admins editing the same practice: the second is told, and nothing is overwritten", async ({
  page,
  browser,
}) => {
  await page.goto("/portfolio?q=Maple");
  await page.getByRole("link", { name: "Maple Street Internal Medicine" }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(
    page.getByRole("heading", { name: "Edit Maple Street Internal Medicine" }),
  ).toBeVisible();
  const editUrl = page.url();

  const other = await browser.newContext({ storageState: storageStateOf("admin") });
  const otherPage = await other.newPage();
  await otherPage.goto(editUrl);
  await otherPage.getByLabel("EHR product").fill("NextGen Enterprise");
  await otherPage.getByRole("button", { name: "Save practice" }).click();
  await expect(otherPage.getByText("NextGen Enterprise")).toBeVisible();
  await other.close();

  await page.getByLabel("EHR product").fill("Something else");
  await page.getByRole("button", { name: "Save practice" }).click();
  await expect(page.getByText(/This practice was changed by Alex Rivera/)).toBeVisible();
  await expect(page.getByLabel("EHR product")).toHaveValue("Something else");
});

test("the portfolio works on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/portfolio");
  await expect(page.getByRole("link", { name: "Lakeside Family Medicine" })).toBeVisible();
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(page.locator("#mobile-nav").getByRole("link", { name: "Members" })).toBeVisible();
});
