/**
 * Proof of isolation: every procedure of the router (walked, not listed by hand) is called with a
 * valid input pointing at a victim's objects, as someone who must not reach them. A victim's row
 * that is returned or changed is a leak; the victim's rows are compared before and after each call.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/server/services/auth";
import type { Context } from "@/server/trpc";
import {
  APP_URL,
  callerFor,
  createMsp,
  insertUser,
  sessionUserFor,
  unique,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";
import { writeSecuritySection } from "@/server/test/security/report";
import {
  buildValidInput,
  callProcedure,
  listProcedures,
  uuidsIn,
  type Outcome,
  type TenantIds,
} from "@/server/test/security/router-walk";
import {
  changedTables,
  snapshotTenant,
  tenantRowIds,
  type Snapshot,
} from "@/server/test/security/snapshot";
import { buildTenantWorld } from "@/server/test/security/tenant-world";

/**
 * Mutations leadership may call: recording that one printed the packet is part of reading it
 * (permission "plans.read"). Everything else leadership calls must be refused.
 */
const leadershipMayCall: Record<string, string> = {
  "plans.recordPacketPrint": "records that the reader printed the packet they may read",
  "plans.recordDeviceCopy": "records that the reader kept the packet they may read on their device",
  "passwordReset.request":
    "open to anyone signed out: answers the same for every address, and writes only a link for the address's own account",
};

/**
 * A person's own account security (password, email, two-factor), calendar feed and notification choices: every signed-in
 * person may change their own, and these procedures take no ids, so they can reach nobody else's.
 * Their changes to the tables an account lives in are the caller's own; changes anywhere else are
 * still leaks.
 */
const ownAccount = (path: string) =>
  path.startsWith("account.") ||
  path.startsWith("calendarFeed.") ||
  path.startsWith("notificationPreferences.");
const accountTables = new Set([
  "users",
  "sessions",
  "recovery_codes",
  "audit_events",
  "sign_in_attempts",
  "calendar_feeds",
  "calendar_feed_events",
  "notification_preferences",
]);

/** Refusals that neither confirm nor deny that the victim's object exists. */
const refusals = new Set(["UNAUTHORIZED", "NOT_FOUND", "FORBIDDEN"]);

type Attacker = {
  name: string;
  ctx: Context;
  /** Ids (and names) of the victim's rows this attacker must never see. */
  markers: Set<string>;
  /** Whose rows must stay unchanged: the whole victim MSP, or (for callers inside that MSP) the victim practice's. */
  watch: "msp" | "practice";
  /** Only mutations are tried (leadership may read its own practice). */
  mutationsOnly?: boolean;
  /**
   * The attacker's own practice: a second pass names it with the victim's other ids (my practice,
   * your risk), so that a lookup by id alone, without its practice, is caught.
   */
  ownPracticeId?: string;
};

type Finding = { attacker: string; path: string; kind: "leak" | "unexpected"; detail: string };

type WalkResult = { procedures: number; attacks: number; findings: Finding[] };

let victim: TestMsp;
let outsider: TestMsp;
let ids: TenantIds;
let otherPracticeManager: TestUser;
/**
 * A catalog vendor only the victim practice uses, with contract notes: the catalog has no practice_id,
 * so practice scope inside the MSP must be checked for it by name.
 */
let practiceOnlyVendor: { id: string; notes: string };
const sessions = new Map<string, SessionUser>();

const procedures = listProcedures();
const contextOf = (user: SessionUser | null): Context => ({ user, appUrl: APP_URL });

beforeAll(async () => {
  [victim, outsider] = await Promise.all([createMsp("Victim"), createMsp("Outsider")]);
  ids = await buildTenantWorld(victim);
  otherPracticeManager = await insertUser(victim.id, {
    role: "practice_manager",
    practiceIds: [victim.practices[1].id],
    name: `Other Manager ${victim.tag}`,
  });
  const otherPracticeLeadership = await insertUser(victim.id, {
    role: "leadership",
    practiceIds: [victim.practices[1].id],
    name: `Other Leader ${victim.tag}`,
  });
  // Leadership whose practice list was emptied and who was not given "all practices": sees no practice.
  const leadershipWithoutPractices = await insertUser(victim.id, {
    role: "leadership",
    practiceIds: [],
    allPractices: false,
    name: `Emptied Leader ${victim.tag}`,
  });
  const notes = `Contract notes of the victim practice only ${unique()}`;
  const admin = await callerFor(victim.admin);
  const { id } = await admin.vendors.create({
    name: `Practice-only vendor ${unique()}`,
    category: "other",
    supportPhone: "",
    portalUrl: "",
    supportHours: "",
    baaOnFile: false,
    contractNotes: notes,
  });
  await admin.vendors.link({
    practiceId: ids.practiceId,
    vendorId: id,
    accountNumber: "",
    notes: "",
    ladder: [],
  });
  practiceOnlyVendor = { id, notes };
  for (const [name, user] of [
    ["outsider", outsider.admin],
    ["otherPracticeManager", otherPracticeManager],
    ["otherPracticeLeadership", otherPracticeLeadership],
    ["leadershipWithoutPractices", leadershipWithoutPractices],
    ["leadership", victim.leadership],
  ] as const)
    sessions.set(name, await sessionUserFor(user));
}, 120_000);

/** The same input with every id of the victim's replaced by an id that exists nowhere. */
function withUnknownIds(input: unknown, victimIds: Set<string>): unknown {
  const replacements = new Map<string, string>();
  const text = JSON.stringify(input ?? null).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => {
      if (!victimIds.has(id)) return id;
      if (!replacements.has(id)) replacements.set(id, randomUUID());
      return replacements.get(id)!;
    },
  );
  // Dates travel as ISO strings in the JSON copy; the schemas coerce them back.
  return JSON.parse(text) as unknown;
}

function leakedMarkers(outcome: Outcome, markers: Set<string>): string[] {
  if (!outcome.ok) return [];
  const text = JSON.stringify(outcome.value ?? null);
  const found = [...uuidsIn(text)].filter((id) => markers.has(id));
  for (const marker of markers)
    if (!/^[0-9a-f-]{36}$/.test(marker) && text.includes(marker)) found.push(marker);
  return found;
}

/** Calls every procedure as the attacker; reports each leak and each outcome other than a refusal or a clean result. */
async function walkAsAttacker(attacker: Attacker): Promise<WalkResult> {
  const findings: Finding[] = [];
  let attacks = 0;
  let covered = 0;
  const practiceId = attacker.watch === "practice" ? ids.practiceId : undefined;
  let before: Snapshot = await snapshotTenant(victim.id, practiceId);
  const passes: TenantIds[] = [
    ids,
    ...(attacker.ownPracticeId ? [{ ...ids, practiceId: attacker.ownPracticeId }] : []),
  ];
  for (const procedure of procedures) {
    if (attacker.mutationsOnly && procedure.type !== "mutation") continue;
    covered++;
    for (const pass of passes) {
      const input = buildValidInput(procedure, pass);
      attacks++;
      const outcome = await callProcedure(attacker.ctx, procedure, input);
      const after = await snapshotTenant(victim.id, practiceId);
      const changed = changedTables(before, after).filter(
        (table) => !(ownAccount(procedure.path) && accountTables.has(table)),
      );
      if (ownAccount(procedure.path) && uuidsIn([input]).size > 0)
        findings.push({
          attacker: attacker.name,
          path: procedure.path,
          kind: "unexpected",
          detail: "an own-account procedure takes an id",
        });
      const allowed =
        attacker.mutationsOnly && (leadershipMayCall[procedure.path] || ownAccount(procedure.path));
      if (allowed) {
        // Own-account calls may be refused on their merits (a wrong code, two-factor already off).
        if (!outcome.ok && !ownAccount(procedure.path))
          findings.push({
            attacker: attacker.name,
            path: procedure.path,
            kind: "unexpected",
            detail: `allowed for leadership but refused: ${outcome.code}`,
          });
        before = after;
        continue;
      }
      if (changed.length)
        findings.push({
          attacker: attacker.name,
          path: procedure.path,
          kind: "leak",
          detail: `changed the victim's ${changed.join(", ")}`,
        });
      const leaked = leakedMarkers(outcome, attacker.markers);
      if (leaked.length)
        findings.push({
          attacker: attacker.name,
          path: procedure.path,
          kind: "leak",
          detail: `returned the victim's ${leaked.slice(0, 5).join(", ")}`,
        });
      if (!outcome.ok && !refusals.has(outcome.code)) {
        // Another refusal (a duplicate name, a stale version of the caller's own document) is fine only
        // when the same call naming objects that do not exist is refused the same way: it must not
        // confirm that the victim's object exists.
        const control = await callProcedure(
          attacker.ctx,
          procedure,
          withUnknownIds(input, attacker.markers),
        );
        const same =
          !control.ok && control.code === outcome.code && control.message === outcome.message;
        if (!same || outcome.code === "INTERNAL_SERVER_ERROR")
          findings.push({
            attacker: attacker.name,
            path: procedure.path,
            kind: "unexpected",
            detail: `${outcome.code}: ${outcome.message}`,
          });
        const afterControl = await snapshotTenant(victim.id, practiceId);
        if (changedTables(after, afterControl).length)
          findings.push({
            attacker: attacker.name,
            path: procedure.path,
            kind: "leak",
            detail: "the control call changed the victim's rows",
          });
      }
      if (outcome.ok && attacker.mutationsOnly)
        findings.push({
          attacker: attacker.name,
          path: procedure.path,
          kind: "unexpected",
          detail: "a read-only user's mutation succeeded",
        });
      before = await snapshotTenant(victim.id, practiceId);
    }
  }
  return { procedures: covered, attacks, findings };
}

async function attackers(): Promise<Attacker[]> {
  const wholeMsp = await tenantRowIds(victim.id);
  wholeMsp.add(victim.tag);
  const victimPractice = await tenantRowIds(victim.id, ids.practiceId);
  victimPractice.add(victim.practices[0].name);
  // Practice scope inside one MSP: the MSP-wide catalog's vendor that only the victim practice uses.
  victimPractice.add(practiceOnlyVendor.id);
  victimPractice.add(practiceOnlyVendor.notes);
  return [
    { name: "no session", ctx: contextOf(null), markers: wholeMsp, watch: "msp" },
    {
      name: "admin of another MSP",
      ctx: contextOf(sessions.get("outsider")!),
      markers: wholeMsp,
      watch: "msp",
      ownPracticeId: outsider.practices[0].id,
    },
    {
      name: "manager of another practice of the same MSP",
      ctx: contextOf(sessions.get("otherPracticeManager")!),
      markers: victimPractice,
      watch: "practice",
      ownPracticeId: victim.practices[1].id,
    },
    {
      name: "leadership of another practice of the same MSP",
      ctx: contextOf(sessions.get("otherPracticeLeadership")!),
      markers: victimPractice,
      watch: "practice",
      ownPracticeId: victim.practices[1].id,
    },
    {
      name: "leadership with an emptied practice list",
      ctx: contextOf(sessions.get("leadershipWithoutPractices")!),
      markers: victimPractice,
      watch: "practice",
    },
    {
      name: "leadership of the practice (mutations)",
      ctx: contextOf(sessions.get("leadership")!),
      markers: victimPractice,
      watch: "msp",
      mutationsOnly: true,
    },
  ];
}

const results: (WalkResult & { attacker: string })[] = [];

describe("isolation, every procedure of the router", () => {
  test("the walk reaches every kind of procedure, subscriptions included", () => {
    const types = new Set(procedures.map((procedure) => procedure.type));
    expect(types).toEqual(new Set(["query", "mutation", "subscription"]));
    expect(procedures.map((procedure) => procedure.path)).toContain("incidents.onTimeline");
  });

  test("an input can be built for every procedure (or the test names the one it cannot build)", () => {
    for (const procedure of procedures)
      expect(() => buildValidInput(procedure, ids), procedure.path).not.toThrow();
  });

  test("no session, another MSP's admin, another practice's manager or leadership (same MSP), emptied leadership and the practice's leadership reach none of the victim's rows", async () => {
    for (const attacker of await attackers())
      results.push({ attacker: attacker.name, ...(await walkAsAttacker(attacker)) });
    const findings = results.flatMap((result) => result.findings);
    console.log(
      `Isolation: ${procedures.length} procedures, ${results.reduce((sum, result) => sum + result.attacks, 0)} attacks, ` +
        `${findings.filter((finding) => finding.kind === "leak").length} leaks, ${findings.filter((finding) => finding.kind === "unexpected").length} unexpected outcomes`,
    );
    expect(findings).toEqual([]);
  }, 180_000);

  test("the check is shown to work: a caller whose practice scope was widened on purpose is reported as reading and changing the victim's rows", async () => {
    // A deliberately broken context, in this test only: a practice manager whose scope says "every
    // practice", as if the scope check were missing. It runs last: its writes change the victim.
    const broken = { ...sessions.get("otherPracticeManager")!, practiceIds: "*" as const };
    const victimPractice = await tenantRowIds(victim.id, ids.practiceId);
    const walked = await walkAsAttacker({
      name: "manager with a widened scope",
      ctx: contextOf(broken),
      markers: victimPractice,
      watch: "practice",
    });
    const leaks = walked.findings.filter((finding) => finding.kind === "leak");
    sanity.reads = leaks.filter((leak) => leak.detail.startsWith("returned")).length;
    sanity.writes = leaks.filter((leak) => leak.detail.startsWith("changed")).length;
    expect(sanity.reads).toBeGreaterThan(0);
    expect(sanity.writes).toBeGreaterThan(0);
  }, 120_000);
});

const sanity = { reads: 0, writes: 0 };

afterAll(async () => {
  if (results.length === 0) return;
  const rows = results.map((result) => {
    const leaks = result.findings.filter((finding) => finding.kind === "leak").length;
    const unexpected = result.findings.length - leaks;
    return `| ${result.attacker} | ${result.procedures} | ${result.attacks} | ${leaks} | ${unexpected} |`;
  });
  const total = results.reduce((sum, result) => sum + result.attacks, 0);
  const leaks = results.reduce(
    (sum, result) => sum + result.findings.filter((finding) => finding.kind === "leak").length,
    0,
  );
  await writeSecuritySection(
    "Tenant isolation, every procedure",
    [
      "`server/routers/security-isolation.test.ts` walks the tRPC router (`appRouter._def.procedures`, no hand-kept list) and calls",
      "every procedure — queries, mutations and the live timeline subscription — with a valid input built from its zod schema whose",
      "ids point at a victim MSP's real objects (one of every kind, built through the procedures). A call is a leak when it returns",
      "an id or name of the victim's rows, or when any of the victim's rows in any tenant table (found in the catalog) differs",
      "afterwards. Practice scope inside one MSP is walked too: the manager and the leadership of the MSP's other practice, and",
      "leadership whose practice list was emptied, must get nothing of the victim practice — including the catalog vendor only",
      "that practice uses and its contract notes (the catalog has no practice column, so these are named). The other MSP's admin",
      "and the other practice's manager and leadership are tried twice: with the victim's ids, and naming their own practice with",
      "the victim's other ids (my practice, your risk), which catches a lookup by id that forgets the practice.",
      "Another refusal (a duplicate name, a stale version) passes only when the same call naming ids that exist nowhere is refused",
      "with the same words, so that no answer confirms that the victim's object exists. Anything else fails the suite.",
      "",
      `Procedures covered: **${procedures.length}**. Attacks made: **${total}**. Leaks found: **${leaks}**.`,
      "",
      "| attacker | procedures | attacks | leaks | other unexpected outcomes |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
      "",
      `The check is shown to work: the same walk as a practice manager whose scope was widened on purpose (a broken context built in`,
      `the test only) reports ${sanity.reads} reads returning the victim's rows and ${sanity.writes} calls changing them.`,
    ].join("\n"),
  );
});
