/**
 * What waited on a device for the connection: an update or a paper record sent later with its key
 * and the time it was written. A resend is written once, the time of writing is kept beside the
 * time it reached Standby, and a time of writing that cannot be right is refused with nothing written.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let practiceId: string;
let otherPracticeId: string;
let incidentId: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const update = (body: string, writtenAt?: Date, idempotencyKey = randomUUID()) => ({
  practiceId,
  incidentId,
  body,
  shareWithLinked: false,
  idempotencyKey,
  writtenAt,
});
const updatesWith = async (body: string) =>
  (await admin.incidents.timeline({ practiceId, incidentId })).filter(
    (entry) => entry.kind === "update" && entry.body === body,
  );

beforeAll(async () => {
  msp = await createMsp("Offline queue");
  [admin, technician, manager, leadership] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
  ]);
  practiceId = msp.practices[0].id;
  otherPracticeId = msp.practices[1].id;
  await admin.dependencies.applyStarterMap({ practiceId });
  const systemId = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
  ({ id: incidentId } = await admin.incidents.declare({
    practiceId,
    systemIds: [systemId],
    title: "",
    severity: "major",
    patientCareInterrupted: false,
    startedAt: minutesAgo(60),
    ownerName: "",
    updateEveryMinutes: 30,
  }));
});

describe("sent from a device's queue", () => {
  test("an update keeps the time it was written beside the time it arrived, and a resend with its key is written once", async () => {
    const writtenAt = minutesAgo(27);
    const queued = update("Written while the clinic was offline", writtenAt);
    const first = await technician.incidents.postUpdate(queued);
    // The answer was lost: the device sends it again with the same key and time.
    expect(await technician.incidents.postUpdate(queued)).toEqual(first);
    const [entry, ...more] = await updatesWith("Written while the clinic was offline");
    expect(more).toHaveLength(0);
    expect(entry!.writtenAt?.toISOString()).toBe(writtenAt.toISOString());
    expect(entry!.at.getTime()).toBeGreaterThan(writtenAt.getTime() + 26 * 60_000);
    const [audit] = (await auditRows(msp.id, { action: "incident.update" })).filter(
      (row) => (row.summary as { writtenAt?: string }).writtenAt === writtenAt.toISOString(),
    );
    expect(audit).toBeDefined();

    // Posted online, an update has no separate time of writing.
    await technician.incidents.postUpdate(update("Posted online"));
    expect((await updatesWith("Posted online"))[0]!.writtenAt).toBeNull();
  });

  test("two queued updates sent one after the other arrive in the order they were written", async () => {
    const one = update("Queued first", minutesAgo(12));
    const two = update("Queued second", minutesAgo(11));
    await technician.incidents.postUpdate(one);
    await technician.incidents.postUpdate(two);
    await technician.incidents.postUpdate(one);
    const [first] = await updatesWith("Queued first");
    const [second] = await updatesWith("Queued second");
    expect(first!.seq).toBeLessThan(second!.seq);
    expect(await updatesWith("Queued first")).toHaveLength(1);
  });

  test("a time of writing in the future beyond a few minutes, or older than the key is kept, is refused with nothing written", async () => {
    const before = (await admin.incidents.timeline({ practiceId, incidentId })).length;
    await expectTRPCError(
      technician.incidents.postUpdate(update("From the future", new Date(Date.now() + 3_600_000))),
      "BAD_REQUEST",
      /in the future: check this device's clock/,
    );
    await expectTRPCError(
      technician.incidents.postUpdate(update("Too old", minutesAgo(24 * 60))),
      "BAD_REQUEST",
      /more than 23 hours ago/,
    );
    await expectTRPCError(
      technician.incidents.postUpdate({ ...update("Not a time"), writtenAt: "soon" as never }),
      "BAD_REQUEST",
    );
    expect((await admin.incidents.timeline({ practiceId, incidentId })).length).toBe(before);

    // A device clock a minute or two ahead is allowed, and kept as the time it arrived.
    await technician.incidents.postUpdate(
      update("Clock a little ahead", new Date(Date.now() + 90_000)),
    );
    const [ahead] = await updatesWith("Clock a little ahead");
    expect(ahead!.writtenAt!.getTime()).toBeLessThanOrEqual(ahead!.at.getTime());
  });

  test("a paper record keeps its time of writing, in the log and on its timeline entry, and a resend is written once", async () => {
    const writtenAt = minutesAgo(40);
    const record = {
      practiceId,
      incidentId,
      patient: "Patient Q",
      visitDate: "2026-11-29",
      provider: "Dr. Q",
      reason: "",
      orders: "",
      followUp: "",
      idempotencyKey: randomUUID(),
      writtenAt,
    };
    const added = await manager.downtimeLog.add(record);
    expect(await manager.downtimeLog.add(record)).toEqual(added);
    const rows = await ownerSql()<{ written_ms: number }[]>`
      select (extract(epoch from written_at) * 1000)::float8 as written_ms
      from downtime_log_entries where incident_id = ${incidentId}`;
    expect(rows.map((row) => row.written_ms)).toEqual([writtenAt.getTime()]);
    const listed = await manager.downtimeLog.list({ practiceId, incidentId });
    expect(listed[0]!.writtenAt?.toISOString()).toBe(writtenAt.toISOString());
    const logEvents = (await admin.incidents.timeline({ practiceId, incidentId })).filter(
      (entry) => entry.kind === "log",
    );
    expect(logEvents.map((entry) => entry.writtenAt?.toISOString())).toEqual([
      writtenAt.toISOString(),
    ]);
    await expectTRPCError(
      manager.downtimeLog.add({
        ...record,
        idempotencyKey: randomUUID(),
        writtenAt: minutesAgo(25 * 60),
      }),
      "BAD_REQUEST",
      /more than 23 hours ago/,
    );
  });

  test("a queued update is still checked like any other: leadership cannot post, a manager cannot post to another practice", async () => {
    await expectTRPCError(
      leadership.incidents.postUpdate(update("Leadership offline", minutesAgo(5))),
      "FORBIDDEN",
    );
    await expectTRPCError(
      manager.incidents.postUpdate({
        ...update("Other practice", minutesAgo(5)),
        practiceId: otherPracticeId,
      }),
      "NOT_FOUND",
    );
    const other = await createMsp("Offline queue other");
    const stranger = await callerFor(other.admin);
    await expectTRPCError(
      stranger.incidents.postUpdate({ ...update("Other MSP", minutesAgo(5)) }),
      "NOT_FOUND",
    );
    expect(await updatesWith("Leadership offline")).toHaveLength(0);
    expect(await updatesWith("Other practice")).toHaveLength(0);
    expect(await updatesWith("Other MSP")).toHaveLength(0);
  });
});
