import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { metricColumns } from "@/server/contracts/metrics";
import { storageStateOf } from "./roles";

const groups = [
  "Incidents and downtime",
  "Estimated cost of downtime",
  "Response times",
  "Repeated causes",
  "Backup restore tests",
  "Quarterly reviews",
  "Urgent risks",
  "Plan completeness and freshness",
  "Vendor contacts verified",
  "Drills held",
  "Patient outreach during outages",
];
const quarterKey = /^\d{4}-Q[1-4]$/;

/** The quarter ("2026-Q4") a moment falls in, in a time zone. */
function quarterOf(moment: Date, timeZone: string) {
  const [year, month] = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  })
    .format(moment)
    .split("-")
    .map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

test.describe("leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("reads the three numbers first, what has no data yet in one list, downloads the figures as CSV and opens the printable summary", async ({
    page,
  }) => {
    await page.goto("/");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Metrics" })
      .click();
    // The first render of a page can be slow on a shared two-core machine; after it, the default wait.
    await expect(page.getByRole("heading", { level: 1, name: "Metrics" })).toBeVisible({
      timeout: 15_000,
    });
    // Lakeside, leadership's practice in the demo, has recorded little: the headline says what there is.
    const headline = page.getByRole("region", { name: /^\d{4}-Q[1-4] so far, against/ });
    await expect(headline.getByText("Downtime", { exact: true })).toBeVisible();
    await expect(headline.getByText(/^\d[\d,]*\u00a0min$/)).toBeVisible();
    await expect(headline.getByText("Plan completeness", { exact: true })).toBeVisible();
    await expect(headline.getByText("Restore tests passed", { exact: true })).toBeVisible();
    // Each group of figures: its own section, or, with nothing recorded yet, a line under "No data yet".
    for (const group of groups)
      await expect(
        page.getByRole("heading", { level: 2, name: group }).or(
          page
            .getByRole("region", { name: "No data yet" })
            .getByRole("listitem")
            .filter({ hasText: `${group}:` }),
        ),
      ).toBeVisible();

    // CSV: the metric columns, then one row per quarter.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^standby-metrics-.+\.csv$/);
    const csv = Papa.parse<string[]>(await readFile((await download.path())!, "utf8"), {
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    expect(csv.data[0]).toEqual(metricColumns.map(([, label]) => label));
    expect(csv.data).toHaveLength(9);
    expect(csv.data.slice(1).map((row) => row[0])).toEqual(
      expect.arrayContaining([expect.stringMatching(quarterKey)]),
    );
    expect(csv.data[1]![0]).toMatch(quarterKey);

    // The printable one-page summary of their practice.
    await page.getByRole("link", { name: "Printable summary of Lakeside Family Medicine" }).click();
    await expect(page).toHaveURL(/\/print\/practices\/[0-9a-f-]{36}\/quarterly$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
    ).toBeVisible();
    await expect(page.getByText("Quarterly readiness summary")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Readiness today: \d+ \/ 100/ })).toBeVisible();
    const figures = page.getByRole("table", { name: /^\d{4}-Q[1-4] against \d{4}-Q[1-4]$/ });
    // The first row of a group also holds the group's name.
    await expect(
      figures.getByRole("row", { name: /^Incidents and downtime Incidents \d/ }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the metrics" })).toBeVisible();
  });
});

test.describe("an MSP admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("reads the quarterly figures as charts and tables", async ({ page }) => {
    await page.goto("/metrics");
    // Each group with figures: the latest quarter's figure, its change in words, and a chart.
    const incidents = page.getByRole("region", { name: "Incidents and downtime" });
    await expect(incidents.getByText(/^Incidents, \d{4}-Q[1-4]$/)).toBeVisible({ timeout: 15_000 });
    await expect(
      incidents.getByText(/incidents? than \d{4}-Q[1-4]|Incidents: no change from \d{4}-Q[1-4]/),
    ).toBeVisible();
    const chart = incidents.getByRole("img", { name: /^Incidents per quarter/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    await expect(chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick")).toHaveCount(8);

    // The same figures as a table, newest quarter first.
    await incidents.getByText("Show as table").click();
    const table = incidents.getByRole("table", { name: "Incidents and downtime, per quarter" });
    await expect(table.getByRole("row")).toHaveCount(9);
    await expect(table.getByRole("row").last().getByRole("rowheader")).toHaveText(quarterKey);
  });

  test("picks one practice and reads its seeded outage in the figures", async ({ page }) => {
    await page.goto("/metrics");
    await page.getByLabel("Practices").selectOption({ label: "Cedar Grove Dermatology" });
    await page.getByRole("button", { name: "Show figures" }).click();
    await expect(page).toHaveURL(/\/metrics\?practice=[0-9a-f-]{36}$/);
    await expect(page.getByText("Cedar Grove Dermatology: eight quarters")).toBeVisible();

    // The seed's ModMed outage 45 days ago: a vendor ticket after 9 minutes, restored after 95, cause "Vendor".
    const quarter = quarterOf(new Date(Date.now() - 45 * 86_400_000), "America/Denver");
    const response = page.getByRole("region", { name: "Response times" });
    await response.getByText("Show as table").click();
    const row = response.getByRole("table").getByRole("row", { name: new RegExp(`^${quarter} `) });
    await expect(row.getByRole("cell")).toHaveText(["9 min", "95 min"]);
    const causes = page.getByRole("region", { name: "Repeated causes" });
    await causes.getByText("Show as table").click();
    await expect(
      causes.getByRole("table").getByRole("row", { name: new RegExp(`^${quarter} `) }),
    ).toContainText("Vendor (1)");

    await page.getByRole("link", { name: "Printable summary of Cedar Grove Dermatology" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Cedar Grove Dermatology" }),
    ).toBeVisible();
  });

  test("on a phone, the charts fit the screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/metrics");
    await expect(
      page.getByRole("heading", { level: 2, name: "Backup restore tests" }),
    ).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Backup restore tests" }).locator("svg.recharts-surface"),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});
