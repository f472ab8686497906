/**
 * The schedule sync end to end, with the FHIR test server on loopback: connect through the router,
 * the worker's sync (claim, read, store in one transaction), re-runs, cancellations and deletions,
 * failures that keep the last good copy, key rotation, the published JWKS and the purge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/tenant";
import { jwksDocument } from "@/server/domain/smart-keys";
import { callerFor, createMsp, ownerSql, type Caller, type TestMsp } from "@/server/test/fixtures";
import { startFhirTestServer, type FhirTestServer } from "@/server/test/fhir-server";
import { describeFhirSyncError, readFhirSchedule } from "./fhir-reader";
import { publishedJwks } from "./jwks";
import { purgeScheduleCopies } from "./purge";
import { runScheduleSync, syncWindow } from "./sync";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let technician: Caller;
let fhir: FhirTestServer;
let connectionId = "";
let practiceId = "";

const sync = () => runScheduleSync(msp.id, connectionId, readFhirSchedule, describeFhirSyncError);
const makeDue = () =>
  ownerSql()`update schedule_connections set next_sync_at = now() - interval '1 second' where id = ${connectionId}`;
const copied = () =>
  ownerSql()<{ resource_id: string; status: string; removed: boolean }[]>`
    select resource_id, status, removed_at is not null as removed from schedule_appointments
    where msp_id = ${msp.id} order by resource_id`;
const connectionRow = async () =>
  (
    await ownerSql()<
      { refreshed_at: Date | null; last_error: string | null; last_error_request: string | null }[]
    >`select refreshed_at, last_error, last_error_request from schedule_connections where id = ${connectionId}`
  )[0]!;

beforeAll(async () => {
  msp = await createMsp("Schedule sync");
  practiceId = msp.practices[0].id;
  technician = await callerFor(msp.technician);
  fhir = await startFhirTestServer({
    clientId: "standby-test",
    // The EHR reads the keys Standby publishes for this connection (what /api/schedule/jwks serves).
    jwks: async () => jwksDocument((await publishedJwks(connectionId)) ?? []),
  });
  const practice = await ownerSql()<{ timezone: string }[]>`
    select timezone from practices where id = ${practiceId}`;
  const { from } = syncWindow(new Date(), practice[0]!.timezone, 7);
  fhir.seedSchedule({ from, days: 3, appointments: 30, patients: 20 });
  const saved = await technician.scheduleSettings.saveFhir({
    practiceId,
    version: 0,
    fhirBaseUrl: fhir.baseUrl,
    clientId: "standby-test",
    syncIntervalMinutes: 15,
    syncDaysAhead: 7,
    retentionDays: 14,
  });
  connectionId = saved!.id;
});

afterAll(async () => {
  await fhir?.close();
});

describe("connecting", () => {
  it("makes a signing key, publishes it, and tests the connection stage by stage", async () => {
    const keys = await publishedJwks(connectionId);
    expect(keys).toHaveLength(1);
    expect(keys![0]).not.toHaveProperty("d");
    const result = await technician.scheduleSettings.testConnection({ practiceId });
    expect(result).toMatchObject({ ok: true });
    expect(fhir.acceptedAssertions.at(-1)?.claims).toMatchObject({
      iss: "standby-test",
      sub: "standby-test",
      aud: fhir.tokenUrl,
    });
  });

  it("refuses a leadership member and another MSP's technician", async () => {
    const leadership = await callerFor(msp.leadership);
    await expect(
      leadership.scheduleSettings.saveFhir({
        practiceId,
        version: 1,
        fhirBaseUrl: fhir.baseUrl,
        clientId: "x",
        syncIntervalMinutes: 15,
        syncDaysAhead: 7,
        retentionDays: 14,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createMsp("Schedule sync other");
    const stranger = await callerFor(other.technician);
    await expect(stranger.scheduleSettings.get({ practiceId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.scheduleSettings.syncNow({ practiceId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("syncing", () => {
  it("copies the window, and a re-run writes nothing new", async () => {
    await makeDue();
    const first = await sync();
    expect(first).toMatchObject({ status: "synced", appointments: 30 });
    expect((await copied()).length).toBe(30);
    expect((await connectionRow()).refreshed_at).not.toBeNull();
    // Claimed: a second sync of the same due time does nothing.
    expect(await sync()).toEqual({ status: "skipped" });
    await makeDue();
    const again = await sync();
    expect(again).toMatchObject({
      status: "synced",
      result: { appointmentsWritten: 0, patientsWritten: 0, removed: 0 },
    });
  });

  it("reflects a cancellation, an update and a deletion in the EHR", async () => {
    const [cancelled, deleted] = (await copied()).map((row) => row.resource_id);
    fhir.cancel(cancelled!);
    fhir.remove("Appointment", deleted!);
    await makeDue();
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: "synced", result: { removed: 1 } });
    const rows = await copied();
    expect(rows.find((row) => row.resource_id === cancelled)?.status).toBe("cancelled");
    expect(rows.find((row) => row.resource_id === deleted)?.removed).toBe(true);
  });

  it("keeps the last good copy when the EHR answers a malformed bundle, and records the request", async () => {
    const before = await copied();
    const { refreshed_at: refreshedBefore } = await connectionRow();
    fhir.failNext(1, { kind: "not-a-bundle" });
    await makeDue();
    const outcome = await sync();
    expect(outcome.status).toBe("failed");
    const row = await connectionRow();
    expect(row.last_error).toBeTruthy();
    expect(row.last_error_request).toMatch(/^GET .*Appointment/);
    expect(row.refreshed_at).toEqual(refreshedBefore);
    expect(await copied()).toEqual(before);
    // The next good sync clears the error.
    await makeDue();
    expect((await sync()).status).toBe("synced");
    expect((await connectionRow()).last_error).toBeNull();
  });

  it("after a key rotation the new key signs and both are published; a retired key is no longer", async () => {
    const rotated = await technician.scheduleSettings.rotateKey({ practiceId });
    const [oldKey, newKey] = rotated!.keys;
    expect(newKey!.signs).toBe(true);
    expect((await publishedJwks(connectionId))!.map((key) => key.kid)).toEqual([
      oldKey!.kid,
      newKey!.kid,
    ]);
    await expect(
      technician.scheduleSettings.retireKey({ practiceId, kid: newKey!.kid }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await technician.scheduleSettings.retireKey({ practiceId, kid: oldKey!.kid });
    expect((await publishedJwks(connectionId))!.map((key) => key.kid)).toEqual([newKey!.kid]);
    await makeDue();
    expect((await sync()).status).toBe("synced");
    expect(fhir.acceptedAssertions.at(-1)?.header.kid).toBe(newKey!.kid);
  });

  it("Sync now queues one sync however often it is pressed", async () => {
    await technician.scheduleSettings.syncNow({ practiceId });
    await technician.scheduleSettings.syncNow({ practiceId });
    const [jobs] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from pgboss.job
      where name = 'schedule-sync' and singleton_key = ${connectionId} and state = 'created'`;
    expect(jobs!.n).toBe(1);
  });
});

describe("purging", () => {
  it("deletes appointments past the retention and patients left with none", async () => {
    await ownerSql()`update schedule_appointments set starts_at = now() - interval '20 days'
      where msp_id = ${msp.id}`;
    const result = await withTenant(
      { mspId: msp.id, userId: null, role: "system", practiceIds: "*" },
      (tx) =>
        purgeScheduleCopies(
          { tx, mspId: msp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
          new Date(Date.now() + 2 * 86_400_000),
        ),
    );
    expect(result.appointments).toBe(30);
    expect(result.patients).toBeGreaterThan(0);
    expect(await copied()).toEqual([]);
  });
});
