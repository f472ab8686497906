import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

async function createPractice(
  page: Page,
  name: string,
  { newOffice = false } = {},
): Promise<string> {
  await page.goto("/practices/new");
  await page.getByLabel("Practice name").fill(name);
  if (newOffice) await page.getByRole("checkbox", { name: /^New office/ }).check();
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  const site = page.getByRole("group", { name: "Site 1" });
  await site.getByLabel("Address").fill("9 Orchard Way, Springfield, IL 62702");
  await site.getByLabel("Phone").fill("(217) 555-0142");
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/practices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test("a review is started, refused sign-off until attendees and the SAFER assessment are in, then signed off and frozen", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const practice = `Linden Park Clinic ${Date.now()}`;
  const practiceId = await createPractice(page, practice);

  await page.goto(`/practices/${practiceId}/reviews`);
  await expect(page.getByRole("heading", { name: practice })).toBeVisible();
  await expect(
    page
      .getByRole("navigation", { name: "Reviews and risks" })
      .getByRole("link", { name: "Risk register" }),
  ).toHaveAttribute("href", `/practices/${practiceId}/risks`);
  const next = page.getByRole("region", { name: "Next review" });
  await expect(next).toContainText("Quarterly");
  await expect(next).toContainText("On track");
  await expect(page.getByRole("heading", { name: "No reviews signed off yet" })).toBeVisible();

  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page).toHaveURL(new RegExp(`/practices/${practiceId}/reviews/[0-9a-f-]{36}$`));
  const reviewUrl = page.url();
  await expect(page.getByRole("heading", { name: "Checklist" })).toBeVisible();
  await expect(page.getByText("In progress", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Readiness now" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Risks since the previous review" }),
  ).toBeVisible();

  // Sign-off is refused while nobody is listed and the SAFER practices are not assessed.
  await page.getByRole("checkbox", { name: "Outage owner confirmed" }).check();
  await page.getByLabel("Note: Outage owner confirmed").fill("Jamie Torres, backup Dr. Ana Ruiz.");
  await page.getByRole("button", { name: "Sign off" }).click();
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "This review cannot be signed off yet" });
  await expect(refusal).toContainText("Add who attended the review.");
  await expect(refusal).toContainText("Assess every SAFER practice (7 of 7 not assessed yet).");
  await expect(page.getByRole("dialog", { name: "Sign off this review?" })).toBeHidden();

  // Saved as it is, the answers stay after a reload.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Outage owner confirmed" })).toBeChecked();
  await expect(page.getByLabel("Note: Outage owner confirmed")).toHaveValue(
    "Jamie Torres, backup Dr. Ana Ruiz.",
  );

  // Attendees and the SAFER self-assessment.
  await page.getByLabel("Attendee name").fill("Jamie Torres");
  await page.getByRole("button", { name: "Add attendee" }).click();
  await page.getByLabel("Attendee name").fill("Dr. Ana Ruiz");
  await page.getByLabel("Attendee name").press("Enter");
  await page.getByLabel("Attendee name").fill("Sam Okafor");
  await page.getByRole("button", { name: "Add attendee" }).click();
  await page.getByRole("button", { name: "Remove Sam Okafor" }).click();
  await expect(page.getByRole("list", { name: "Attendees" }).getByRole("listitem")).toHaveText([
    "Jamie Torres",
    "Dr. Ana Ruiz",
  ]);

  const safer = page.getByRole("region", { name: "SAFER self-assessment" });
  const groups = safer.getByRole("group");
  await expect(groups).toHaveCount(7);
  for (let index = 0; index < 6; index++)
    await groups.nth(index).getByRole("radio", { name: "In place", exact: true }).check();
  await page.getByRole("button", { name: "Sign off" }).click();
  await expect(refusal).toContainText("Assess every SAFER practice (1 of 7 not assessed yet).");
  await expect(refusal).not.toContainText("Add who attended the review.");
  await safer
    .getByRole("group", { name: "7. Continuing review" })
    .getByRole("radio", { name: "Partly" })
    .check();
  await page
    .getByLabel("Note: Continuing review")
    .fill("Quarterly reviews only started this year.");
  await page
    .getByLabel("What the review found")
    .fill("Paper forms stocked for a day. Second circuit ordered.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();

  await page.getByRole("button", { name: "Sign off" }).click();
  const confirm = page.getByRole("dialog", { name: "Sign off this review?" });
  await confirm.getByRole("button", { name: "Sign off" }).click();

  // Frozen: read-only, with who signed it off and the readiness of that moment.
  await expect(
    page.getByText(/Signed off by Alex Rivera on [A-Z][a-z]{2} \d{1,2}, \d{4}/),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", {
      name: /^Readiness as at sign-off on [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
    }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign off" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByText("Outage owner confirmed — Done")).toBeVisible();
  await expect(page.getByText("Jamie Torres, backup Dr. Ana Ruiz.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Attendees" })).toContainText("Dr. Ana Ruiz");
  await expect(
    page.getByText("Paper forms stocked for a day. Second circuit ordered."),
  ).toBeVisible();

  // Listed on the reviews page; the next one is due a quarter after today.
  await page.getByRole("link", { name: "All reviews" }).click();
  const signed = page.getByRole("list", { name: "Signed-off reviews" });
  await expect(signed.getByRole("listitem")).toHaveCount(1);
  await expect(signed).toContainText("Signed off by Alex Rivera");
  await expect(page.getByRole("button", { name: "Start review" })).toBeVisible();
  await signed.getByRole("link").click();
  await expect(page).toHaveURL(reviewUrl);
  await expect(page.getByText(/Signed off by Alex Rivera on/)).toBeVisible();
});

test("a new office is reviewed monthly; a save after someone else's keeps the typed answers with the conflict, until their version is loaded", async ({
  page,
}) => {
  const practice = `Sycamore Health ${Date.now()}`;
  const practiceId = await createPractice(page, practice, { newOffice: true });
  await page.goto(`/practices/${practiceId}/reviews`);
  await expect(page.getByRole("region", { name: "Next review" })).toContainText(
    "Monthly while the practice is: new office.",
  );
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("heading", { name: "Checklist" })).toBeVisible();
  const reviewId = /\/reviews\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

  // Someone else saves the review (through the API, as their browser would) after this page opened it.
  const theirs = {
    practiceId,
    reviewId,
    version: 1,
    checklist: {},
    safer: {},
    findings: "Their findings: the call tree is out of date.",
    attendees: ["Priya Shah"],
  };
  const response = await page.request.post("/api/trpc/reviews.save", { data: { json: theirs } });
  expect(response.ok(), await response.text()).toBe(true);

  await page.getByLabel("What the review found").fill("My findings: paper forms are missing.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "after you opened it" });
  await expect(conflict).toContainText("Alex Rivera saved this review at");
  await expect(page.getByLabel("What the review found")).toHaveValue(
    "My findings: paper forms are missing.",
  );

  await conflict.getByRole("button", { name: "Load their version" }).click();
  await expect(page.getByLabel("What the review found")).toHaveValue(
    "Their findings: the call tree is out of date.",
  );
  await expect(page.getByRole("list", { name: "Attendees" })).toContainText("Priya Shah");
  await expect(conflict).toBeHidden();
  await page
    .getByLabel("What the review found")
    .fill("Their findings: the call tree is out of date. Agreed.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
});
