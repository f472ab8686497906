import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers } from "./roles";

test("a visitor without a session is sent to sign-in", async ({ page }) => {
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fportfolio/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows an error that does not say whether the email exists", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demoUsers.technician);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const wrongPassword = page.getByText("That email and password do not match an account");
  await expect(wrongPassword).toBeVisible();

  await page.getByLabel("Email").fill("nobody-at-all@nowhere.example");
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(wrongPassword).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the form checks its fields before sending", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("sign in, then sign out ends the session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demoUsers.technician);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in/);
});
