import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { plantOutboxMessage } from "./database";
import { storageStateOf } from "./roles";
import { createPractice, mutate, query, uploadSchedule } from "./trpc";

/**
 * Patients' texts back (issue 20, item 7), with no SMS provider configured: a text about an
 * appointment waits in the outbox, and the MSP's technician replies as its patient from Standby. A
 * question lands in the replies inbox and is answered there; a "C" during a declared outage cancels
 * the appointment on the continuity schedule and lists it in the outage's recovery reconciliation.
 *
 * At a practice of its own (its schedule copy uploaded here): other journeys declare outages at the
 * demo practice meanwhile, and a "C" marks the practice's latest open outage.
 */

const patient = "Rosalind Replyfield";
const other = "Bartholomew Textwell";

/** Today on the practice's clock, as the schedule report writes it. */
const todayIn = (timeZone: string) => new Date().toLocaleDateString("en-CA", { timeZone });

/** A practice with today's schedule copy (two patients with mobile numbers), made by the MSP's admin and technician. */
async function practiceWithCopy(page: Page, admin: APIRequestContext) {
  const practiceId = await createPractice(
    admin,
    `Replyfield Family Clinic ${Date.now()}`,
    "America/Chicago",
  );
  const date = todayIn("America/Chicago");
  const provider = "Dr. Imogen Hale";
  await uploadSchedule(page, practiceId, [
    { date, time: "9:00 AM", patient, phone: "(608) 555-0161", provider },
    { date, time: "9:20 AM", patient: other, phone: "(608) 555-0162", provider },
  ]);
  return practiceId;
}

test.describe("as the MSP's technician", () => {
  test.use({ storageState: storageStateOf("technician") });

  test("replies as the patient from the outbox: a question is answered from the inbox, a 'C' cancels on the continuity schedule and reaches the reconciliation", async ({
    page,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const admin = await playwright.request.newContext({
      baseURL,
      storageState: storageStateOf("admin"),
    });
    const practiceId = await practiceWithCopy(page, admin);
    await admin.dispose();
    const { mspId } = await query<{ mspId: string }>(page, "session.me", undefined);
    const messageId = await plantOutboxMessage(mspId, practiceId, patient);
    const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
      practiceId,
      title: "EHR down: patients texting back",
      systemIds: [],
      severity: "critical",
      patientCareInterrupted: true,
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      ownerName: "",
      updateEveryMinutes: 30,
      // Separate from any outage another journey left open at the practice.
      confirmDuplicate: true,
    });
    // The patient's first answer to the text in the outbox: a question for the front desk.
    await mutate(page, "outreachReplies.simulateReply", {
      practiceId,
      messageId,
      text: "Can I bring my daughter along?",
    });

    // From the continuity schedule to the replies inbox.
    await page.goto(`/practices/${practiceId}/schedule`);
    await page.getByRole("link", { name: /Patient replies\s*1 open/ }).click();
    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/outreach/replies$`));
    await expect(page.getByRole("link", { name: "Open (1)" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const open = page.getByRole("list", { name: "Open replies" });
    const card = open.getByRole("listitem", { name: new RegExp(`^${patient}, `) });
    await expect(card).toContainText("Can I bring my daughter along?");
    await expect(card).toContainText("+16085550161");
    await expect(card).toContainText("For the front desk to answer");
    await expect(card).toContainText("demo reply");
    await page.screenshot({ path: "test-results/outreach-replies-desktop.png", fullPage: true });

    // Answered from the inbox: with no provider it is kept here, marked not sent, and the reply is handled.
    await card.getByRole("button", { name: "Answer" }).click();
    await card.getByLabel(`Answer to ${patient}`).fill("Of course. See you at 9.");
    await card.getByRole("button", { name: "Save answer" }).click();
    await expect(page.getByText("No replies waiting")).toBeVisible();
    await page.getByRole("link", { name: "Handled" }).click();
    const handled = page
      .getByRole("list", { name: "Handled replies" })
      .getByRole("listitem", { name: new RegExp(`^${patient}, `) });
    await expect(handled.getByRole("list", { name: "Answers" })).toContainText(
      "Of course. See you at 9.",
    );
    await expect(handled).toContainText(
      "Not sent: the patient's reply was made in Standby (demo), so the answer is kept here.",
    );
    await expect(handled).toContainText("handled by Sam Okafor");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/outreach-replies-phone.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // The patient writes again: "C".
    await handled.getByRole("button", { name: "Reply as patient" }).click();
    const dialog = page.getByRole("dialog", { name: `Reply as ${patient}` });
    await expect(dialog).toContainText("Reply as the patient (demo, no provider configured)");
    await dialog.getByRole("button", { name: "C (cancel)" }).click();
    await expect(dialog.getByLabel("Patient's reply")).toHaveValue("C");
    await dialog.getByRole("button", { name: "Send as the patient" }).click();
    await expect(dialog).toContainText("Cancelled: marked on the continuity schedule");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();

    // The continuity schedule shows it cancelled, by the patient's text.
    await page.goto(`/practices/${practiceId}/schedule?incident=${incidentId}`);
    const appointment = page.getByRole("listitem", { name: `09:00 ${patient}` });
    await expect(appointment).toContainText("Marked cancelled by Patient, by text reply");
    await expect(page.getByRole("listitem", { name: `09:20 ${other}` })).not.toContainText(
      "Marked",
    );

    // Service is back: the cancellation is a line of the recovery reconciliation.
    await page.goto(`/practices/${practiceId}/incidents/${incidentId}`);
    await page.getByRole("radio", { name: "Resolved" }).check();
    await page.getByRole("button", { name: "Change to Resolved" }).click();
    const marks = page.getByRole("region", {
      name: "Front-desk changes from the continuity schedule",
    });
    await expect(marks).toContainText("Enter 1 cancellation into the EHR");
    await expect(marks).toContainText(patient);
  });

  test("the inbox works on a phone: no sideways scrolling, and says when nothing waits", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const practices = await query<{ items: { id: string; name: string }[] }>(
      page,
      "practices.list",
      { search: "Lakeside" },
    );
    const lakeside = practices.items.find(
      (practice) => practice.name === "Lakeside Family Medicine",
    )!;
    await page.goto(`/practices/${lakeside.id}/outreach/replies`);
    await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
    await expect(page.getByText("No replies waiting")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("as leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("is told patients' replies are not theirs to read", async ({ page }) => {
    const practices = await query<{ items: { id: string; name: string }[] }>(
      page,
      "practices.list",
      { search: "Lakeside" },
    );
    const lakeside = practices.items.find(
      (practice) => practice.name === "Lakeside Family Medicine",
    )!;
    await page.goto(`/practices/${lakeside.id}/outreach/replies`);
    await expect(page.getByText("Leadership does not see patient data.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Open replies" })).toHaveCount(0);
  });
});
