import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

const password = "orchard quasar bellows nineteen";

/** A code for the next 30-second step: the server accepts one step either side, and never a code it has seen. */
const nextCode = (secret: string) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a technician turns on two-factor, sees the recovery codes once, and signs in again with a code", async ({
  page,
  browser,
}) => {
  // One long journey: invitation, enrolment and three sign-ins.
  test.setTimeout(120_000);
  // A new member, so no other journey's account changes.
  const email = `two-factor-${Date.now()}@summit-it.example`;
  await page.goto("/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("technician");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();

  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(link);
  await member.getByLabel("Your name").fill("Jordan Okafor");
  await member.getByLabel("Password").fill(password);
  await member.getByRole("button", { name: "Join and sign in" }).click();
  await expect(member.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  // From the header to the account page; just signed in, so no need to confirm the password again.
  await member.getByRole("link", { name: "Account security" }).click();
  await expect(member.getByRole("heading", { name: "Account security" })).toBeVisible();
  await expect(member.getByRole("heading", { name: /Two-factor sign-in: Off/ })).toBeVisible();
  await member.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(
    member.getByRole("img", { name: "QR code for your authenticator app" }),
  ).toBeVisible();
  const secret = (await member.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await member.getByLabel("Code from the app").fill("000000");
  await member.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(member.getByText("That code is not right.")).toBeVisible();
  await member.getByLabel("Code from the app").fill(await generate({ secret }));
  await member.getByRole("button", { name: "Turn on two-factor" }).click();

  // Ten recovery codes, shown this once.
  const codes = member.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = await codes.first().innerText();
  expect(recoveryCode).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expect(member.getByText("They are shown only now.")).toBeVisible();
  await member.getByRole("button", { name: "I have saved them" }).click();
  await expect(member.getByRole("heading", { name: /Two-factor sign-in: On/ })).toBeVisible();
  await member.reload();
  await expect(member.getByRole("heading", { name: /Two-factor sign-in: On/ })).toBeVisible();
  await expect(member.getByText("10 of 10 recovery codes left.", { exact: false })).toBeVisible();
  await expect(member.getByText(recoveryCode)).toHaveCount(0);

  // Sign out; the password alone no longer signs in.
  await member.getByRole("button", { name: "Sign out" }).click();
  await expect(member.getByText("You are signed out.")).toBeVisible();
  await signInWithPassword(member, email);
  await expect(member.getByLabel("Authentication code")).toBeVisible();
  await member.goto("/portfolio");
  await expect(member).toHaveURL(/\/sign-in/);

  // A wrong code is refused; the right one signs in.
  await signInWithPassword(member, email);
  await member.getByLabel("Authentication code").fill("123456");
  await member.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(member.getByText("That code is not right.")).toBeVisible();
  await member.getByLabel("Authentication code").fill(await nextCode(secret));
  await member.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(member.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  // A recovery code works too, once.
  await member.getByRole("button", { name: "Sign out" }).click();
  await expect(member.getByText("You are signed out.")).toBeVisible();
  await signInWithPassword(member, email);
  await member.getByLabel("Authentication code").fill(recoveryCode);
  await member.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(member.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await member.goto("/account/security");
  await expect(member.getByText("9 of 10 recovery codes left.", { exact: false })).toBeVisible();
  await context.close();
});
