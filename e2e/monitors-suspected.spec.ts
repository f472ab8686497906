import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

/** A tRPC call through the API, as the signed-in user of the page (the UI would do the same). */
async function call<T>(page: Page, procedure: string, input: unknown, query = false): Promise<T> {
  const response = query
    ? await page.request.get(
        `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      )
    : await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("40 Elm St, Springfield, IL 62701");
  await site.getByLabel("Phone").fill("(217) 555-0190");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test("the EHR's site switched off shows a suspected outage on the portfolio by itself, declared from there", async ({
  page,
}) => {
  test.setTimeout(150_000);
  let serving = true;
  const site = http.createServer((_request, response) => {
    response.writeHead(serving ? 200 : 503, { "content-type": "text/html" });
    response.end(serving ? "EHR sign in" : "down for maintenance");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/login`;
  try {
    const practiceName = `Suspect Clinic ${Date.now()}`;
    const practiceId = await createPractice(page, practiceName);
    await call(page, "dependencies.applyStarterMap", { practiceId });
    const map = await call<{ systems: { id: string; name: string }[] }>(
      page,
      "dependencies.map",
      { practiceId },
      true,
    );
    const ehr = map.systems.find((system) => system.name === "EHR")!;
    await call(page, "monitors.create", {
      practiceId,
      systemId: ehr.id,
      name: "EHR portal",
      kind: "http",
      target: siteUrl,
      intervalSeconds: 30,
      failureThreshold: 1,
      recoveryThreshold: 1,
    });

    // The portfolio is open when the site goes down: the suspected outage appears without a reload.
    await page.goto("/portfolio");
    const panel = page.getByRole("region", { name: /Suspected outages/ });
    await expect(panel).toBeHidden();
    serving = false;
    const suspected = page.getByRole("group", { name: `EHR is down at ${practiceName}` });
    await expect(suspected).toBeVisible({ timeout: 90_000 });

    // Declared from there: the form is pre-filled with the EHR and says where it came from.
    await suspected.getByRole("link", { name: "Declare" }).click();
    await expect(page.getByText(/From the monitors: EHR has been down since/)).toBeVisible();
    await page.getByText("Major", { exact: false }).first().click();
    await page.getByRole("radio", { name: /No/ }).first().check();
    await page
      .getByRole("button", { name: /Declare/ })
      .last()
      .click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}/);
    await expect(page.getByRole("region", { name: "Monitors" })).toContainText("EHR portal");

    // It has left the portfolio's suspected outages, and is in the practice's history as declared.
    await page.goto(`/practices/${practiceId}`);
    await expect(page.getByRole("list", { name: "Past suspected outages" })).toContainText(
      "Declared",
    );
  } finally {
    await new Promise<void>((resolve) => site.close(() => resolve()));
  }
});
