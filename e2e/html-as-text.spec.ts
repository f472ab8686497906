import { expect, test, type Page } from "@playwright/test";
import { saferPractices } from "../server/contracts/reviews";
import { storageStateOf } from "./roles";
import { mutate, query } from "./trpc";

/**
 * Text people type is shown as text, everywhere. HTML and script stored in user-entered fields (a
 * practice's name, a plan section, a vendor, a system on the map, a risk, an incident and its update,
 * a review's findings) appear literally on every page that shows them, and nothing of it runs or
 * becomes an element: window.__xss stays undefined and no <img src=x> or injected <script> exists.
 * The data is stored through the tRPC HTTP API, as the forms would; the pages are then opened.
 */

const markup = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;
const stamp = Date.now();
const stored = (label: string) => `${label} ${stamp} ${markup}`;

/** Nothing ran and nothing became an element (Next's own data scripts carry the text as JSON; they are not counted). */
async function expectNothingRan(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: unknown }).__xss,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.scripts].filter(
      (script) => script.textContent?.trim() === "window.__xss=1",
    ).length,
    handlers: [...document.querySelectorAll("*")].filter((element) =>
      element.hasAttribute("onerror"),
    ).length,
  }));
  expect(found, where).toEqual({ flag: undefined, images: 0, scripts: 0, handlers: 0 });
}

/** Opens a page, waits for the stored text to be shown literally, and checks nothing ran. */
async function expectLiteral(page: Page, url: string, texts: string[]) {
  await page.goto(url);
  for (const text of texts)
    await expect(
      page.getByText(text).filter({ visible: true }).first(),
      `${url} shows ${text}`,
    ).toBeVisible({ timeout: 15_000 });
  await expectNothingRan(page, url);
}

test.use({ storageState: storageStateOf("admin") });

test("HTML and script typed into fields across Standby are shown as text and never run", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });

  // A practice whose name, plan, vendor, map, risk, incident and review all carry markup.
  const practiceName = stored("Markup Clinic");
  const { id: practiceId } = await mutate<{ id: string }>(page, "practices.create", {
    name: practiceName,
    timezone: "America/Denver",
    ehrProduct: stored("EHR"),
    downtimeCostPerMinuteCents: 2_500,
    isNewOffice: false,
    isMigrating: false,
    sites: [
      { name: stored("Site"), address: "17 Aspen Way, Boulder, CO 80302", phone: "(303) 555-0199" },
    ],
  });
  const script = stored("Front desk script");
  await mutate(page, "plans.saveSection", {
    practiceId,
    version: 0,
    section: "frontDeskScript",
    content: { script, urgentMessages: stored("Urgent messages") },
  });
  const triageStep = stored("Triage step");
  await mutate(page, "plans.saveSection", {
    practiceId,
    version: 0,
    section: "triage",
    content: { steps: [{ text: triageStep }] },
  });
  await mutate(page, "plans.publish", { practiceId });

  const vendorName = stored("Vendor");
  const { id: vendorId } = await mutate<{ id: string }>(page, "vendors.create", {
    name: vendorName,
    category: "ehr",
    supportPhone: "",
    portalUrl: "",
    supportHours: "",
    baaOnFile: false,
    contractNotes: stored("Contract"),
  });
  await mutate(page, "vendors.link", {
    practiceId,
    vendorId,
    accountNumber: "A-1",
    notes: stored("Vendor notes"),
    ladder: [],
  });

  const systemName = stored("System");
  await mutate(page, "dependencies.createSystem", {
    practiceId,
    name: systemName,
    category: "ehr",
    criticality: "critical",
    owner: "",
    vendorId,
    siteId: null,
    notes: stored("System notes"),
  });
  const map = await query<{ systems: { id: string; name: string }[] }>(page, "dependencies.map", {
    practiceId,
  });
  const systemId = map.systems.find((system) => system.name === systemName)!.id;

  const riskTitle = stored("Risk");
  const { id: riskId } = await mutate<{ id: string }>(page, "risks.create", {
    practiceId,
    title: riskTitle,
    description: stored("Risk description"),
    severity: "high",
    category: "other",
    owner: stored("Owner"),
    systemIds: [systemId],
  });

  const incidentTitle = stored("Outage");
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: incidentTitle,
    systemIds: [systemId],
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ownerName: stored("Owner name"),
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  const update = stored("Update");
  await mutate(page, "incidents.postUpdate", {
    practiceId,
    incidentId,
    body: update,
    shareWithLinked: false,
  });

  const { id: reviewId } = await mutate<{ id: string }>(page, "reviews.start", { practiceId });
  const review = await query<{ review: { version: number } }>(page, "reviews.get", {
    practiceId,
    reviewId,
  });
  const finding = stored("Finding");
  await mutate(page, "reviews.save", {
    practiceId,
    reviewId,
    version: review.review.version,
    checklist: {},
    safer: {},
    findings: finding,
    attendees: [stored("Attendee")],
  });

  // Every page that shows them.
  const practice = `/practices/${practiceId}`;
  await expectLiteral(page, `/portfolio?q=${encodeURIComponent(`Markup Clinic ${stamp}`)}`, [
    practiceName,
  ]);
  await expectLiteral(page, practice, [practiceName, stored("Site")]);
  await expectLiteral(page, `${practice}/plan`, [script]);
  await expectLiteral(page, `/print${practice}/packet`, [practiceName, script, triageStep]);
  await expectLiteral(page, "/vendors", [vendorName]);
  await expectLiteral(page, `${practice}/vendors`, [vendorName, stored("Vendor notes")]);
  await expectLiteral(page, `${practice}/dependencies`, [systemName]);
  await expectLiteral(page, `${practice}/risks`, [riskTitle]);
  await expectLiteral(page, `${practice}/risks/${riskId}`, [riskTitle, stored("Risk description")]);
  await expectLiteral(page, `${practice}/incidents/${incidentId}`, [incidentTitle, update]);
  await expectLiteral(page, "/incidents", [incidentTitle]);
  await expectLiteral(page, `${practice}/reviews/${reviewId}`, [stored("Attendee")]);
  await expect(page.getByRole("textbox", { name: "What the review found" })).toHaveValue(finding);
  // Signed off, the review is shown read only: the findings as text.
  const safer = Object.fromEntries(
    saferPractices.map(([key]) => [key, { rating: "partly", note: stored("SAFER note") }]),
  );
  const saved = await mutate<{ version: number }>(page, "reviews.save", {
    practiceId,
    reviewId,
    version: review.review.version + 1,
    checklist: {},
    safer,
    findings: finding,
    attendees: [stored("Attendee")],
  });
  await mutate(page, "reviews.signOff", { practiceId, reviewId, version: saved.version });
  await expectLiteral(page, `${practice}/reviews/${reviewId}`, [
    finding,
    stored("Attendee"),
    stored("SAFER note"),
  ]);
  await expectLiteral(page, `/audit?action=practice.create`, [practiceName]);
  await expectLiteral(page, `/print${practice}/quarterly`, [practiceName]);

  // The same for a practice manager and leadership would be the same components; one more viewer
  // proves the live timeline (a second browser receives the update over the stream) renders text too.
  const technician = await browser.newContext({ storageState: storageStateOf("technician") });
  const watcher = await technician.newPage();
  await expectLiteral(watcher, `${practice}/incidents/${incidentId}`, [update]);
  const second = stored("Live update");
  await mutate(page, "incidents.postUpdate", {
    practiceId,
    incidentId,
    body: second,
    shareWithLinked: false,
  });
  await expect(watcher.getByText(second)).toBeVisible({ timeout: 15_000 });
  await expectNothingRan(watcher, "live timeline");

  // Leave no open outage behind.
  const latest = await query<{ incident: { version: number } }>(page, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(page, "incidents.changeStatus", {
    practiceId,
    incidentId,
    status: "resolved",
    note: "",
    version: latest.incident.version,
  });
  const resolved = await query<{ incident: { version: number } }>(page, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(page, "incidents.close", {
    practiceId,
    incidentId,
    version: resolved.incident.version,
    overrideReason: "Browser test of text rendering; nothing to reconcile.",
  });
  await technician.close();
  expect(errors).toEqual([]);
});
