import { expect, test, type Page } from "@playwright/test";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { storageStateOf } from "./roles";

/**
 * A planned maintenance window, from plan to reconciliation: a technician plans tomorrow night's EHR
 * upgrade at a new practice, ticks prep items, the notice arrives by email with its invitation (at a
 * real SMTP server this spec starts on loopback, the practice's own email channel's server), the
 * window is started now, run in its incident room, ended and reconciled.
 */
test.use({ storageState: storageStateOf("admin") });

let smtp: SmtpSink;
test.beforeAll(async () => {
  smtp = await startSmtpSink(0);
});
test.afterAll(async () => {
  await smtp?.close();
});

async function call<T>(page: Page, path: string, input: unknown) {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("12 Birch Lane, Springfield, IL 62704");
  await site.getByLabel("Phone").fill("(217) 555-0177");
  await page.getByRole("button", { name: "Create practice" }).click();
  // Creating a practice runs its first readiness refresh: slow on a busy machine.
  await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 15_000 });
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test("a window for tomorrow night: prep ticked, the notice with its invitation arrives, started, run in its room, ended and reconciled", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const practice = `Birch Lane Family Clinic ${stamp}`;
  const title = `EHR upgrade ${stamp}`;
  const practiceId = await createPractice(page, practice);
  const mailbox = `frontdesk.${stamp}@birch-lane.example`;
  // The practice's own email channel takes maintenance notices, through the SMTP server above.
  await call(page, "notifications.createChannel", {
    kind: "email",
    name: `Birch Lane front desk ${stamp}`,
    practiceId,
    events: [
      "maintenance.scheduled",
      "maintenance.reminder",
      "maintenance.started",
      "maintenance.ended",
      "maintenance.changed",
    ],
    recipients: [mailbox],
    smtp: {
      host: "127.0.0.1",
      port: smtp.port,
      security: "none",
      from: "Standby <maintenance@summit-it.example>",
    },
  });

  await page.goto(`/practices/${practiceId}/maintenance`);
  await expect(page.getByText("No maintenance planned")).toBeVisible();
  // The form says in which zone the times are, and refuses a missing title next to the field.
  await expect(page.getByText("Local time, America/Chicago").first()).toBeVisible();
  await page.getByRole("button", { name: "Plan the window" }).click();
  await expect(page.getByLabel("What is done")).toHaveAccessibleDescription(
    /Say what the maintenance is/,
  );
  // Tomorrow night 22:00 to 02:00 is already filled in.
  await expect(page.getByLabel("Starts")).toHaveValue(/T22:00$/);
  await page.getByLabel("What is done").fill(title);
  await page.getByLabel("Reason (optional)").fill("Vendor release 24.2");
  await page.getByRole("button", { name: "Plan the window" }).click();
  await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/maintenance/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Scheduled", { exact: true })).toBeVisible();

  // Prep items: ticked, with who did them.
  const prep = page.getByRole("button", { name: /^Mark done: / });
  const total = await prep.count();
  expect(total).toBeGreaterThanOrEqual(5);
  await page
    .getByRole("button", { name: "Mark done: Tell staff about the maintenance window." })
    .click();
  await expect(
    page.getByRole("button", { name: "Mark not done: Tell staff about the maintenance window." }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Mark done: Print the downtime packet." }).click();
  await expect(page.getByText(/done by .* at /)).toHaveCount(2);
  // An owner for the charting item.
  await page.getByLabel("Owner of: Finish charting and log out of the EHR.").fill("Dr. Ng");
  await page.getByLabel("Owner of: Finish charting and log out of the EHR.").press("Tab");
  await expect(page.getByText("owner: Dr. Ng")).toBeVisible();

  // The notice reaches the practice's mailbox with its invitation.
  await expect.poll(() => smtp.to(mailbox).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const notice = smtp.to(mailbox)[0]!;
  expect(notice.subject).toContain(title);
  const invite = notice.attachments.find((attachment) => attachment.filename === "maintenance.ics");
  expect(invite?.contentType).toBe("text/calendar");
  const ics = invite!.content.toString("utf8");
  expect(ics).toContain("METHOD:REQUEST");
  expect(ics).toContain("SEQUENCE:0");
  expect(ics).toContain(`SUMMARY:Planned maintenance: ${title}`);

  // Editing the words is saved and tells nobody again.
  await page.getByText("Edit the title, reason and reminders").click();
  await page
    .getByLabel("Reason (optional)")
    .fill("Vendor release 24.2 with the lab interface patch");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText("Vendor release 24.2 with the lab interface patch").first(),
  ).toBeVisible();

  // Start it now for 30 minutes: it runs as a planned incident.
  await page.getByLabel("For minutes").fill("30");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page.getByText("In progress", { exact: true })).toBeVisible();
  await expect.poll(() => smtp.to(mailbox).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(smtp.to(mailbox).some((mail) => mail.subject.includes("started"))).toBe(true);
  await page.getByRole("link", { name: "Open the incident room" }).click();
  await expect(page.getByRole("heading", { name: `Planned maintenance: ${title}` })).toBeVisible();
  const update = `Paper charts in use, upgrade on track (${stamp})`;
  await page.getByLabel("Post an update").fill(update);
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByLabel("Post an update")).toHaveValue("");
  await expect(page.getByText(update)).toBeVisible();
  const room = page.url();

  // End it: completed, the incident resolved with its reconciliation checklist.
  await page.goBack();
  await page.getByRole("button", { name: "End the maintenance now" }).click();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await page.goto(room);
  const checklist = page.getByRole("region", { name: "Reconciliation checklist" });
  const boxes = checklist.getByRole("checkbox");
  const items = await boxes.count();
  expect(items).toBeGreaterThanOrEqual(5);
  for (let index = 0; index < items; index++) {
    await boxes.nth(index).check();
    await expect(checklist.getByText(`${index + 1} of ${items} done`)).toBeVisible();
  }
  await page.getByRole("button", { name: "Close incident" }).click();
  await page
    .getByRole("dialog", { name: "Close this incident?" })
    .getByRole("button", { name: "Close incident" })
    .click();
  await expect(page.getByRole("heading", { name: "Closed", exact: true })).toBeVisible();
  await expect
    .poll(() => smtp.to(mailbox).some((mail) => mail.subject.includes("ended")), {
      timeout: 20_000,
    })
    .toBe(true);
  // Planned, started, ended: the edit sent nothing.
  expect(smtp.to(mailbox).map((mail) => mail.subject.split(": ")[1])).toEqual([
    "Planned maintenance",
    "Planned maintenance started",
    "Planned maintenance ended",
  ]);
});
