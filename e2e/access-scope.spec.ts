import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("a technician who joins by invitation is shown to the practice's manager and reaches patient records only a day later", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const name = `Jamie Newtech ${Date.now()}`;
  await page.goto("/members");
  await page.getByLabel("Email").fill(`new-tech-${Date.now()}@summit-it.example`);
  await page.getByLabel("Role").selectOption("technician");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();

  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Password").fill("harbor lantern violet seventeen");
  await invitee.getByRole("button", { name: "Join and sign in" }).click();
  await expect(invitee.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await fresh.close();

  // The admin sees when it starts.
  await page.reload();
  await expect(
    page.getByRole("listitem", { name }).getByText(/Patient records from/),
  ).toBeVisible();

  // Priya, Lakeside's manager, sees it on her practice's overview beside the emergency grants.
  const manager = await browser.newContext({ storageState: storageStateOf("manager") });
  const priya = await manager.newPage();
  await priya.goto("/portfolio");
  await priya.getByRole("link", { name: "Lakeside Family Medicine" }).first().click();
  const list = priya.getByRole("region", { name: "New routine access to this practice's records" });
  const entry = list.getByRole("listitem", { name: `Routine access for ${name}` });
  await expect(entry).toContainText("MSP technician");
  await expect(entry).toContainText(/Starts /);
  await expect(entry).toContainText("Joined by invitation");
  await priya.setViewportSize({ width: 390, height: 844 });
  await list.screenshot({ path: "test-results/routine-access-manager-phone.png" });
  await manager.close();
});

test("leadership is given all practices explicitly; without practices or the choice the form says what is missing", async ({
  page,
}) => {
  await page.goto("/members");
  await page.getByLabel("Email").fill(`leader-${Date.now()}@summit-it.example`);
  await page.getByLabel("Role").selectOption("leadership");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(
    page.getByText("Choose the practices this person may see, or all practices."),
  ).toBeVisible();
  await page.getByRole("checkbox", { name: /All practices/ }).check();
  await expect(page.getByPlaceholder("Search practices to add")).toHaveCount(0);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByLabel("Invitation link")).toHaveValue(/\/invite\/[\w-]{20,}/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/members-all-practices.png", fullPage: true });
});
