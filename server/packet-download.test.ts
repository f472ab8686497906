import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { packetPdfResponse } from "@/server/packet-download";
import { sectionKeys } from "@/server/contracts/plans";
import {
  APP_URL,
  callerFor,
  createMsp,
  insertPractice,
  ownerDb,
  sessionUserFor,
  type TestMsp,
} from "@/server/test/fixtures";
import { completePlan } from "@/server/test/plan-fixtures";
import { twoFactorEnrolmentMessage } from "@/server/trpc";

/** The packet PDF route's answers, for real sessions against the real database. */
let msp: TestMsp;
let practiceId: string;
const signIn = "/sign-in?reason=expired";

beforeAll(async () => {
  msp = await createMsp("Packet download");
  practiceId = (await insertPractice(msp.id, { name: `Packet download ${msp.tag}` })).id;
  const admin = await callerFor(msp.admin);
  const plan = await admin.plans.get({ practiceId });
  const content = completePlan();
  for (const section of sectionKeys)
    await admin.plans.saveSection({
      practiceId,
      section,
      version: plan.sections[section].version,
      content: content[section],
    });
  await admin.plans.publish({ practiceId });
});

describe("the packet PDF", () => {
  test("is the file for someone who may read the plan; another practice is not found", async () => {
    const user = await sessionUserFor(msp.technician);
    const response = await packetPdfResponse({ user, practiceId, appUrl: APP_URL, signIn });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const other = await packetPdfResponse({
      user: await sessionUserFor(msp.manager),
      practiceId,
      appUrl: APP_URL,
      signIn,
    });
    expect(other.status).toBe(404);
  });

  test("someone who must still set up two-factor gets the same refusal as everywhere else, not an empty 500", async () => {
    const enforced = await createMsp("Packet download 2FA");
    const enforcedPractice = (
      await insertPractice(enforced.id, { name: `Packet 2FA ${enforced.tag}` })
    ).id;
    await ownerDb()
      .update(schema.msps)
      .set({ requireTwoFactor: true })
      .where(eq(schema.msps.id, enforced.id));
    const user = await sessionUserFor(enforced.technician);
    expect(user.mustEnrolTwoFactor).toBe(true);
    const response = await packetPdfResponse({
      user,
      practiceId: enforcedPractice,
      appUrl: APP_URL,
      signIn,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe(twoFactorEnrolmentMessage);
  });
});
