/**
 * "Who do I call?" (issue 24 item 2) and navigation feedback (item 5): the MSP's help desk in the
 * header's help menu for every role, on a practice's Who to call card and in the empty vendors page
 * of a manager whose practice has no vendors; focus on the new page's heading after a tab; the top
 * progress bar at once on a slow navigation.
 */
import { expect as expectNow, test, type Page } from "@playwright/test";
import { storageStateOf, type DemoUser } from "./roles";

const HELP_DESK = "(555) 010-7000";

// Pages are given time to arrive (the suite shares a busy machine); "at once" below is expectNow.
const expect = expectNow.configure({ timeout: 20_000 });

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("9 Birch Ave, Springfield, IL 62704");
  await site.getByLabel("Phone").fill("(217) 555-0190");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test.describe("the help menu", () => {
  for (const user of ["admin", "technician", "manager", "leadership"] as DemoUser[]) {
    test.describe(user, () => {
      test.use({ storageState: storageStateOf(user) });
      test(`shows Summit's help desk to the ${user}, tap to call or email`, async ({ page }) => {
        await page.goto("/portfolio");
        const help = page.getByRole("banner").getByRole("button", { name: "Help" });
        await expect(help).toHaveAttribute("aria-expanded", "false");
        await help.click();
        await expect(help).toHaveAttribute("aria-expanded", "true");
        const panel = page.getByRole("region", { name: "Help" });
        await expect(panel).toContainText("Summit IT Partners help desk");
        await expect(panel.getByRole("link", { name: HELP_DESK })).toHaveAttribute(
          "href",
          "tel:5550107000",
        );
        await expect(panel.getByRole("link", { name: "help@summit-it.example" })).toHaveAttribute(
          "href",
          "mailto:help@summit-it.example",
        );
        await page.keyboard.press("Escape");
        await expect(panel).toBeHidden();
        await expect(help).toBeFocused();
      });
    });
  }

  test.describe("an MSP with no support line", () => {
    test.use({ storageState: storageStateOf("harborAdmin") });
    test("asks its admin to add one, linking to the settings", async ({ page }) => {
      await page.goto("/portfolio");
      await page.getByRole("banner").getByRole("button", { name: "Help" }).click();
      const panel = page.getByRole("region", { name: "Help" });
      await expect(
        panel.getByRole("link", { name: "Add your support line in settings" }),
      ).toBeVisible();
      await expect(panel.getByRole("link", { name: /^\(/ })).toHaveCount(0);
      await panel.getByRole("link", { name: "Add your support line in settings" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Support line" })).toBeVisible();
      await expect(page.getByLabel("Help desk phone")).toHaveValue("");
    });
  });
});

test.describe("a practice manager whose practice has no vendors", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("sees the help desk number on Who to call and in the empty vendors page", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const practice = `Aspen Hollow Clinic ${Date.now()}`;
    const practiceId = await createPractice(page, practice);

    // The admin's own overview: Who to call offers to add the vendor and names the help desk.
    const card = page.getByRole("region", { name: "Who to call" });
    await expect(card).toContainText("Summit IT Partners");
    await expect(
      card.getByRole("link", { name: `Call Summit IT Partners help desk: ${HELP_DESK}` }),
    ).toHaveAttribute("href", "tel:5550107000");
    await expect(card.getByRole("link", { name: "Add the EHR vendor" })).toBeVisible();

    // A manager for that practice only.
    await page.goto("/members");
    await page.getByLabel("Email").fill(`aspen-manager-${Date.now()}@aspen.example`);
    await page.getByLabel("Role").selectOption("practice_manager");
    await page.getByPlaceholder("Search practices to add").fill("Aspen Hollow");
    await page.getByRole("checkbox", { name: practice }).check();
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();

    const context = await browser.newContext();
    const manager = await context.newPage();
    await manager.goto(link);
    await manager.getByLabel("Your name").fill("Robin Aspen");
    await manager.getByLabel("Password").fill("harbor lantern violet seventeen");
    await manager.getByRole("button", { name: "Join and sign in" }).click();
    await expect(manager.getByRole("button", { name: "Sign out" })).toBeVisible();

    await manager.goto(`/practices/${practiceId}`);
    const who = manager.getByRole("region", { name: "Who to call" });
    await expect(who).toContainText("No outage owner named yet.");
    await expect(
      who.getByRole("link", { name: `Call Summit IT Partners help desk: ${HELP_DESK}` }),
    ).toHaveAttribute("href", "tel:5550107000");
    // No vendor to call: the manager is told whom to call instead of being left there.
    await expect(who).toContainText(
      `No EHR vendor linked to this practice yet. Call Summit IT Partners at ${HELP_DESK}.`,
    );
    await manager.setViewportSize({ width: 390, height: 844 });
    await who.screenshot({ path: "test-results/who-to-call-manager-phone.png" });
    await manager.setViewportSize({ width: 1280, height: 900 });

    await manager
      .getByRole("navigation", { name: "Practice" })
      .getByRole("link", { name: "Vendors" })
      .click();
    await expect(
      manager.getByRole("heading", { name: "No vendors yet — add the EHR vendor first" }),
    ).toBeVisible();
    const call = manager.getByText(/Call Summit IT Partners at/);
    await expect(call).toBeVisible();
    await expect(call.getByRole("link", { name: HELP_DESK })).toHaveAttribute(
      "href",
      "tel:5550107000",
    );
    await manager.screenshot({ path: "test-results/vendors-empty-manager.png", fullPage: true });
    await context.close();
  });
});

test.describe("moving between pages", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a practice tab moves focus to the new page's heading, not on the first load", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/portfolio");
    const heading = page.getByRole("heading", { level: 1, name: "Portfolio" });
    await expect(heading).toBeVisible();
    // The first load leaves focus where the browser puts it.
    await expect(heading).not.toBeFocused();
    await page.getByRole("link", { name: "Lakeside Family Medicine" }).first().click();
    const practiceHeading = page.getByRole("heading", {
      level: 1,
      name: "Lakeside Family Medicine",
    });
    await expect(practiceHeading).toBeFocused();
    const tabs = page.getByRole("navigation", { name: "Practice" });
    await tabs.getByRole("link", { name: "Backups" }).click();
    await expect(page).toHaveURL(/\/backups$/);
    const backups = page.getByRole("heading", { level: 1 });
    await expect(backups).toBeFocused();
    await expect(backups).toHaveAttribute("tabindex", "-1");
    // Keyboard: Enter on a tab does the same.
    await tabs.getByRole("link", { name: "Drills" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/drills$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  });

  test("a slow page shows the progress bar at once, then the page", async ({ page }) => {
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Lakeside Family Medicine" }).first().click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
    ).toBeVisible();
    // Every answer for the next page (its RSC payload, prefetch included) is held for 3 seconds.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/practices\/[0-9a-f-]{36}\/drills/, async (route) => {
      await held;
      await route.continue();
    });
    const bar = page.getByRole("progressbar", { name: "Loading page" });
    await expect(bar).toHaveCount(0);
    await page
      .getByRole("navigation", { name: "Practice" })
      .getByRole("link", { name: "Drills" })
      .click();
    // At once: the answer has not even been let through yet.
    await expectNow(bar).toBeVisible({ timeout: 1_000 });
    await page.screenshot({ path: "test-results/navigation-progress.png" });
    release();
    await expect(page).toHaveURL(/\/drills$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
    ).toBeVisible();
    await expect(bar).toHaveCount(0);
  });
});
