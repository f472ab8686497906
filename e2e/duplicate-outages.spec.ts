import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";
import { createPractice, mutate } from "./trpc";

/**
 * Duplicate outages (issue 24): with an outage open at a practice, the practice page leads to it,
 * the declare form offers to join it (the main action) and declares a second one only when
 * confirmed; the second one, marked a duplicate of the first, closes and leaves the banner.
 */
test.use({ storageState: storageStateOf("admin") });

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

test("with an outage open, the practice leads to it, the form offers Join it, and a confirmed second outage is merged back as a duplicate", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Zephyr Duplicate Clinic ${Date.now()}`;
  const practiceId = await createPractice(page, name);
  const { id: systemId } = await mutate<{ id: string }>(page, "dependencies.createSystem", {
    practiceId,
    name: "EHR",
    category: "ehr",
    criticality: "critical",
    owner: "",
    vendorId: null,
    siteId: null,
    notes: "",
  });
  const { id: firstId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [systemId],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 19 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
  });
  const firstPath = `/practices/${practiceId}/incidents/${firstId}`;

  // The practice page leads to the open outage instead of declaring another.
  await page.goto(`/practices/${practiceId}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const goTo = page.getByRole("link", { name: "Go to the open outage" });
  await expect(goTo).toHaveAttribute("href", firstPath);
  await expect(page.getByRole("link", { name: "Declare an outage" })).toHaveCount(0);

  // The declare form says so; Join it is the main action, and the form waits behind the choice.
  await page.goto(`/incidents/new?practiceId=${practiceId}`);
  const choice = page.getByRole("region", { name: "Open outage at this practice" });
  await expect(choice).toContainText(`${name} already has an open outage`);
  await expect(choice).toContainText(/“EHR down” — investigating, started (19|20) minutes ago/);
  await expect(page.getByRole("button", { name: "Declare outage", exact: true })).toHaveCount(0);
  await choice.getByRole("link", { name: "Join it" }).click();
  await expect(page).toHaveURL(new RegExp(`${firstPath}$`));
  await expect(page.getByRole("heading", { level: 1, name: "EHR down" })).toBeVisible();

  // A separate outage needs a confirmation.
  await page.goto(`/incidents/new?practiceId=${practiceId}`);
  await page
    .getByRole("region", { name: "Open outage at this practice" })
    .getByRole("button", { name: "Declare a separate outage" })
    .click();
  const confirm = page.getByRole("dialog", { name: "Declare a separate outage?" });
  await expect(confirm).toContainText("“EHR down” is already open");
  await confirm.getByRole("button", { name: "Yes, a separate outage" }).click();
  await expect(page.getByText("Declaring a separate outage beside the open one")).toBeVisible();
  await page.getByRole("checkbox", { name: /^EHR/ }).check();
  await page.getByRole("radio", { name: /^Major/ }).check();
  await page.getByRole("radio", { name: "No", exact: true }).check();
  await page.getByLabel("Title (optional)").fill("EHR down (front desk)");
  await page.getByRole("button", { name: "Declare a separate outage" }).click();
  await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/incidents/${uuid}$`));
  const secondPath = new URL(page.url()).pathname;
  expect(secondPath).not.toBe(firstPath);
  const banner = page.getByRole("region", { name: "Open outages" });
  await expect(banner.locator(`a[href="${secondPath}"]`)).toBeVisible();

  // Marked a duplicate of the first: closed, linked to it, and gone from the banner.
  await page.getByRole("button", { name: "Mark as duplicate of…" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark as duplicate" });
  await expect(dialog.getByLabel("Duplicate of")).toContainText("EHR down (#");
  await dialog.getByRole("button", { name: "Mark as duplicate" }).click();
  await expect(page.getByText("What was recorded here stays readable.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^“EHR down” \(#/ })).toHaveAttribute(
    "href",
    firstPath,
  );
  await expect(page.getByText(/Marked as duplicate of “EHR down” \(#/)).toBeVisible();
  await expect(banner.locator(`a[href="${secondPath}"]`)).toHaveCount(0);

  // The main outage lists what was merged into it; the practice page still leads there.
  await page.goto(firstPath);
  await expect(page.getByText("Merged into this outage:")).toBeVisible();
  await expect(
    page.getByText(/“EHR down \(front desk\)” \(#[0-9a-f]{8}\) was merged into this outage/),
  ).toBeVisible();
  await page.goto(`/practices/${practiceId}`);
  await expect(page.getByRole("link", { name: "Go to the open outage" })).toHaveAttribute(
    "href",
    firstPath,
  );
});
