import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

async function call<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function get<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("a down monitor shows on its system in the dependency map, first in the MSP-wide list, and on its own page with charts", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const site = http.createServer((_request, response) => {
    response.writeHead(503, { "content-type": "text/plain" });
    response.end("down for maintenance");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  try {
    const name = `Monitor Views Clinic ${Date.now()}`;
    await page.goto("/practices/new");
    await page.getByLabel("Practice name").fill(name);
    await page.getByLabel("Time zone").selectOption("America/Chicago");
    const siteGroup = page.getByRole("group", { name: "Site 1" });
    await siteGroup.getByLabel("Address").fill("40 Elm St, Springfield, IL 62701");
    await siteGroup.getByLabel("Phone").fill("(217) 555-0190");
    await page.getByRole("button", { name: "Create practice" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const practiceId = /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await call(page, "dependencies.applyStarterMap", { practiceId });
    const systems = await get<{ id: string; name: string }[]>(page, "monitors.systems", {
      practiceId,
    });
    const ehr = systems.find((system) => system.name === "EHR")!;
    const monitorName = `EHR gateway ${Date.now()}`;
    const { id: monitorId } = await call<{ id: string }>(page, "monitors.create", {
      practiceId,
      systemId: ehr.id,
      name: monitorName,
      kind: "http",
      target: siteUrl,
      intervalSeconds: 30,
      timeoutSeconds: 5,
      failureThreshold: 1,
    });
    // The worker checks it at once: down after its first failure.
    await expect(async () => {
      const { monitor } = await get<{ monitor: { status: string } }>(page, "monitors.get", {
        practiceId,
        monitorId,
      });
      expect(monitor.status).toBe("down");
    }).toPass({ timeout: 45_000 });

    // The map's table: the EHR row says Down (icon and word), linked to the monitors.
    await page.goto(`/practices/${practiceId}/dependencies`);
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /^EHR/ }) });
    await expect(row.getByTestId("system-monitor-state")).toContainText("Down");
    const internetRow = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Firewall" }) });
    await expect(internetRow).toContainText("No monitors");
    // The diagram: the EHR's node carries the same state.
    await page.goto(`/practices/${practiceId}/dependencies?view=diagram`);
    await expect(page.getByRole("link", { name: /Down — monitors of EHR/ })).toBeVisible();
    await page.getByRole("link", { name: /Down — monitors of EHR/ }).click();
    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/monitors$`));

    // Across the MSP: down first; filtered by state and practice.
    await page.goto("/monitors");
    await expect(page.getByRole("heading", { name: "Monitors", exact: true })).toBeVisible();
    await expect(page.getByTestId("msp-monitor").first()).toContainText("Down");
    await page.getByLabel("State").selectOption("down");
    await expect(page).toHaveURL(/status=down/);
    await page.getByLabel("Practice").selectOption({ label: name });
    await expect(page).toHaveURL(/practice=/);
    const item = page.getByTestId("msp-monitor").filter({ hasText: monitorName });
    await expect(item).toContainText("Down");
    await expect(page.getByTestId("msp-monitor")).toHaveCount(1);
    await page.getByLabel("State").selectOption("up");
    await expect(page.getByRole("heading", { name: "No monitors match" })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/monitors?practice=${practiceId}`);
    await expect(page.getByTestId("msp-monitor")).toHaveCount(1);
    await page.screenshot({ path: "test-results/monitors-msp-phone.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Its page: the state, the charts with their summary, and the figures as a table.
    await page.getByRole("link", { name: monitorName }).click();
    await expect(page).toHaveURL(new RegExp(`/monitors/${monitorId}$`));
    await expect(page.getByRole("heading", { name: "Last 24 hours" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Last 30 days" })).toBeVisible();
    await expect(page.getByText(/Last 24 hours: \d+ checks?, available 0\.00%/)).toBeVisible();
    await expect(page.getByRole("img", { name: /^Response time, Last 24 hours/ })).toBeVisible();
    await page.getByText("The figures as a table").first().click();
    await expect(page.getByRole("table", { name: /Last 24 hours: checks/ })).toBeVisible();
    await page.screenshot({ path: "test-results/monitor-page.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/monitor-page-phone.png", fullPage: true });
  } finally {
    site.close();
  }
});
