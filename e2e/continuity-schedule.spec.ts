import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";
import { mutate, query } from "./trpc";

/**
 * The continuity schedule (issue 19): the demo practice Lakeside Family Medicine keeps a synthetic
 * schedule copy. During an outage the MSP's technician marks a cancellation and adds a walk-in on
 * the schedule; after the outage both are lines of the incident's recovery reconciliation, ticked as
 * entered into the EHR; and the day prints with the copy's time and a block per provider.
 */

const providers = ["Dr. Amara Fenwick", "Dr. Helena Brightwater", "Dr. Theo Marchetti"];

async function lakesideId(page: Page): Promise<string> {
  const practices = await query<{ items: { id: string; name: string }[] }>(page, "practices.list", {
    search: "Lakeside",
  });
  return practices.items.find((practice) => practice.name === "Lakeside Family Medicine")!.id;
}

/** An outage at Lakeside on a system of its own, so Lakeside's map stays as other journeys expect it. */
async function declareLakesideOutage(page: Page, practiceId: string) {
  const systemName = `Cloud EHR (schedule test ${Date.now()})`;
  await mutate(page, "dependencies.createSystem", {
    practiceId,
    name: systemName,
    category: "ehr",
    criticality: "critical",
    owner: "",
    vendorId: null,
    siteId: null,
    notes: "",
  });
  const map = await query<{ systems: { id: string; name: string }[] }>(page, "dependencies.map", {
    practiceId,
  });
  const { id } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down: front desk on the continuity schedule",
    systemIds: [map.systems.find((system) => system.name === systemName)!.id],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  return id;
}

test.describe("as the MSP's technician", () => {
  test.use({ storageState: storageStateOf("technician") });

  test("marks a cancellation and a walk-in during an outage, reconciles them after it, and prints the day", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const practiceId = await lakesideId(page);
    const incidentId = await declareLakesideOutage(page, practiceId);

    // From the incident room to the schedule of today.
    await page.goto(`/practices/${practiceId}/incidents/${incidentId}`);
    await page
      .getByRole("link", { name: "Continuity schedule: mark arrivals, cancellations and walk-ins" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/schedule\\?incident=`));
    await expect(
      page.getByText(/Schedule copy as of \d\d:\d\d, (just now|\d+ (min|h) ago)/),
    ).toBeVisible();
    await expect(page.getByText("Outage in progress:")).toBeVisible();
    for (const site of ["Main office", "North clinic"])
      await expect(page.getByRole("heading", { name: site, level: 3 })).toBeVisible();
    for (const provider of providers)
      await expect(
        page.getByRole("heading", { name: new RegExp(provider), level: 4 }).first(),
      ).toBeVisible();

    // One tap marks the first appointment cancelled; a tap on Undo would take it back.
    const group = page.getByRole("group", { name: /^Mark \d\d:\d\d / }).first();
    const label = (await group.getAttribute("aria-label"))!;
    const [, time, patient] = /^Mark (\d\d:\d\d) (.+)$/.exec(label)!;
    await group.getByRole("button", { name: "Cancelled" }).click();
    const card = page.getByRole("listitem", { name: `${time} ${patient}` });
    await expect(card).toContainText("Marked cancelled by Sam Okafor");
    await expect(group.getByRole("button", { name: "Cancelled" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

    // A walk-in, added once even if the button is pressed twice.
    await page.getByRole("button", { name: "Add walk-in" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a walk-in" });
    await dialog.getByLabel("Patient's name").fill("Juniper Testwalker");
    await dialog.getByLabel("Phone (optional)").fill("(608) 555-0177");
    await dialog.getByLabel("Provider").fill(providers[1]!);
    await dialog.getByRole("button", { name: "Add walk-in" }).dblclick();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("listitem", { name: "Walk-in: Juniper Testwalker" })).toHaveCount(
      1,
    );

    // Both are kept: a fresh read of the day shows them.
    await page.reload();
    await expect(page.getByRole("listitem", { name: `${time} ${patient}` })).toContainText(
      "Marked cancelled by Sam Okafor",
    );
    await expect(page.getByRole("listitem", { name: "Walk-in: Juniper Testwalker" })).toHaveCount(
      1,
    );

    // Service is back: the marks are lines of the recovery reconciliation.
    await page
      .getByRole("link", { name: "EHR down: front desk on the continuity schedule" })
      // The outage's own link comes first; a choice between open outages may name it again.
      .first()
      .click();
    await page.getByRole("radio", { name: "Resolved" }).check();
    await page.getByRole("button", { name: "Change to Resolved" }).click();
    const marks = page.getByRole("region", {
      name: "Front-desk changes from the continuity schedule",
    });
    await expect(marks).toContainText("Enter 1 cancellation and 1 walk-in into the EHR");
    await expect(marks).toContainText(`Cancelled: ${time} · `);
    await expect(marks).toContainText(patient!);
    await expect(marks).toContainText(`Walk-in:`);
    await expect(marks).toContainText("Juniper Testwalker");
    const blocker = page.getByText(
      "2 front-desk changes from the continuity schedule have not been entered into the EHR",
    );
    await expect(blocker).toBeVisible();
    const boxes = marks.getByRole("checkbox");
    await expect(boxes).toHaveCount(2);
    for (let index = 0; index < 2; index++) {
      await boxes.nth(index).check();
      await expect(marks.getByText(`${index + 1} of 2 entered into the EHR`)).toBeVisible();
    }
    await expect(marks).toContainText("All 2 front-desk changes are entered into the EHR");
    await expect(blocker).toBeHidden();

    // The printable day: the copy's time on every page, a block per provider, boxes to tick.
    await page.goto(`/print/practices/${practiceId}/schedule`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Lakeside Family Medicine");
    await expect(page.locator("thead .sched-running")).toContainText(/Schedule copy as of /);
    for (const provider of providers)
      await expect(
        page.getByRole("heading", { level: 2, name: new RegExp(provider) }).first(),
      ).toBeVisible();
    await expect(
      page.getByRole("img", { name: /^Arrived, \d\d:\d\d: tick box$/ }).first(),
    ).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Schedule print" })).toBeHidden();
    // The running header is the outer table's header group, which Chromium repeats on every page.
    expect(
      await page.locator(".sched-frame > thead").evaluate((head) => getComputedStyle(head).display),
    ).toBe("table-header-group");
    const pdf = await page.pdf({ format: "Letter" });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
  });

  test("works on a phone: a list, no sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const practiceId = await lakesideId(page);
    await page.goto(`/practices/${practiceId}/schedule`);
    await expect(page.getByText(/Schedule copy as of/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Main office", level: 3 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("as leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("sees the Schedule tab but no patient data, and is told why", async ({ page }) => {
    await page.goto("/portfolio");
    const practiceId = await lakesideId(page);
    await page.goto(`/practices/${practiceId}/schedule`);
    await expect(page.getByText("Leadership does not see patient data.")).toBeVisible();
    await expect(page.getByRole("group", { name: /^Mark / })).toHaveCount(0);
  });
});
