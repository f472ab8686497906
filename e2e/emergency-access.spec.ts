import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";
import { mutate, query } from "./trpc";

/**
 * Emergency ("break glass") access to a practice's downtime documentation log. The MSP admin (Alex)
 * does not read the patient records of the log day to day: from the incident room he asks for
 * emergency access, writes why, and reads the log, read only, with a countdown. The practice's
 * manager (Priya) sees who opened it, when, why and until when on the practice's overview. The
 * outage is set up through the tRPC HTTP API; everything the people do is done on the page.
 */

const reason = "Priya asked us to find the paper record of a biopsy order the EHR lacks.";

test.use({ storageState: storageStateOf("admin") });

test("an admin opens a practice's downtime log only with a reason, for an hour, and the practice manager sees it", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  // An outage at Lakeside (the demo manager's practice), resolved, with one paper record the technician logged.
  const practices = await query<{ items: { id: string; name: string }[] }>(page, "practices.list", {
    search: "Lakeside",
  });
  const practiceId = practices.items.find(
    (practice) => practice.name === "Lakeside Family Medicine",
  )!.id;
  const systemName = `Cloud EHR (break-glass test ${Date.now()})`;
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
  const technician = await browser.newContext({ storageState: storageStateOf("technician") });
  const patient = `Morgan Ellis (MRN ${Date.now() % 1_000_000})`;
  await mutate(await technician.newPage(), "downtimeLog.add", {
    practiceId,
    incidentId,
    patient,
    visitDate: new Date().toISOString().slice(0, 10),
    provider: "Dr. Hart",
    reason: "Biopsy",
    orders: "Shave biopsy",
    followUp: "",
  });
  // The routine path is closed to the admin, at the API too.
  const routine = await page.request.get(
    `/api/trpc/downtimeLog.list?input=${encodeURIComponent(JSON.stringify({ json: { practiceId, incidentId } }))}`,
  );
  expect(routine.status()).toBe(403);

  // Alex, on a phone, in the incident room: the log's counts, not its patient data.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/practices/${practiceId}/incidents/${incidentId}`);
  const log = page.getByRole("region", { name: "Downtime documentation log" });
  await expect(log).toContainText("1 paper record · 0 entered into the EHR · 0 verified");
  await expect(log).toContainText("only through emergency access");
  await expect(page.getByText(patient)).toHaveCount(0);

  // The dialog, by keyboard: a reason is required, and the message says what is missing.
  const ask = log.getByRole("button", { name: "Emergency access" });
  await ask.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Emergency access to the downtime log" });
  await expect(dialog).toBeVisible();
  const reasonField = dialog.getByLabel("Why do you need the patient records?");
  await reasonField.focus();
  await page.keyboard.type("need it");
  await dialog.getByRole("button", { name: "Open the log for 60 minutes" }).click();
  await expect(
    dialog.getByText("Write why you need emergency access: at least 20 characters"),
  ).toBeVisible();
  await dialog.screenshot({ path: "test-results/emergency-access-dialog.png" });
  await expect(page.getByText(patient)).toHaveCount(0);
  await reasonField.fill(reason);
  await dialog.getByRole("button", { name: "Open the log for 60 minutes" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  // Open now: read only, with a countdown, until the hour is over.
  await expect(log.getByRole("listitem", { name: `Paper record: ${patient}` })).toContainText(
    "Not entered yet",
  );
  await expect(log.getByRole("timer", { name: "Time left" })).toHaveText(
    /^(60:00|59:[0-5]\d) left$/,
  );
  await expect(log).toContainText(`Reason: ${reason}`);
  await expect(log.getByRole("button", { name: "Mark entered into EHR" })).toHaveCount(0);
  await expect(log.getByRole("button", { name: "Emergency access" })).toHaveCount(0);
  await log.screenshot({ path: "test-results/emergency-access-phone.png" });

  // Priya, the practice's manager, sees who opened her practice's records, when, why and until when.
  const manager = await browser.newContext({ storageState: storageStateOf("manager") });
  const priya = await manager.newPage();
  await priya.goto(`/practices/${practiceId}`);
  const list = priya.getByRole("region", { name: "Emergency access to this practice's records" });
  const entry = list.getByRole("listitem", { name: "Emergency access by Alex Rivera" });
  await expect(entry).toContainText(`Reason: ${reason}`);
  await expect(entry).toContainText(/until .*Open now/);
  await priya.setViewportSize({ width: 390, height: 844 });
  await list.screenshot({ path: "test-results/emergency-access-manager.png" });
  // Leadership does not see the list.
  const owner = await browser.newContext({ storageState: storageStateOf("leadership") });
  const ownerPage = await owner.newPage();
  await ownerPage.goto(`/practices/${practiceId}`);
  await expect(
    ownerPage.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
  ).toBeVisible();
  await expect(
    ownerPage.getByRole("region", { name: "Emergency access to this practice's records" }),
  ).toHaveCount(0);

  // The audit log has the grant and the read.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/audit?action=emergency_access.grant");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: "Granted emergency access to patient records" })
      .filter({ hasText: "Alex Rivera" })
      .first(),
  ).toBeVisible();
  await page.goto("/audit?action=downtime_log.read");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: "Read the downtime log" })
      .filter({ hasText: "Alex Rivera" })
      .first(),
  ).toBeVisible();

  // Leave Lakeside without an open item: Alex closes it with a reason.
  const latest = await query<{ incident: { version: number } }>(page, "incidents.get", {
    practiceId,
    incidentId,
  });
  await mutate(page, "incidents.close", {
    practiceId,
    incidentId,
    version: latest.incident.version,
    overrideReason: "Browser test of emergency access; nothing to reconcile.",
  });
  await Promise.all([technician.close(), manager.close(), owner.close()]);
});

test("when the hour is over the page forgets the records by itself", async ({ page, browser }) => {
  // A practice of its own; the browser's clock is moved past the hour (the server's refusal after
  // expiry, and the database's, are proven in server/routers/emergency-access.test.ts).
  const { id: practiceId } = await mutate<{ id: string }>(page, "practices.create", {
    name: `Break Glass Clinic ${Date.now()}`,
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
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [map.systems.find((system) => system.name === "EHR")!.id],
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 30,
    // Separate from any outage another journey left open at the practice.
    confirmDuplicate: true,
  });
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
  const technician = await browser.newContext({ storageState: storageStateOf("technician") });
  await mutate(await technician.newPage(), "downtimeLog.add", {
    practiceId,
    incidentId,
    patient: "Casey Lund",
    visitDate: new Date().toISOString().slice(0, 10),
    provider: "Dr. Hart",
    reason: "",
    orders: "",
    followUp: "",
  });
  await mutate(page, "emergencyAccess.request", { practiceId, incidentId, reason });

  await page.goto(`/practices/${practiceId}/incidents/${incidentId}`);
  const log = page.getByRole("region", { name: "Downtime documentation log" });
  // (The room's scripts and first reads can take a while on a busy machine.)
  await expect(log.getByRole("listitem", { name: "Paper record: Casey Lund" })).toBeVisible({
    timeout: 15_000,
  });
  // The page's clock moves on past the hour (the countdown keeps ticking each second).
  await page.clock.install();
  await page.clock.fastForward(61 * 60_000);
  await expect(log).toContainText("Emergency access has ended");
  await expect(page.getByText("Casey Lund")).toHaveCount(0);
  await technician.close();
});
