import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.describe("a practice's overview", () => {
  test.use({ storageState: storageStateOf("technician") });

  test("shows readiness at a glance — overdue and failing tests, urgent risks, drills — and links to where each is fixed", async ({
    page,
  }) => {
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Cedar Grove Dermatology" }).first().click();
    const readiness = page.getByRole("region", { name: "Readiness at a glance" });
    await expect(readiness).toBeVisible();
    const backups = readiness.getByRole("link", { name: /Backup tests/ });
    await expect(backups).toContainText("1 overdue · 1 failing");
    await expect(backups).toContainText("Firewall (overdue)");
    await expect(backups).toContainText("Microsoft 365 (failing)");
    await expect(readiness.getByRole("link", { name: /Risks/ })).toContainText("1 urgent open");
    await expect(readiness.getByRole("link", { name: /Next review/ })).toContainText(
      "Monthly while migrating",
    );
    await expect(readiness.getByRole("link", { name: /Drills/ })).toContainText("Last held");
    await expect(readiness.getByRole("link", { name: /Vendor contacts/ })).toContainText(
      "1 of 2 verified",
    );

    await backups.click();
    await expect(page).toHaveURL(/\/backups$/);
    await expect(page.getByRole("link", { name: "Backups", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });
});

test.describe("on a phone", () => {
  test.use({ storageState: storageStateOf("technician"), viewport: { width: 390, height: 844 } });

  test("the readiness cards stack and stay readable", async ({ page }) => {
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Cedar Grove Dermatology" }).first().click();
    const cards = page.getByRole("region", { name: "Readiness at a glance" }).getByRole("listitem");
    await expect(cards).toHaveCount(6);
    const first = await cards.nth(0).boundingBox();
    const second = await cards.nth(1).boundingBox();
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    expect(first!.width).toBeLessThanOrEqual(390);
  });
});
