import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, type Page } from "@playwright/test";
import { figureGroups } from "@/components/metrics/figure-groups";
import { QuarterlySummary } from "@/components/metrics/print-summary";
import type { QuarterlyMetrics } from "@/components/metrics/types";
import type { PortfolioItem } from "@/components/portfolio/types";
import { fromZonedInput } from "@/components/ui/zoned-time";
import { metricColumns } from "@/server/contracts/metrics";
import { headlineFigures } from "@/server/domain/metrics-headline";
import { lastQuarters, trend } from "@/server/domain/quarters";
import { storageStateOf } from "./roles";
import { createPractice, mutate } from "./trpc";

/**
 * The screens people use under stress, and what they print: the metrics' three numbers first, the
 * one-page quarterly summary on one Letter page, the declare form on the practice's clock, and the
 * audit log's filters applying as they are chosen.
 */

/** Pages in a PDF: its /Type /Page objects (not /Pages). */
const pageCount = (pdf: Buffer) =>
  pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

async function practiceId(page: Page, name: string): Promise<string> {
  const response = await page.request.get(
    `/api/trpc/practices.choices?input=${encodeURIComponent(JSON.stringify({ json: { search: name } }))}`,
  );
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()).result.data.json as { items: { id: string }[] };
  return items[0]!.id;
}

/** A practice in a time zone, with the usual clinic systems on its map. */
async function practiceWithMap(page: Page, name: string, timezone: string): Promise<string> {
  const id = await createPractice(page, name, timezone);
  await mutate(page, "dependencies.applyStarterMap", { practiceId: id });
  return id;
}

/** Eight quarters with every figure recorded, three causes a quarter: the most a summary holds. */
function fullerMetrics(): QuarterlyMetrics {
  const quarters = lastQuarters(new Date(), "America/Chicago");
  const keys = metricColumns
    .map(([key]) => key)
    .filter((key) => key !== "quarter" && key !== "topCauses");
  const figures = quarters.map((quarter, index) => ({
    quarter,
    ...Object.fromEntries(
      keys.map((key, position) => [
        key,
        key === "costCents"
          ? 1_234_567 + index * 98_765
          : key.endsWith("Percent") || key === "planCompleteness"
            ? (37 + index * 7 + position) % 101
            : 1_000 + ((index * 37 + position * 13) % 900),
      ]),
    ),
    backupTests: 12 + index,
    backupTestsPassed: 9 + (index % 3),
    topCauses: [
      { cause: "vendor", count: 4 + index },
      { cause: "network", count: 3 },
      { cause: "power", count: 2 },
    ],
  })) as unknown as QuarterlyMetrics["figures"];
  const latest = figures.at(-1)!;
  const previous = figures.at(-2)!;
  const trends = Object.fromEntries(
    keys.map((key) => [
      key,
      trend(
        latest[key as keyof typeof latest] as number,
        previous[key as keyof typeof previous] as number,
      ),
    ]),
  ) as QuarterlyMetrics["trends"];
  return {
    quarters,
    figures,
    practiceName: null,
    trends,
    headline: headlineFigures(figures),
  } as QuarterlyMetrics;
}

/** Readiness with every part needing attention, each with its longest words. */
const strugglingReadiness = {
  practiceId: "00000000-0000-4000-8000-000000000000",
  score: 31,
  backupsOverdue: 3,
  backupsFailing: 2,
  parts: {
    publishedVersion: 12,
    planCurrent: false,
    planCompleteness: 64,
    scheduleCopyAgeHours: 130,
    vendorsLinked: 11,
    vendorsVerified: 4,
    backupsTracked: 9,
    backupsGood: 4,
    reviewOverdue: true,
    reviewDueOn: "2026-01-15",
    urgentRisksOpen: 7,
    activeIncident: true,
    points: {
      planCompleteness: 9.6,
      planCurrent: 0,
      vendorsVerified: 5.5,
      backups: 8.9,
      reviewOnTime: 0,
      noUrgentRisks: 0,
      noActiveIncident: 0,
      scheduleCopy: -5,
    },
  },
} as unknown as PortfolioItem;

test.describe("leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("the metrics open on the three numbers and their trend; groups with no data are one line each", async ({
    page,
  }) => {
    await page.goto("/metrics");
    const headline = page.getByRole("region", { name: /^\d{4}-Q[1-4] so far/ });
    await expect(headline).toBeVisible({ timeout: 15_000 });
    // The headline comes before any group of figures.
    const first = await page.locator("main section h2").first().innerText();
    expect(first).toMatch(/^\d{4}-Q[1-4] so far, against \d{4}-Q[1-4]$/);
    for (const label of ["Downtime", "Plan completeness", "Restore tests passed"]) {
      const item = headline.locator("div", { has: page.getByText(label, { exact: true }) }).last();
      await expect(item).toBeVisible();
      // A number with its change in words (the arrow is a picture beside them), or no data yet.
      await expect(item).toContainText(
        /(\d[\d,.]*(\u00a0min|%).*(than \d{4}-Q[1-4]|no change from|Nothing to compare|No data for))|No data yet/,
      );
    }

    // Every group is there once: as its own section with charts, or as a line under "No data yet".
    const noData = page.getByRole("region", { name: "No data yet" });
    for (const group of [...figureGroups.map((item) => item.title), "Repeated causes"]) {
      const asSection = await page
        .getByRole("heading", { level: 2, name: group, exact: true })
        .count();
      const asLine = (await noData.count())
        ? await noData
            .getByRole("listitem")
            .filter({ hasText: `${group}:` })
            .count()
        : 0;
      expect(asSection + asLine, group).toBe(1);
    }
  });

  test("the one-page quarterly summary prints on one Letter page, with the demo figures and with a full quarter", async ({
    page,
  }) => {
    const id = await practiceId(page, "Lakeside Family Medicine");
    await page.goto(`/print/practices/${id}/quarterly`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
    ).toBeVisible();
    await page.emulateMedia({ media: "print" });
    expect(pageCount(await page.pdf({ format: "Letter" }))).toBe(1);

    // The same page with every figure recorded, a long name and every readiness part flagged.
    const markup = renderToStaticMarkup(
      createElement(QuarterlySummary, {
        metrics: fullerMetrics(),
        practiceName:
          "Saint Bartholomew's Community Family Medicine and Pediatrics Associates of Greater Springfield",
        timeZone: "America/Chicago",
        readiness: strugglingReadiness,
        printedAt: new Date(),
        printedByName: "Alexandra Montgomery-Villanueva",
        mspName: "Summit IT Partners of the Greater Midwest",
      }),
    );
    await page.locator("main.print-sheet").evaluate((main, html) => {
      main.innerHTML = html;
    }, markup);
    await expect(page.getByRole("heading", { level: 1, name: /^Saint Bartholomew/ })).toBeVisible();
    const table = page.getByRole("table", { name: /^\d{4}-Q[1-4] against \d{4}-Q[1-4]$/ });
    await expect(table.getByRole("row")).toHaveCount(
      1 + figureGroups.reduce((sum, group) => sum + group.figures.length, 0) + 1,
    );
    expect(pageCount(await page.pdf({ format: "Letter" }))).toBe(1);

    // On a phone's screen the page itself never scrolls sideways (the table scrolls on its own).
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});

test.describe("an MSP admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("the metrics draw no empty chart", async ({ page }) => {
    await page.goto("/metrics");
    // Across the MSP's practices some figures are recorded (Cedar Grove's outage); others not yet.
    const charts = page.locator('main [role="img"] svg.recharts-surface');
    await expect(charts.first()).toBeVisible({ timeout: 15_000 });
    // Every chart drawn has a bar with a value; a chart with none is a "No data yet" line.
    for (const chart of await charts.all())
      expect(
        await chart
          .locator(".recharts-label-list text")
          .filter({ hasText: /[1-9]|%/ })
          .count(),
      ).toBeGreaterThan(0);
  });

  test("declares on the practice's clock: the start is labelled with its zone and moves with the practice chosen", async ({
    page,
  }) => {
    // Two practices of its own, in two zones, each with the usual systems (no open outage at either).
    const stamp = Date.now();
    const denverName = `Zulu Denver Clinic ${stamp}`;
    const newYorkName = `Zulu New York Clinic ${stamp}`;
    const denverId = await practiceWithMap(page, denverName, "America/Denver");
    await practiceWithMap(page, newYorkName, "America/New_York");
    await page.goto(`/incidents/new?practiceId=${denverId}`);
    const denver = page.getByLabel("Started at (America/Denver, practice time)");
    await expect(denver).not.toHaveValue("", { timeout: 15_000 });
    await expect(
      page.getByText(new RegExp(`^On ${denverName}'s clock \\((MST|MDT)\\)`)),
    ).toBeVisible();
    const shown = fromZonedInput(await denver.inputValue(), "America/Denver")!;
    expect(Math.abs(shown.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    await expect(page.getByText("device's clock")).toHaveCount(0);

    // Another practice, in another zone: the same moment, on its clock.
    await page.getByLabel("Practice", { exact: true }).selectOption({ label: newYorkName });
    const newYork = page.getByLabel("Started at (America/New York, practice time)");
    await expect(newYork).toBeVisible();
    expect(fromZonedInput(await newYork.inputValue(), "America/New_York")).toEqual(shown);
  });

  test("the audit log's filters apply as they are chosen, with no Filter button", async ({
    page,
  }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await expect(filters.getByRole("button", { name: "Search" })).toBeVisible();
    await expect(filters.getByRole("button", { name: /^(Filter|Apply)$/ })).toHaveCount(0);
    await filters.getByLabel("What").selectOption({ label: "Practices" });
    await expect(page).toHaveURL(/\/audit\?(.*&)?entity=practice(&|$)/);
    await expect(filters.getByLabel("What")).toHaveValue("practice");
    // The action text applies with Enter.
    await filters.getByLabel("Action contains").fill("create");
    await filters.getByLabel("Action contains").press("Enter");
    await expect(page).toHaveURL(/action=create/);
    await expect(page).toHaveURL(/entity=practice/);
  });
});
