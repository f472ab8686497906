/**
 * An HTTP request passes its session cookie's claims; the session is checked in the same
 * transaction as the procedure. These tests call the router as the HTTP handler does.
 */
import { describe, expect, test } from "vitest";
import { createCaller } from "@/server/routers/_app";
import { signOutSession } from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import {
  APP_URL,
  auditRows,
  callerFor,
  countRows,
  createMsp,
  signIn,
  type TestUser,
} from "@/server/test/fixtures";

const overHttp = async (user: TestUser) => {
  const claims = await signIn(user);
  return { claims, caller: createCaller({ user: null, claims, appUrl: APP_URL }) };
};

const newPractice = (name: string) => ({
  name,
  timezone: "America/Chicago",
  ehrProduct: "",
  downtimeCostPerMinuteCents: 100,
  isNewOffice: false,
  isMigrating: false,
  sites: [{ name: "Main", address: "1 Lake Road", phone: "(555) 010-2030" }],
});

describe("one transaction per call", () => {
  test("a signed-in admin reads and writes; the write is audited with the admin as actor", async () => {
    const msp = await createMsp("Request tx");
    const { caller } = await overHttp(msp.admin);
    expect((await caller.practices.list({})).items.length).toBeGreaterThanOrEqual(2);
    const { id } = await caller.practices.create(newPractice("Lakeside Family Care"));
    const [event] = await auditRows(msp.id, { action: "practice.create", entityId: id });
    expect(event?.actorUserId).toBe(msp.admin.id);
  });

  test("no claims, a signed-out session or a removed member: UNAUTHORIZED, and nothing is written", async () => {
    const msp = await createMsp("Request tx ended");
    await expectTRPCError(
      createCaller({ user: null, claims: null, appUrl: APP_URL }).practices.list({}),
      "UNAUTHORIZED",
    );
    const { claims, caller } = await overHttp(msp.technician);
    await signOutSession(claims);
    const before = await countRows(msp.id, "practices");
    await expectTRPCError(caller.practices.create(newPractice("Never created")), "UNAUTHORIZED");
    expect(await countRows(msp.id, "practices")).toBe(before);

    const manager = await overHttp(msp.manager);
    await (await callerFor(msp.admin)).members.remove({ userId: msp.manager.id });
    await expectTRPCError(
      manager.caller.practices.get({ practiceId: msp.practices[0].id }),
      "UNAUTHORIZED",
    );
  });

  test("the scope of the session's user applies: a manager sees their practice only, leadership cannot write", async () => {
    const msp = await createMsp("Request tx scope");
    const manager = await overHttp(msp.manager);
    expect((await manager.caller.practices.list({})).items.map((item) => item.id)).toEqual([
      msp.practices[0].id,
    ]);
    await expectTRPCError(
      manager.caller.practices.get({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
    );
    const leadership = await overHttp(msp.leadership);
    await expectTRPCError(
      leadership.caller.practices.create(newPractice("Not by leadership")),
      "FORBIDDEN",
    );
  });

  test("a refused change writes nothing and the session stays usable", async () => {
    const msp = await createMsp("Request tx refused");
    const { caller } = await overHttp(msp.admin);
    const before = await countRows(msp.id, "practices");
    await expectTRPCError(
      caller.practices.create({ ...newPractice("Bad sites"), sites: [] }),
      "BAD_REQUEST",
    );
    expect(await countRows(msp.id, "practices")).toBe(before);
    expect((await caller.practices.list({})).items.length).toBe(before);
  });
});
