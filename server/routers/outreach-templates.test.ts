/**
 * Outreach templates through the router: the built-in texts, an MSP's own and a practice's own in
 * turn, reset back down the levels, version conflicts, the template checker on the server, and who
 * may do what (leadership reads, a practice manager writes their own practice's texts only, another
 * MSP sees nothing).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { builtInTemplates } from "@/server/domain/outreach-templates";
import { auditRows, callerFor, createMsp, type Caller, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;
let outsider: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let outsiderAdmin: Caller;
let practiceId: string;
let otherPracticeId: string;

const allowed =
  "Use only: {first_name}, {date_time}, {site_name}, {site_address}, {provider_name}, {practice_phone}.";

beforeAll(async () => {
  [msp, outsider] = await Promise.all([createMsp("Templates"), createMsp("Other MSP")]);
  [admin, technician, manager, leadership, outsiderAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(outsider.admin),
  ]);
  practiceId = msp.practices[0].id;
  otherPracticeId = msp.practices[1].id;
});

async function entry(
  caller: Caller,
  at: string | undefined,
  kind: string,
  language: string,
  visitType = "",
) {
  const { entries } = await caller.outreachTemplates.list({ practiceId: at });
  const found = entries.find(
    (candidate) =>
      candidate.kind === kind &&
      candidate.language === language &&
      candidate.visitType === visitType,
  );
  if (!found) throw new Error(`no entry for ${kind} ${language} ${visitType}`);
  return found;
}

const spanishDelay = {
  kind: "delay" as const,
  language: "es" as const,
  visitType: "",
  subject: "Hoy vamos con retraso",
};

describe("levels: built-in, the MSP's own, the practice's own", () => {
  test("every kind in English and Spanish starts as Standby's built-in text", async () => {
    const list = await admin.outreachTemplates.list({});
    expect(list.level).toBe("msp");
    expect(list.entries).toHaveLength(16);
    expect(list.entries.every((item) => item.source === "built-in" && item.own === null)).toBe(
      true,
    );
    const delay = await entry(admin, undefined, "delay", "es");
    expect(delay.body).toBe(builtInTemplates.es.delay.body);
  });

  test("an MSP text applies to every practice; a practice's own to that practice only; reset goes back down", async () => {
    const mspText = "Hola {first_name}, vamos con retraso. Su cita del {date_time} empieza tarde.";
    const saved = await technician.outreachTemplates.save({
      ...spanishDelay,
      practiceId: null,
      body: mspText,
      version: 0,
    });
    expect(saved.version).toBe(1);
    expect(await entry(admin, undefined, "delay", "es")).toMatchObject({
      source: "msp",
      body: mspText,
      own: { id: saved.id, version: 1, updatedByName: msp.technician.name },
      inherited: { source: "built-in", body: builtInTemplates.es.delay.body },
    });
    // The practice has none of its own: it uses the MSP's, and reset would change nothing there.
    expect(await entry(manager, practiceId, "delay", "es")).toMatchObject({
      source: "msp",
      body: mspText,
      own: null,
      inherited: { source: "msp" },
    });

    const practiceText = "Hola {first_name}, hoy vamos con retraso en Lakeside. {practice_phone}";
    const own = await manager.outreachTemplates.save({
      ...spanishDelay,
      practiceId,
      body: practiceText,
      version: 0,
    });
    expect(await entry(leadership, practiceId, "delay", "es")).toMatchObject({
      source: "practice",
      body: practiceText,
      own: { id: own.id, version: 1 },
      inherited: { source: "msp", body: mspText },
    });
    expect(await entry(admin, otherPracticeId, "delay", "es")).toMatchObject({
      source: "msp",
      body: mspText,
    });
    // English is untouched.
    expect(await entry(admin, practiceId, "delay", "en")).toMatchObject({ source: "built-in" });

    const [audit] = await auditRows(msp.id, { entityId: own.id });
    expect(audit).toMatchObject({
      action: "outreach_template.save",
      entityType: "outreach_template",
      practiceId,
      actorName: msp.manager.name,
      summary: { level: "practice", kind: "delay", language: "es", version: 1, body: practiceText },
    });

    const reset = await manager.outreachTemplates.reset({
      ...spanishDelay,
      practiceId,
      version: 1,
    });
    expect(reset).toMatchObject({ id: own.id, nowUses: "msp" });
    expect(await entry(manager, practiceId, "delay", "es")).toMatchObject({
      source: "msp",
      own: null,
    });
    expect((await auditRows(msp.id, { entityId: own.id })).map((row) => row.action)).toEqual([
      "outreach_template.save",
      "outreach_template.reset",
    ]);

    await admin.outreachTemplates.reset({ ...spanishDelay, practiceId: null, version: 1 });
    expect(await entry(manager, practiceId, "delay", "es")).toMatchObject({
      source: "built-in",
      body: builtInTemplates.es.delay.body,
    });
  });

  test("instructions are kept per visit type, with the generic ones for every other visit type", async () => {
    const physical = await admin.outreachTemplates.save({
      practiceId,
      kind: "instructions",
      language: "en",
      visitType: "  Annual physical ",
      subject: "Before your physical",
      body: "Hi {first_name}, please fast for 8 hours before your physical on {date_time}.",
      version: 0,
    });
    const list = await admin.outreachTemplates.list({ practiceId });
    expect(list.visitTypes).toEqual(["Annual physical"]);
    expect(await entry(admin, practiceId, "instructions", "en", "Annual physical")).toMatchObject({
      source: "practice",
      body: expect.stringContaining("fast for 8 hours"),
      own: { id: physical.id },
      inherited: { source: "built-in" },
    });
    // In Spanish there is none for that visit type: the generic (built-in) instructions apply.
    expect(await entry(admin, practiceId, "instructions", "es", "Annual physical")).toMatchObject({
      source: "built-in",
      fromGenericInstructions: true,
      own: null,
    });
    // The same visit type whatever its case: the text of its own is updated, not duplicated.
    await admin.outreachTemplates.save({
      practiceId,
      kind: "instructions",
      language: "en",
      visitType: "annual PHYSICAL",
      subject: "Before your physical",
      body: "Hi {first_name}, no food after midnight before {date_time}.",
      version: 1,
    });
    expect((await admin.outreachTemplates.list({ practiceId })).visitTypes).toEqual([
      "annual PHYSICAL",
    ]);
    // Other kinds have no visit type.
    await expect(
      admin.outreachTemplates.save({
        ...spanishDelay,
        practiceId,
        visitType: "Annual physical",
        body: "Hola {first_name}",
        version: 0,
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Only pre-appointment instructions"),
    });
  });
});

describe("the template checker and conflicts, on the server", () => {
  test("an unknown variable is refused with the list of allowed ones, next to the field, and nothing is saved", async () => {
    const refused = admin.outreachTemplates.save({
      ...spanishDelay,
      practiceId: otherPracticeId,
      body: "Hola {first_name}, su fecha de nacimiento {dob}",
      version: 0,
    });
    await expect(refused).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `Unknown variable {dob}. ${allowed}`,
    });
    await expect(
      admin.outreachTemplates.save({
        ...spanishDelay,
        practiceId: otherPracticeId,
        subject: "Su cita {mrn}",
        body: "Hola {first_name}",
        version: 0,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: `Unknown variable {mrn}. ${allowed}` });
    await expect(
      admin.outreachTemplates.save({
        ...spanishDelay,
        practiceId: otherPracticeId,
        body: "Hola {first_name",
        version: 0,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/not closed/) });
    expect(await entry(admin, otherPracticeId, "delay", "es")).toMatchObject({
      source: "built-in",
    });
  });

  test("a save or reset naming an older version is a conflict that names who changed it", async () => {
    const key = { ...spanishDelay, kind: "reschedule" as const, practiceId: otherPracticeId };
    await admin.outreachTemplates.save({ ...key, body: "Hola {first_name}, uno.", version: 0 });
    await technician.outreachTemplates.save({
      ...key,
      body: "Hola {first_name}, dos.",
      version: 1,
    });
    await expect(
      admin.outreachTemplates.save({ ...key, body: "Hola {first_name}, tres.", version: 1 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: `The Spanish “Please reschedule” text was changed by ${msp.technician.name} after you opened it. Reload to see their text.`,
    });
    // A first text of one's own while someone else already wrote one.
    await expect(
      admin.outreachTemplates.save({ ...key, body: "Hola {first_name}, tres.", version: 0 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.outreachTemplates.reset({ ...key, version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin.outreachTemplates.reset({ ...key, version: 2 });
    await expect(admin.outreachTemplates.reset({ ...key, version: 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("was reset by someone else"),
    });
    expect(await entry(admin, otherPracticeId, "reschedule", "es")).toMatchObject({
      source: "built-in",
    });
  });

  test("preview renders sample values and counts SMS segments; it refuses what save would", async () => {
    const preview = await leadership.outreachTemplates.preview({
      kind: "delay",
      language: "en",
      subject: "Late on {date_time}",
      body: "Hi {first_name}, {provider_name} is running late. {practice_phone}",
    });
    expect(preview).toMatchObject({
      subject: "Late on Tue Dec 8, 9:30 AM",
      text: "Hi Maria, Dr. Rao is running late. (608) 555-0100",
      sms: { encoding: "GSM-7", characters: 49, segments: 1 },
      variables: ["first_name", "provider_name", "practice_phone"],
    });
    const spanish = await admin.outreachTemplates.preview({
      kind: "delay",
      language: "es",
      body: "Hola {first_name}, su cita del {date_time} empezará más tarde.",
    });
    // 71 characters: one GSM-7 message, but two UCS-2 parts once "á" is in it.
    expect(spanish.sms).toMatchObject({
      encoding: "UCS-2",
      characters: 71,
      segments: 2,
      nonGsmCharacters: ["á"],
    });
    await expect(
      admin.outreachTemplates.preview({ kind: "delay", language: "en", body: "Hi {dob}" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: `Unknown variable {dob}. ${allowed}` });
  });
});

describe("who may do what", () => {
  const body = "Hi {first_name}, we are running late.";

  test("leadership reads every level and changes nothing", async () => {
    expect((await leadership.outreachTemplates.list({})).entries).toHaveLength(16);
    expect((await leadership.outreachTemplates.list({ practiceId })).level).toBe("practice");
    for (const at of [null, practiceId])
      await expect(
        leadership.outreachTemplates.save({ ...spanishDelay, practiceId: at, body, version: 0 }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      leadership.outreachTemplates.reset({ ...spanishDelay, practiceId, version: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a practice manager writes their own practice's texts, not the MSP-wide ones nor another practice's", async () => {
    // Reads the MSP-wide ones (their practice uses them).
    expect((await manager.outreachTemplates.list({})).level).toBe("msp");
    await expect(
      manager.outreachTemplates.save({ ...spanishDelay, practiceId: null, body, version: 0 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Only the MSP's admins and technicians"),
    });
    const mspText = await admin.outreachTemplates.save({
      ...spanishDelay,
      kind: "cancellation",
      practiceId: null,
      body: "Hola {first_name}, su cita queda cancelada.",
      version: 0,
    });
    await expect(
      manager.outreachTemplates.reset({
        ...spanishDelay,
        kind: "cancellation",
        practiceId: null,
        version: 1,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await entry(admin, undefined, "cancellation", "es")).toMatchObject({
      own: { id: mspText.id },
    });
    for (const call of [
      () => manager.outreachTemplates.list({ practiceId: otherPracticeId }),
      () =>
        manager.outreachTemplates.save({
          ...spanishDelay,
          practiceId: otherPracticeId,
          body,
          version: 0,
        }),
      () =>
        manager.outreachTemplates.reset({
          ...spanishDelay,
          kind: "reschedule",
          practiceId: otherPracticeId,
          version: 1,
        }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("another MSP's admin neither sees nor changes anything of this MSP", async () => {
    const mine = await admin.outreachTemplates.save({
      ...spanishDelay,
      kind: "systems_back",
      practiceId,
      body: "Hola {first_name}, ya funcionamos.",
      version: 0,
    });
    for (const call of [
      () => outsiderAdmin.outreachTemplates.list({ practiceId }),
      () =>
        outsiderAdmin.outreachTemplates.save({
          ...spanishDelay,
          kind: "systems_back",
          practiceId,
          body,
          version: 1,
        }),
      () =>
        outsiderAdmin.outreachTemplates.reset({
          ...spanishDelay,
          kind: "systems_back",
          practiceId,
          version: 1,
        }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Their own MSP-wide list is theirs alone: built-in everywhere, none of this MSP's texts.
    const theirs = await outsiderAdmin.outreachTemplates.list({});
    expect(theirs.entries.every((item) => item.source === "built-in")).toBe(true);
    expect(JSON.stringify(theirs)).not.toContain(mine.id);
    expect(await entry(admin, practiceId, "systems_back", "es")).toMatchObject({
      source: "practice",
      own: { version: 1 },
    });
  });
});
