import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { storageStateOf, type DemoUser } from "./roles";
import { mutate, query } from "./trpc";

/**
 * The incident room, watched by two people at once. What the room is about (a practice, its map, an
 * outage) is set up through the tRPC HTTP API with the signed-in page's cookies and the superjson
 * envelope { json: … }; everything the people do afterwards is done on the page.
 */

/** A practice of its own (so no other journey sees this outage) with the starter map, and its EHR down since 20 minutes ago. */
async function declareOutage(
  page: Page,
  label: string,
): Promise<{ practiceName: string; practiceId: string; incidentId: string; url: string }> {
  const practiceName = `${label} ${Date.now()}`;
  const { id: practiceId } = await mutate<{ id: string }>(page, "practices.create", {
    name: practiceName,
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
  const map = await query<{ systems: { id: string; name: string }[] }>(page, "dependencies.map", {
    practiceId,
  });
  const ehr = map.systems.find((system) => system.name === "EHR");
  expect(ehr, "the starter map has an EHR").toBeTruthy();
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [ehr!.id],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 15,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  return {
    practiceName,
    practiceId,
    incidentId,
    url: `/practices/${practiceId}/incidents/${incidentId}`,
  };
}

/**
 * An outage at Lakeside Family Medicine (the demo practice manager's and leadership's practice), on a
 * system of its own so Lakeside's map stays as other journeys expect it.
 */
async function declareLakesideOutage(
  page: Page,
  label: string,
): Promise<{ practiceId: string; incidentId: string; url: string }> {
  const practices = await query<{ items: { id: string; name: string }[] }>(page, "practices.list", {
    search: "Lakeside",
  });
  const practiceId = practices.items.find(
    (practice) => practice.name === "Lakeside Family Medicine",
  )!.id;
  const systemName = `Cloud EHR (${label} ${Date.now()})`;
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
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [map.systems.find((system) => system.name === systemName)!.id],
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  return { practiceId, incidentId, url: `/practices/${practiceId}/incidents/${incidentId}` };
}

async function openAs(
  browser: Browser,
  user: DemoUser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "EHR down" })).toBeVisible();
  // The live stream is open: from now on entries arrive without reloading. (Opening it waits for the
  // page's scripts and a session check, which a busy machine can stretch past the default 5 s.)
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^\s*Live\s*$/ })
      .first(),
  ).toBeVisible({ timeout: 15_000 });
  return { context, page };
}

const timeline = (page: Page) => page.getByRole("log", { name: "Timeline, newest first" });

test.use({ storageState: storageStateOf("admin") });

test("an update posted by one person appears for another watching the same incident, without reloading", async ({
  browser,
}) => {
  // Two people, each with a live page open.
  test.setTimeout(120_000);
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const setup = await admin.newPage();
  const { practiceName, practiceId, incidentId, url } = await declareOutage(
    setup,
    "Live Timeline Clinic",
  );
  const alex = await openAs(browser, "admin", url);
  const sam = await openAs(browser, "technician", url);

  const summary = alex.page.getByRole("region", { name: "Incident summary" });
  await expect(summary.getByRole("link", { name: practiceName })).toBeVisible();
  await expect(summary.getByText("Patient care is interrupted.")).toBeVisible();
  // Started 20 minutes ago with an update promised every 15: late.
  await expect(summary.getByText(/Update OVERDUE by \d+ min/).first()).toBeVisible();

  const update = `Front desk is on paper check-in; ModMed confirms the outage (${Date.now()}).`;
  await sam.page.getByLabel("Post an update").fill(update);
  await sam.page.getByRole("button", { name: "Post update" }).click();
  await expect(sam.page.getByLabel("Post an update")).toHaveValue("");

  // Alex never reloads: the entry arrives over the live stream, once, with its author.
  const arrived = timeline(alex.page).getByRole("listitem").filter({ hasText: update });
  await expect(arrived).toHaveCount(1);
  await expect(arrived).toContainText("Sam Okafor");
  await expect(timeline(sam.page).getByRole("listitem").filter({ hasText: update })).toHaveCount(1);
  // The promise of the next update is kept again, on Alex's page too.
  await expect(summary.getByText(/Next update due in \d+ min/).first()).toBeVisible();
  await expect(summary.getByText(/OVERDUE/)).toHaveCount(0);

  // A status change travels the same way, and the header follows it.
  await alex.page.getByRole("radio", { name: "Identified" }).check();
  await alex.page.getByLabel("Note (optional)").fill("ModMed names a failed storage cluster.");
  await alex.page.getByRole("button", { name: "Change to Identified" }).click();
  await expect(
    timeline(sam.page)
      .getByRole("listitem")
      .filter({ hasText: "ModMed names a failed storage cluster." }),
  ).toHaveCount(1);
  await expect(
    sam.page.getByRole("region", { name: "Incident summary" }).getByText("Status: Identified"),
  ).toBeVisible();

  // Sam records the vendor ticket; Alex sees it, when to call again, and the time to first contact.
  await expect(summary.getByText("Not yet: open a vendor ticket when you call")).toBeVisible();
  await sam.page.getByRole("button", { name: "Open a ticket" }).click();
  const ticketForm = sam.page.getByRole("dialog", { name: "Open a vendor ticket" });
  await ticketForm.getByLabel("Vendor", { exact: true }).selectOption({ label: "ModMed" });
  await ticketForm.getByLabel("Ticket number").fill("MM-448120");
  await ticketForm.getByRole("button", { name: "Record the ticket" }).click();
  await expect(ticketForm).toBeHidden();
  const ticket = alex.page.getByRole("listitem", { name: "ModMed ticket MM-448120" });
  // After 23:00 in the practice's time zone the time to call again is on the next day, and says so.
  await expect(ticket).toContainText(
    /Call the vendor again at ([A-Z][a-z]{2} \d{1,2}, )?\d{2}:\d{2} \(in (1 h|\d+ min)\)/,
  );
  await expect(summary.getByText(/\d+ min after the start/)).toBeVisible();

  // Leave no open outage behind for the red banner of other journeys.
  await Promise.all([alex.context.close(), sam.context.close()]);
  const latest = await query<{ incident: { version: number } }>(setup, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(setup, "incidents.changeStatus", {
    practiceId,
    incidentId,
    status: "resolved",
    note: "",
    version: latest.incident.version,
  });
  await admin.close();
});

test("recovery: the incident cannot close until each paper record is entered, verified by someone else, and the checklist is done", async ({
  browser,
}) => {
  // Two people, a dozen round trips each.
  test.setTimeout(120_000);
  // The paper records are patient data, worked by the MSP's technician (Sam) and the practice's manager (Priya).
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const setup = await admin.newPage();
  const { url } = await declareLakesideOutage(setup, "recovery test");
  const priya = await openAs(browser, "manager", url);
  const sam = await openAs(browser, "technician", url);

  // Service is back.
  await sam.page.getByRole("radio", { name: "Resolved" }).check();
  await sam.page.getByRole("button", { name: "Change to Resolved" }).click();
  await expect(sam.page.getByRole("heading", { name: "Recovery", exact: true })).toBeVisible();
  await expect(priya.page.getByRole("heading", { name: "Recovery", exact: true })).toBeVisible();

  // A visit documented on paper during the outage.
  await sam.page.getByRole("button", { name: "Add a paper record" }).click();
  const form = sam.page.getByRole("dialog", { name: "Add a paper record" });
  await form.getByLabel("Patient").fill("Jordan Avery (MRN 100233)");
  await form.getByLabel("Provider").fill("Dr. Lin");
  await form.getByLabel("Reason for visit").fill("Rash follow-up");
  await form.getByLabel("Orders").fill("Shave biopsy, left forearm");
  await form.getByLabel("Follow-up").fill("Call with pathology results in 7 days");
  await form.getByRole("button", { name: "Add record" }).click();
  await expect(form).toBeHidden();
  const samRecord = sam.page.getByRole("listitem", {
    name: "Paper record: Jordan Avery (MRN 100233)",
  });
  await expect(samRecord).toContainText("Not entered yet");

  // Closing now is refused, and says why.
  await sam.page.getByRole("button", { name: "Close incident" }).click();
  await sam.page
    .getByRole("dialog", { name: "Close this incident?" })
    .getByRole("button", { name: "Close incident" })
    .click();
  const refusal = sam.page.getByRole("alert").filter({ hasText: "Not ready to close" });
  await expect(refusal).toContainText("1 paper record has not been entered into the EHR");
  await expect(refusal).toContainText("Only an MSP admin can close it anyway");

  // Sam enters it into the EHR; the one who entered it is not offered to verify it.
  await samRecord.getByRole("button", { name: "Mark entered into EHR" }).click();
  await expect(samRecord).toContainText("Entered, waiting for verification");
  await expect(samRecord).toContainText("You entered this record, so someone else verifies it.");
  await expect(samRecord.getByRole("button", { name: "Verify" })).toHaveCount(0);

  // Priya, who has not reloaded, sees it entered by Sam and verifies it.
  const priyaRecord = priya.page.getByRole("listitem", {
    name: "Paper record: Jordan Avery (MRN 100233)",
  });
  await expect(priyaRecord).toContainText("Entered into the EHR by Sam Okafor");
  await priyaRecord.getByRole("button", { name: "Verify" }).click();
  await expect(priyaRecord).toContainText("Entered and verified");
  await expect(samRecord).toContainText("Verified by Priya Shah");

  // The reconciliation checklist, one item at a time.
  const checklist = priya.page.getByRole("region", { name: "Reconciliation checklist" });
  const boxes = checklist.getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(5);
  for (let index = 0; index < total; index++) {
    await boxes.nth(index).check();
    await expect(checklist.getByText(`${index + 1} of ${total} done`)).toBeVisible();
  }
  await expect(
    priya.page.getByText(
      "Ready to close: the checklist is done and every paper record is entered and verified.",
    ),
  ).toBeVisible();

  await priya.page.getByRole("button", { name: "Close incident" }).click();
  await priya.page
    .getByRole("dialog", { name: "Close this incident?" })
    .getByRole("button", { name: "Close incident" })
    .click();
  await expect(priya.page.getByRole("heading", { name: "Closed", exact: true })).toBeVisible();
  await expect(priya.page.getByText("Closed by Priya Shah").first()).toBeVisible();
  // Sam's page follows: closed, and nothing left to change.
  await expect(sam.page.getByRole("heading", { name: "Closed", exact: true })).toBeVisible();
  await expect(sam.page.getByLabel("Post an update")).toHaveCount(0);
  // A closed incident changes no more: no "Live" badge, here or when the room is opened again.
  await expect(sam.page.getByRole("status").filter({ hasText: /^\s*Live\s*$/ })).toHaveCount(0);
  await priya.page.reload();
  await expect(priya.page.getByRole("heading", { name: "Closed", exact: true })).toBeVisible();
  await expect(
    priya.page.getByRole("status").filter({ hasText: /^\s*(Live|Connecting…)\s*$/ }),
  ).toHaveCount(0);

  await Promise.all([priya.context.close(), sam.context.close(), admin.close()]);
});

test("leadership watches the room read-only, without the downtime log", async ({ browser }) => {
  // Leadership in the demo sees Lakeside Family Medicine only: the outage is declared there.
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const setup = await admin.newPage();
  const practices = await query<{ items: { id: string; name: string }[] }>(
    setup,
    "practices.list",
    { search: "Lakeside" },
  );
  const practiceId = practices.items.find(
    (practice) => practice.name === "Lakeside Family Medicine",
  )!.id;
  // A system of its own, so Lakeside's map stays as other journeys expect it.
  const systemName = `Cloud EHR (room test ${Date.now()})`;
  await mutate(setup, "dependencies.createSystem", {
    practiceId,
    name: systemName,
    category: "ehr",
    criticality: "critical",
    owner: "",
    vendorId: null,
    siteId: null,
    notes: "",
  });
  const map = await query<{ systems: { id: string; name: string }[] }>(setup, "dependencies.map", {
    practiceId,
  });
  const { id: incidentId } = await mutate<{ id: string }>(setup, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [map.systems.find((system) => system.name === systemName)!.id],
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
  const view = await query<{ incident: { version: number } }>(setup, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(setup, "incidents.changeStatus", {
    practiceId,
    incidentId,
    status: "resolved",
    note: "",
    version: view.incident.version,
  });
  const technician = await browser.newContext({ storageState: storageStateOf("technician") });
  await mutate(await technician.newPage(), "downtimeLog.add", {
    practiceId,
    incidentId,
    patient: "Riley Stone",
    visitDate: new Date().toISOString().slice(0, 10),
    provider: "Dr. Hart",
    reason: "",
    orders: "",
    followUp: "",
  });

  const owner = await openAs(
    browser,
    "leadership",
    `/practices/${practiceId}/incidents/${incidentId}`,
  );
  await expect(owner.page.getByRole("heading", { name: "Reconciliation checklist" })).toBeVisible();
  // The downtime log is patient data: nothing of it for leadership.
  await expect(owner.page.getByText("Riley Stone")).toHaveCount(0);
  await expect(owner.page.getByRole("heading", { name: "Downtime documentation log" })).toHaveCount(
    0,
  );
  await expect(owner.page.getByRole("button", { name: "Add a paper record" })).toHaveCount(0);
  await expect(owner.page.getByLabel("Post an update")).toHaveCount(0);
  await expect(owner.page.getByRole("button", { name: "Close incident" })).toHaveCount(0);
  await expect(owner.page.getByRole("checkbox")).toHaveCount(0);
  await expect(
    owner.page.getByRole("button", { name: "Save triage and confirm scope" }),
  ).toHaveCount(0);

  // Leave Lakeside without an open item: an admin closes it with a reason.
  const latest = await query<{ incident: { version: number } }>(setup, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(setup, "incidents.close", {
    practiceId,
    incidentId,
    version: latest.incident.version,
    overrideReason: "Browser test of the read-only room; nothing to reconcile.",
  });
  await Promise.all([owner.context.close(), admin.close(), technician.close()]);
});

test("a post-incident review's change is raised as a risk that remembers the incident", async ({
  page,
}) => {
  const { practiceId, incidentId, url } = await declareOutage(page, "Review Clinic");
  const view = await query<{ incident: { version: number } }>(page, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(page, "incidents.changeStatus", {
    practiceId,
    incidentId,
    status: "resolved",
    note: "",
    version: view.incident.version,
  });

  await page.goto(url);
  const review = page.getByRole("region", { name: "Post-incident review" });
  await expect(review.getByRole("button", { name: "Save review" })).toBeEnabled();
  await review.getByLabel("Cause").selectOption({ label: "Vendor" });
  await review
    .getByLabel("What went well")
    .fill("Paper forms were stocked and the script was at the front desk.");
  await review
    .getByLabel("What to change")
    .fill("- Print tomorrow's schedule every evening\n- Add a second internet circuit");
  await review.getByRole("button", { name: "Save review" }).click();
  await expect(review.getByText("Last saved by Alex Rivera")).toBeVisible();

  await review
    .getByRole("button", { name: "Raise as risk: Add a second internet circuit" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Raise as a risk" });
  await expect(dialog.getByLabel("Title")).toHaveValue("Add a second internet circuit");
  await dialog.getByRole("button", { name: "Add to the risk register" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText("Risk “Add a second internet circuit” added to the register"),
  ).toBeVisible();

  const risks = await query<{ items: { id: string; title: string }[] }>(page, "risks.list", {
    practiceId,
    filter: "all",
  });
  const raised = risks.items.find((risk) => risk.title === "Add a second internet circuit");
  expect(raised).toBeTruthy();
  expect(
    (
      await query<{ fromIncidentId: string | null }>(page, "risks.get", {
        practiceId,
        riskId: raised!.id,
      })
    ).fromIncidentId,
  ).toBe(incidentId);
});
