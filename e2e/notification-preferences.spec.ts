import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

// The practice manager of Lakeside Family Medicine chooses their own notifications.
test.use({ storageState: storageStateOf("manager") });

test("a member chooses outage texts and the daily digest at their own hour and zone; a missing or malformed mobile number is explained", async ({
  page,
}) => {
  await page.goto("/account/security");
  const section = page.getByRole("region", { name: "Notifications" });
  const texts = section.getByRole("checkbox", { name: /Text me about outages/ });
  const mobile = section.getByRole("textbox", { name: "Mobile number" });
  const save = section.getByRole("button", { name: "Save notification choices" });
  await expect(texts).not.toBeChecked();

  await texts.check();
  await save.click();
  await expect(section.getByText("Enter your mobile number to get outage texts.")).toBeVisible();
  await mobile.fill("608 555 0142");
  await save.click();
  await expect(section.getByText(/country code, e\.g\. \+15551234567\.$/)).toBeVisible();
  await mobile.fill("+16085550142");
  await section.getByRole("checkbox", { name: /Email me about outages/ }).check();
  await section.getByRole("checkbox", { name: /Send me a daily digest/ }).check();
  // When it goes: where most of their practices are, unless they choose their own zone and hour.
  const zone = section.getByRole("combobox", { name: "In the time zone" });
  await expect(zone.locator("option:checked")).toHaveText(/^Where most of your practices are \(/);
  await section.getByRole("combobox", { name: "Send it at" }).selectOption("6");
  await zone.selectOption("America/Chicago");
  await save.click();
  await expect(page.getByText("Notification choices saved")).toBeVisible();
  await page.screenshot({
    path: "test-results/notification-preferences-desktop.png",
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: "test-results/notification-preferences-phone.png",
    fullPage: true,
  });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.reload();
  await expect(texts).toBeChecked();
  await expect(mobile).toHaveValue("+16085550142");
  await expect(section.getByRole("checkbox", { name: /Send me a daily digest/ })).toBeChecked();
  await expect(section.getByRole("combobox", { name: "Send it at" })).toHaveValue("6");
  await expect(zone).toHaveValue("America/Chicago");

  // Back to nothing, so other journeys' outages do not text this member.
  await texts.uncheck();
  await section.getByRole("checkbox", { name: /Email me about outages/ }).uncheck();
  await section.getByRole("checkbox", { name: /Send me a daily digest/ }).uncheck();
  await mobile.fill("");
  await save.click();
  await expect(page.getByText("Notification choices saved")).toBeVisible();
});
