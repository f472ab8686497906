import { addMonths } from "date-fns";
import { beforeAll, describe, expect, test } from "vitest";
import { reviewChecklist, saferPractices } from "@/server/contracts/reviews";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Reviews"), createMsp("Other reviews")]);
  [admin, technician, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

const allRated = Object.fromEntries(
  saferPractices.map(([key]) => [key, { rating: "partly" as const, note: "" }]),
);
const allChecked = Object.fromEntries(
  reviewChecklist.map(([key]) => [key, { done: true, note: "" }]),
);
const filledIn = {
  checklist: allChecked,
  safer: allRated,
  findings: "Paper forms cover only four hours.",
  attendees: ["Priya (practice manager)", "Sam (MSP)"],
};

async function freshPractice(values: { isNewOffice?: boolean; isMigrating?: boolean } = {}) {
  return (
    await insertPractice(msp.id, { name: unique("Review practice "), timezone: "UTC", ...values })
  ).id;
}

async function signedOffReview(practiceId: string) {
  const { id: reviewId } = await technician.reviews.start({ practiceId });
  const { version } = await technician.reviews.save({
    practiceId,
    reviewId,
    version: 1,
    ...filledIn,
  });
  await technician.reviews.signOff({ practiceId, reviewId, version });
  return reviewId;
}

describe("the review schedule", () => {
  test("quarterly by default, monthly while new or migrating; the next review is due a cadence after the last sign-off", async () => {
    const quarterly = await freshPractice();
    const { schedule } = await admin.reviews.list({ practiceId: quarterly });
    expect(schedule.cadence).toEqual({ months: 3, reasons: [] });
    expect(schedule.openReviewId).toBeNull();

    const migrating = await freshPractice({ isMigrating: true, isNewOffice: true });
    expect((await admin.reviews.list({ practiceId: migrating })).schedule.cadence).toEqual({
      months: 1,
      reasons: ["new office", "migrating"],
    });

    await signedOffReview(quarterly);
    const after = (await admin.reviews.list({ practiceId: quarterly })).schedule;
    expect(after.dueOn).toBe(addMonths(after.lastSignedOffAt!, 3).toISOString().slice(0, 10));
    expect(after.status).toBe("on_track");
  });

  test("a practice whose first review date has passed is flagged overdue", async () => {
    const practiceId = await freshPractice();
    await ownerSql()`update practices set created_at = now() - interval '4 months' where id = ${practiceId}`;
    const { schedule } = await admin.reviews.list({ practiceId });
    expect(schedule.status).toBe("overdue");
    expect(schedule.daysLeft).toBeLessThan(0);
    expect((await admin.reviews.readiness({ practiceId })).review).toMatchObject({
      status: "overdue",
    });
  });
});

describe("a review", () => {
  test("one review is open at a time; it is saved with a version and signed off only when complete", async () => {
    const practiceId = await freshPractice();
    const started = await technician.reviews.start({ practiceId });
    expect(started.created).toBe(true);
    expect(await manager.reviews.start({ practiceId: msp.practices[0].id })).toMatchObject({
      created: true,
    });
    expect(await technician.reviews.start({ practiceId })).toEqual({
      id: started.id,
      created: false,
    });

    const reviewId = started.id;
    await expectTRPCError(
      technician.reviews.signOff({ practiceId, reviewId, version: 1 }),
      "BAD_REQUEST",
      /Add who attended the review\. Assess every SAFER practice \(7 of 7 not assessed yet\)\./,
    );
    const { version } = await technician.reviews.save({
      practiceId,
      reviewId,
      version: 1,
      ...filledIn,
      safer: { paper_forms: { rating: "not_in_place", note: "Only 4 hours of forms" } },
    });
    await expectTRPCError(
      technician.reviews.save({ practiceId, reviewId, version: 1, ...filledIn }),
      "CONFLICT",
      /saved this review/,
    );
    await expectTRPCError(
      technician.reviews.signOff({ practiceId, reviewId, version }),
      "BAD_REQUEST",
      /6 of 7 not assessed yet/,
    );
    await expectTRPCError(
      technician.reviews.save({
        practiceId,
        reviewId,
        version,
        ...filledIn,
        safer: { ...allRated, paper_forms: { rating: "maybe", note: "" } },
      } as never),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      technician.reviews.save({
        practiceId,
        reviewId,
        version,
        ...filledIn,
        checklist: { not_a_step: { done: true, note: "" } },
      } as never),
      "BAD_REQUEST",
      /Unrecognized key/,
    );

    const saved = await technician.reviews.save({ practiceId, reviewId, version, ...filledIn });
    await technician.reviews.signOff({ practiceId, reviewId, version: saved.version });
    const { review } = await admin.reviews.get({ practiceId, reviewId });
    expect(review).toMatchObject({
      signedOffByName: msp.technician.name,
      attendees: filledIn.attendees,
      findings: filledIn.findings,
    });
    expect(await auditRows(msp.id, { action: "review.sign_off", entityId: reviewId })).toHaveLength(
      1,
    );
  });

  test("signing off freezes the review: later saves and sign-offs are refused, also at the database, and a snapshot is kept", async () => {
    const practiceId = await freshPractice();
    await admin.dependencies.applyStarterMap({ practiceId });
    const systemId = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
    await admin.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    await admin.backups.recordTest({
      practiceId,
      systemId,
      kind: "database",
      testedAt: new Date(),
      testedByName: "Sam",
      result: "fail",
      restoreMinutes: 5,
      dataAgeMinutes: 5,
      evidence: "",
    });

    const reviewId = await signedOffReview(practiceId);
    const { review, readiness } = await admin.reviews.get({ practiceId, reviewId });
    expect(review.signedOffAt).not.toBeNull();
    expect(readiness.backups).toMatchObject({ tracked: 1, failing: 1 });
    expect(readiness.risks).toMatchObject({ open: 1, urgentOpen: 1 });

    await expectTRPCError(
      technician.reviews.save({
        practiceId,
        reviewId,
        version: review.version,
        ...filledIn,
        findings: "Rewritten",
      }),
      "BAD_REQUEST",
      /was signed off by .* and can no longer change/,
    );
    await expectTRPCError(
      technician.reviews.signOff({ practiceId, reviewId, version: review.version }),
      "BAD_REQUEST",
      /signed off/,
    );
    await expect(
      ownerSql()`update reviews set findings = 'Rewritten' where id = ${reviewId}`,
    ).rejects.toThrow(/signed off and cannot change/);

    // Later changes do not move the frozen figures.
    await admin.backups.removeTarget({ practiceId, systemId });
    expect((await admin.reviews.get({ practiceId, reviewId })).readiness.backups).toMatchObject({
      tracked: 1,
      failing: 1,
    });
    expect((await admin.reviews.readiness({ practiceId })).backups).toMatchObject({ tracked: 0 });
    // And the next review can start.
    expect(await technician.reviews.start({ practiceId })).toMatchObject({ created: true });
  });

  test("a review shows the risks opened, changed and closed since the previous review", async () => {
    const practiceId = await freshPractice();
    const { id: before } = await admin.risks.create({
      practiceId,
      title: "Shared admin password",
      description: "",
      severity: "urgent",
      category: "open_admin_access",
      owner: "",
      systemIds: [],
    });
    const { id: toClose } = await admin.risks.create({
      practiceId,
      title: "No MFA on email",
      description: "",
      severity: "high",
      category: "missing_mfa",
      owner: "",
      systemIds: [],
    });
    const first = await signedOffReview(practiceId);
    expect(
      (await admin.reviews.get({ practiceId, reviewId: first })).riskChanges.opened
        .map((row) => row.title)
        .sort(),
    ).toEqual(["No MFA on email", "Shared admin password"]);

    await admin.risks.changeStatus({
      practiceId,
      riskId: before,
      version: 1,
      change: { status: "fix_now" },
    });
    await admin.risks.changeStatus({
      practiceId,
      riskId: toClose,
      version: 1,
      change: { status: "resolved", note: "MFA enforced for all staff" },
    });
    await admin.risks.create({
      practiceId,
      title: "Unknown remote access tool on the server",
      description: "",
      severity: "urgent",
      category: "unknown_vendor_remote_access",
      owner: "",
      systemIds: [],
    });
    const { id: second } = await technician.reviews.start({ practiceId });
    const { riskChanges, previousSignedOffAt } = await admin.reviews.get({
      practiceId,
      reviewId: second,
    });
    expect(previousSignedOffAt).not.toBeNull();
    expect(riskChanges.opened.map((row) => row.title)).toEqual([
      "Unknown remote access tool on the server",
    ]);
    expect(riskChanges.changed.map((row) => [row.title, row.toStatus])).toEqual([
      ["Shared admin password", "fix_now"],
    ]);
    expect(riskChanges.closed.map((row) => row.title)).toEqual(["No MFA on email"]);
  });
});

describe("tenancy and roles", () => {
  test("another MSP, another practice and leadership cannot read or change reviews they do not own", async () => {
    const own = msp.practices[0].id;
    const { id: reviewId } = await manager.reviews.start({ practiceId: own });
    await expect(leadership.reviews.get({ practiceId: own, reviewId })).resolves.toBeTruthy();
    await expectTRPCError(
      leadership.reviews.save({ practiceId: own, reviewId, version: 1, ...filledIn }),
      "FORBIDDEN",
    );
    await expectTRPCError(leadership.reviews.start({ practiceId: own }), "FORBIDDEN");
    await expectTRPCError(otherAdmin.reviews.get({ practiceId: own, reviewId }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.reviews.signOff({ practiceId: own, reviewId, version: 1 }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.reviews.save({
        practiceId: other.practices[0].id,
        reviewId,
        version: 1,
        ...filledIn,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.reviews.get({ practiceId: msp.practices[1].id, reviewId }),
      "NOT_FOUND",
    );
    await expectTRPCError(manager.reviews.list({ practiceId: msp.practices[1].id }), "NOT_FOUND");
    await expectTRPCError(otherAdmin.reviews.readiness({ practiceId: own }), "NOT_FOUND");
    const [row] = await ownerSql()`select version, attendees from reviews where id = ${reviewId}`;
    expect(row).toMatchObject({ version: 1, attendees: [] });
  });
});
