import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type DemoUser } from "./roles";
import { mutate, query } from "./trpc";

/**
 * The accessibility checker (axe-core) over the main pages, at desktop and phone size, as the people
 * who use them: no finding of serious or critical impact against WCAG 2 A/AA. Each size runs in its
 * own worker, reusing one page per person, so the whole sweep stays well under two minutes.
 */

test.describe.configure({ mode: "parallel" });
// No trace of each step: the checker's own calls would fill it for nothing.
test.use({ trace: "off" });

const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

async function practiceIdOf(page: Page, name: string): Promise<string> {
  const practices = await query<{ items: { id: string; name: string }[] }>(page, "practices.list", {
    search: name.split(" ")[0],
  });
  return practices.items.find((practice) => practice.name === name)!.id;
}

/** A practice of this run's own, with the usual map, a review under way and an outage declared on it. */
async function ownPractice(page: Page, label: string) {
  const { id: practiceId } = await mutate<{ id: string }>(page, "practices.create", {
    name: `Axe Clinic ${label} ${Date.now()}`,
    timezone: "America/Denver",
    ehrProduct: "ModMed EMA",
    downtimeCostPerMinuteCents: 2_500,
    isNewOffice: false,
    isMigrating: false,
    sites: [
      { name: "Main office", address: "17 Aspen Way, Boulder, CO 80302", phone: "(303) 555-0199" },
    ],
  });
  await mutate(page, "dependencies.applyStarterMap", { practiceId });
  const map = await query<{ systems: { id: string; name: string }[] }>(page, "dependencies.map", {
    practiceId,
  });
  const { id: reviewId } = await mutate<{ id: string }>(page, "reviews.start", { practiceId });
  const { id: incidentId } = await mutate<{ id: string }>(page, "incidents.declare", {
    practiceId,
    title: "EHR down",
    systemIds: [map.systems.find((system) => system.name === "EHR")!.id],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    ownerName: "",
    updateEveryMinutes: 15,
  });
  await mutate(page, "incidents.postUpdate", {
    practiceId,
    incidentId,
    body: "Called the vendor; paper charts out at the front desk.",
    idempotencyKey: crypto.randomUUID(),
  });
  return { practiceId, reviewId, incidentId };
}

type Finding = { page: string; rule: string; impact: string; targets: string[] };

async function check(page: Page, label: string, url: string, findings: Finding[]) {
  const started = Date.now();
  await page.goto(url);
  await expect(page.locator("h1").first()).toBeVisible();
  // Streamed parts fill in after the first paint; wait for the loading placeholders to go.
  await expect(page.getByRole("status", { name: "Loading", exact: true })).toHaveCount(0, {
    timeout: 15_000,
  });
  const loaded = Date.now();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    // Only the violations' details: collecting every passing node triples the time on a big page.
    .options({ resultTypes: ["violations"] })
    .analyze();
  if (process.env.AXE_TIMINGS)
    console.log(`${label}: load ${loaded - started} ms, check ${Date.now() - loaded} ms`);
  for (const violation of results.violations) {
    if (violation.impact !== "serious" && violation.impact !== "critical") continue;
    const finding = {
      page: label,
      rule: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    };
    if (process.env.AXE_TIMINGS) console.log(JSON.stringify(finding));
    findings.push(finding);
  }
}

async function signedIn(browser: Browser, user: DemoUser | null, size: keyof typeof sizes) {
  const context = await browser.newContext({
    viewport: sizes[size],
    ...(user ? { storageState: storageStateOf(user) } : {}),
  });
  return { context, page: await context.newPage() };
}

/** Every finding in the message, grouped by rule (with the number of elements), then each one. */
function expectNone(findings: Finding[]) {
  const byRule: Record<string, number> = {};
  for (const finding of findings)
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + finding.targets.length;
  expect(findings, JSON.stringify({ byRule, findings }, null, 1)).toEqual([]);
}

for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
  test(`a practice's plan, map, vendors and backups have no serious accessibility findings (${size}, admin)`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const findings: Finding[] = [];
    const { context, page } = await signedIn(browser, "admin", size);
    const cedar = await practiceIdOf(page, "Cedar Grove Dermatology");
    for (const [label, url] of [
      ["practice overview", `/practices/${cedar}`],
      ["plan", `/practices/${cedar}/plan`],
      ["packet", `/print/practices/${cedar}/packet`],
      ["dependencies", `/practices/${cedar}/dependencies`],
      ["practice vendors", `/practices/${cedar}/vendors`],
      ["backups", `/practices/${cedar}/backups`],
    ] as const)
      await check(page, `${label} (admin)`, url, findings);
    await context.close();
    expectNone(findings);
  });

  test(`a practice's reviews, risks, drills, outage, maintenance and schedule have no serious accessibility findings (${size}, admin)`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const findings: Finding[] = [];
    const { context, page } = await signedIn(browser, "admin", size);
    const cedar = await practiceIdOf(page, "Cedar Grove Dermatology");
    const lakeside = await practiceIdOf(page, "Lakeside Family Medicine");
    const own = await ownPractice(page, size);
    for (const [label, url] of [
      ["reviews", `/practices/${own.practiceId}/reviews`],
      ["review", `/practices/${own.practiceId}/reviews/${own.reviewId}`],
      ["risks", `/practices/${cedar}/risks`],
      ["drills", `/practices/${cedar}/drills`],
      ["incident room", `/practices/${own.practiceId}/incidents/${own.incidentId}`],
      ["maintenance", `/practices/${cedar}/maintenance`],
      ["schedule", `/practices/${lakeside}/schedule`],
    ] as const)
      await check(page, `${label} (admin)`, url, findings);
    await context.close();
    expectNone(findings);
  });

  test(`the MSP's pages have no serious accessibility findings (${size}, admin)`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const findings: Finding[] = [];
    const { context, page } = await signedIn(browser, "admin", size);
    for (const [label, url] of [
      ["portfolio", "/portfolio"],
      ["vendor catalog", "/vendors"],
      ["incidents", "/incidents"],
      ["metrics", "/metrics"],
      ["members", "/members"],
      ["audit log", "/audit"],
      ["monitors", "/monitors"],
      ["account security", "/account/security"],
    ] as const)
      await check(page, `${label} (admin)`, url, findings);
    await context.close();
    expectNone(findings);
  });

  test(`a practice manager's, leadership's and the sign-in pages have no serious accessibility findings (${size})`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const findings: Finding[] = [];
    // The practice manager's own practice, as they see it.
    const manager = await signedIn(browser, "manager", size);
    const lakeside = await practiceIdOf(manager.page, "Lakeside Family Medicine");
    for (const [label, url] of [
      ["practice overview", `/practices/${lakeside}`],
      ["plan", `/practices/${lakeside}/plan`],
      ["schedule", `/practices/${lakeside}/schedule`],
    ] as const)
      await check(manager.page, `${label} (manager)`, url, findings);
    await manager.context.close();
    // Leadership reads the portfolio and a practice, without the buttons.
    const leadership = await signedIn(browser, "leadership", size);
    await check(leadership.page, "portfolio (leadership)", "/portfolio", findings);
    await check(
      leadership.page,
      "backups (leadership)",
      `/practices/${lakeside}/backups`,
      findings,
    );
    await leadership.context.close();
    const visitor = await signedIn(browser, null, size);
    await check(visitor.page, "sign-in", "/sign-in", findings);
    await visitor.context.close();
    expectNone(findings);
  });
}
