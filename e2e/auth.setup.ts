import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers, storageStateOf, type DemoUser } from "./roles";

for (const user of Object.keys(demoUsers) as DemoUser[]) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demoUsers[user]);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The first page after signing in is the first a fresh server renders: give a busy machine time.
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 20_000 });
    await page.context().storageState({ path: storageStateOf(user) });
  });
}
