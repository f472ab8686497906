import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { storageStateOf } from "./roles";
import { e2eSmtpPort } from "./ports";

/**
 * Harbor Tech's admin sets up notifications, so the Summit practices other specs work with keep their
 * outbox. The receivers run here, on loopback: a Teams Workflows stand-in answering 202, a signed
 * webhook receiver, and a real SMTP server on the port the app was told (e2e/serve.ts).
 */
test.use({ storageState: storageStateOf("harborAdmin") });

let teams: HttpReceiver;
let hooks: HttpReceiver;
let smtp: SmtpSink;
test.beforeAll(async () => {
  teams = await startHttpReceiver(() => ({ status: 202 }));
  hooks = await startHttpReceiver(() => ({ status: 204 }));
  smtp = await startSmtpSink(e2eSmtpPort);
});
test.afterAll(async () => {
  await Promise.all([teams?.close(), hooks?.close(), smtp?.close()]);
});

async function addChannel(page: Page, kind: string, name: string, fill: () => Promise<void>) {
  const channels = page.getByRole("region", { name: "Channels" });
  await channels.getByRole("button", { name: "Add a channel" }).click();
  await channels.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  await channels.getByLabel("Name", { exact: true }).fill(name);
  await fill();
  await channels.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByText(`“${name}” added`)).toBeVisible();
}

test("an admin adds Teams, a signed webhook and email, sends a test, and a declared outage reaches all three within 5 s", async ({
  page,
}) => {
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("No channels yet")).toBeVisible();
  const channels = page.getByRole("region", { name: "Channels" });

  // A cloud's metadata address is refused with the reason, next to the field.
  await channels.getByRole("button", { name: "Add a channel" }).click();
  await channels.getByRole("radio", { name: /^Slack/ }).check();
  await channels.getByLabel("Name", { exact: true }).fill("Sneaky");
  await channels.getByLabel("Webhook address").fill("https://169.254.169.254/latest/meta-data");
  await channels.getByRole("button", { name: "Add channel" }).click();
  await expect(channels.getByLabel("Webhook address")).toHaveAccessibleDescription(
    /not a public internet address/,
  );
  await channels.getByRole("button", { name: "Close" }).click();

  await addChannel(page, "Microsoft Teams", "On-call Teams", () =>
    channels.getByLabel("Webhook address").fill(`${teams.url}/workflows/hook?sig=abc`),
  );
  await addChannel(page, "Signed webhook", "PSA webhook", () =>
    channels.getByLabel("Receiver's address").fill(`${hooks.url}/standby`),
  );
  const secret = await channels.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await channels.getByRole("button", { name: "Done" }).click();
  await addChannel(page, "Email", "Harbor on-call mailbox", () =>
    channels.getByLabel("Email addresses").fill("oncall@harbor-tech.example"),
  );
  // The Teams address is a credential: after saving, only a hint of it is shown.
  await expect(channels).not.toContainText("sig=abc");

  // Send test: the answer shows in place, and in the delivery log.
  const teamsRow = channels.getByRole("listitem").filter({ hasText: "On-call Teams" });
  await teamsRow.getByRole("button", { name: "Send test" }).click();
  await expect(teamsRow.getByRole("status")).toContainText(
    "Accepted: Accepted by Teams — delivery can't be confirmed",
  );
  const log = page.getByRole("region", { name: "Delivery log" });
  await expect(log.getByText("Test message for “On-call Teams”", { exact: false })).toBeVisible();

  // An outage at Harbor's practice, declared through the app's API with this session.
  const choices = await page.request.get(
    `/api/trpc/practices.choices?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
  );
  const practiceId = (await choices.json()).result.data.json.items[0].id as string;
  const declaredAt = Date.now();
  const declared = await page.request.post("/api/trpc/incidents.declare", {
    data: {
      json: {
        practiceId,
        title: "EHR down (notification check)",
        systemIds: [],
        severity: "critical",
        patientCareInterrupted: true,
        startedAt: new Date().toISOString(),
        ownerName: "",
        updateEveryMinutes: 30,
        // Separate from any outage another journey left open at the practice.
        confirmDuplicate: true,
      },
    },
  });
  expect(declared.ok(), await declared.text()).toBe(true);

  await expect
    .poll(
      () =>
        teams.received.some((request) => request.body.includes("EHR down (notification check)")),
      {
        timeout: 5_000,
      },
    )
    .toBe(true);
  await expect.poll(() => smtp.to("oncall@harbor-tech.example").length, { timeout: 5_000 }).toBe(1);
  expect(Date.now() - declaredAt).toBeLessThan(5_000);
  const card = JSON.parse(
    teams.received.find((request) => request.body.includes("notification check"))!.body,
  );
  expect(card.attachments[0].content.version).toBe("1.4");
  expect(smtp.to("oncall@harbor-tech.example")[0]!.subject).toContain(
    "Outage declared: EHR down (notification check)",
  );
  await expect.poll(() => hooks.received.length, { timeout: 5_000 }).toBeGreaterThan(0);
  const hook = hooks.received.at(-1)!;
  expect(
    new Webhook(secret).verify(hook.body, {
      "webhook-id": String(hook.headers["webhook-id"]),
      "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
      "webhook-signature": String(hook.headers["webhook-signature"]),
    }),
  ).toMatchObject({ type: "incident.declared" });

  // The log shows each delivery with its answer; filtered to one channel, only that channel's.
  await page.reload();
  await expect(
    log.getByText("Outage declared: EHR down (notification check)").first(),
  ).toBeVisible();
  await log.getByLabel("Channel").selectOption({ label: "PSA webhook" });
  await expect(page).toHaveURL(/[?&]channel=/);
  await expect(log.getByRole("listitem").first()).toContainText("→ PSA webhook");
  await expect(log.getByRole("listitem").first()).toContainText("HTTP 204");
  await expect(log.getByText("→ On-call Teams")).toHaveCount(0);
});

test("a member who forgot their password gets a link by email, sets a new one once, and signs in with it; an admin can send one too", async ({
  page,
  browser,
}) => {
  // A new technician of Harbor Tech (the demo users' passwords stay as they are).
  const email = `forgetful.${Date.now()}@harbor-tech.example`;
  await page.goto("/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("technician");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const invitation = await page.getByLabel("Invitation link").inputValue();
  const person = await browser.newContext();
  const tab = await person.newPage();
  await tab.goto(invitation);
  await tab.getByLabel("Your name").fill("Frankie Forgetful");
  await tab.getByLabel("Password").fill("granite puffin orchard 31");
  await tab.getByRole("button", { name: "Join and sign in" }).click();
  await expect(tab.getByRole("banner").getByText("Frankie Forgetful")).toBeVisible();
  await person.clearCookies();

  await tab.goto("/sign-in");
  await tab.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(tab.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await tab.getByLabel("Email").fill(email);
  await tab.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(tab.getByText(/If .* has a Standby account, an email with a link/)).toBeVisible();
  // (The invitation went to the same address: only the reset mails count here.)
  const resetMails = () =>
    smtp.to(email).filter((mail) => mail.subject === "Set a new Standby password");
  await expect.poll(() => resetMails().length, { timeout: 10_000 }).toBe(1);
  const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(resetMails()[0]!.text)![0];

  await tab.goto(link);
  await expect(tab.getByText(`For ${email}`)).toBeVisible();
  await tab.getByLabel("New password").fill("password1234");
  await tab.getByRole("button", { name: "Set the new password" }).click();
  await expect(tab.getByText(/too easy to guess/)).toBeVisible();
  await tab.getByLabel("New password").fill("walrus quartz meadow 58 trumpet");
  await tab.getByRole("button", { name: "Set the new password" }).click();
  await expect(tab.getByText("Your new password is set")).toBeVisible();
  await tab.getByLabel("Password").fill("walrus quartz meadow 58 trumpet");
  await tab.getByRole("button", { name: "Sign in" }).click();
  await expect(tab.getByRole("banner").getByText("Frankie Forgetful")).toBeVisible();

  // The link again (twice by mistake): used, and it says so.
  await tab.goto(link);
  await expect(tab.getByText(/already been used/)).toBeVisible();

  // The admin's way: Members → Reset password; with mail set up, the link goes to the member only.
  await page.reload();
  const row = page.getByRole("listitem", { name: "Frankie Forgetful" });
  await row.getByRole("button", { name: "Reset password" }).click();
  await page.getByRole("button", { name: "Make the link" }).click();
  await expect(
    page.getByText(`A link to set a new password was emailed to ${email}`),
  ).toBeVisible();
  await expect.poll(() => resetMails().length, { timeout: 10_000 }).toBe(2);
  await person.close();
});
