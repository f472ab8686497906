import { expect, test, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, demoUsers, storageStateOf } from "./roles";

/**
 * The sign-in and invitation forms sent before the page's JavaScript has loaded (or with it off):
 * they are POST forms that work on their own, and no password or code ever appears in a URL.
 */

/** Signed in: the app's shell with the person's name (the portfolio's own content streams in with JavaScript). */
async function expectSignedIn(page: Page, name: string) {
  await expect(page).toHaveURL(/\/portfolio$/);
  await expect(page.getByRole("banner")).toContainText(name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A browser without JavaScript that records every URL it requests and how. */
async function withoutJavaScript(browser: Browser) {
  // Signed out: a context made in a test otherwise starts from the test's storageState.
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const requests: { method: string; url: string }[] = [];
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  return { context, page, requests };
}

function expectNoSecretInUrls(requests: { url: string }[], page: Page, ...secrets: string[]) {
  for (const secret of secrets) {
    const leaked = [...requests.map((request) => request.url), page.url()].filter(
      (url) => url.includes(encodeURIComponent(secret)) || url.includes(secret),
    );
    expect(leaked, `URLs holding "${secret}"`).toEqual([]);
  }
}

test("signing in without JavaScript posts the form and signs in; a wrong password is answered on the page", async ({
  browser,
}) => {
  const { context, page, requests } = await withoutJavaScript(browser);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demoUsers.technician);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(demoUsers.technician);

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedIn(page, "Sam Okafor");
  // Both submissions were POSTs of the page itself (a form without a method would GET /sign-in?password=…).
  expect(
    requests
      .filter((request) => request.method === "POST")
      .map((request) => new URL(request.url).pathname),
  ).toEqual(["/sign-in", "/sign-in"]);
  expectNoSecretInUrls(requests, page, DEMO_PASSWORD, "not the right password");
  await context.close();
});

test.describe("a new member without JavaScript", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("accepts the invitation, and later signs in with a two-factor code", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const email = `no-script-${Date.now()}@summit-it.example`;
    const password = "juniper ledger cobalt fourteen";
    await page.goto("/members");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption("technician");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();

    // The invitation, without JavaScript: the server's own checks answer on the page.
    const member = await withoutJavaScript(browser);
    await member.page.goto(link);
    await member.page.getByRole("button", { name: "Join and sign in" }).click();
    await expect(member.page.getByText("Enter your name.")).toBeVisible();
    await member.page.getByLabel("Your name").fill("Avery Lindqvist");
    await member.page.getByLabel("Password").fill("password1234");
    await member.page.getByRole("button", { name: "Join and sign in" }).click();
    await expect(member.page.getByText(/too easy to guess/)).toBeVisible();
    await expect(member.page.getByLabel("Your name")).toHaveValue("Avery Lindqvist");
    await member.page.getByLabel("Password").fill(password);
    await member.page.getByRole("button", { name: "Join and sign in" }).click();
    await expectSignedIn(member.page, "Avery Lindqvist");
    expectNoSecretInUrls(member.requests, member.page, password, "password1234");

    // Two-factor turned on (with JavaScript, in the member's session).
    const enrolment = await browser.newContext({
      storageState: await member.context.storageState(),
    });
    const security = await enrolment.newPage();
    await security.goto("/account/security");
    await security.getByRole("button", { name: "Set up two-factor" }).click();
    const secret = (await security.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await security.getByLabel("Code from the app").fill(await generate({ secret }));
    await security.getByRole("button", { name: "Turn on two-factor" }).click();
    await security.getByRole("button", { name: "I have saved them" }).click();
    await expect(security.getByRole("heading", { name: /Two-factor sign-in: On/ })).toBeVisible();
    await enrolment.close();
    await member.context.close();

    // Signing in without JavaScript: password, then the code step; a wrong code is answered there.
    const later = await withoutJavaScript(browser);
    await later.page.goto("/sign-in");
    await later.page.getByLabel("Email").fill(email);
    await later.page.getByLabel("Password").fill(password);
    await later.page.getByRole("button", { name: "Sign in" }).click();
    await expect(later.page.getByText(`Two-factor sign-in is on for ${email}.`)).toBeVisible();
    await later.page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(
      later.page.getByText(
        "Enter the 6-digit code from your authenticator app, or a recovery code.",
      ),
    ).toBeVisible();
    await later.page.getByLabel("Authentication code").fill("123456");
    await later.page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(later.page.getByText("That code is not right.")).toBeVisible();
    // The page carries the checked password only sealed, never as it was typed.
    expect(await later.page.content()).not.toContain(password);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await later.page.getByLabel("Authentication code").fill(code);
    await later.page.getByRole("button", { name: "Verify and sign in" }).click();
    await expectSignedIn(later.page, "Avery Lindqvist");
    expectNoSecretInUrls(later.requests, later.page, password, code);
    await later.context.close();
  });
});
