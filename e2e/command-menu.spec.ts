import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

const menu = (page: Page) => page.getByRole("dialog", { name: "Search Standby" });
const box = (page: Page) => menu(page).getByRole("combobox");

test.describe("the command menu", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("Ctrl+K opens it; typing finds a practice; the arrows choose; Enter opens it", async ({
    page,
  }) => {
    await page.goto("/portfolio");
    await expect(page.getByRole("button", { name: /Search…/ })).toBeVisible();
    await page.keyboard.press("Control+k");
    await expect(box(page)).toBeFocused();
    await box(page).fill("Cedar Grove");
    const options = menu(page).getByRole("option");
    await expect(options.first()).toContainText("Cedar Grove Dermatology");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    // The same words offer to declare an outage there.
    await expect(
      menu(page).getByRole("option", { name: /Declare an outage at Cedar Grove Dermatology/ }),
    ).toBeVisible();
    await box(page).press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(box(page)).toHaveAttribute(
      "aria-activedescendant",
      (await options.nth(1).getAttribute("id"))!,
    );
    await box(page).press("ArrowUp");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await box(page).press("Enter");
    await expect(menu(page)).toBeHidden();
    await expect(page).toHaveURL(/\/practices\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Cedar Grove Dermatology" })).toBeVisible();
  });

  test('"/" opens it outside a field; a phone number finds the contact; Escape closes and gives focus back', async ({
    page,
  }) => {
    await page.goto("/vendors");
    // Typing "/" in a field is a character, not the shortcut.
    const field = page.getByRole("searchbox", { name: "Search vendors by name" });
    await field.click();
    await page.keyboard.type("a/b");
    await expect(field).toHaveValue("a/b");
    await expect(menu(page)).toBeHidden();

    const incidentsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
      name: "Incidents",
    });
    await incidentsLink.focus();
    await page.keyboard.press("/");
    await expect(box(page)).toBeFocused();
    await page.keyboard.type("561 555 0148");
    await expect(menu(page).getByRole("option", { name: /Dana Whitfield/ })).toBeVisible();
    await box(page).fill("qqqzzzxx");
    await expect(menu(page).getByRole("status")).toHaveText("No results for “qqqzzzxx”.");
    await page.keyboard.press("Escape");
    await expect(menu(page)).toBeHidden();
    await expect(incidentsLink).toBeFocused();
  });
});

test.describe("on a phone", () => {
  test.use({ storageState: storageStateOf("manager"), viewport: { width: 390, height: 844 } });

  test("the Search button opens the menu and a tap opens a page", async ({ page }) => {
    await page.goto("/portfolio");
    await page.getByRole("button", { name: /Search…/ }).click();
    await expect(box(page)).toBeFocused();
    const panel = await menu(page).boundingBox();
    expect(panel!.width).toBeLessThanOrEqual(390);
    await box(page).fill("incid");
    await menu(page)
      .getByRole("option", { name: /^Incidents/ })
      .click();
    await expect(page).toHaveURL(/\/incidents$/);
    await expect(menu(page)).toBeHidden();
  });
});
