import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

/** A tRPC mutation through the API, as the signed-in user of the page (the UI would do the same). */
async function call<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
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

/** Reloads until the monitor shows this state (the worker checks in the background). */
async function expectState(page: Page, name: string, state: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText(state, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 45_000 });
}

test("an HTTP monitor on the EHR goes up, then down when the site is switched off; a heartbeat's address is shown once", async ({
  page,
}) => {
  test.setTimeout(120_000);
  let serving = true;
  const site = http.createServer((_request, response) => {
    response.writeHead(serving ? 200 : 503, { "content-type": "text/html" });
    response.end(serving ? "EHR sign in" : "down for maintenance");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/login`;
  try {
    const practiceId = await createPractice(page, `Monitor Clinic ${Date.now()}`);
    await page.goto(`/practices/${practiceId}/monitors`);
    await expect(page.getByRole("heading", { name: "No monitors yet" })).toBeVisible();
    await call(page, "dependencies.applyStarterMap", { practiceId });
    await page.reload();
    await expect(page.getByText(/Add one for the EHR first/)).toBeVisible();

    // Clear errors next to the fields: a metadata address, then too short an interval.
    await page.getByRole("button", { name: "Add monitor" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a monitor" });
    await dialog.getByLabel("Name").fill("EHR portal");
    await dialog.getByLabel("System it watches").selectOption({ label: "EHR" });
    await dialog.getByLabel("Address").fill("http://169.254.169.254/latest/meta-data/");
    await dialog.getByRole("button", { name: "Add monitor" }).click();
    await expect(dialog.getByText(/is not a public internet address/)).toBeVisible();
    await dialog.getByLabel("Address").fill(siteUrl);
    await dialog.getByLabel("Check every (seconds)").fill("10");
    await dialog.getByRole("button", { name: "Add monitor" }).click();
    await expect(dialog.getByText("The interval must be at least 30.")).toBeVisible();
    await dialog.getByLabel("Check every (seconds)").fill("30");
    await dialog.getByLabel("Keyword", { exact: true }).fill("Sign in");
    await dialog.getByLabel("Failures before down").fill("1");
    await dialog.getByRole("button", { name: "Add monitor" }).click();
    await expect(dialog).toBeHidden();

    // Case matters for the keyword: "Sign in" is not on the page, so the first check fails.
    await expectState(page, "EHR portal", "Down");
    await expect(page.getByText('The page does not contain "Sign in".')).toBeVisible();
    await page.getByRole("button", { name: "Edit EHR portal" }).click();
    const edit = page.getByRole("dialog", { name: "Edit EHR portal" });
    await edit.getByLabel("Keyword", { exact: true }).fill("EHR sign in");
    await edit.getByLabel("Successes before up again").fill("1");
    await edit.getByRole("button", { name: "Save monitor" }).click();
    await expect(edit).toBeHidden();
    await expectState(page, "EHR portal", "Up");

    serving = false;
    await expectState(page, "EHR portal", "Down");
    await expect(page.getByText("Answered 503.")).toBeVisible();

    // A heartbeat: its secret address once; a call to it is taken.
    await page.getByRole("button", { name: "Add monitor" }).click();
    await dialog.getByLabel("Name").fill("Front desk server");
    await dialog
      .getByLabel("What to check")
      .selectOption({ label: "Heartbeat (pushed from the clinic)" });
    await dialog.getByRole("button", { name: "Add monitor" }).click();
    const address = await page.getByTestId("push-url").textContent();
    expect(address).toMatch(/\/api\/monitors\/push\/[A-Za-z0-9_-]{43}$/);
    const pushed = await page.request.post(address!);
    expect(pushed.status()).toBe(200);
    expect((await page.request.post(`${address!.slice(0, -4)}AAAA`)).status()).toBe(404);

    // Paused with a reason.
    await page
      .getByRole("listitem")
      .filter({ hasText: "Front desk server" })
      .getByRole("button", { name: "Pause" })
      .click();
    const pause = page.getByRole("dialog", { name: "Pause Front desk server" });
    await pause.getByLabel("Why").fill("Server being replaced");
    await pause.getByRole("button", { name: "Pause monitor" }).click();
    await expect(page.getByText("Paused: Server being replaced")).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/monitors-phone.png", fullPage: true });
  } finally {
    site.close();
  }
});
