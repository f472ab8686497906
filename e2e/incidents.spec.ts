import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";
import { createPractice, mutate, query } from "./trpc";

/**
 * Declaring outages, the open-outage banner, the incident lists and vendor-wide linking. What a
 * test needs besides the journey itself (practices, systems, vendors, other incidents) is made
 * through the tRPC HTTP API with the signed-in page's cookies and the superjson envelope { json: … }.
 */

async function createEhr(page: Page, practiceId: string, vendorId: string | null): Promise<string> {
  const { id } = await mutate<{ id: string }>(page, "dependencies.createSystem", {
    practiceId,
    name: "EHR",
    category: "ehr",
    criticality: "critical",
    owner: "",
    vendorId,
    siteId: null,
    notes: "",
  });
  return id;
}

async function declare(
  page: Page,
  practiceId: string,
  systemId: string,
  title: string,
): Promise<string> {
  const { id } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title,
    systemIds: [systemId],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date().toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  return id;
}

async function adminPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  return { context, page: await context.newPage() };
}

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

test.describe("on a phone", () => {
  test.use({ storageState: storageStateOf("manager"), viewport: { width: 390, height: 844 } });

  test("a practice manager declares an outage in a few taps; the red banner follows them, and leadership sees it too", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    // Lakeside may have no map yet: an admin puts the usual clinic systems on it (adds only what is missing).
    const admin = await adminPage(browser);
    const listed = await query<{ items: { id: string; name: string }[] }>(
      admin.page,
      "practices.list",
      { search: "Lakeside Family Medicine" },
    );
    const practiceId = listed.items.find(
      (practice) => practice.name === "Lakeside Family Medicine",
    )!.id;
    await mutate(admin.page, "dependencies.applyStarterMap", { practiceId });
    // An outage is already open at Lakeside (the phones): the page leads to it, and the manager
    // declares the EHR outage as a separate one, knowingly. (Other journeys' outages are theirs.)
    const map = await query<{ systems: { id: string; name: string }[] }>(
      admin.page,
      "dependencies.map",
      { practiceId },
    );
    const phoneSystem =
      map.systems.find((system) => /phone/i.test(system.name)) ??
      map.systems.find((system) => !/^EHR/.test(system.name))!;
    const phones = await mutate<{ id: string }>(admin.page, "incidents.declare", {
      practiceId,
      title: `Phones down ${Date.now()}`,
      systemIds: [phoneSystem.id],
      severity: "minor",
      patientCareInterrupted: false,
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      ownerName: "",
      updateEveryMinutes: 30,
      confirmDuplicate: true,
    });

    // Leadership of the same practice is already looking at another page; it will not navigate.
    const leadership = await browser.newContext({
      storageState: storageStateOf("leadership"),
      viewport: { width: 390, height: 844 },
    });
    const leadershipPage = await leadership.newPage();
    await leadershipPage.goto("/portfolio");
    await expect(
      leadershipPage.getByRole("heading", { level: 1, name: "My practices" }),
    ).toBeVisible();
    await expect(leadershipPage.getByRole("link", { name: "Declare an outage" })).toHaveCount(0);

    await page.goto(`/practices/${practiceId}`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Declare an outage" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Go to the open outage" }).first()).toBeVisible();
    await page.goto(`/incidents/new?practiceId=${practiceId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Declare an outage" })).toBeVisible();
    await expect(page.getByText("Practice: Lakeside Family Medicine")).toBeVisible();
    await page
      .getByRole("region", { name: "Open outage at this practice" })
      .getByRole("button", { name: "Declare a separate outage" })
      .click();
    await page
      .getByRole("dialog", { name: "Declare a separate outage?" })
      .getByRole("button", { name: "Yes, a separate outage" })
      .click();
    const submit = page.getByRole("button", { name: "Declare a separate outage", exact: true });

    // What is down: the EHR. What depends on it shows up as it is tapped.
    const ehr = page.getByRole("checkbox", { name: /^EHR/ });
    await expect(ehr).toBeVisible();
    const box = await ehr.locator("xpath=ancestor::label").boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await ehr.check();
    const alsoAffected = page.getByRole("list", { name: "Also affected" });
    await expect(alsoAffected.getByRole("listitem")).toContainText([
      "Billing",
      "e-Prescribing",
      "Lab interface",
    ]);

    // Nothing else chosen: the form says what is missing, next to the question.
    await submit.click();
    await expect(page.getByText("Choose a severity.")).toBeVisible();
    await expect(page.getByText("Say whether patient care is interrupted.")).toBeVisible();

    await page.getByRole("radio", { name: /^Critical/ }).check();
    await page.getByRole("radio", { name: "Yes" }).check();
    await submit.click();

    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/incidents/${uuid}$`));
    const incidentPath = new URL(page.url()).pathname;

    // The banner is on every other page, with a way back to the incident.
    await page.goto("/portfolio");
    const banner = page.getByRole("region", { name: "Open outages" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("Lakeside Family Medicine");
    const bannerLink = banner.locator(`a[href="${incidentPath}"]`);
    await expect(bannerLink).toHaveText("EHR down");
    const bannerBox = await banner.boundingBox();
    expect(bannerBox!.y).toBeLessThan(10);
    expect(bannerBox!.width).toBeLessThanOrEqual(390);

    // The practice's Incidents tab lists it.
    await page.goto(`/practices/${practiceId}/incidents`);
    await expect(
      page.getByRole("navigation", { name: "Practice" }).getByRole("link", { name: "Incidents" }),
    ).toHaveAttribute("aria-current", "page");
    const card = page
      .getByRole("list", { name: "Incidents at Lakeside Family Medicine" })
      .getByRole("listitem")
      .filter({ has: page.locator(`a[href="${incidentPath}"]`) });
    await expect(card).toContainText("Critical");
    await expect(card).toContainText("Investigating");

    // Leadership's page picks the outage up by itself (the banner asks again every 30 seconds).
    const leadershipBanner = leadershipPage.getByRole("region", { name: "Open outages" });
    await expect(leadershipBanner.locator(`a[href="${incidentPath}"]`)).toBeVisible({
      timeout: 45_000,
    });
    await expect(leadershipBanner).toContainText("Lakeside Family Medicine");
    await leadership.close();

    // The phones are back: that outage is resolved (this journey's EHR outage stays open).
    const view = await query<{ incident: { version: number } }>(admin.page, "incidents.get", {
      practiceId,
      incidentId: phones.id,
    });
    await mutate(admin.page, "incidents.changeStatus", {
      practiceId,
      incidentId: phones.id,
      status: "resolved",
      note: "",
      version: view.incident.version,
    });
    await admin.context.close();
  });
});

test.describe("the MSP's incident list", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("an admin filters by status and practice and finds the outage", async ({ page }) => {
    const stamp = Date.now();
    const practiceName = `Zephyr Filter Clinic ${stamp}`;
    const practiceId = await createPractice(page, practiceName);
    const ehr = await createEhr(page, practiceId, null);
    const title = `Filter test outage ${stamp}`;
    const incidentId = await declare(page, practiceId, ehr, title);

    await page.goto("/incidents");
    await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    const filters = page.getByRole("search", { name: "Filter incidents" });
    // Each choice applies at once: no Filter button.
    await filters.getByLabel("Status").selectOption("open");
    await expect(page).toHaveURL(/status=open/);
    await filters.getByLabel("Practice").selectOption({ label: practiceName });
    await expect(page).toHaveURL(new RegExp(`status=open&practice=${practiceId}`));

    const table = page.getByRole("table", { name: "Incidents" });
    await expect(table.getByRole("row")).toHaveCount(2);
    const row = table.getByRole("row", { name: new RegExp(title) });
    await expect(row.getByRole("link", { name: title })).toHaveAttribute(
      "href",
      `/practices/${practiceId}/incidents/${incidentId}`,
    );
    await expect(row).toContainText(practiceName);
    await expect(row).toContainText("Critical");
    await expect(row).toContainText("Investigating");
    await expect(row).toContainText(/M[SD]T/);

    // Still open, so not among the resolved ones.
    await filters.getByLabel("Status").selectOption("resolved");
    await expect(
      page.getByRole("heading", { name: "No incidents match these filters" }),
    ).toBeVisible();
  });

  test("two practices down on the same EHR vendor: linked as one vendor-wide incident", async ({
    page,
  }) => {
    const stamp = Date.now();
    const vendor = `Vendorwide EHR Co ${stamp}`;
    const { id: vendorId } = await mutate<{ id: string }>(page, "vendors.create", {
      name: vendor,
      category: "ehr",
      supportPhone: "",
      portalUrl: "",
      supportHours: "",
      baaOnFile: true,
      contractNotes: "",
    });
    const practices = [`Zephyr North Clinic ${stamp}`, `Zephyr South Clinic ${stamp}`];
    const titles: string[] = [];
    for (const name of practices) {
      const practiceId = await createPractice(page, name);
      const ehr = await createEhr(page, practiceId, vendorId);
      titles.push(`${name}: EHR down`);
      await declare(page, practiceId, ehr, titles.at(-1)!);
    }

    await page.goto("/incidents");
    const panel = page.getByRole("region", { name: "Looks vendor-wide" });
    const suggestion = panel.getByRole("group", {
      name: `2 practices have open incidents on ${vendor} systems`,
    });
    await expect(suggestion).toBeVisible();
    for (const title of titles)
      await expect(suggestion.getByRole("link", { name: title })).toBeVisible();

    await suggestion.getByRole("button", { name: "Link as one vendor-wide incident" }).click();
    const confirm = page.getByRole("dialog", { name: `Link as one ${vendor} outage?` });
    await confirm.getByRole("button", { name: "Link them" }).click();
    await expect(page.getByText(`Linked as one ${vendor} outage`)).toBeVisible();
    await expect(suggestion).toHaveCount(0);

    // The list, filtered to the vendor: both incidents, each marked vendor-wide.
    const filters = page.getByRole("search", { name: "Filter incidents" });
    await filters.getByLabel("Vendor").selectOption({ label: vendor });
    await expect(page).toHaveURL(new RegExp(`vendor=${vendorId}`));
    const table = page.getByRole("table", { name: "Incidents" });
    await expect(table.getByRole("row")).toHaveCount(3);
    for (const title of titles)
      await expect(table.getByRole("row", { name: new RegExp(title) })).toContainText(
        "Vendor-wide",
      );
  });
});
