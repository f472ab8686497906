import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

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

/** A tRPC mutation through the API, as the signed-in user of the page (the UI would do the same). */
async function call<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The Lakeside practice (the practice-scoped users see only it), found as an admin. */
async function lakesideId(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "Lakeside Family Medicine" }).click();
  await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
  const id = /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await context.close();
  return id;
}

test("a failed restore test flags the system Failing and proposes a risk; a test recorded in error is withdrawn", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const practice = `Hawthorn Clinic ${Date.now()}`;
  const practiceId = await createPractice(page, practice);

  // No systems yet: the backups tab points to the dependency map.
  await page.goto(`/practices/${practiceId}/backups`);
  await expect(
    page.getByRole("heading", { name: "No systems on the dependency map yet" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Go to the Dependencies tab" }).click();
  await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/dependencies$`));
  await page.getByRole("button", { name: "Start from the usual clinic systems" }).click();
  await page
    .getByRole("dialog", { name: "Add the usual clinic systems?" })
    .getByRole("button", { name: "Add the usual systems" })
    .click();
  await expect(page.getByText(/^16 systems added with their usual links/)).toBeVisible();

  // Every system is listed, none tracked yet.
  await page.goto(`/practices/${practiceId}/backups`);
  await expect(page.getByLabel("Summary")).toHaveText(
    "0 tracked · 0 overdue · 0 failing · 16 not tracked",
  );
  // One quiet "Set up" per system, named for it; the row says in words that nothing is tested yet.
  const notTracked = page.getByRole("region", { name: "Not tracked" }).getByRole("listitem");
  await expect(notTracked).toHaveCount(16);
  await expect(notTracked.filter({ hasText: "No restore testing yet" })).toHaveCount(16);
  await expect(
    page.getByRole("button", { name: "Set up restore testing", exact: true }),
  ).toHaveCount(0);
  await page.getByRole("button", { name: "Set up restore testing for EHR", exact: true }).click();
  const targets = page.getByRole("dialog", { name: "Set up restore testing for EHR" });
  await targets.getByLabel("Restore time target, RTO (minutes)").fill("0");
  await targets.getByRole("button", { name: "Every 30 days" }).click();
  await expect(targets.getByLabel("Test every (days)")).toHaveValue("30");
  await targets.getByRole("button", { name: "Start tracking" }).click();
  await expect(
    targets.getByText("The restore time target must be at least 1 minute."),
  ).toBeVisible();
  await targets.getByLabel("Restore time target, RTO (minutes)").fill("240");
  await targets.getByLabel("Data age target, RPO (minutes)").fill("1440");
  await targets.getByRole("button", { name: "Start tracking" }).click();
  await expect(targets).toBeHidden();

  // Tracked but never tested: overdue at once.
  const card = page.getByRole("article", { name: "EHR", exact: true });
  await expect(card).toContainText("Restore within 4 h (RTO) · data at most 1 day old (RPO)");
  await expect(card.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(card.getByRole("list", { name: "Problems with EHR" })).toContainText("Never tested");
  await expect(page.getByLabel("Summary")).toHaveText(
    "1 tracked · 1 overdue · 0 failing · 15 not tracked",
  );

  // A failed restore, slower than its target.
  await card.getByRole("button", { name: "Record test of EHR" }).click();
  const record = page.getByRole("dialog", { name: "Record a restore test of EHR" });
  await expect(record.getByLabel("Tested by")).toHaveValue("Alex Rivera");
  await record.getByRole("button", { name: "Record test" }).click();
  await expect(record.getByText("Choose what was restored.")).toBeVisible();
  await expect(record.getByText("Choose the result.")).toBeVisible();
  await record.getByRole("radio", { name: "Database" }).check();
  await record.getByRole("radio", { name: /^Fail/ }).check();
  await record.getByLabel("Time to restore (minutes)").fill("300");
  await record.getByLabel("Data age (minutes)").fill("60");
  await record
    .getByLabel("Evidence")
    .fill("Restored last night's EHR database to the test VM; the database would not mount.");
  await record.getByRole("button", { name: "Record test" }).click();
  await expect(record).toBeHidden();

  await expect(card.getByText("Failing", { exact: true })).toBeVisible();
  await expect(card.getByText("Overdue", { exact: true })).toHaveCount(0);
  const problems = card.getByRole("list", { name: "Problems with EHR" });
  await expect(problems).toContainText("The last restore failed");
  await expect(problems).toContainText("Restore took 5 h against a 4 h target (RTO)");
  await expect(page.getByLabel("Summary")).toHaveText(
    "1 tracked · 0 overdue · 1 failing · 15 not tracked",
  );

  // The risk it proposed, with the way to the register.
  const proposal = page.getByRole("main").getByRole("alert").filter({ hasText: "Risk proposed:" });
  await expect(proposal).toContainText("Risk proposed: Backups of EHR cannot be relied on");
  await expect(proposal.getByRole("link", { name: "Open the risk register" })).toHaveAttribute(
    "href",
    `/practices/${practiceId}/risks`,
  );

  // A second failure finds the risk already in the register.
  // A restore that never came back has nothing to measure: only a failure may leave the figures out.
  await card.getByRole("button", { name: "Record test of EHR" }).click();
  await record.getByRole("radio", { name: "Whole VM" }).check();
  await record.getByRole("radio", { name: /^Pass/ }).check();
  await record.getByRole("button", { name: "Record test" }).click();
  await expect(record.getByText("Enter the time to restore in minutes.")).toBeVisible();
  await expect(record.getByText("Enter the age of the restored data in minutes.")).toBeVisible();
  await record.getByRole("radio", { name: /^Fail/ }).check();
  await expect(record.getByText(/optional for a failed restore/).first()).toBeVisible();
  await record.getByRole("button", { name: "Record test" }).click();
  await expect(record).toBeHidden();
  await expect(
    page.getByRole("main").getByRole("alert").filter({ hasText: "Already in the register:" }),
  ).toContainText("Already in the register: Backups of EHR cannot be relied on");

  // The history lists both; the second one was recorded in error and is withdrawn with a reason.
  const history = page.getByRole("table", { name: "Restore test history" });
  await expect(history.getByRole("row")).toHaveCount(3);
  const vmRow = history.getByRole("row").filter({ hasText: "Whole VM" });
  await expect(vmRow.getByText("Not measured")).toHaveCount(2);
  // The card reads the last test the same way, durations in words.
  await expect(card).toContainText("Not measured");
  await expect(card.locator("dd").first()).toHaveText("30 days");
  await vmRow.getByRole("button", { name: /^Withdraw/ }).click();
  const withdraw = page.getByRole("dialog", { name: "Withdraw this restore test?" });
  await withdraw.getByRole("button", { name: "Withdraw test" }).click();
  await expect(
    withdraw.getByText("Say why the test is withdrawn (at least 5 characters)."),
  ).toBeVisible();
  await withdraw
    .getByLabel("Why is it withdrawn?")
    .fill("Duplicate of the database test, recorded twice.");
  await withdraw.getByRole("button", { name: "Withdraw test" }).click();
  await expect(withdraw).toBeHidden();
  await expect(vmRow).toContainText("Withdrawn");
  await expect(vmRow).toContainText("Duplicate of the database test, recorded twice.");
  await expect(vmRow.getByRole("button", { name: /^Withdraw/ })).toHaveCount(0);
  // The database test is the last one that counts again: still failing, for its slow restore too.
  await expect(problems).toContainText("Restore took 5 h against a 4 h target (RTO)");

  // Stop tracking asks first; the tests stay in the history.
  await card.getByRole("button", { name: "Stop tracking EHR" }).click();
  await page
    .getByRole("dialog", { name: "Stop tracking EHR?" })
    .getByRole("button", { name: "Stop tracking" })
    .click();
  await expect(card).toHaveCount(0);
  await expect(page.getByLabel("Summary")).toHaveText(
    "0 tracked · 0 overdue · 0 failing · 16 not tracked",
  );
  await expect(history.getByRole("row")).toHaveCount(3);
});

test("a technician records tests; leadership reads them without any button", async ({
  browser,
}) => {
  // Three people's pages, one after the other, on a machine that also runs the app.
  test.setTimeout(120_000);
  const practiceId = await lakesideId(browser);
  const technician = await browser.newContext({ storageState: storageStateOf("technician") });
  const techPage = await technician.newPage();

  // The technician puts a system on Lakeside's map and tracks it (through the API, as the UI would).
  const name = `Lakeside file server ${Date.now()}`;
  const system = await call<{ id: string }>(techPage, "dependencies.createSystem", {
    practiceId,
    name,
    category: "other",
    criticality: "important",
    owner: "Summit IT",
    vendorId: null,
    siteId: null,
    notes: "",
  });
  await call(techPage, "backups.setTarget", {
    practiceId,
    systemId: system.id,
    version: 0,
    cadenceDays: 90,
    rtoMinutes: 120,
    rpoMinutes: 1440,
  });

  await techPage.goto(`/practices/${practiceId}/backups`);
  const techCard = techPage.getByRole("article", { name, exact: true });
  await expect(techCard.getByRole("button", { name: `Record test of ${name}` })).toBeEnabled();
  await expect(techCard.getByRole("button", { name: `Edit targets of ${name}` })).toBeVisible();
  await expect(techPage.getByRole("button", { name: "Record a restore test" })).toBeVisible();
  await technician.close();

  const leadership = await browser.newContext({ storageState: storageStateOf("leadership") });
  const page = await leadership.newPage();
  await page.goto(`/practices/${practiceId}/backups`);
  const card = page.getByRole("article", { name, exact: true });
  await expect(card.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(
    page.getByText(
      "You can read the restore tests; MSP technicians and admins record them and set the targets.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /Record/ })).toHaveCount(0);
  await expect(
    page.getByRole("button", {
      name: /Edit targets|Stop tracking|Set up restore testing|Withdraw/,
    }),
  ).toHaveCount(0);
  await leadership.close();
});
