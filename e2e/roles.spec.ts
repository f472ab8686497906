import { expect, test, type Page } from "@playwright/test";
import { storageStateOf, summitPractices } from "./roles";

async function listedPractices(page: Page) {
  await page.goto("/portfolio");
  const links = page
    .getByRole("table", { name: "Practices" })
    .getByRole("rowheader")
    .getByRole("link");
  // The rows stream in after the page's frame: read them once the first is there.
  await expect(links.first()).toBeVisible();
  return links.allInnerTexts();
}

test.describe("MSP admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test("sees every practice of Summit and none of Harbor's, and can manage", async ({ page }) => {
    expect(await listedPractices(page)).toEqual(expect.arrayContaining(summitPractices));
    expect(await listedPractices(page)).not.toContain("Bayview Orthopedics");
    await expect(page.getByRole("link", { name: "New practice" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }),
    ).toBeVisible();
  });
});

test.describe("MSP technician", () => {
  test.use({ storageState: storageStateOf("technician") });
  test("sees every practice of Summit but cannot manage members or create practices", async ({
    page,
  }) => {
    expect(await listedPractices(page)).toEqual(expect.arrayContaining(summitPractices));
    await expect(page.getByRole("link", { name: "New practice" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
    await page.goto("/members");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test.describe("Practice manager", () => {
  test.use({ storageState: storageStateOf("manager") });
  test("lands on their own practice and sees no other", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    expect(await listedPractices(page)).toEqual(["Lakeside Family Medicine"]);
  });
});

test.describe("Leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });
  test("sees only their practice and cannot change anything", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
    expect(await listedPractices(page)).toEqual(["Lakeside Family Medicine"]);
    await page.goto("/practices/new");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test.describe("Admin of the other MSP", () => {
  test.use({ storageState: storageStateOf("harborAdmin") });
  test("sees only Harbor's practice, and Summit's practice pages are not found", async ({
    page,
    browser,
  }) => {
    expect(await listedPractices(page)).toEqual(["Bayview Orthopedics"]);
    // Find a Summit practice id through a Summit admin, then try it as Harbor.
    const summit = await browser.newContext({ storageState: storageStateOf("admin") });
    const summitPage = await summit.newPage();
    await summitPage.goto("/portfolio");
    const href = await summitPage
      .getByRole("link", { name: "Lakeside Family Medicine" })
      .getAttribute("href");
    await summit.close();
    await page.goto(href!);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Lakeside")).toHaveCount(0);
  });
});
