import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fromZonedInput, toZonedInput } from "@/components/ui/zoned-time";
import { storageStateOf } from "./roles";
import { createPractice } from "./trpc";

/**
 * What a newcomer meets on a fresh install: a practice with no dependency map, declaring an outage
 * from it, and the pages that are not there.
 */

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

test.describe("a practice with no dependency map", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("the usual systems are added from the declare form, and the outage is declared with the time it started", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const practiceId = await createPractice(page, `Zephyr Fresh Clinic ${Date.now()}`);
    await page.goto(`/incidents/new?practiceId=${practiceId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Declare an outage" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /has no dependency map yet/ })).toBeVisible();

    await page.getByRole("button", { name: "Start from the usual clinic systems" }).click();
    await page
      .getByRole("dialog", { name: "Add the usual clinic systems?" })
      .getByRole("button", { name: "Add the usual systems" })
      .click();
    const ehr = page.getByRole("checkbox", { name: /^EHR/ });
    await expect(ehr).toBeVisible();
    await ehr.check();

    // The start time is filled in (with now, on the practice's clock) without anyone touching it.
    const startedAt = page.getByLabel("Started at (America/Denver, practice time)");
    await expect(startedAt).not.toHaveValue("");
    const shown = fromZonedInput(await startedAt.inputValue(), "America/Denver")!;
    expect(Math.abs(shown.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    // A start typed on the practice's clock is that moment, whatever the browser's zone.
    const started = new Date(Math.floor((Date.now() - 90 * 60_000) / 60_000) * 60_000);
    await startedAt.fill(toZonedInput(started, "America/Denver"));

    await page.getByRole("radio", { name: /^Critical/ }).check();
    await page.getByRole("radio", { name: "Yes" }).check();
    await page.getByRole("button", { name: "Declare outage" }).click();
    await expect(page.getByText("Enter when the outage started.")).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/incidents/${uuid}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("EHR down");
    const incidentId = page.url().split("/").at(-1)!;
    const response = await page.request.get(
      `/api/trpc/incidents.get?input=${encodeURIComponent(JSON.stringify({ json: { practiceId, incidentId } }))}`,
    );
    expect(response.ok()).toBe(true);
    const { incident } = (await response.json()).result.data.json as {
      incident: { startedAt: string };
    };
    expect(new Date(incident.startedAt).toISOString()).toBe(started.toISOString());
  });
});

test.describe("pages that are not there", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("answer 404 and show one main landmark, inside the practice pages as on the print pages", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const practiceId = await createPractice(page, `Zephyr Missing Pages ${Date.now()}`);
    const missing = randomUUID();
    const paths = [
      `/practices/${missing}`,
      `/practices/${missing}/plan`,
      `/practices/${missing}/vendors`,
      `/practices/${missing}/dependencies`,
      `/practices/${missing}/backups`,
      `/practices/${missing}/drills`,
      `/practices/${missing}/incidents`,
      `/practices/${missing}/reviews`,
      `/practices/${missing}/risks`,
      `/practices/${missing}/edit`,
      `/practices/not-a-practice`,
      `/practices/${practiceId}/incidents/${missing}`,
      `/practices/${practiceId}/reviews/${missing}`,
      `/practices/${practiceId}/risks/${missing}`,
      `/practices/${practiceId}/plan/versions/999`,
      `/practices/${practiceId}/plan/versions/not-a-number`,
      `/print/practices/${missing}/packet`,
    ];
    for (const path of paths) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).toContain("Not found");
    }
    // The practice itself is there.
    expect((await page.request.get(`/practices/${practiceId}`, { maxRedirects: 0 })).status()).toBe(
      200,
    );

    for (const path of [`/practices/${missing}`, `/practices/${practiceId}/risks/${missing}`]) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expect(page.getByRole("main")).toHaveCount(1);
      await expect(page.locator("main")).toHaveCount(1);
    }
  });
});

test.describe("pages a role may not open", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("answer 404 too, with one main landmark", async ({ page }) => {
    for (const path of [
      "/members",
      "/audit",
      "/plan-template",
      "/practices/new",
      "/incidents/new",
    ]) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expect(page.locator("main")).toHaveCount(1);
    }
    // What leadership may open still opens.
    expect((await page.goto("/incidents"))!.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  });
});
