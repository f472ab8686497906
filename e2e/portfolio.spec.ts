import { expect, test } from "@playwright/test";
import { storageStateOf, summitPractices } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("an admin narrows the portfolio to overdue backup tests, reads how the score is computed, and sorts by name", async ({
  page,
}) => {
  await page.goto("/portfolio");
  // The first render of a page can be slow on a shared two-core machine; after it, the default wait.
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible({
    timeout: 15_000,
  });
  const table = page.getByRole("table", { name: "Practices" });
  const rowOf = (name: string) =>
    table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });

  // Every practice shows its score as a number, a word and its parts, each a link to where it is fixed.
  const cedar = rowOf("Cedar Grove Dermatology");
  await expect(cedar).toContainText(/\d+\s*\/ 100/);
  await expect(cedar).toContainText(/Ready|Needs work|At risk/);
  await expect(cedar.getByRole("link", { name: /^Backups:/ })).toContainText(
    "1 overdue · 1 failing",
  );
  await expect(cedar.getByRole("link", { name: /^Urgent risks:/ })).toHaveAttribute(
    "href",
    /\/practices\/[0-9a-f-]{36}\/risks\?filter=urgent$/,
  );
  await expect(cedar.getByRole("link", { name: /^Vendor contacts:/ })).toContainText(
    "1 of 2 verified",
  );

  // Only the practices with an overdue backup test: Cedar Grove (its firewall test), not Riverside (no backups tracked).
  // A filter picked applies at once: no Apply button.
  await page.getByLabel("Show", { exact: true }).selectOption({ label: "Overdue backup tests" });
  await expect(page).toHaveURL(/[?&]filter=backups_overdue/);
  await expect(page.getByLabel("Show", { exact: true })).toHaveValue("backups_overdue");
  await expect(rowOf("Cedar Grove Dermatology")).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Riverside Pediatrics" })).toHaveCount(0);
  await expect(page.getByText(/ · Overdue backup tests/)).toBeVisible();

  // The backups part leads to the practice's Backups tab, opened in place (no full page load).
  await page.evaluate(() => Object.assign(window, { beforeTheClick: true }));
  await rowOf("Cedar Grove Dermatology")
    .getByRole("link", { name: /^Backups:/ })
    .click();
  await expect(page).toHaveURL(/\/practices\/[0-9a-f-]{36}\/backups$/);
  expect(await page.evaluate(() => "beforeTheClick" in window)).toBe(true);
  await page.goBack();

  // How the score is computed: the formula's parts and rules, in words.
  await page.getByText("How the score is computed").click();
  const formula = page.getByRole("table", { name: "Parts of the readiness score" });
  await expect(formula).toBeVisible();
  await expect(formula.getByRole("row", { name: /Backups tested/ })).toContainText("20 points");
  await expect(formula).toContainText("tested on time with a passing last test");

  // Sorted by name, for all practices; the choice is kept in the address.
  await page.getByLabel("Show", { exact: true }).selectOption({ label: "All practices" });
  await expect(page).not.toHaveURL(/backups_overdue/);
  await page.getByLabel("Sort by").selectOption({ label: "Name" });
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(table.getByRole("columnheader", { name: "Practice" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  // Read once the sorted page is shown (the table is replaced as the new page renders).
  await expect
    .poll(async () =>
      (await table.getByRole("rowheader").getByRole("link").allInnerTexts()).filter((name) =>
        summitPractices.includes(name),
      ),
    )
    .toEqual([...summitPractices].sort());
});

test("a filter that nothing matches says so and offers the whole list again", async ({ page }) => {
  await page.goto(`/portfolio?q=${encodeURIComponent("Riverside Pediatrics")}`);
  await expect(
    page
      .getByRole("table", { name: "Practices" })
      .getByRole("rowheader", { name: "Riverside Pediatrics" }),
  ).toBeVisible();
  await page.goto(
    `/portfolio?filter=backups_failing&q=${encodeURIComponent("Riverside Pediatrics")}`,
  );
  await expect(page.getByText("No practices match “Riverside Pediatrics”")).toBeVisible();
  await page.goto("/portfolio?filter=active_incident&archived=1");
  await expect(
    page.getByRole("heading", { name: "No practices in “Active outage”" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Show all practices" }).click();
  await expect(page).toHaveURL(/\/portfolio\?archived=1$/);
});

test("the strip counts practices at risk, open outages and overdue tests, each opening its list; a manager of one practice gets no MSP search or filters", async ({
  page,
  browser,
}) => {
  await page.goto("/portfolio");
  const strip = page.getByRole("region", { name: "At a glance" });
  await expect(strip).toContainText(/\d+ practices? at risk/);
  await expect(strip).toContainText(/\d+ open outages?/);
  const overdue = strip.getByRole("link", { name: /overdue backup tests?/ });
  await expect(overdue).toContainText(/[1-9]\d* overdue/);
  await overdue.click();
  await expect(page).toHaveURL(/[?&]filter=backups_overdue/);
  await expect(
    page.getByRole("table", { name: "Practices" }).getByRole("rowheader", {
      name: "Cedar Grove Dermatology",
    }),
  ).toBeVisible();

  // The search box still applies with Enter (a choice in a select applies at once).
  await page.getByLabel("Search practices by name").fill("Riverside");
  await page.getByLabel("Search practices by name").press("Enter");
  await expect(page).toHaveURL(/[?&]q=Riverside/);
  // Moving through a select with the keyboard does not reload the list at each step; Enter applies.
  const sort = page.getByLabel("Sort by");
  await sort.focus();
  await sort.press("ArrowDown");
  await page.waitForTimeout(500);
  await expect(page).not.toHaveURL(/sort=score_desc/);
  await sort.press("Enter");
  await expect(page).toHaveURL(/sort=score_desc/);

  const manager = await browser.newContext({ storageState: storageStateOf("manager") });
  const managerPage = await manager.newPage();
  await managerPage.goto("/portfolio");
  await expect(managerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(managerPage.getByRole("table", { name: "Practices" })).toContainText(
    "Lakeside Family Medicine",
  );
  await expect(managerPage.getByRole("search", { name: "Find practices" })).toHaveCount(0);
  await expect(managerPage.getByRole("region", { name: "At a glance" })).toHaveCount(0);
  await manager.close();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("each practice is a card with its score and parts, and the controls fit", async ({
    page,
  }) => {
    await page.goto("/portfolio?filter=backups_overdue");
    const table = page.getByRole("table", { name: "Practices" });
    // The column headers give way to each part's own label.
    await expect(table.getByRole("columnheader", { name: "Backups" })).toBeHidden();
    const card = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Cedar Grove Dermatology" }) });
    await expect(card).toBeVisible();
    await expect(card).toContainText(/\d+\s*\/ 100/);
    const backups = card.getByRole("link", { name: /^Backups/ });
    await expect(backups).toContainText("1 overdue");
    await expect(backups.getByText("Backups", { exact: true })).toBeVisible();
    const box = await card.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
    await expect(
      page.getByRole("search", { name: "Find practices" }).getByRole("button", { name: "Search" }),
    ).toBeVisible();
  });
});
