import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("technician") });

test("the session cookie is httpOnly and SameSite=Lax (Secure with __Host- over https: see server/domain/session-cookie.test.ts)", async ({
  page,
  context,
}) => {
  await page.goto("/portfolio");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  const cookie = (await context.cookies()).find(
    (candidate) => candidate.name === "standby.session",
  );
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
});

test("a cross-site POST to a tRPC mutation or an auth route is refused with 403", async ({
  page,
}) => {
  await page.goto("/portfolio");
  const trpc = await page.request.post("/api/trpc/account.reauthenticate", {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: { json: { password: "anything" } },
  });
  expect(trpc.status()).toBe(403);
  expect(await trpc.text()).toContain("came from another site");
  const auth = await page.request.post("/api/auth/signout", {
    headers: { origin: "https://evil.example" },
    form: { csrfToken: "x" },
  });
  expect(auth.status()).toBe(403);
  // The session is untouched.
  await page.goto("/portfolio");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
});

test("GET requests change nothing: a mutation over GET is refused and GET /api/auth/signout does not sign out", async ({
  page,
}) => {
  await page.goto("/portfolio");
  const input = encodeURIComponent(JSON.stringify({ json: { password: "anything" } }));
  const mutation = await page.request.get(`/api/trpc/account.reauthenticate?input=${input}`);
  expect(mutation.status()).toBe(405);
  await page.request.get("/api/auth/signout");
  await page.goto("/portfolio");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
});
