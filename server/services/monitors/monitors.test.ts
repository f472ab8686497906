/**
 * Monitors end to end below the router: the checkers against loopback counterparts switched off and
 * on (HTTP, TCP, TLS with a self-signed certificate, a local DNS server), heartbeat pushes, the N/M
 * thresholds through real ticks, the guard on private targets, exactly-once claiming with two
 * workers, and the hourly rollups.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseOutboundAllowlist, emptyAllowlist } from "@/server/domain/outbound-address";
import { withTenant } from "@/db/tenant";
import { createMsp, ownerSql, type TestMsp } from "@/server/test/fixtures";
import {
  startDnsServer,
  startHttpTarget,
  startTcpTarget,
  startTlsTarget,
  type DnsTarget,
  type HttpTarget,
} from "@/server/test/monitor-targets";
import { systemResolveHost } from "@/server/services/outbound-http";
import { runCheck } from "./check";
import { newPushToken, recordPush } from "./push";
import { rollUpMonitorResults } from "./rollups";
import { startWorker } from "@/server/worker/worker";
import { runMonitorTick } from "./tick";
import type { CheckEnvironment, CheckSpec } from "./types";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let http: HttpTarget;
let dns: DnsTarget;

const loopbackAllowed = (now = new Date()): CheckEnvironment => ({
  rules: { httpsOnly: false, allow: parseOutboundAllowlist("127.0.0.1") },
  resolveHost: systemResolveHost,
  dnsServers: dns ? [dns.server] : [],
  now,
});
const nothingAllowed = (now = new Date()): CheckEnvironment => ({
  ...loopbackAllowed(now),
  rules: { httpsOnly: false, allow: emptyAllowlist },
});

const spec = (
  values: Partial<CheckSpec & { retries: number }> & Pick<CheckSpec, "kind" | "target">,
) => ({
  port: null,
  settings: {},
  intervalSeconds: 30,
  timeoutSeconds: 2,
  lastPushAt: null,
  retries: 0,
  ...values,
});

async function systemOf(testMsp: TestMsp, name = "EHR") {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into systems (msp_id, practice_id, name, category, criticality)
    values (${testMsp.id}, ${testMsp.practices[0].id}, ${`${name} ${Math.random()}`}, 'ehr', 'critical') returning id`;
  return row!.id;
}

/** A monitor planted as the owner, due at `dueAt`. */
async function plantMonitor(
  testMsp: TestMsp,
  values: {
    kind: string;
    target?: string;
    port?: number | null;
    settings?: object;
    interval?: number;
    failureThreshold?: number;
    recoveryThreshold?: number;
    pushTokenHash?: string | null;
    dueAt: Date;
  },
) {
  const systemId = await systemOf(testMsp);
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into monitors (msp_id, practice_id, system_id, name, kind, target, port, settings, interval_seconds,
                          timeout_seconds, failure_threshold, recovery_threshold, push_token_hash, next_check_at)
    values (${testMsp.id}, ${testMsp.practices[0].id}, ${systemId}, 'Monitor', ${values.kind}, ${values.target ?? ""},
            ${values.port ?? null}, ${JSON.stringify(values.settings ?? {})}::jsonb, ${values.interval ?? 30}, 2,
            ${values.failureThreshold ?? 3}, ${values.recoveryThreshold ?? 2}, ${values.pushTokenHash ?? null},
            ${values.dueAt.toISOString()}) returning id`;
  return row!.id;
}

const monitorRow = async (id: string) =>
  (
    await ownerSql()<
      {
        status: string;
        consecutive_failures: number;
        last_error: string | null;
        next_check_at: Date;
      }[]
    >`select status, consecutive_failures, last_error, next_check_at from monitors where id = ${id}`
  )[0]!;

/** Pauses every monitor but these, so a tick only checks the ones a test is about. */
async function only(...ids: string[]) {
  await ownerSql()`update monitors set status = 'paused', paused_reason = 'other test', paused_until = null
                   where id <> all(${ids}::uuid[]) and status <> 'paused'`;
}

beforeAll(async () => {
  msp = await createMsp("Monitors");
  other = await createMsp("Other monitors");
  http = await startHttpTarget();
  dns = await startDnsServer({
    "A portal.example.test": ["192.0.2.10"],
    "TXT portal.example.test": ["v=standby"],
  });
});

afterAll(async () => {
  await http?.close();
  await dns?.close();
});

describe("the checkers", () => {
  test("HTTP: status, keyword present or absent, slow is degraded, off is down", async () => {
    http.answer = { status: 200, body: "all systems normal", delayMs: 0 };
    const environment = loopbackAllowed();
    expect(await runCheck(spec({ kind: "http", target: http.url }), environment)).toMatchObject({
      outcome: "up",
      error: null,
    });
    expect(
      await runCheck(
        spec({ kind: "http", target: http.url, settings: { keyword: "normal" } }),
        environment,
      ),
    ).toMatchObject({ outcome: "up" });
    expect(
      await runCheck(
        spec({
          kind: "http",
          target: http.url,
          settings: { keyword: "normal", keywordMode: "absent" },
        }),
        environment,
      ),
    ).toMatchObject({ outcome: "down", error: 'The page contains "normal".' });
    expect(
      await runCheck(
        spec({ kind: "http", target: http.url, settings: { expectedStatus: 204 } }),
        environment,
      ),
    ).toMatchObject({ outcome: "down", error: "Answered 200, not 204." });
    http.answer = { status: 503, body: "maintenance", delayMs: 0 };
    expect(await runCheck(spec({ kind: "http", target: http.url }), environment)).toMatchObject({
      outcome: "down",
      error: "Answered 503.",
    });
    http.answer = { status: 200, body: "ok", delayMs: 150 };
    expect(
      await runCheck(
        spec({ kind: "http", target: http.url, settings: { degradedAboveMs: 50 } }),
        environment,
      ),
    ).toMatchObject({
      outcome: "degraded",
      error: expect.stringMatching(/^Slow: answered in \d+ ms \(more than 50 ms\)\.$/),
    });
    http.answer = { status: 200, body: "ok", delayMs: 0 };
    await http.off();
    expect(await runCheck(spec({ kind: "http", target: http.url }), environment)).toMatchObject({
      outcome: "down",
      error: expect.stringMatching(/^The site (refused|closed) the connection\.$/),
    });
    await http.on();
    expect(await runCheck(spec({ kind: "http", target: http.url }), environment)).toMatchObject({
      outcome: "up",
    });
  });

  test("HTTP: a timeout is down, and retries try again before a failure counts", async () => {
    http.answer = { status: 200, body: "ok", delayMs: 1500 };
    const before = http.requests;
    const finding = await runCheck(
      spec({ kind: "http", target: http.url, timeoutSeconds: 1, retries: 1 }),
      loopbackAllowed(),
    );
    expect(finding).toMatchObject({ outcome: "down", error: "No answer within 1 s." });
    expect(http.requests - before).toBe(2);
    http.answer = { status: 200, body: "ok", delayMs: 0 };
  });

  test("TCP: an open port is up; a closed one is down, and up again when it reopens", async () => {
    const tcp = await startTcpTarget();
    try {
      const check = () =>
        runCheck(spec({ kind: "tcp", target: "127.0.0.1", port: tcp.port }), loopbackAllowed());
      expect(await check()).toMatchObject({ outcome: "up" });
      await tcp.off();
      expect(await check()).toMatchObject({
        outcome: "down",
        error: `127.0.0.1 refused the connection on port ${tcp.port}.`,
      });
      await tcp.on();
      expect(await check()).toMatchObject({ outcome: "up" });
    } finally {
      await tcp.close();
    }
  });

  test("TLS: days left against the threshold (degraded below it), down when switched off", async () => {
    const target = await startTlsTarget(10);
    try {
      const check = (daysLeftThreshold: number) =>
        runCheck(
          spec({
            kind: "tls",
            target: "127.0.0.1",
            port: target.port,
            settings: { daysLeftThreshold },
          }),
          loopbackAllowed(),
        );
      expect(await check(7)).toMatchObject({ outcome: "up", error: null });
      expect(await check(14)).toMatchObject({
        outcome: "degraded",
        error: expect.stringMatching(/^The certificate expires in 10 days/),
      });
      const later = await runCheck(
        spec({
          kind: "tls",
          target: "127.0.0.1",
          port: target.port,
          settings: { daysLeftThreshold: 14 },
        }),
        loopbackAllowed(new Date(Date.now() + 12 * 24 * 3_600_000)),
      );
      expect(later).toMatchObject({
        outcome: "down",
        error: expect.stringMatching(/^The certificate expired on/),
      });
      await target.off();
      expect(await check(7)).toMatchObject({
        outcome: "down",
        error: expect.stringMatching(/refused/),
      });
    } finally {
      await target.close();
    }
  });

  test("DNS: the record and its expected value, from the configured server", async () => {
    const check = (settings: object, target = "portal.example.test") =>
      runCheck(spec({ kind: "dns", target, settings }), loopbackAllowed());
    expect(await check({ recordType: "A" })).toMatchObject({ outcome: "up" });
    expect(await check({ recordType: "A", expectedValue: "192.0.2.10" })).toMatchObject({
      outcome: "up",
    });
    expect(await check({ recordType: "TXT", expectedValue: "v=standby" })).toMatchObject({
      outcome: "up",
    });
    expect(await check({ recordType: "A", expectedValue: "192.0.2.99" })).toMatchObject({
      outcome: "down",
      error: "portal.example.test A is 192.0.2.10, not 192.0.2.99.",
    });
    expect(await check({ recordType: "A" }, "missing.example.test")).toMatchObject({
      outcome: "down",
      error: "No A record for missing.example.test.",
    });
  });

  test("the guard: loopback, private and metadata targets are refused with a clear message (and not retried)", async () => {
    const refusal = expect.stringMatching(
      /is not a public internet address .* For a system inside the clinic's network, use a heartbeat monitor/,
    );
    const before = http.requests;
    expect(
      await runCheck(spec({ kind: "http", target: http.url, retries: 3 }), nothingAllowed()),
    ).toMatchObject({ outcome: "down", error: refusal });
    expect(http.requests).toBe(before);
    expect(
      await runCheck(
        spec({ kind: "http", target: "http://169.254.169.254/latest/meta-data/" }),
        nothingAllowed(),
      ),
    ).toMatchObject({ outcome: "down", error: refusal });
    expect(
      await runCheck(spec({ kind: "tcp", target: "10.1.2.3", port: 3389 }), nothingAllowed()),
    ).toMatchObject({ outcome: "down", error: refusal });
    expect(
      await runCheck(spec({ kind: "tls", target: "localhost", port: 443 }), nothingAllowed()),
    ).toMatchObject({ outcome: "down", error: refusal });
    expect(
      await runCheck(spec({ kind: "tcp", target: "[::1]", port: 22 }), nothingAllowed()),
    ).toMatchObject({ outcome: "down", error: refusal });
  });
});

describe("ticks", () => {
  test("N failures in a row take a monitor down, M successes bring it back; each change is audited", async () => {
    const t0 = new Date(Date.UTC(2030, 0, 1, 12, 0, 0));
    const id = await plantMonitor(msp, { kind: "http", target: http.url, dueAt: t0 });
    await only(id);
    const at = (step: number) => new Date(t0.getTime() + step * 30_000);
    const tick = (step: number) =>
      runMonitorTick({ now: at(step), environment: loopbackAllowed(at(step)) });
    const statuses: string[] = [];
    await tick(0);
    statuses.push((await monitorRow(id)).status);
    await http.off();
    for (const step of [1, 2, 3]) {
      await tick(step);
      statuses.push((await monitorRow(id)).status);
    }
    await http.on();
    for (const step of [4, 5]) {
      await tick(step);
      statuses.push((await monitorRow(id)).status);
    }
    expect(statuses).toEqual(["up", "pending", "pending", "down", "down", "up"]);
    const row = await monitorRow(id);
    expect(new Date(row.next_check_at)).toEqual(at(6));
    const audited = await ownerSql()<{ action: string; actor_name: string; to: string }[]>`
      select action, actor_name, summary->>'to' as to from audit_events where entity_id = ${id} order by created_at`;
    expect(new Set(audited.map((event) => event.action))).toEqual(
      new Set(["monitor.status_changed"]),
    );
    expect(audited.map((event) => event.to)).toEqual(["up", "pending", "down", "up"]);
    expect(audited[0]!.actor_name).toBe("Standby");
  });

  test("a tick before the due time checks nothing; a paused monitor is not checked until its pause ends", async () => {
    const t0 = new Date(Date.UTC(2030, 1, 1, 12, 0, 0));
    const id = await plantMonitor(msp, { kind: "http", target: http.url, dueAt: t0 });
    await only(id);
    expect(
      await runMonitorTick({ now: new Date(t0.getTime() - 1000), environment: loopbackAllowed() }),
    ).toEqual({
      claimed: 0,
      recorded: 0,
    });
    await ownerSql()`update monitors set status = 'paused', paused_reason = 'Maintenance', paused_until = ${new Date(t0.getTime() + 60_000).toISOString()} where id = ${id}`;
    expect((await runMonitorTick({ now: t0, environment: loopbackAllowed(t0) })).claimed).toBe(0);
    const after = new Date(t0.getTime() + 61_000);
    expect(await runMonitorTick({ now: after, environment: loopbackAllowed(after) })).toEqual({
      claimed: 1,
      recorded: 1,
    });
    const row = await ownerSql()<{ status: string; paused_reason: string | null }[]>`
      select status, paused_reason from monitors where id = ${id}`;
    expect(row[0]).toEqual({ status: "up", paused_reason: null });
  });

  test("a monitor of an archived practice is not checked; restored, its due check runs at once", async () => {
    const t0 = new Date(Date.UTC(2030, 2, 1, 12, 0, 0));
    const id = await plantMonitor(msp, { kind: "http", target: http.url, dueAt: t0 });
    await only(id);
    const practiceId = msp.practices[0].id;
    await ownerSql()`update practices set archived_at = now() where id = ${practiceId}`;
    try {
      expect((await runMonitorTick({ now: t0, environment: loopbackAllowed(t0) })).claimed).toBe(0);
    } finally {
      await ownerSql()`update practices set archived_at = null where id = ${practiceId}`;
    }
    expect(await runMonitorTick({ now: t0, environment: loopbackAllowed(t0) })).toEqual({
      claimed: 1,
      recorded: 1,
    });
  });

  test("two workers over 60 ticks: exactly one result per (monitor, due time), never two checks in flight", async () => {
    const t0 = new Date(Date.UTC(2031, 0, 1, 0, 0, 0));
    http.answer = { status: 200, body: "ok", delayMs: 20 };
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push(
        await plantMonitor(msp, {
          kind: i < 3 ? "http" : "heartbeat",
          target: i < 3 ? http.url : "",
          interval: i % 2 === 0 ? 30 : 45,
          dueAt: new Date(t0.getTime() + i * 1000),
        }),
      );
    await only(...ids);
    let claimed = 0;
    for (let tick = 0; tick < 60; tick++) {
      const now = new Date(t0.getTime() + tick * 5_000);
      const [a, b] = await Promise.all([
        runMonitorTick({ now, environment: loopbackAllowed(now) }),
        runMonitorTick({ now, environment: loopbackAllowed(now) }),
      ]);
      claimed += a.claimed + b.claimed;
    }
    const rows = await ownerSql()<{ monitor_id: string; n: number; results: number }[]>`
      select monitor_id, count(distinct due_at)::int as n, count(*)::int as results
        from monitor_results where monitor_id = any(${ids}::uuid[]) group by monitor_id`;
    // The last tick is at t0 + 295 s: a monitor due first at t0 + i s every 30 (45) s has this many due times by then.
    const expected = (i: number) => Math.floor((295 - i) / (i % 2 === 0 ? 30 : 45)) + 1;
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const i = ids.indexOf(row.monitor_id);
      expect(row.results, `monitor ${i}`).toBe(row.n);
      expect(row.n, `monitor ${i}`).toBe(expected(i));
    }
    expect(claimed).toBe(rows.reduce((sum, row) => sum + row.results, 0));
    http.answer = { status: 200, body: "ok", delayMs: 0 };
  });

  test("a check still in flight is not claimed again by a later tick", async () => {
    const t0 = new Date(Date.UTC(2032, 0, 1, 0, 0, 0));
    http.answer = { status: 200, body: "ok", delayMs: 600 };
    const id = await plantMonitor(msp, { kind: "http", target: http.url, dueAt: t0 });
    await only(id);
    const first = runMonitorTick({ now: t0, environment: loopbackAllowed(t0) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = new Date(t0.getTime() + 10_000);
    expect(
      (await runMonitorTick({ now: later, environment: loopbackAllowed(later) })).claimed,
    ).toBe(0);
    expect(await first).toEqual({ claimed: 1, recorded: 1 });
    http.answer = { status: 200, body: "ok", delayMs: 0 };
  });
});

describe("the worker's ticker", () => {
  test("two running workers check a due monitor once and move it on by its interval", async () => {
    const { token, hash } = newPushToken();
    const id = await plantMonitor(msp, {
      kind: "heartbeat",
      interval: 3600,
      pushTokenHash: hash,
      dueAt: new Date(Date.now() - 1000),
    });
    await only(id);
    expect(await recordPush(token)).toBe(true);
    const options = { schedules: null, jobs: {}, monitorTickMs: 50, log: () => {} };
    const workers = [await startWorker(options), await startWorker(options)];
    try {
      await expect.poll(async () => (await monitorRow(id)).status, { timeout: 10_000 }).toBe("up");
    } finally {
      await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 5_000 })));
    }
    const results = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from monitor_results where monitor_id = ${id}`;
    expect(results[0]!.n).toBe(1);
    expect(new Date((await monitorRow(id)).next_check_at).getTime()).toBeGreaterThan(
      Date.now() + 3_500_000,
    );
  });
});

describe("heartbeats", () => {
  test("pushes keep a heartbeat monitor up; silence past interval + grace takes it down", async () => {
    const { token, hash } = newPushToken();
    const t0 = new Date();
    const id = await plantMonitor(msp, {
      kind: "heartbeat",
      settings: { graceSeconds: 10 },
      failureThreshold: 1,
      pushTokenHash: hash,
      dueAt: t0,
    });
    await only(id);
    expect(await recordPush(token)).toBe(true);
    await runMonitorTick({ now: t0, environment: loopbackAllowed(t0) });
    expect((await monitorRow(id)).status).toBe("up");
    const silent = new Date(t0.getTime() + 60_000);
    await runMonitorTick({ now: silent, environment: loopbackAllowed(silent) });
    expect(await monitorRow(id)).toMatchObject({
      status: "down",
      last_error: expect.stringMatching(/^No heartbeat since/),
    });
  });

  test("an unknown token, a malformed one, or another MSP's changes nothing of this MSP", async () => {
    const mine = newPushToken();
    const theirs = newPushToken();
    const t0 = new Date();
    const id = await plantMonitor(msp, { kind: "heartbeat", pushTokenHash: mine.hash, dueAt: t0 });
    const theirId = await plantMonitor(other, {
      kind: "heartbeat",
      pushTokenHash: theirs.hash,
      dueAt: t0,
    });
    expect(await recordPush(newPushToken().token)).toBe(false);
    expect(await recordPush("../../etc/passwd")).toBe(false);
    expect(await recordPush(theirs.token)).toBe(true);
    const rows = await ownerSql()<{ id: string; last_push_at: Date | null }[]>`
      select id, last_push_at from monitors where id in (${id}, ${theirId})`;
    expect(rows.find((row) => row.id === id)!.last_push_at).toBeNull();
    expect(rows.find((row) => row.id === theirId)!.last_push_at).not.toBeNull();
  });
});

describe("rollups", () => {
  test("complete hours are summed per monitor; old results and rollups are deleted", async () => {
    const msp = await createMsp("Rollups");
    const id = await plantMonitor(msp, {
      kind: "heartbeat",
      dueAt: new Date(Date.UTC(2033, 0, 1)),
    });
    const hour = new Date(Date.UTC(2033, 0, 1, 10));
    const at = (minutes: number) => new Date(hour.getTime() + minutes * 60_000);
    const insert = (dueAt: Date, outcome: string, latency: number | null) =>
      ownerSql()`insert into monitor_results (msp_id, practice_id, monitor_id, due_at, checked_at, outcome, latency_ms)
                 values (${msp.id}, ${msp.practices[0].id}, ${id}, ${dueAt.toISOString()}, ${dueAt.toISOString()}, ${outcome}, ${latency})`;
    await insert(at(0), "up", 100);
    await insert(at(1), "degraded", 900);
    await insert(at(2), "down", null);
    await insert(at(3), "up", 200);
    await insert(at(61), "up", 50); // the next hour, not complete yet at 11:30
    await insert(new Date(hour.getTime() - 31 * 24 * 3_600_000), "up", 10);
    await ownerSql()`insert into monitor_rollups (msp_id, practice_id, monitor_id, hour, checks, up_checks, degraded_checks, down_checks, latency_count, latency_sum_ms, latency_max_ms)
      values (${msp.id}, ${msp.practices[0].id}, ${id}, ${new Date(Date.UTC(2030, 0, 1)).toISOString()}, 1, 1, 0, 0, 1, 5, 5)`;
    const run = () =>
      withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
        rollUpMonitorResults(
          { tx, mspId: msp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
          at(90),
        ),
      );
    expect(await run()).toMatchObject({ rolledUp: 1, resultsDeleted: 1, rollupsDeleted: 1 });
    expect(await run()).toMatchObject({ rolledUp: 1, resultsDeleted: 0, rollupsDeleted: 0 });
    const rollups = await ownerSql()`
      select hour::timestamptz = ${hour.toISOString()}::timestamptz as hour, checks, up_checks, degraded_checks, down_checks, latency_count, latency_sum_ms::int as sum, latency_max_ms
        from monitor_rollups where monitor_id = ${id}`;
    expect(rollups).toEqual([
      {
        hour: true,
        checks: 4,
        up_checks: 2,
        degraded_checks: 1,
        down_checks: 1,
        latency_count: 3,
        sum: 1200,
        latency_max_ms: 900,
      },
    ]);
  });
});
