import { expect, test } from "@playwright/test";
import { createPractice, mutate, uploadSchedule } from "./trpc";
import { storageStateOf } from "./roles";

/**
 * A planned maintenance window tells the patients whose appointments fall inside it (issue 20: "notify
 * them ahead of a planned maintenance window"). At a practice of its own, with tomorrow's schedule
 * copy uploaded here: the MSP's technician opens the window, follows "Tell patients with appointments
 * that day", finds the maintenance notice, the day and the window's hours chosen, previews it (only
 * the two patients inside the window, each with the notice's text) and sends it.
 */
test.use({ storageState: storageStateOf("technician") });

const zone = "America/Chicago";

/** Tomorrow on the practice's calendar, as the schedule report and the window write it. */
function tomorrowIn(timeZone: string) {
  const [year, month, day] = new Date()
    .toLocaleDateString("en-CA", { timeZone })
    .split("-")
    .map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

test("a maintenance window's notice goes to the patients booked inside it, previewed and sent", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const tomorrow = tomorrowIn(zone);
  const admin = await playwright.request.newContext({
    baseURL,
    storageState: storageStateOf("admin"),
  });
  const practiceId = await createPractice(admin, `Windowfield Family Clinic ${stamp}`, zone);
  await admin.dispose();

  // Tomorrow's schedule: two patients inside the window (12:00–14:00), two outside it.
  const at = (time: string, patient: string, phone: string) => ({
    date: tomorrow,
    time,
    patient,
    phone,
    provider: "Dr. Imogen Hale",
  });
  await uploadSchedule(page, practiceId, [
    at("9:00 AM", "Petra Earlybird", "(608) 555-0191"),
    at("12:30 PM", "Ingrid Windowfield", "(608) 555-0192"),
    at("1:15 PM", "Oswin Windowhart", "(608) 555-0193"),
    at("4:00 PM", "Quentin Latefield", "(608) 555-0194"),
  ]);
  const { ids } = await mutate<{ ids: string[] }>(page, "maintenance.create", {
    practiceId,
    title: `EHR upgrade ${stamp}`,
    reason: "Version upgrade by the vendor",
    startsLocal: `${tomorrow}T12:00`,
    endsLocal: `${tomorrow}T14:00`,
    systemIds: [],
    reminderMinutes: [],
    recurrence: null,
  });

  await page.goto(`/practices/${practiceId}/maintenance/${ids[0]}`);
  await page.getByRole("link", { name: "Tell patients with appointments that day" }).click();
  await expect(page).toHaveURL(
    new RegExp(`/outreach\\?kind=maintenance&date=${tomorrow}&from=12:00&to=14:00$`),
  );
  // Enabled once the page is interactive.
  await expect(page.getByRole("button", { name: "Stop all sending" })).toBeEnabled();
  const compose = page.getByRole("region", { name: "New message to patients" });
  await expect(compose.getByLabel("Message")).toHaveValue("maintenance");
  await expect(compose.getByRole("radio", { name: "Another day" })).toBeChecked();
  await expect(compose.getByRole("textbox", { name: "Day" })).toHaveValue(tomorrow);
  await expect(compose.getByLabel("From (optional)")).toHaveValue("12:00");
  await expect(compose.getByLabel("Until (optional)")).toHaveValue("14:00");

  await compose.getByRole("button", { name: /^Preview/ }).click();
  const preview = compose.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("status").first()).toContainText("2 patients get this message");
  const recipients = preview.getByRole("listitem");
  await expect(recipients).toHaveCount(2);
  await expect(recipients.filter({ hasText: "Ingrid" })).toContainText(
    "our systems will be down for planned maintenance during your visit",
  );
  await expect(recipients.filter({ hasText: "Oswin" })).toHaveCount(1);
  await expect(preview).not.toContainText("Petra");
  await expect(preview).not.toContainText("Quentin");

  await preview.getByRole("button", { name: "Send to 2 patients…" }).click();
  const dialog = page.getByRole("dialog", { name: "Send to 2 patients?" });
  await dialog.getByRole("button", { name: "Send 2 messages" }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByRole("listitem", { name: /^Planned maintenance notice, / });
  await expect(
    notice.getByRole("list", { name: "Each patient" }).getByRole("listitem"),
  ).toHaveCount(2);

  // Sent twice by mistake: the same two are skipped, nothing goes out again.
  await compose.getByRole("button", { name: /^Preview/ }).click();
  await expect(preview.getByRole("status").first()).toContainText("0 patients get this message");
  await expect(preview).toContainText("2 skipped");
});
