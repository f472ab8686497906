import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

// Leadership limited to Lakeside Family Medicine: their calendar has Lakeside's due work only.
test.use({ storageState: storageStateOf("leadership") });

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

test("a member makes a calendar address of their due work, subscribes to it, and revoking it ends it", async ({
  page,
  request,
}) => {
  await page.goto("/account/security");
  const section = page.getByRole("region", { name: "Calendar feed" });
  await section.getByRole("button", { name: "Create calendar address" }).click();
  await expect(section.getByText("It is shown only now")).toBeVisible();
  const url = await section.getByLabel("Address (https)").inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(section.getByLabel("Subscribe link (webcal)")).toHaveValue(
    url.replace(/^https?:\/\//, "webcal://"),
  );
  await page.screenshot({ path: "test-results/calendar-feed-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/calendar-feed-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // What a calendar app gets: the practice's due work as all-day events, nothing of other practices.
  const feed = await request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const ics = unfold(await feed.text());
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
  expect(ics).toContain("Lakeside Family Medicine");
  expect(ics).not.toContain("Riverside Pediatrics");

  await section.getByRole("button", { name: "I have saved it" }).click();
  await expect(section.getByText(/You have a calendar address, created/)).toBeVisible();
  await expect(section.getByLabel("Address (https)")).toHaveCount(0);

  await section.getByRole("button", { name: "Revoke address" }).click();
  await page
    .getByRole("dialog", { name: "Revoke your calendar address?" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(section.getByRole("button", { name: "Create calendar address" })).toBeVisible();
  expect((await request.get(new URL(url).pathname)).status()).toBe(404);
});
