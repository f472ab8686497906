import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

/**
 * The demo technician writes the MSP's own Spanish delay notice: the checker refuses an unknown
 * variable with the allowed ones, the SMS counter follows the text (an "á" makes it UCS-2 and two
 * segments), the text saved is there after a reload, and reset brings back the built-in one.
 */
test.use({ storageState: storageStateOf("technician") });

const allowed =
  "Use only: {first_name}, {date_time}, {site_name}, {site_address}, {provider_name}, {practice_phone}.";

test("a technician writes the Spanish delay notice for every practice, then resets it", async ({
  page,
}) => {
  await page.goto("/portfolio");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Message templates" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Message templates" })).toBeVisible();

  await page.getByLabel("Message", { exact: true }).selectOption({ label: "Running late / delay" });
  await page.getByLabel("Language").selectOption({ label: "Spanish" });
  await expect(page).toHaveURL(/kind=delay&language=es/);
  const source = page.getByTestId("template-source");
  await expect(source).toHaveText(/Built-in/);
  const body = page.getByLabel("Message (SMS and email)");
  await expect(body).toHaveValue(/^Hola \{first_name\}, vamos con retraso/);
  const save = page.getByRole("button", { name: "Save for every practice of the MSP" });

  // An unknown variable: refused beside the field, with the allowed ones; nothing to save.
  await body.fill("Hola {first_name}, su cita del {fecha} puede empezar tarde.");
  await expect(body).toHaveAccessibleDescription(
    new RegExp(escape(`Unknown variable {fecha}. ${allowed}`)),
  );
  await expect(save).toBeDisabled();
  await expect(page.getByText("Fix the message to see the preview.")).toBeVisible();

  // Fixed, with the phone inserted from the variable buttons: one GSM-7 segment.
  await body.fill("Hola {first_name}, su cita del {date_time} puede empezar tarde. Disculpe. ");
  await page.getByRole("button", { name: "Insert practice phone" }).click();
  await expect(body).toHaveValue(/Disculpe\. \{practice_phone\}$/);
  await expect(body).toHaveAttribute("aria-invalid", "false");
  const counter = page.getByTestId("sms-counter");
  await expect(counter).toContainText("GSM-7");
  await expect(counter).toContainText("1 SMS segment");
  await expect(page.getByTestId("sms-preview")).toHaveText(
    "Hola Maria, su cita del martes 8 de diciembre, 9:30 puede empezar tarde. Disculpe. (608) 555-0100",
  );

  // One "á" sends the whole text as UCS-2: two segments, and the counter says which character.
  await body.press("End");
  await body.pressSequentially(" Llegará en breve.");
  await expect(counter).toContainText("UCS-2");
  await expect(counter).toContainText("2 SMS segments");
  await expect(counter).toContainText(/because of:\s*á/);

  await save.click();
  await expect(page.getByText("Text saved")).toBeVisible();
  await expect(source).toHaveText(/MSP/);
  await page.screenshot({ path: test.info().outputPath("templates-desktop.png"), fullPage: true });

  // The rest on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByLabel("Language")).toHaveValue("es");
  await expect(body).toHaveValue(/Llegará en breve\.$/);
  await expect(source).toHaveText(/MSP/);
  await expect(
    page.getByRole("button", { name: /Running late \/ delay, Spanish: MSP/ }),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("templates-phone.png"), fullPage: true });

  await page.getByRole("button", { name: "Reset to the built-in text" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset this text?" });
  await expect(dialog).toContainText("Standby's built-in text");
  await dialog.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(page.getByText("Back to Standby's built-in text")).toBeVisible();
  await expect(source).toHaveText(/Built-in/);
  await expect(body).toHaveValue(/^Hola \{first_name\}, vamos con retraso/);
});

test("the practice's manager sees the MSP's texts for their practice and writes its own from the Schedule page", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateOf("manager") });
  const page = await context.newPage();
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "Lakeside Family Medicine" }).first().click();
  const tabs = page.getByRole("navigation", { name: "Practice" });
  await tabs.getByRole("link", { name: "Schedule" }).click();
  await page.getByRole("link", { name: "Message templates" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Lakeside Family Medicine" }),
  ).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Schedule" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page
    .getByLabel("Message", { exact: true })
    .selectOption({ label: "Cancellation confirmation" });
  await expect(page.getByTestId("template-source")).toHaveText(/Built-in/);
  const body = page.getByLabel("Message (SMS and email)");
  await body.fill(
    "Hi {first_name}, your visit on {date_time} is cancelled. Lakeside: {practice_phone}",
  );
  await page.getByRole("button", { name: "Save for this practice" }).click();
  await expect(page.getByText("Text saved")).toBeVisible();
  await expect(page.getByTestId("template-source")).toHaveText(/This practice/);
  await page.getByRole("button", { name: "Reset to the built-in text" }).click();
  await page
    .getByRole("dialog", { name: "Reset this text?" })
    .getByRole("button", { name: "Reset", exact: true })
    .click();
  await expect(page.getByTestId("template-source")).toHaveText(/Built-in/);
  await context.close();
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
