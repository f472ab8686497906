import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("an admin invites a practice manager, who accepts the link and signs in to their practice", async ({
  page,
  browser,
}) => {
  const email = `new-manager-${Date.now()}@riverside.example`;
  await page.goto("/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("practice_manager");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(
    page.getByText("Choose the practice this practice manager looks after."),
  ).toBeVisible();
  await page.getByPlaceholder("Search practices to add").fill("Riverside");
  await page.getByRole("checkbox", { name: "Riverside Pediatrics" }).check();
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}/);
  await expect(page.getByText(email, { exact: true })).toBeVisible();

  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await expect(
    invitee.getByRole("heading", { name: "Join Summit IT Partners on Standby" }),
  ).toBeVisible();
  await invitee.getByLabel("Your name").fill("Robin Nguyen");
  await invitee.getByLabel("Password").fill("password1234");
  await invitee.getByRole("button", { name: "Join and sign in" }).click();
  await expect(invitee.getByText(/too easy to guess/)).toBeVisible();
  await invitee.getByLabel("Password").fill("harbor lantern violet seventeen");
  await invitee.getByRole("button", { name: "Join and sign in" }).click();
  await expect(invitee.getByRole("heading", { name: "Riverside Pediatrics" })).toBeVisible();
  await expect(invitee.getByRole("banner").getByText("Robin Nguyen")).toBeVisible();

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation has already been used.")).toBeVisible();
  await fresh.close();

  await page.reload();
  await expect(page.getByRole("listitem", { name: "Robin Nguyen" })).toContainText(
    "Practice manager",
  );
});

test("removing a member ends their session at once", async ({ page, browser }) => {
  const email = `leaving-${Date.now()}@summit-it.example`;
  await page.goto("/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("technician");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();

  const fresh = await browser.newContext();
  const member = await fresh.newPage();
  await member.goto(link);
  await member.getByLabel("Your name").fill("Casey Departing");
  await member.getByLabel("Password").fill("copper meadow falcon ninety");
  await member.getByRole("button", { name: "Join and sign in" }).click();
  await expect(member.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  await page.reload();
  const row = page.getByRole("listitem", { name: "Casey Departing" });
  await row.getByRole("button", { name: "Remove" }).click();
  await page
    .getByRole("dialog", { name: "Remove Casey Departing?" })
    .getByRole("button", { name: "Remove member" })
    .click();
  await expect(page.getByText("Member removed")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Casey Departing" })).toHaveCount(0);

  await member.reload();
  await expect(member).toHaveURL(/\/sign-in/);
  await fresh.close();
});

test("the last admin cannot be removed", async ({ page }) => {
  await page.goto("/members");
  const row = page.getByRole("listitem", { name: "Alex Rivera" });
  await row.getByRole("button", { name: "Remove" }).click();
  await page
    .getByRole("dialog", { name: "Remove Alex Rivera?" })
    .getByRole("button", { name: "Remove member" })
    .click();
  await expect(page.getByText("Standby needs at least one admin.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Alex Rivera" })).toBeVisible();
});
