import { expect, test } from "@playwright/test";
import {
  startFhirTestServer,
  type FhirTestServer,
  type SeededSchedule,
} from "@/server/test/fhir-server";
import { storageStateOf } from "./roles";

/**
 * A technician connects Riverside Pediatrics to its EHR: the FHIR test server on loopback stands
 * in for the EHR, and, like a real one, checks Standby's signed token requests against the keys
 * published at the JWKS address the settings page shows. Then Test connection and Sync now, with
 * the copy's age on the page once the worker has read the schedule.
 */
test.use({ storageState: storageStateOf("technician") });

let fhir: FhirTestServer;
let seeded: SeededSchedule;
/** Registered "with the vendor" once the page shows it. */
let jwksAddress = "";

test.beforeAll(async () => {
  fhir = await startFhirTestServer({
    clientId: "standby-e2e",
    jwks: async () => {
      if (!jwksAddress) return { keys: [] };
      const answer = await fetch(jwksAddress);
      return (await answer.json()) as { keys: [] };
    },
  });
  // From yesterday's UTC midnight: the practice's today (an American time zone) has appointments.
  const from = new Date();
  from.setUTCHours(0, 0, 0, 0);
  from.setUTCDate(from.getUTCDate() - 1);
  seeded = fhir.seedSchedule({ from, days: 4, appointments: 80, patients: 60 });
});
test.afterAll(async () => {
  await fhir?.close();
});

test("a technician connects a practice's EHR over FHIR, tests the connection and syncs its schedule", async ({
  page,
}) => {
  await page.goto(`/portfolio?q=${encodeURIComponent("Riverside Pediatrics")}`);
  await page
    .getByRole("table", { name: "Practices" })
    .getByRole("rowheader", { name: "Riverside Pediatrics" })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/\/practices\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/schedule/settings`);
  await expect(page.getByText("This practice keeps no schedule copy yet")).toBeVisible();

  // A loopback address without the scheme's slashes is refused beside its field.
  await page.getByLabel("FHIR base address").fill("not an address");
  await page.getByLabel("Client id").fill("standby-e2e");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByLabel("FHIR base address")).toHaveAccessibleDescription(
    /not a web address/,
  );

  await page.getByLabel("FHIR base address").fill(fhir.baseUrl);
  await page.getByRole("button", { name: "Connect" }).click();
  const keys = page.getByRole("region", { name: "Standby's keys" });
  await expect(keys.getByText("signs now")).toBeVisible();
  jwksAddress = (await keys.locator("code").textContent())!.trim();
  expect(jwksAddress).toMatch(/\/api\/schedule\/jwks\/[0-9a-f-]{36}$/);
  const published = (await (await page.request.get(jwksAddress)).json()) as {
    keys: { kid: string; d?: string }[];
  };
  expect(published.keys).toHaveLength(1);
  expect(published.keys[0]).not.toHaveProperty("d");

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected: FHIR 4\.0\.1/)).toBeVisible();
  expect(fhir.acceptedAssertions.at(-1)?.header.kid).toBe(published.keys[0]!.kid);

  await page.getByRole("button", { name: "Sync now" }).click();
  const status = page.getByRole("region", { name: "The copy" });
  await expect(status.getByText(/as of \d\d:\d\d, .* ago/)).toBeVisible({ timeout: 45_000 });
  await expect(status.getByText("Syncs every 15 minutes, the next 7 days.")).toBeVisible();
  expect(fhir.counters.searches).toBeGreaterThan(0);

  // The copy is what the front desk opens: the day's appointments from the EHR, with their patients.
  await page.goto(page.url().replace(/\/settings$/, ""));
  await expect(page.getByText(/Schedule copy as of \d\d:\d\d/)).toBeVisible();
  const appointments = page.getByRole("listitem", { name: /^\d\d:\d\d \S+/ });
  await expect(appointments.first()).toBeVisible();
  const names = new Set(
    seeded.patientIds.map((id) => {
      const patient = fhir.get("Patient", id) as unknown as {
        name: { given: string[]; family: string }[];
      };
      const [name] = patient.name;
      return `${name!.given.join(" ")} ${name!.family}`;
    }),
  );
  const shown = (await appointments.first().getAttribute("aria-label"))!.replace(/^\S+ /, "");
  expect(names).toContain(shown);
});
