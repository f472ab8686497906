import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

const HEADER =
  "vendor,category,support_phone,portal_url,support_hours,baa_on_file,account_number,level,contact_name,contact_role,contact_phone,contact_email,contact_hours";

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("7 Willow Ln, Springfield, IL 62705");
  await site.getByLabel("Phone").fill("(217) 555-0177");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test("a catalog vendor is linked to a practice with a two-level ladder, marked verified, and kept while in use", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const vendor = `Acme EHR ${stamp}`;
  const practice = `Willow Creek Clinic ${stamp}`;
  const practiceId = await createPractice(page, practice);

  // The MSP's catalog: the vendor lives here once.
  await page.goto("/vendors");
  await expect(page.getByRole("heading", { name: "Vendor catalog" })).toBeVisible();
  await page.getByRole("button", { name: "New vendor" }).click();
  const create = page.getByRole("dialog", { name: "New catalog vendor" });
  await create.getByLabel("Vendor name").fill(vendor);
  await create.getByLabel("Category").selectOption({ label: "EHR" });
  await create.getByLabel("Support phone").fill("(555) 010-4400");
  await create.getByLabel("Support portal").fill("support.acme.example");
  await create.getByLabel("Support hours").fill("24/7");
  await create.getByLabel("BAA on file").check();
  await create.getByRole("button", { name: "Add vendor" }).click();
  await expect(create.getByText("Enter a web address starting with https://")).toBeVisible();
  await create.getByLabel("Support portal").fill("https://support.acme.example");
  await create.getByRole("button", { name: "Add vendor" }).click();
  await expect(create).toBeHidden();
  await page.goto(`/vendors?q=${encodeURIComponent(vendor)}`);
  await expect(page.getByRole("row", { name: new RegExp(vendor) })).toContainText("Not used");

  // Linked to the practice from the catalog, with the practice's account number and a two-level ladder.
  await page.goto(`/practices/${practiceId}/vendors`);
  await expect(page.getByRole("heading", { name: practice })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "No vendors yet — add the EHR vendor first" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Add vendor" }).click();
  const add = page.getByRole("dialog", { name: `Add a vendor to ${practice}` });
  await add.getByLabel("Search the catalog").fill(String(stamp));
  await add.getByLabel("Catalog vendor").selectOption({ label: `${vendor} (EHR)` });
  await add.getByRole("button", { name: "Continue" }).click();
  const link = page.getByRole("dialog", { name: `Add ${vendor} to ${practice}` });
  await link.getByLabel("Account or customer number").fill("ACME-55120");
  await link.getByRole("button", { name: "Add level" }).click();
  await link.getByRole("button", { name: "Add level" }).click();
  const first = link.getByRole("group", { name: "Level 1" });
  await first.getByLabel("Name").fill("Acme support line");
  await first.getByLabel("Role").fill("Front line");
  await first.getByLabel("Phone").fill("(555) 010-4400");
  await first.getByLabel("Hours").fill("24/7");
  const second = link.getByRole("group", { name: "Level 2" });
  await second.getByLabel("Name").fill("Jordan Miles");
  await second.getByLabel("Role").fill("Account manager");
  await link.getByRole("button", { name: "Add to practice" }).click();
  await expect(second.getByText("Give a phone number or an email for this level.")).toBeVisible();
  await second.getByLabel("Email").fill("jordan.miles@acme.example");
  await link.getByRole("button", { name: "Add to practice" }).click();
  await expect(link).toBeHidden();

  const card = page.getByRole("article", { name: vendor });
  await expect(card.getByText("Never verified", { exact: true })).toBeVisible();
  await expect(card.getByRole("link", { name: "(555) 010-4400" }).first()).toHaveAttribute(
    "href",
    "tel:5550104400",
  );
  await expect(card.getByText("ACME-55120")).toBeVisible();
  const ladder = card.getByRole("list", { name: `Escalation ladder for ${vendor}` });
  await expect(ladder.getByRole("listitem")).toHaveCount(2);
  await expect(ladder.getByRole("listitem").nth(0)).toContainText("Acme support line");
  await expect(ladder.getByRole("listitem").nth(1)).toContainText("Jordan Miles");
  await expect(ladder.getByRole("link", { name: "jordan.miles@acme.example" })).toHaveAttribute(
    "href",
    "mailto:jordan.miles@acme.example",
  );

  // Mark verified records who and when.
  await card.getByRole("button", { name: /^Mark verified/ }).click();
  await expect(card.getByText("Verified today")).toBeVisible();
  await expect(
    card.getByText(/^Last verified [A-Z][a-z]{2} \d{1,2}, \d{4} by Alex Rivera$/),
  ).toBeVisible();

  // The ladder can be reordered.
  await card.getByRole("button", { name: /^Edit contacts/ }).click();
  const edit = page.getByRole("dialog", { name: `Contacts for ${vendor}` });
  await edit
    .getByRole("group", { name: "Level 2" })
    .getByRole("button", { name: /^Move up/ })
    .click();
  await expect(edit.getByRole("group", { name: "Level 1" }).getByLabel("Name")).toHaveValue(
    "Jordan Miles",
  );
  await edit.getByRole("button", { name: "Save contacts" }).click();
  await expect(edit).toBeHidden();
  await expect(ladder.getByRole("listitem").nth(0)).toContainText("Jordan Miles");

  // The catalog refuses to delete a vendor a practice uses, and says why.
  await page.goto(`/vendors?q=${encodeURIComponent(vendor)}`);
  const row = page.getByRole("row", { name: new RegExp(vendor) });
  await expect(row).toContainText("1 practice");
  await row.getByRole("button", { name: /^Delete/ }).click();
  await page
    .getByRole("dialog", { name: `Delete ${vendor} from your catalog?` })
    .getByRole("button", { name: "Delete vendor" })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: "was not deleted" })).toContainText(
    `${vendor} was not deleted. This vendor is used by 1 practice(s) and 0 system(s). Remove it from them first.`,
  );
  await expect(row).toBeVisible();
});

test("vendors are imported from CSV after a preview that shows each bad row, and exported back", async ({
  page,
}) => {
  const stamp = Date.now();
  const practice = `Juniper Family Practice ${stamp}`;
  const practiceId = await createPractice(page, practice);
  const northwind = `Northwind Fiber ${stamp}`;
  const bluebird = `Bluebird Billing ${stamp}`;
  const rows = (bluebirdEmail: string) =>
    [
      HEADER,
      `${northwind},isp,(555) 010-3000,https://help.northwind.example,24/7,no,NW-7781,1,Northwind NOC,NOC,(555) 010-3000,,24/7`,
      `${northwind},isp,(555) 010-3000,https://help.northwind.example,24/7,no,NW-7781,2,Casey Lin,Account manager,,casey.lin@northwind.example,Mon–Fri 8–17`,
      `${bluebird},billing,(555) 010-5000,,Mon–Fri 8–18,yes,BB-100,1,Bluebird support,Front line,(555) 010-5000,${bluebirdEmail},`,
    ].join("\n");
  const file = (csv: string) => ({
    name: "vendors.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });

  await page.goto(`/practices/${practiceId}/vendors`);
  await page.getByRole("button", { name: "Import CSV" }).click();
  const panel = page.getByRole("region", { name: "Import vendors from CSV" });
  await expect(panel.getByText(HEADER)).toBeVisible();

  await panel.getByLabel("CSV file").setInputFiles(file(rows("not-an-email")));
  // The contact of a row that fails its checks is not read, so the row is found by its vendor.
  const bad = panel.getByRole("row").filter({ hasText: bluebird });
  await expect(bad).toContainText("contact_email: Enter an email address, or leave it empty.");
  await expect(bad.getByRole("cell").first()).toHaveText("4");
  await expect(
    panel.getByText(
      "1 row has errors. Fix it in the file and choose it again; nothing has been imported.",
    ),
  ).toBeVisible();
  await expect(panel.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  // Nothing was written.
  await page.goto(`/vendors?q=${encodeURIComponent(northwind)}`);
  await expect(
    page.getByRole("heading", { name: `No vendors match “${northwind}”` }),
  ).toBeVisible();

  await page.goto(`/practices/${practiceId}/vendors`);
  await page.getByRole("button", { name: "Import CSV" }).click();
  await panel.getByLabel("CSV file").setInputFiles(file(rows("billing@bluebird.example")));
  await expect(panel.getByText("2 vendors, 2 new to your catalog")).toBeVisible();
  await expect(panel.getByRole("row").filter({ hasText: "Bluebird support" })).toContainText("OK");
  await panel.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 2 vendors (2 new to your catalog).")).toBeVisible();
  await expect(panel).toBeHidden();

  await expect(
    page
      .getByRole("article", { name: northwind })
      .getByRole("list", { name: `Escalation ladder for ${northwind}` })
      .getByRole("listitem"),
  ).toHaveCount(2);
  await expect(page.getByRole("article", { name: northwind })).toContainText("NW-7781");
  await expect(page.getByRole("article", { name: bluebird })).toContainText(
    "billing@bluebird.example",
  );

  // Export: a CSV file with the header row and one row per level.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`vendors-juniper-family-practice-${stamp}.csv`);
  const lines = (await readFile(await download.path(), "utf8")).split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toBe(HEADER);
  expect(lines).toHaveLength(4);
  expect(lines.filter((line) => line.startsWith(northwind))).toHaveLength(2);
});

test("a practice manager reads the practice's vendors without edit controls", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateOf("manager") });
  const page = await context.newPage();
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "Lakeside Family Medicine" }).click();
  await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
  const practiceId = /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.goto(`/practices/${practiceId}/vendors`);
  await expect(page.getByRole("heading", { name: "Lakeside Family Medicine" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "No vendors yet — add the EHR vendor first" }),
  ).toBeVisible();
  await expect(page.getByText("An MSP technician adds the practice's vendors")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add vendor" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import CSV" })).toHaveCount(0);
  await context.close();
});
