import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { GET } from "@/app/api/calendar/[token]/route";
import { expectTRPCError } from "@/server/test/assertions";
import {
  APP_URL,
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
  type TestPractice,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let newYork: TestPractice;
let admin: Caller;
let drillId: string;
let systemId: string;

/** Fetches a feed address the way a calendar app does. */
async function fetchFeed(url: string, headers: Record<string, string> = {}) {
  const path = new URL(url.replace(/^webcal:/, "http:")).pathname;
  const token = decodeURIComponent(path.split("/").pop()!);
  return GET(new Request(`${APP_URL}${path}`, { headers }), {
    params: Promise.resolve({ token }),
  });
}

type ParsedEvent = {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  sequence: number;
};

function parse(body: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      sequence: event.sequence,
    };
  });
}

async function feedOf(caller: Caller) {
  const created = await caller.calendarFeed.create();
  const response = await fetchFeed(created.url);
  expect(response.status).toBe(200);
  return { ...created, events: parse(await response.text()) };
}

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Calendar"), createMsp("Other calendar")]);
  newYork = await insertPractice(msp.id, {
    name: unique("Hudson Valley Cardiology "),
    timezone: "America/New_York",
  });
  admin = await callerFor(msp.admin);
  // Due work in New York around both 2027 DST changes (March 14 and November 7).
  await asTenant(msp.id, async (tx) => {
    const [system] = await tx
      .insert(schema.systems)
      .values({
        mspId: msp.id,
        practiceId: newYork.id,
        name: "Practice management server",
        category: "server",
        criticality: "critical",
      })
      .returning({ id: schema.systems.id });
    systemId = system!.id;
    await tx.insert(schema.backupTargets).values({
      mspId: msp.id,
      practiceId: newYork.id,
      systemId,
      cadenceDays: 30,
      rtoMinutes: 240,
      rpoMinutes: 1440,
    });
    // Tested 2027-02-13 03:30 UTC: due 30 days later, 2027-03-15 03:30 UTC, which is still
    // March 14 (23:30, now daylight time) in New York.
    await tx.insert(schema.restoreTests).values({
      mspId: msp.id,
      practiceId: newYork.id,
      systemId,
      systemName: "Practice management server",
      kind: "database",
      testedAt: new Date("2027-02-13T03:30:00Z"),
      testedByName: "Sam",
      result: "pass",
      restoreMinutes: 60,
      dataAgeMinutes: 60,
      rtoMinutes: 240,
      rpoMinutes: 1440,
    });
    await tx.insert(schema.planVersions).values({
      mspId: msp.id,
      practiceId: newYork.id,
      number: 1,
      content: {},
      completenessScore: 80,
      nextReviewOn: "2027-03-14",
      publishedByName: "Alex",
    });
  });
  // 23:30 on November 7 in New York, after clocks went back: 04:30 UTC on November 8.
  ({ id: drillId } = await admin.drills.schedule({
    practiceId: newYork.id,
    kind: "tabletop",
    scenario: "The EHR vendor's cloud is down for a whole clinic day",
    scheduledFor: new Date("2027-11-08T04:30:00Z"),
  }));
});

describe("calendar feed", () => {
  test("a planned maintenance window is on the day it starts in the practice's zone, with its local hours", async () => {
    const tech = await callerFor(msp.technician);
    const {
      ids: [windowId],
    } = await tech.maintenance.create({
      practiceId: newYork.id,
      title: "EHR upgrade",
      reason: "",
      startsLocal: "2027-11-06T22:00",
      endsLocal: "2027-11-07T04:00",
      systemIds: [],
      reminderMinutes: [60],
      recurrence: null,
    });
    const event = (await feedOf(tech)).events.find((entry) =>
      entry.uid.startsWith(`maintenance-${windowId}`),
    );
    expect(event?.summary).toContain("Planned maintenance: EHR upgrade");
    expect(event?.description).toContain("2027-11-06 22:00 to 2027-11-07 04:00 (America/New_York)");
    expect(event?.start).toBe("2027-11-06");
  });

  test("the address is shown once; only a SHA-256 of its token is stored; a second create is refused", async () => {
    const member = await insertUser(msp.id, { role: "technician" });
    const caller = await callerFor(member);
    expect(await caller.calendarFeed.get()).toBeNull();
    const created = await caller.calendarFeed.create();
    const token = created.url.match(/\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics$/)?.[1];
    expect(token).toBeTruthy();
    expect(created.url.startsWith(`${APP_URL}/api/calendar/`)).toBe(true);
    expect(created.webcalUrl).toBe(created.url.replace(/^http:\/\//, "webcal://"));
    const rows = await ownerSql()`select * from calendar_feeds where user_id = ${member.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash("sha256").update(token!).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    const status = await caller.calendarFeed.get();
    expect(status).toMatchObject({ lastFetchedAt: null });
    expect(JSON.stringify(status)).not.toContain(token);
    await expectTRPCError(caller.calendarFeed.create(), "CONFLICT");
    expect(await auditRows(msp.id, { action: "calendar_feed.created" })).toContainEqual(
      expect.objectContaining({ actorUserId: member.id }),
    );
  });

  test("due dates are all-day events that stay on their New York date across both DST changes (parsed by ical.js)", async () => {
    const manager = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [newYork.id],
    });
    const { events } = await feedOf(await callerFor(manager));
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const restore = byUid.get(`restore-test-${systemId}@standby`);
    expect(restore).toMatchObject({
      start: "2027-03-14",
      end: "2027-03-15",
      allDay: true,
      summary: expect.stringContaining("Restore test due: Practice management server"),
    });
    expect(restore!.summary).toContain(newYork.name);
    expect(restore!.description).toContain(`${APP_URL}/practices/${newYork.id}/backups`);
    expect(byUid.get(`plan-review-${newYork.id}@standby`)).toMatchObject({
      start: "2027-03-14",
      allDay: true,
    });
    expect(byUid.get(`drill-${drillId}@standby`)).toMatchObject({
      start: "2027-11-07",
      end: "2027-11-08",
      allDay: true,
      summary: expect.stringContaining("Tabletop drill"),
    });
    expect(byUid.get(`review-${newYork.id}@standby`)).toMatchObject({ allDay: true });
    expect(events.every((event) => event.allDay && event.sequence === 0)).toBe(true);
  });

  test("a member sees only the practices in their scope; another MSP's member never sees this MSP's", async () => {
    const [first, second] = msp.practices;
    const managerOfSecond = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [second.id],
    });
    const scoped = (await feedOf(await callerFor(managerOfSecond))).events;
    expect(scoped.some((event) => event.summary.includes(second.name))).toBe(true);
    expect(scoped.some((event) => event.summary.includes(first.name))).toBe(false);
    expect(scoped.some((event) => event.summary.includes(newYork.name))).toBe(false);

    const everything = (await feedOf(admin)).events;
    for (const practice of [first, second, newYork])
      expect(everything.some((event) => event.summary.includes(practice.name))).toBe(true);

    const outsider = (await feedOf(await callerFor(other.admin))).events;
    expect(outsider.length).toBeGreaterThan(0);
    for (const practice of [first, second, newYork])
      expect(outsider.some((event) => event.summary.includes(practice.name))).toBe(false);
    expect(outsider.some((event) => event.uid.includes(newYork.id))).toBe(false);
  });

  test("text/calendar, private, with an ETag: an unchanged feed answers 304; a change raises that event's SEQUENCE only", async () => {
    const technician = await insertUser(msp.id, { role: "technician" });
    const caller = await callerFor(technician);
    const { url } = await caller.calendarFeed.create();
    const first = await fetchFeed(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(first.headers.get("cache-control")).toContain("private");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const before = parse(await first.text());

    const again = await fetchFeed(url, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await caller.calendarFeed.get())!.lastFetchedAt).toBeInstanceOf(Date);

    // The drill moves a day later.
    await asTenant(msp.id, (tx) =>
      tx.execute(
        `update drills set scheduled_for = '2027-11-09T04:30:00Z', version = version + 1 where id = '${drillId}'`,
      ),
    );
    try {
      const changed = await fetchFeed(url, { "If-None-Match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      const after = parse(await changed.text());
      const uid = `drill-${drillId}@standby`;
      expect(after.find((event) => event.uid === uid)).toMatchObject({
        start: "2027-11-08",
        sequence: 1,
      });
      for (const event of after.filter((event) => event.uid !== uid))
        expect(event.sequence).toBe(before.find((old) => old.uid === event.uid)!.sequence);
    } finally {
      await asTenant(msp.id, (tx) =>
        tx.execute(
          `update drills set scheduled_for = '2027-11-08T04:30:00Z' where id = '${drillId}'`,
        ),
      );
    }
  });

  test("regenerate: the old address answers 404 and the new one works; revoke: 404", async () => {
    const leader = await insertUser(msp.id, { role: "leadership", practiceIds: [newYork.id] });
    const caller = await callerFor(leader);
    await expectTRPCError(caller.calendarFeed.regenerate(), "NOT_FOUND");
    const { url: oldUrl } = await caller.calendarFeed.create();
    expect((await fetchFeed(oldUrl)).status).toBe(200);
    const { url: newUrl } = await caller.calendarFeed.regenerate();
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetchFeed(oldUrl)).status).toBe(404);
    expect((await fetchFeed(newUrl)).status).toBe(200);
    await caller.calendarFeed.revoke();
    const revoked = await fetchFeed(newUrl);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe("Not found\n");
    expect(await caller.calendarFeed.get()).toBeNull();
    const actions = (await auditRows(msp.id))
      .filter((row) => row.actorUserId === leader.id)
      .map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "calendar_feed.created",
        "calendar_feed.regenerated",
        "calendar_feed.revoked",
      ]),
    );
  });

  test("a removed member's address answers 404", async () => {
    const member = await insertUser(msp.id, { role: "technician" });
    const { url } = await (await callerFor(member)).calendarFeed.create();
    expect((await fetchFeed(url)).status).toBe(200);
    await admin.members.remove({ userId: member.id });
    const response = await fetchFeed(url);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });

  test("malformed and unknown addresses answer 404, not 500", async () => {
    for (const token of [
      "",
      "abc",
      "../../etc/passwd",
      "x".repeat(43) + "!",
      "A".repeat(43),
      "A".repeat(43) + ".ics",
      "A".repeat(5000),
      "' or 1=1 --",
    ]) {
      const response = await GET(new Request(`${APP_URL}/api/calendar/x`), {
        params: Promise.resolve({ token }),
      });
      expect(response.status, token).toBe(404);
    }
  });
});
