import { expect, test, type Page } from "@playwright/test";
import { startFakeSmsProvider } from "@/server/test/fake-sms-provider";
import { e2eSmsPort } from "./ports";
import { storageStateOf } from "./roles";

/**
 * Patient outreach (issue 20): during an EHR outage at Lakeside Family Medicine (the demo practice
 * with a schedule copy), the MSP's technician previews a message to the day's remaining patients,
 * sends it, and watches each patient's status arrive — first with no provider configured (the
 * messages wait in the outbox, marked not sent), then through a fake SMS provider on loopback that
 * reports delivery with signed callbacks.
 */

async function call<T>(page: Page, path: string, input: unknown, kind: "query" | "mutation") {
  const response =
    kind === "query"
      ? await page.request.get(
          `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        )
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

async function lakesideId(page: Page): Promise<string> {
  const practices = await call<{ items: { id: string; name: string }[] }>(
    page,
    "practices.list",
    { search: "Lakeside" },
    "query",
  );
  return practices.items.find((practice) => practice.name === "Lakeside Family Medicine")!.id;
}

/** An outage of an EHR system of its own at Lakeside, so Lakeside's map stays as other journeys expect it. */
async function declareLakesideOutage(page: Page, practiceId: string) {
  const systemName = `Cloud EHR (outreach test ${Date.now()})`;
  const { id: systemId } = await call<{ id: string }>(
    page,
    "dependencies.createSystem",
    {
      practiceId,
      name: systemName,
      category: "ehr",
      criticality: "critical",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    },
    "mutation",
  );
  const { id } = await call<{ id: string }>(
    page,
    "incidents.declare",
    {
      practiceId,
      title: "EHR down: telling patients",
      systemIds: [systemId],
      severity: "critical",
      patientCareInterrupted: true,
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      ownerName: "",
      updateEveryMinutes: 30,
      // Separate from any outage another journey left open at the practice.
      confirmDuplicate: true,
    },
    "mutation",
  );
  return id;
}

/**
 * Today's remaining patients while Lakeside's day (08:00–16:40 in Chicago) still has some; after
 * that, tomorrow's. The spec does the same whatever the hour it runs at.
 */
function dayToChoose(): "Today's remaining" | "Tomorrow" {
  const [hours, minutes] = new Intl.DateTimeFormat("en-GB", {
    timeZone: "America/Chicago",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(new Date())
    .split(":")
    .map(Number) as [number, number];
  return hours * 60 + minutes < 15 * 60 ? "Today's remaining" : "Tomorrow";
}

/** Chooses the message and the appointments, previews, and sends; returns how many patients. */
async function previewAndSend(page: Page, message: string) {
  const compose = page.getByRole("region", { name: "New message to patients" });
  await compose.getByLabel("Message").selectOption({ label: message });
  await compose.getByRole("radio", { name: dayToChoose() }).check();
  await compose.getByRole("button", { name: /^Preview/ }).click();
  const preview = compose.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("status").first()).toContainText("get this message");
  const summary = (await preview.getByRole("status").first().textContent()) ?? "";
  const count = Number(/(\d+) patients? get this message/.exec(summary)?.[1]);
  expect(count).toBeGreaterThan(0);
  await expect(preview.getByRole("heading", { name: "Who gets what" })).toBeVisible();
  await preview
    .getByRole("button", { name: `Send to ${count} patient${count === 1 ? "" : "s"}…` })
    .click();
  const dialog = page.getByRole("dialog", {
    name: `Send to ${count} patient${count === 1 ? "" : "s"}?`,
  });
  await dialog
    .getByRole("button", { name: `Send ${count} message${count === 1 ? "" : "s"}` })
    .click();
  await expect(dialog).toBeHidden();
  return count;
}

test.describe("as the MSP's technician", () => {
  test.use({ storageState: storageStateOf("technician") });

  test("tells the day's patients during an EHR outage: the outbox without a provider, then delivered texts", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const practiceId = await lakesideId(page);

    // Lakeside's quiet hours off for this journey, so the messages go now whatever the hour.
    await page.goto(`/practices/${practiceId}/outreach`);
    // Enabled once the page is interactive (typing before would be lost).
    await expect(page.getByRole("button", { name: "Stop all sending" })).toBeEnabled();
    await page.getByLabel("Quiet hours from").fill("00:00");
    await page.getByLabel("Quiet hours until").fill("00:00");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Quiet hours from")).toHaveValue("00:00");
    await expect(page.getByLabel("Quiet hours until")).toHaveValue("00:00");

    // From the incident room of a new EHR outage to the patient messages.
    const incidentId = await declareLakesideOutage(page, practiceId);
    await page.goto(`/practices/${practiceId}/incidents/${incidentId}`);
    await page
      .getByRole("link", { name: "Patient messages: tell today's patients about the delay" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/outreach\\?incident=`));
    await expect(page.getByRole("button", { name: "Stop all sending" })).toBeEnabled();

    // No provider for patient texts yet: the messages are kept in the outbox, not sent.
    await expect(page.getByText("No provider is configured for patient texts")).toBeVisible();
    const kept = await previewAndSend(page, "Working on paper today");
    const paperDay = page.getByRole("listitem", { name: /^Working on paper today, / });
    await expect(paperDay.getByRole("region", { name: "Outbox" })).toContainText(
      `Outbox: ${kept} not sent, no provider configured`,
    );
    const everyone = paperDay.getByRole("list", { name: "Each patient" }).getByRole("listitem");
    await expect(everyone).toHaveCount(kept);
    await expect(
      everyone.first().getByText("Not sent: no provider configured", { exact: true }),
    ).toBeVisible();
    await expect(everyone.first()).toContainText(
      /we are working on paper today|hoy trabajamos en papel/,
    );

    // An admin sets up the number for patient texts: the fake provider on loopback.
    const provider = await startFakeSmsProvider({ port: e2eSmsPort, reportEveryMs: 300 });
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });
    const adminPage = await admin.newPage();
    const { id: channelId } = await call<{ id: string }>(
      adminPage,
      "notifications.createChannel",
      {
        kind: "sms",
        name: "Lakeside patient texts (browser test)",
        practiceId,
        events: [],
        recipients: [],
        from: "+15005550006",
        accountSid: provider.accountSid,
        authToken: provider.authToken,
        apiBaseUrl: provider.url,
        patientOutreach: true,
      },
      "mutation",
    );
    try {
      await page.reload();
      await expect(
        page.getByText("Texts go out through “Lakeside patient texts (browser test)”"),
      ).toBeVisible();
      await expect(page.getByRole("button", { name: "Stop all sending" })).toBeEnabled();

      // A delay notice to the same patients: previewed, sent, and delivered one by one.
      const sent = await previewAndSend(page, "Running late / delay");
      const delay = page.getByRole("listitem", { name: /^Running late \/ delay, / });
      const patients = delay.getByRole("list", { name: "Each patient" }).getByRole("listitem");
      await expect(patients).toHaveCount(sent);
      await expect(patients.getByText("Delivered", { exact: true })).toHaveCount(sent, {
        timeout: 60_000,
      });
      await expect(delay).toContainText(`${sent} delivered`);
      await expect(patients.first()).toContainText(
        /a computer outage is slowing us down|vamos con retraso por una falla/,
      );
      // Each patient's text reached the provider once.
      const texts = provider.messages.filter((message) => message.to.startsWith("+1608555"));
      expect(texts).toHaveLength(sent);
      expect(new Set(texts.map((message) => message.to)).size).toBe(sent);
    } finally {
      const channels = await call<{ id: string; version: number }[]>(
        adminPage,
        "notifications.channels",
        undefined,
        "query",
      );
      const version = channels.find((channel) => channel.id === channelId)!.version;
      await call(adminPage, "notifications.removeChannel", { channelId, version }, "mutation");
      await admin.close();
      await provider.close();
      // The outage ends, so other journeys find Lakeside as they expect it.
      const { incident } = await call<{ incident: { version: number } }>(
        page,
        "incidents.get",
        { practiceId, incidentId },
        "query",
      );
      await call(
        page,
        "incidents.changeStatus",
        { practiceId, incidentId, status: "resolved", note: "", version: incident.version },
        "mutation",
      );
    }
  });

  test("works on a phone: no sideways scrolling, stop all sending within reach", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const practiceId = await lakesideId(page);
    await page.goto(`/practices/${practiceId}/outreach`);
    await expect(page.getByRole("button", { name: "Stop all sending" })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("as leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("sees how many patients were told, not who, and is told why", async ({ page }) => {
    await page.goto("/portfolio");
    const practiceId = await lakesideId(page);
    await page.goto(`/practices/${practiceId}/outreach`);
    await expect(
      page.getByText("Leadership sees how many patients were told, not who"),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "New message to patients" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Stop all sending" })).toHaveCount(0);
  });
});
