import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers, storageStateOf } from "./roles";
import { mutate, query } from "./trpc";

test.use({ storageState: storageStateOf("admin") });

/**
 * The plan itself is filled in through the tRPC HTTP API (the plan editor is its own journey,
 * e2e/plan.spec.ts), with the signed-in page's cookies and the superjson envelope { json: … }.
 */
type PlanStatus = {
  published: { number: number } | null;
  packet: { lastPrintedAt: string; versionNumber: number; stale: boolean } | null;
};

const owner = {
  name: "Dana Whitfield",
  role: "Office manager",
  phone: "(555) 010-2030",
  altPhone: "",
  email: "",
};
const backup = {
  name: "Chris Ortega",
  role: "Lead medical assistant",
  phone: "(555) 010-4455",
  altPhone: "",
  email: "",
};
const triageSteps = [
  "Look at the modem: are its lights green?",
  "Try a website on a wired workstation.",
  "Call Summit IT on (555) 010-7000.",
];

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("40 Harbor Way, Springfield, IL 62703");
  await site.getByLabel("Phone").fill("(217) 555-0140");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test("the downtime packet: printed and downloaded from the published plan, and flagged stale by the next version", async ({
  page,
  browser,
}) => {
  const name = `Packet Test Clinic ${Date.now()}`;
  const practiceId = await createPractice(page, name);
  const packetUrl = `/print/practices/${practiceId}/packet`;

  // Nothing published yet: a clear message, not an error.
  await page.goto(packetUrl);
  await expect(page.getByRole("heading", { name: "No published plan yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the plan" })).toHaveAttribute(
    "href",
    `/practices/${practiceId}/plan`,
  );
  expect((await page.request.get(`${packetUrl}.pdf`)).status()).toBe(409);

  await mutate(page, "plans.saveSection", {
    practiceId,
    version: 0,
    section: "outageOwner",
    content: { owner, backup },
  });
  await mutate(page, "plans.saveSection", {
    practiceId,
    version: 0,
    section: "triage",
    content: { steps: triageSteps.map((text) => ({ text })) },
  });
  expect(await mutate<{ number: number }>(page, "plans.publish", { practiceId })).toMatchObject({
    number: 1,
  });

  // window.print would open a dialog; count the calls instead.
  await page.addInitScript(() => {
    const counted = window as unknown as { printCalls: number };
    counted.printCalls = 0;
    window.print = () => {
      counted.printCalls += 1;
    };
  });
  await page.goto(packetUrl);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const ownerSection = page.getByRole("region", { name: "Outage owner" });
  await expect(ownerSection.getByText("Dana Whitfield")).toBeVisible();
  await expect(ownerSection.getByRole("link", { name: "(555) 010-2030" })).toBeVisible();
  await expect(ownerSection.getByText("Chris Ortega")).toBeVisible();
  await expect(page.getByRole("region", { name: "Triage" }).getByRole("listitem")).toHaveText(
    triageSteps,
  );
  await expect(page.getByText(/Version 1, published .* by Alex Rivera/).first()).toBeVisible();

  await page.getByRole("button", { name: "Print" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls))
    .toBe(1);
  const printed = await query<PlanStatus>(page, "plans.get", { practiceId });
  expect(printed.packet).toMatchObject({ versionNumber: 1, stale: false });
  expect(printed.packet?.lastPrintedAt).toBeTruthy();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^downtime-packet-packet-test-clinic-\d+-v1\.pdf$/);
  const file = await readFile(await download.path());
  expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(file.length).toBeGreaterThan(2000);

  // A newer version makes the printed binder stale.
  await mutate(page, "plans.saveSection", {
    practiceId,
    version: 1,
    section: "triage",
    content: {
      steps: [...triageSteps, "Check the EHR vendor's status page."].map((text) => ({ text })),
    },
  });
  expect(await mutate<{ number: number }>(page, "plans.publish", { practiceId })).toMatchObject({
    number: 2,
  });
  const afterPublish = await query<PlanStatus>(page, "plans.get", { practiceId });
  expect(afterPublish.published?.number).toBe(2);
  expect(afterPublish.packet).toMatchObject({ versionNumber: 1, stale: true });
  // This page still shows version 1: printing it is refused, with the way to the current one.
  await page.getByRole("button", { name: "Print" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Version 2 of this plan was published after" }),
  ).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(
    1,
  );
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("button", { name: "Reload" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Triage" }).getByRole("listitem")).toHaveCount(4);

  // A practice manager of another practice: not found, on the page and for the file.
  const manager = await browser.newContext({ storageState: storageStateOf("manager") });
  const managerPage = await manager.newPage();
  await managerPage.goto(packetUrl);
  await expect(managerPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(managerPage.getByText(name)).toHaveCount(0);
  expect((await managerPage.request.get(`${packetUrl}.pdf`)).status()).toBe(404);
  await manager.close();

  // No session: sent to sign-in, and back to the packet afterwards.
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(packetUrl);
  await expect(visitorPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(new URL(visitorPage.url()).searchParams.get("callbackUrl")).toBe(packetUrl);
  const pdfWithoutSession = await visitorPage.request.get(`${packetUrl}.pdf`, { maxRedirects: 0 });
  expect([303, 307]).toContain(pdfWithoutSession.status());
  expect(pdfWithoutSession.headers().location).toContain("/sign-in");
  await visitor.close();
});

test("the packet lists whom to call at the vendors of the critical systems", async ({ page }) => {
  // The demo seed publishes Cedar Grove's plan and links its EHR and internet vendors, with escalation ladders.
  await page.goto("/portfolio?q=Cedar");
  const href = await page
    .getByRole("link", { name: "Cedar Grove Dermatology" })
    .getAttribute("href");
  await page.goto(`/print${href}/packet`);
  const vendors = page.getByRole("region", { name: "Vendor contacts" });
  await expect(vendors.getByText("ModMed", { exact: true })).toBeVisible();
  await expect(vendors.getByText("CGD-20417")).toBeVisible();
  await expect(
    vendors.getByRole("list", { name: "Escalation ladder of ModMed" }).getByRole("listitem"),
  ).toHaveCount(2);
});

test("a session that has ended is sent to sign-in, from the page and from the file", async ({
  browser,
}) => {
  // Sign in, keep the cookie, sign out: the cookie still gets past proxy.ts, but its session is revoked.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demoUsers.leadership);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const practiceUrl = page.url();
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await context.addCookies(cookies);

  const practiceId =
    /\/practices\/([0-9a-f-]{36})/.exec(practiceUrl)?.[1] ?? "00000000-0000-4000-8000-000000000000";
  const packetUrl = `/print/practices/${practiceId}/packet`;
  const file = await context.request.get(`${packetUrl}.pdf`, { maxRedirects: 0 });
  expect(file.status()).toBe(303);
  expect(file.headers().location).toMatch(/^\/sign-in\?/);
  await page.goto(packetUrl);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Your session ended. Sign in again to continue.")).toBeVisible();
  await context.close();
});
