import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("technician") });

/** Technicians cannot create practices: an admin does, in a context of their own, and the test works on it. */
async function createPracticeAsAdmin(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("12 Mill Rd, Springfield, IL 62704");
  await site.getByLabel("Phone").fill("(217) 555-0123");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const practiceId = /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await context.close();
  return practiceId;
}

/** One entry of the single points of failure list, found by the system it is about. */
function spofItem(page: Page, name: string) {
  return page
    .getByRole("list", { name: "Single points of failure" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: `${name}: show its impact`, exact: true }) });
}

async function addSystem(
  page: Page,
  name: string,
  category: string,
  criticality: "Critical" | "Important" | "Minor",
) {
  await page
    .getByRole("button", { name: /^Add (a )?system$/ })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Add a system" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Category").selectOption({ label: category });
  await dialog.getByRole("radio", { name: new RegExp(`^${criticality}`) }).check();
  await dialog.getByRole("button", { name: "Add system" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(edit.getByText(`${name} is on the map.`)).toBeVisible();
  return edit;
}

test("a technician maps two systems, links them, sees the impact, and is refused a loop", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const practice = `Birchwood Clinic ${Date.now()}`;
  const practiceId = await createPracticeAsAdmin(browser, practice);
  await page.goto(`/practices/${practiceId}/dependencies`);
  await expect(page.getByRole("heading", { name: practice })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "No systems yet — start from the usual clinic systems" }),
  ).toBeVisible();

  // A name is required, with the schema's own message.
  await page.getByRole("button", { name: "Add a system" }).click();
  const adding = page.getByRole("dialog", { name: "Add a system" });
  await adding.getByRole("button", { name: "Add system" }).click();
  await expect(adding.getByText("Name the system, e.g. Primary internet circuit.")).toBeVisible();
  await adding.getByRole("button", { name: "Close" }).click();

  let dialog = await addSystem(page, "Clinic internet", "Internet circuit", "Critical");
  await dialog.getByRole("button", { name: "Close" }).click();
  dialog = await addSystem(page, "Clinic EHR", "EHR", "Critical");
  await dialog.getByLabel("Add a system it depends on").selectOption({ label: "Clinic internet" });
  await dialog.getByRole("button", { name: "Add link" }).click();
  await expect(
    dialog
      .getByRole("region", { name: "Depends on" })
      .getByRole("button", { name: "Remove link: Clinic EHR depends on Clinic internet" }),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // The table reads the link; the internet circuit is a single point of failure for the EHR.
  await expect(
    page.getByRole("row", { name: /Clinic EHR/ }).getByRole("cell", { name: "Clinic internet" }),
  ).toBeVisible();
  await expect(spofItem(page, "Clinic internet")).toContainText(
    "Stops: Clinic EHR, Clinic internet (itself, no stand-in)",
  );

  // Impact: what stops if the internet circuit fails.
  await page.getByLabel("If this system fails").selectOption({ label: "Clinic internet" });
  await expect(page.getByText("If Clinic internet fails, these stop:")).toBeVisible();
  const stops = page.getByRole("list", { name: "If Clinic internet fails, these stop" });
  await expect(stops.getByRole("listitem")).toHaveCount(1);
  await expect(stops.getByRole("listitem")).toContainText("Clinic EHR");
  await expect(page.getByRole("row", { name: /Clinic EHR/ })).toContainText("Stops");

  // The reverse link would close a loop: refused, with the loop named.
  await page.getByRole("button", { name: "Edit Clinic internet" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Clinic internet" });
  await dialog.getByLabel("Add a system it depends on").selectOption({ label: "Clinic EHR" });
  await dialog.getByRole("button", { name: "Add link" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "That link would make a loop: Clinic internet → Clinic EHR → Clinic internet.",
  );
  await expect(dialog.getByRole("region", { name: "Depends on" })).toContainText("Nothing yet.");

  // A second circuit that can stand in clears the single point of failure.
  await dialog.getByRole("button", { name: "Close" }).click();
  dialog = await addSystem(page, "Cellular backup", "Internet circuit", "Important");
  await dialog
    .getByLabel("Add a system that can stand in for it")
    .selectOption({ label: "Clinic internet" });
  await dialog.getByRole("button", { name: "Mark redundant" }).click();
  await expect(dialog.getByRole("region", { name: "Redundant with" })).toContainText(
    "Clinic internet",
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(
    page.getByText(
      "Nothing else stops if Clinic internet fails. Cellular backup can stand in for it.",
    ),
  ).toBeVisible();
  await expect(spofItem(page, "Clinic internet")).toHaveCount(0);

  // Deleting asks first.
  await page.getByRole("button", { name: "Edit Cellular backup" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Cellular backup" });
  await dialog.getByRole("button", { name: "Delete system" }).click();
  await page
    .getByRole("dialog", { name: "Delete Cellular backup?" })
    .getByRole("button", { name: "Delete system" })
    .click();
  await expect(page.getByRole("row", { name: /Cellular backup/ })).toHaveCount(0);
  await expect(spofItem(page, "Clinic internet")).toBeVisible();
});

test("a new practice starts from the usual clinic systems and sees its single points of failure, as a table and a diagram", async ({
  page,
  browser,
}) => {
  const practice = `Aspen Valley Clinic ${Date.now()}`;
  const practiceId = await createPracticeAsAdmin(browser, practice);
  await page.goto(`/practices/${practiceId}/dependencies`);
  await page.getByRole("button", { name: "Start from the usual clinic systems" }).click();
  await page
    .getByRole("dialog", { name: "Add the usual clinic systems?" })
    .getByRole("button", { name: "Add the usual systems" })
    .click();
  await expect(page.getByText(/^16 systems added with their usual links/)).toBeVisible();

  await expect(
    page.getByRole("heading", { name: /Single points of failure \(\d+\)/ }),
  ).toBeVisible();
  await expect(spofItem(page, "Power / UPS")).toContainText("EHR");
  await expect(spofItem(page, "Firewall")).toContainText("Phones / VoIP");
  // Two circuits stand in for each other: neither is a single point of failure.
  await expect(spofItem(page, "Primary internet circuit")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /^Power \/ UPS/ })).toContainText(
    "Single point of failure",
  );

  // Applying it again adds nothing.
  await page.getByRole("button", { name: "Add the usual clinic systems" }).click();
  await page
    .getByRole("dialog", { name: "Add the usual clinic systems?" })
    .getByRole("button", { name: "Add the usual systems" })
    .click();
  await expect(
    page.getByText("Nothing added: the practice already has every usual system."),
  ).toBeVisible();

  // The diagram: one node per system; pressing one shows its impact there and in the panel.
  await page.getByRole("tab", { name: "Diagram" }).click();
  await expect(page).toHaveURL(/view=diagram/);
  const diagram = page.getByRole("tabpanel");
  await expect(diagram.locator(".react-flow__node")).toHaveCount(16);
  await expect(diagram.getByRole("button", { name: "Zoom in" })).toBeVisible();
  await diagram.getByRole("button", { name: /^Firewall/ }).click();
  await expect(page.getByText("If Firewall fails, these stop:")).toBeVisible();
  await expect(page.getByRole("list", { name: "If Firewall fails, these stop" })).toContainText(
    "Phones / VoIP",
  );
  await expect(diagram.getByRole("button", { name: /^EHR/ })).toContainText("Stops");
  await expect(diagram.getByRole("button", { name: /^Firewall/ })).toContainText("Fails");

  // The view is kept in the address.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Diagram" })).toHaveAttribute("aria-selected", "true");
});

test("a practice manager reads Lakeside's map without edit controls", async ({ page, browser }) => {
  const manager = await browser.newContext({ storageState: storageStateOf("manager") });
  const managerPage = await manager.newPage();
  await managerPage.goto("/portfolio");
  await managerPage.getByRole("link", { name: "Lakeside Family Medicine" }).click();
  await expect(
    managerPage.getByRole("heading", { name: "Lakeside Family Medicine" }),
  ).toBeVisible();
  const practiceId = /\/practices\/([0-9a-f-]{36})/.exec(managerPage.url())![1]!;

  // The technician puts a system on Lakeside's map (through the API, as the UI would).
  const name = `Front desk workstation ${Date.now()}`;
  const response = await page.request.post("/api/trpc/dependencies.createSystem", {
    data: {
      json: {
        practiceId,
        name,
        category: "workstations",
        criticality: "critical",
        owner: "Summit IT",
        vendorId: null,
        siteId: null,
        notes: "",
      },
    },
  });
  expect(response.ok(), await response.text()).toBe(true);

  await managerPage.goto(`/practices/${practiceId}/dependencies`);
  await expect(
    managerPage.getByRole("heading", { name: "Lakeside Family Medicine" }),
  ).toBeVisible();
  await expect(managerPage.getByRole("row", { name: new RegExp(name) })).toContainText("Critical");
  await expect(
    managerPage.getByText("You can read this map; MSP technicians and admins keep it up to date."),
  ).toBeVisible();
  await expect(managerPage.getByRole("button", { name: "Add system" })).toHaveCount(0);
  await expect(managerPage.getByRole("button", { name: /usual clinic systems/ })).toHaveCount(0);
  await expect(managerPage.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  // Reading the impact is for everyone.
  await managerPage.getByLabel("If this system fails").selectOption({ label: name });
  await expect(managerPage.getByText(`Nothing else stops if ${name} fails.`)).toBeVisible();

  // A write through the API is refused for the manager too.
  const refused = await managerPage.request.post("/api/trpc/dependencies.applyStarterMap", {
    data: { json: { practiceId } },
  });
  expect(refused.status()).toBe(403);
  await manager.close();
});
