import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

async function createPractice(page: Page, name: string): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("40 Aspen Ct, Springfield, IL 62704");
  await site.getByLabel("Phone").fill("(217) 555-0190");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** A calendar day some days from now ("2027-03-01"): far enough from today to be the same day in any zone's future. */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);
/** How the app writes a calendar day: "Mar 1, 2027". */
const shown = (day: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(new Date(`${day}T00:00:00Z`));

async function openStatusDialog(page: Page, title: string) {
  await page
    .getByRole("article", { name: title })
    .getByRole("button", { name: /^Change status/ })
    .click();
  const dialog = page.getByRole("dialog", { name: `Change the status of “${title}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("a risk is added with its systems, accepted only with a reason and an expiry, scheduled with a date, resolved with a note, and its history kept", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const practice = `Aspen Court Clinic ${stamp}`;
  const title = `No MFA on the EHR admin account ${stamp}`;
  const practiceId = await createPractice(page, practice);

  // The practice's systems, to link the risk to.
  await page.goto(`/practices/${practiceId}/dependencies`);
  await page.getByRole("button", { name: "Start from the usual clinic systems" }).click();
  await page
    .getByRole("dialog", { name: "Add the usual clinic systems?" })
    .getByRole("button", { name: "Add the usual systems" })
    .click();
  await expect(page.getByText(/systems added with their usual links/)).toBeVisible();

  await page.goto(`/practices/${practiceId}/risks`);
  await expect(page.getByRole("heading", { name: practice })).toBeVisible();
  await expect(
    page
      .getByRole("navigation", { name: "Practice" })
      .getByRole("link", { name: "Reviews & risks" }),
  ).toHaveAttribute("aria-current", "page");
  const subnav = page.getByRole("navigation", { name: "Reviews and risks" });
  await expect(subnav.getByRole("link", { name: "Reviews" })).toHaveAttribute(
    "href",
    `/practices/${practiceId}/reviews`,
  );
  await expect(subnav.getByRole("link", { name: "Risk register" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(
    page.getByRole("heading", {
      name: "No risks recorded — add the first, or record backup tests and drills that propose them",
    }),
  ).toBeVisible();

  // Add it: a title is required, with the schema's message.
  await page.getByRole("button", { name: "Add risk" }).click();
  const add = page.getByRole("dialog", { name: "Add a risk" });
  await add.getByRole("button", { name: "Add risk" }).click();
  await expect(add.getByText("Give the risk a short title (at least 3 characters).")).toBeVisible();
  await add.getByLabel("Title").fill(title);
  await add
    .getByLabel("Description")
    .fill(
      "The EHR admin login has a password only; a phished password gives full access to patient records.",
    );
  await add.getByRole("radio", { name: /^Urgent/ }).check();
  await add.getByLabel("Category").selectOption({ label: "Missing MFA" });
  await add.getByLabel("Owner").fill("Summit IT");
  await add
    .getByRole("group", { name: "Linked systems" })
    .getByRole("checkbox", { name: "EHR", exact: true })
    .check();
  await add
    .getByRole("group", { name: "Linked systems" })
    .getByRole("checkbox", { name: "Microsoft 365" })
    .check();
  await add.getByRole("button", { name: "Add risk" }).click();
  await expect(add).toBeHidden();

  const card = page.getByRole("article", { name: title });
  await expect(card.getByText("Urgent severity")).toBeVisible();
  await expect(card.getByText("Open", { exact: true })).toBeVisible();
  await expect(card.getByText("Missing MFA")).toBeVisible();
  await expect(card.getByText("Summit IT")).toBeVisible();
  await expect(card.getByText("EHR, Microsoft 365")).toBeVisible();
  const filters = page.getByRole("navigation", { name: "Filter risks" });
  await expect(filters.getByRole("link", { name: "Urgent 1" })).toBeVisible();
  await expect(filters.getByRole("link", { name: "Active 1" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // Accepting without a reason is refused next to the reason, and changes nothing.
  let dialog = await openStatusDialog(page, title);
  await expect(dialog.getByRole("radio", { name: /^Open/ })).toBeDisabled();
  await dialog.getByRole("radio", { name: /^Accepted/ }).check();
  const expiry = dayFromNow(90);
  await dialog.getByLabel("Accepted until").fill(expiry);
  await dialog.getByRole("button", { name: "Save status" }).click();
  const reason = dialog.getByLabel("Why is the risk accepted?");
  await expect(
    dialog.getByText("Write why the risk is accepted (at least 10 characters)."),
  ).toBeVisible();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await expect(card.getByText("Open", { exact: true })).toBeAttached();

  // With a reason and an expiry it is accepted until that day.
  await reason.fill(
    "The vendor turns on MFA for admin accounts in its next release; until then admin logins come only from the MSP jump host.",
  );
  await dialog.getByRole("button", { name: "Save status" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText(`Accepted until ${shown(expiry)}`)).toBeVisible();

  // Scheduling needs a date.
  dialog = await openStatusDialog(page, title);
  await dialog.getByRole("radio", { name: /^Scheduled/ }).check();
  await dialog.getByRole("button", { name: "Save status" }).click();
  await expect(dialog.getByText("Choose the date the fix is planned for.")).toBeVisible();
  const fixDay = dayFromNow(30);
  await dialog.getByLabel("Fix planned for").fill(fixDay);
  await dialog.getByRole("button", { name: "Save status" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText(`Scheduled for ${shown(fixDay)}`)).toBeVisible();

  // Resolving needs a note; then the risk leaves the active list.
  dialog = await openStatusDialog(page, title);
  await dialog.getByRole("radio", { name: /^Resolved/ }).check();
  await dialog.getByRole("button", { name: "Save status" }).click();
  await expect(dialog.getByText("Say how the risk was resolved.")).toBeVisible();
  await dialog
    .getByLabel("How was it resolved?")
    .fill("MFA enforced on every EHR admin account; checked with the vendor.");
  await dialog.getByRole("button", { name: "Save status" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toBeHidden();
  await expect(filters.getByRole("link", { name: "Active 0" })).toBeVisible();
  await filters.getByRole("link", { name: "Resolved 1" }).click();
  await expect(card.getByText("Resolved", { exact: true })).toBeVisible();

  // The risk's page has every field and the whole history, newest first.
  await card.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(
    page.getByText("MFA enforced on every EHR admin account; checked with the vendor.").first(),
  ).toBeVisible();
  const history = page.getByRole("list", { name: "Status history" }).getByRole("listitem");
  await expect(history).toHaveCount(4);
  await expect(history.nth(0)).toContainText("Scheduled to Resolved");
  await expect(history.nth(0)).toContainText("Note: MFA enforced on every EHR admin account");
  await expect(history.nth(1)).toContainText("Accepted to Scheduled");
  await expect(history.nth(1)).toContainText(`Fix planned for ${shown(fixDay)}`);
  await expect(history.nth(2)).toContainText("Open to Accepted");
  await expect(history.nth(2)).toContainText("Reason: The vendor turns on MFA");
  await expect(history.nth(2)).toContainText(`Accepted until ${shown(expiry)}`);
  await expect(history.nth(3)).toContainText("Recorded as Open");
  for (let index = 0; index < 4; index++)
    await expect(history.nth(index)).toContainText("Alex Rivera");
});

test("leadership reads the risk register and a risk's page without any button to change them", async ({
  page,
  browser,
}) => {
  const title = `Unknown vendor remote access tool ${Date.now()}`;
  await page.goto("/portfolio");
  const href = (await page
    .getByRole("link", { name: "Lakeside Family Medicine" })
    .getAttribute("href"))!;
  await page.goto(`${href}/risks`);
  await page.getByRole("button", { name: "Add risk" }).click();
  const add = page.getByRole("dialog", { name: "Add a risk" });
  await add.getByLabel("Title").fill(title);
  await add.getByLabel("Category").selectOption({ label: "Unknown vendor remote access" });
  await add.getByRole("button", { name: "Add risk" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("article", { name: title })).toBeVisible();

  const leadership = await browser.newContext({ storageState: storageStateOf("leadership") });
  const reader = await leadership.newPage();
  await reader.goto(`${href}/risks`);
  const card = reader.getByRole("article", { name: title });
  await expect(card.getByText("Medium severity")).toBeVisible();
  await expect(reader.getByRole("button", { name: "Add risk" })).toHaveCount(0);
  await expect(reader.getByRole("button", { name: /^Change status/ })).toHaveCount(0);
  await expect(reader.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await card.getByRole("link", { name: title }).click();
  await expect(reader.getByRole("heading", { name: title })).toBeVisible();
  await expect(
    reader.getByRole("list", { name: "Status history" }).getByRole("listitem"),
  ).toHaveCount(1);
  await expect(reader.getByRole("button", { name: /^Change status|^Edit/ })).toHaveCount(0);
  await leadership.close();
});
