import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";
import { mutate, query } from "./trpc";

/**
 * The incident room on a phone (390 × 844), run from one hand under stress: the three actions an
 * outage needs (call the vendor, post an update, change the status) under the thumb, the timeline
 * first, toasts at the bottom clear of the outage banner, nothing wider than the screen. The outage
 * is set up through the tRPC HTTP API with the signed-in page's cookies; the rest is done on the page.
 */

const phone = { width: 390, height: 844 };

type System = {
  id: string;
  name: string;
  category: string;
  criticality: string;
  owner: string;
  notes: string;
  version: number;
};

/**
 * A practice of its own with the starter map and its EHR down; with `vendor`, an EHR vendor of
 * the MSP's catalog runs that EHR, linked to the practice with an escalation ladder.
 */
async function declareOutage(page: Page, label: string, vendor?: { name: string; phone: string }) {
  const { id: practiceId } = await mutate<{ id: string }>(page, "practices.create", {
    name: `${label} ${Date.now()}`,
    timezone: "America/Denver",
    ehrProduct: "ModMed EMA",
    downtimeCostPerMinuteCents: 2_500,
    isNewOffice: false,
    isMigrating: false,
    sites: [
      { name: "Main office", address: "17 Aspen Way, Boulder, CO 80302", phone: "(303) 555-0199" },
    ],
  });
  await mutate(page, "dependencies.applyStarterMap", { practiceId });
  const map = await query<{ systems: System[] }>(page, "dependencies.map", { practiceId });
  const ehr = map.systems.find((system) => system.name === "EHR")!;
  if (vendor) {
    const { id: vendorId } = await mutate<{ id: string }>(page, "vendors.create", {
      name: vendor.name,
      category: "ehr",
      supportPhone: "(561) 555-0100",
      portalUrl: "",
      supportHours: "24/7",
      baaOnFile: true,
      contractNotes: "",
    });
    await mutate(page, "vendors.link", {
      practiceId,
      vendorId,
      accountNumber: "PH-2048",
      notes: "",
      ladder: [
        { name: "Support line", role: "Front line", phone: vendor.phone, email: "", hours: "24/7" },
      ],
    });
    await mutate(page, "dependencies.updateSystem", {
      practiceId,
      systemId: ehr.id,
      version: ehr.version,
      name: ehr.name,
      category: ehr.category,
      criticality: ehr.criticality,
      owner: ehr.owner,
      vendorId,
      siteId: null,
      notes: ehr.notes,
    });
  }
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [ehr.id],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 15,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  return { practiceId, incidentId, url: `/practices/${practiceId}/incidents/${incidentId}` };
}

/** Leave no open outage behind for the red banner of other journeys. */
async function resolve(page: Page, practiceId: string, incidentId: string) {
  const { incident } = await query<{ incident: { version: number; status: string } }>(
    page,
    "incidents.get",
    { practiceId, incidentId },
  );
  if (incident.status === "resolved") return;
  await mutate(page, "incidents.changeStatus", {
    practiceId,
    incidentId,
    status: "resolved",
    note: "",
    version: incident.version,
  });
}

async function openRoom(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "EHR down" })).toBeVisible();
  // The room's scripts run and its live stream is open (a busy machine can take a while).
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^\s*Live\s*$/ })
      .first(),
  ).toBeVisible({ timeout: 15_000 });
}

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  expect(found, "the element is laid out").not.toBeNull();
  return found!;
};

const actionBar = (page: Page) => page.getByRole("navigation", { name: "Outage actions" });

test.use({ storageState: storageStateOf("admin") });

test("on a phone the room's actions sit in a bar at the bottom, the timeline comes first and toasts come up from the bottom", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    storageState: storageStateOf("admin"),
    viewport: phone,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const vendorName = `Phone EHR ${Date.now()}`;
  const { practiceId, incidentId, url } = await declareOutage(page, "Phone Room Clinic", {
    name: vendorName,
    phone: "(561) 555-0191",
  });
  await openRoom(page, url);

  // The bar: at the very bottom of the screen, with the three actions.
  const bar = actionBar(page);
  await expect(bar).toBeVisible();
  const barBox = await box(bar);
  expect(barBox.y + barBox.height).toBeCloseTo(phone.height, 0);
  const call = bar.getByRole("link", { name: new RegExp(`^Call ${vendorName}`) });
  await expect(call).toBeVisible();
  // The EHR's vendor, on the first level of the practice's ladder.
  await expect(call).toHaveAttribute("href", "tel:5615550191");
  await expect(call).toContainText("(561) 555-0191");
  const postUpdate = bar.getByRole("link", { name: "Post update" });
  const changeStatus = bar.getByRole("link", { name: "Change status" });
  await expect(postUpdate).toBeVisible();
  await expect(changeStatus).toBeVisible();

  // The timeline (with its update form) comes before every other panel.
  const timeline = page.getByRole("region", { name: "Timeline" });
  const timelineTop = (await box(timeline)).y;
  for (const name of [
    "Status and owner",
    "Vendor tickets",
    "Triage: local or vendor-wide?",
    "What is down",
  ]) {
    const panel = page.getByRole("region", { name, exact: true });
    await expect(panel).toHaveCount(1);
    expect((await box(panel)).y, `the timeline is above "${name}"`).toBeGreaterThan(timelineTop);
  }

  // No keyboard shortcut on a touch screen, and nothing wider than the phone.
  await expect(page.getByText("Everyone watching sees it at once.")).toBeVisible();
  await expect(page.getByText("Ctrl+Enter posts it.")).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phone.width,
  );
  // The practice's tab strip scrolls sideways instead of squeezing its tabs.
  const tabs = page.getByRole("navigation", { name: "Practice" }).getByRole("list");
  expect(await tabs.evaluate((list) => list.scrollWidth > list.clientWidth)).toBe(true);
  expect((await box(tabs)).width).toBeLessThanOrEqual(phone.width);
  for (const tab of await page
    .getByRole("navigation", { name: "Practice" })
    .getByRole("link")
    .all())
    expect((await box(tab)).height, "each tab is one line").toBeLessThan(48);

  // Post update: the cursor waits in the update form; posting shows a toast at the bottom, above the bar.
  await postUpdate.click();
  const composer = page.getByLabel("Post an update");
  await expect(composer).toBeFocused();
  const update = `Front desk on paper; vendor called from the phone (${Date.now()}).`;
  await composer.fill(update);
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(composer).toHaveValue("");
  await expect(
    page.getByRole("log", { name: "Timeline, newest first" }).getByRole("listitem").filter({
      hasText: update,
    }),
  ).toHaveCount(1);
  const posted = page.locator("[data-sonner-toast]").filter({ hasText: "Update posted" });
  await expect(posted).toBeVisible();
  // The toast slides up into place: measured once it has arrived, not while it moves.
  const barTop = (await box(bar)).y;
  await expect
    .poll(
      async () => {
        const toast = await box(posted);
        return toast.y + toast.height;
      },
      { message: "the toast is above the bar" },
    )
    .toBeLessThanOrEqual(barTop + 1);
  const toastBox = await box(posted);
  expect(toastBox.y, "the toast is in the bottom half").toBeGreaterThan(phone.height / 2);
  // The outage banner at the top stays uncovered.
  const banner = page.getByRole("region", { name: "Open outages" });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(banner).toBeVisible();
  expect((await box(banner)).y + (await box(banner)).height).toBeLessThan((await box(posted)).y);

  // Change status: the status choices come up with the first one focused.
  await changeStatus.click();
  const identified = page.getByRole("radio", { name: "Identified" });
  await expect(identified).toBeFocused();
  await identified.check();
  await page.getByRole("button", { name: "Change to Identified" }).click();
  await expect(
    page.locator("[data-sonner-toast]").filter({ hasText: "Status: Identified" }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Incident summary" }).getByText("Status: Identified"),
  ).toBeVisible();

  // Nothing hides behind the bar: the end of the page scrolls clear of it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const lastPanel = page.getByRole("region", { name: "What is down", exact: true });
  await expect(lastPanel).toBeInViewport();
  expect((await box(lastPanel)).y + (await box(lastPanel)).height).toBeLessThanOrEqual(
    (await box(bar)).y,
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phone.width,
  );

  // On a desktop the bar is gone, the shortcut is offered and the timeline sits beside the work.
  const desktop = await browser.newContext({
    storageState: storageStateOf("admin"),
    viewport: { width: 1280, height: 900 },
  });
  const wide = await desktop.newPage();
  await openRoom(wide, url);
  await expect(wide.getByRole("region", { name: "Timeline" })).toBeVisible();
  await expect(actionBar(wide)).toBeHidden();
  await expect(wide.getByText("Ctrl+Enter posts it.")).toBeVisible();
  const statusBox = await box(wide.getByRole("region", { name: "Status and owner" }));
  expect((await box(wide.getByRole("region", { name: "Timeline" }))).x).toBeGreaterThan(
    statusBox.x + statusBox.width,
  );

  await resolve(page, practiceId, incidentId);
  await Promise.all([context.close(), desktop.close()]);
});

test("on a phone, a practice with no vendor to call is sent to add one instead of a dead button", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateOf("admin"),
    viewport: phone,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const { practiceId, incidentId, url } = await declareOutage(page, "No Vendor Clinic");
  await openRoom(page, url);

  const add = actionBar(page).getByRole("link", { name: /^Add vendor/ });
  await expect(add).toBeVisible();
  await expect(add).toHaveAttribute("href", `/practices/${practiceId}/vendors`);
  await expect(actionBar(page).getByRole("link", { name: /^Call / })).toHaveCount(0);
  await add.click();
  await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/vendors$`));

  await resolve(page, practiceId, incidentId);
  await context.close();
});
