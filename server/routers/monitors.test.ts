/**
 * The monitors router: making, changing (with versions), pausing, resuming and deleting monitors,
 * the guard on private targets at entry, the push address shown once, lists down first, and who
 * may see and do what (another MSP, another practice, leadership, a practice manager).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import {
  auditRows,
  callerFor,
  createMsp,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { recordPush } from "@/server/services/monitors/push";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let outsider: Caller;
let practiceId: string;
let secondPracticeId: string;
let systemId: string;
let secondSystemId: string;

const codeOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
};

async function newSystem(testMsp: TestMsp, practice: string, name: string) {
  const [row] = await ownerSql()<{ id: string }[]>`
    insert into systems (msp_id, practice_id, name, category, criticality)
    values (${testMsp.id}, ${practice}, ${name}, 'ehr', 'critical') returning id`;
  return row!.id;
}

const http = (name: string, extra: Record<string, unknown> = {}) => ({
  practiceId,
  systemId,
  name,
  kind: "http" as const,
  target: "https://ehr.example.com/status",
  ...extra,
});

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "";
  msp = await createMsp("Monitors router");
  other = await createMsp("Other MSP");
  practiceId = msp.practices[0].id;
  secondPracticeId = msp.practices[1].id;
  systemId = await newSystem(msp, practiceId, "EHR");
  secondSystemId = await newSystem(msp, secondPracticeId, "Phones");
  admin = await callerFor(msp.admin);
  technician = await callerFor(msp.technician);
  manager = await callerFor(msp.manager);
  leadership = await callerFor(msp.leadership);
  outsider = await callerFor(other.admin);
});

describe("making and changing monitors", () => {
  test("a technician adds an HTTP monitor; it is listed, unchecked, and audited", async () => {
    const created = await technician.monitors.create(
      http("EHR portal", { keyword: "Sign in", degradedAboveMs: 2000 }),
    );
    expect(created).toMatchObject({ version: 1, pushUrl: null });
    const { monitor, recent, availability24h } = await technician.monitors.get({
      practiceId,
      monitorId: created.id,
    });
    expect(monitor).toMatchObject({
      name: "EHR portal",
      status: "unknown",
      systemName: "EHR",
      settings: { keyword: "Sign in", keywordMode: "present", degradedAboveMs: 2000 },
      failureThreshold: 3,
      recoveryThreshold: 2,
    });
    expect(monitor).not.toHaveProperty("pushTokenHash");
    expect(recent).toEqual([]);
    expect(availability24h).toBeNull();
    const audit = await auditRows(msp.id, { entityId: created.id });
    expect(audit.map((row) => row.action)).toContain("monitor.create");
  });

  test("bad input is a 400 with the field's message, and writes nothing", async () => {
    const before =
      await ownerSql()`select count(*)::int as n from monitors where msp_id = ${msp.id}`;
    await expect(
      technician.monitors.create(http("Too fast", { intervalSeconds: 10 })),
    ).rejects.toThrow(/The interval must be at least 30/);
    await expect(
      technician.monitors.create(http("Slow timeout", { intervalSeconds: 30, timeoutSeconds: 25 })),
    ).rejects.toThrow(/at most 24 s for a 30 s interval/);
    await expect(
      technician.monitors.create({ ...http("Port"), kind: "tcp", target: "ehr.example.com" }),
    ).rejects.toThrow(/Enter the port/);
    const after =
      await ownerSql()`select count(*)::int as n from monitors where msp_id = ${msp.id}`;
    expect(after).toEqual(before);
  });

  test("loopback, private, link-local and metadata targets are refused with a clear message", async () => {
    for (const target of [
      "http://127.0.0.1:8080/",
      "http://10.0.0.5/",
      "http://169.254.169.254/latest/meta-data/",
      "http://localhost/",
    ])
      await expect(technician.monitors.create(http("Inside", { target }))).rejects.toThrow(
        /is not a public internet address .* use a heartbeat monitor/,
      );
    await expect(
      technician.monitors.create({
        ...http("RDP"),
        kind: "tcp",
        target: "192.168.1.10",
        port: 3389,
      }),
    ).rejects.toThrow(/is not a public internet address/);
    // What OUTBOUND_ALLOWLIST names may be monitored (an on-premises install, the tests' loopback servers).
    process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
    try {
      expect(
        await codeOf(
          technician.monitors.create(http("Local", { target: "http://127.0.0.1:8080/" })),
        ),
      ).toBe("OK");
    } finally {
      process.env.OUTBOUND_ALLOWLIST = "";
    }
  });

  test("an update names the version it read: a stale one is a conflict", async () => {
    const { id } = await technician.monitors.create(http("Versioned"));
    const updated = await technician.monitors.update({
      ...http("Versioned, renamed"),
      monitorId: id,
      version: 1,
    });
    expect(updated.version).toBe(2);
    expect(
      await codeOf(admin.monitors.update({ ...http("Lost update"), monitorId: id, version: 1 })),
    ).toBe("CONFLICT");
    const { monitor } = await admin.monitors.get({ practiceId, monitorId: id });
    expect(monitor.name).toBe("Versioned, renamed");
  });

  test("pause with a reason and an end, resume, delete", async () => {
    const { id } = await technician.monitors.create(http("Pausable"));
    await expect(
      technician.monitors.pause({
        practiceId,
        monitorId: id,
        version: 1,
        reason: "Moving",
        until: new Date(Date.now() - 1000),
      }),
    ).rejects.toThrow(/must end in the future/);
    const until = new Date(Date.now() + 3_600_000);
    const paused = await technician.monitors.pause({
      practiceId,
      monitorId: id,
      version: 1,
      reason: "EHR upgrade tonight",
      until,
    });
    const { monitor } = await technician.monitors.get({ practiceId, monitorId: id });
    expect(monitor).toMatchObject({ status: "paused", pausedReason: "EHR upgrade tonight" });
    expect(monitor.pausedUntil).toEqual(until);
    const resumed = await technician.monitors.resume({
      practiceId,
      monitorId: id,
      version: paused.version,
    });
    expect((await technician.monitors.get({ practiceId, monitorId: id })).monitor.status).toBe(
      "unknown",
    );
    await expect(
      technician.monitors.resume({ practiceId, monitorId: id, version: resumed.version }),
    ).rejects.toThrow(/is not paused/);
    await technician.monitors.delete({ practiceId, monitorId: id, version: resumed.version });
    expect(await codeOf(technician.monitors.get({ practiceId, monitorId: id }))).toBe("NOT_FOUND");
    const actions = (await auditRows(msp.id, { entityId: id })).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "monitor.pause",
        "monitor.resume",
        "monitor.delete",
        "monitor.status_changed",
      ]),
    );
  });

  test("a heartbeat monitor's push address is shown once, works, and can be replaced", async () => {
    const created = await technician.monitors.create({
      practiceId,
      systemId,
      name: "Front desk server",
      kind: "heartbeat",
      graceSeconds: 120,
    });
    expect(created.pushUrl).toMatch(
      /^http:\/\/localhost:3000\/api\/monitors\/push\/[A-Za-z0-9_-]{43}$/,
    );
    const token = created.pushUrl!.split("/").at(-1)!;
    expect(await recordPush(token)).toBe(true);
    const { monitor } = await technician.monitors.get({ practiceId, monitorId: created.id });
    expect(monitor).toMatchObject({ hasPushUrl: true, settings: { graceSeconds: 120 } });
    expect(monitor.lastPushAt).not.toBeNull();
    expect(JSON.stringify(await auditRows(msp.id, { entityId: created.id }))).not.toContain(token);
    const replaced = await technician.monitors.replacePushUrl({
      practiceId,
      monitorId: created.id,
      version: 1,
    });
    expect(replaced.pushUrl).not.toBe(created.pushUrl);
    expect(await recordPush(token)).toBe(false);
    expect(await recordPush(replaced.pushUrl!.split("/").at(-1)!)).toBe(true);
  });
});

describe("with the map", () => {
  test("deleting a system deletes its monitors and their results", async () => {
    const doomed = await newSystem(msp, practiceId, "Old fax server");
    const { id } = await technician.monitors.create({ ...http("Fax portal"), systemId: doomed });
    await ownerSql()`insert into monitor_results (msp_id, practice_id, monitor_id, due_at, checked_at, outcome)
                     values (${msp.id}, ${practiceId}, ${id}, now(), now(), 'up')`;
    await technician.dependencies.deleteSystem({ practiceId, systemId: doomed });
    expect(await codeOf(technician.monitors.get({ practiceId, monitorId: id }))).toBe("NOT_FOUND");
    const left = await ownerSql()`select 1 from monitor_results where monitor_id = ${id}`;
    expect(left).toHaveLength(0);
  });
});

describe("lists and who sees what", () => {
  test("down first, in the practice list and MSP-wide, paginated", async () => {
    const { id: downId } = await technician.monitors.create(http("Zeta (down)"));
    await ownerSql()`update monitors set status = 'down' where id = ${downId}`;
    await technician.monitors.create({
      ...http("Phones"),
      practiceId: secondPracticeId,
      systemId: secondSystemId,
    });
    const list = await technician.monitors.list({ practiceId });
    expect(list.items[0]!.id).toBe(downId);
    expect(list.items.every((item) => item.practiceId === practiceId)).toBe(true);
    const all = await technician.monitors.listAll({});
    expect(all.items[0]!.id).toBe(downId);
    expect(new Set(all.items.map((item) => item.practiceId))).toEqual(
      new Set([practiceId, secondPracticeId]),
    );
    const firstPage = await technician.monitors.listAll({ page: 1, pageSize: 2 });
    const secondPage = await technician.monitors.listAll({ page: 2, pageSize: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.total).toBe(all.total);
    expect(secondPage.items[0]!.id).not.toBe(firstPage.items[1]!.id);
  });

  test("a practice manager sees only their practice's monitors and changes none", async () => {
    const all = await manager.monitors.listAll({});
    expect(all.items.length).toBeGreaterThan(0);
    expect(new Set(all.items.map((item) => item.practiceId))).toEqual(new Set([practiceId]));
    expect(await codeOf(manager.monitors.list({ practiceId: secondPracticeId }))).toBe("NOT_FOUND");
    expect(await codeOf(manager.monitors.create(http("Mine")))).toBe("FORBIDDEN");
    expect(await codeOf(leadership.monitors.create(http("Leader")))).toBe("FORBIDDEN");
    const [one] = all.items;
    expect(
      await codeOf(
        manager.monitors.pause({
          practiceId,
          monitorId: one!.id,
          version: one!.version,
          reason: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("another MSP's monitors do not exist for this one", async () => {
    const { items } = await technician.monitors.list({ practiceId });
    const victim = items[0]!;
    expect(await codeOf(outsider.monitors.list({ practiceId }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.monitors.get({ practiceId, monitorId: victim.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await outsider.monitors.listAll({})).items).toEqual([]);
    const otherPractice = other.practices[0].id;
    const otherSystem = await newSystem(other, otherPractice, "EHR");
    expect(
      await codeOf(
        outsider.monitors.create({ ...http("Cross"), practiceId: otherPractice, systemId }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        outsider.monitors.delete({
          practiceId: otherPractice,
          monitorId: victim.id,
          version: victim.version,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        outsider.monitors.create({
          ...http("Own"),
          practiceId: otherPractice,
          systemId: otherSystem,
        }),
      ),
    ).toBe("OK");
    const { monitor } = await technician.monitors.get({ practiceId, monitorId: victim.id });
    expect(monitor.version).toBe(victim.version);
  });
});
