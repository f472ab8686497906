import { describe, expect, test } from "vitest";
import { outreachKinds, outreachLanguages } from "@/server/contracts/outreach-kinds";
import {
  builtInTemplates,
  checkSubject,
  checkTemplate,
  chooseTemplate,
  outreachLanguageOf,
  renderTemplate,
  sampleValues,
  smsSegments,
  type StoredTemplate,
} from "./outreach-templates";

const allowed =
  "Use only: {first_name}, {date_time}, {site_name}, {site_address}, {provider_name}, {practice_phone}.";

describe("the template checker", () => {
  test("accepts the allowed variables and says which are used", () => {
    expect(checkTemplate("Hi {first_name}, see you {date_time}. {first_name}")).toEqual({
      ok: true,
      variables: ["first_name", "date_time"],
    });
    expect(checkTemplate("No variables at all.")).toEqual({ ok: true, variables: [] });
  });

  test("refuses an unknown variable with the list of allowed ones", () => {
    expect(checkTemplate("Hi {first_name}, born {dob}")).toEqual({
      ok: false,
      message: `Unknown variable {dob}. ${allowed}`,
    });
    expect(checkTemplate("{mrn} {dob} {mrn}")).toEqual({
      ok: false,
      message: `Unknown variables {mrn}, {dob}. ${allowed}`,
    });
  });

  test("quotes at most three unknown variables, each short", () => {
    expect(checkTemplate(`{a} {b} {c} {d} {e} {${"x".repeat(40)}}`)).toEqual({
      ok: false,
      message: `Unknown variables {a}, {b}, {c} and 3 more. ${allowed}`,
    });
    expect(checkTemplate(`{${"x".repeat(40)}}`)).toEqual({
      ok: false,
      message: `Unknown variable {${"x".repeat(30)}…}. ${allowed}`,
    });
  });

  test("suggests the variable meant when only case or spacing is off", () => {
    expect(checkTemplate("Hi {First Name}")).toEqual({
      ok: false,
      message: `Unknown variable {First Name}. Did you mean {first_name}? ${allowed}`,
    });
  });

  test("refuses unbalanced braces, saying what to do", () => {
    for (const text of ["Hi {first_name", "Hi first_name}", "Hi {{first_name}}", "a } b { c"]) {
      const check = checkTemplate(text);
      expect(check.ok, text).toBe(false);
      if (!check.ok) expect(check.message).toMatch(/brace .* Write variables in braces/);
    }
    expect(checkTemplate("Hi {}")).toMatchObject({
      ok: false,
      message: expect.stringContaining("{}"),
    });
  });

  test("refuses an empty text and one longer than 10 SMS segments", () => {
    expect(checkTemplate("")).toEqual({ ok: false, message: "Write the message: it is empty." });
    expect(checkTemplate("  \n ")).toEqual({
      ok: false,
      message: "Write the message: it is empty.",
    });
    expect(checkTemplate("a".repeat(1600)).ok).toBe(true);
    expect(checkTemplate("a".repeat(1601))).toEqual({
      ok: false,
      message:
        "The message is 1,601 characters; the most is 1,600 (10 SMS segments). Shorten it by 1.",
    });
    expect(checkSubject("s".repeat(201))).toEqual({
      ok: false,
      message: "The email subject is 201 characters; the most is 200. Shorten it by 1.",
    });
    expect(checkSubject("Your visit on {date_time}").ok).toBe(true);
    expect(checkSubject("Your {dob}")).toMatchObject({ ok: false });
  });
});

describe("rendering", () => {
  test("replaces every variable with its value, once, never reading a value as a template", () => {
    const values = { ...sampleValues.en, first_name: "{site_name}" };
    expect(renderTemplate("Hi {first_name} at {site_name}, {site_name}.", values)).toBe(
      "Hi {site_name} at Main office, Main office.",
    );
  });

  test("needs every value (by type) and refuses a text the checker would refuse", () => {
    // @ts-expect-error: the caller supplies all six values.
    expect(() => renderTemplate("Hi", { first_name: "Maria" })).not.toThrow();
    expect(() => renderTemplate("Hi {dob}", sampleValues.en)).toThrow(/unknown variable \{dob\}/);
    expect(() => renderTemplate("Hi {first_name", sampleValues.en)).toThrow(/not closed/);
  });
});

describe("SMS length and segments", () => {
  test("GSM-7: 160 characters are one message, 161 are two parts of 153", () => {
    expect(smsSegments("a".repeat(160))).toEqual({
      encoding: "GSM-7",
      characters: 160,
      segments: 1,
      remaining: 0,
      nonGsmCharacters: [],
    });
    expect(smsSegments("a".repeat(161))).toMatchObject({ characters: 161, segments: 2 });
    expect(smsSegments("a".repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
    expect(smsSegments("")).toMatchObject({ characters: 0, segments: 0 });
  });

  test("Spanish é, ñ, ü, ¿ and ¡ are GSM-7; á, í, ó and ú are not, and say so", () => {
    expect(smsSegments("¿Señor Müller? ¡Café à 9:30!")).toMatchObject({
      encoding: "GSM-7",
      nonGsmCharacters: [],
    });
    expect(smsSegments("Tomás llegó, Tomás")).toMatchObject({
      encoding: "UCS-2",
      characters: 18,
      nonGsmCharacters: ["á", "ó"],
    });
    expect(smsSegments("It’s “late”").nonGsmCharacters).toEqual(["’", "“", "”"]);
  });

  test("extension characters (€ [ ] { } ^ ~ | \\) cost two, and are never split between parts", () => {
    expect(smsSegments("€".repeat(80))).toMatchObject({ characters: 160, segments: 1 });
    expect(smsSegments("€".repeat(81))).toMatchObject({ characters: 162, segments: 2 });
    expect(smsSegments("[]{}^~|\\")).toMatchObject({ encoding: "GSM-7", characters: 16 });
    // 306 septets would fill two parts, but the € cannot straddle the first boundary.
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toMatchObject({
      characters: 306,
      segments: 3,
    });
  });

  test("UCS-2: 70 characters are one message, 71 are two parts of 67", () => {
    expect(smsSegments("á".repeat(70))).toMatchObject({
      encoding: "UCS-2",
      characters: 70,
      segments: 1,
    });
    expect(smsSegments("á".repeat(71))).toMatchObject({ characters: 71, segments: 2 });
    expect(smsSegments("á".repeat(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments("á".repeat(135))).toMatchObject({ segments: 3 });
  });

  test("an emoji is two UTF-16 units and is never split between parts", () => {
    expect(smsSegments("😀".repeat(35))).toMatchObject({
      encoding: "UCS-2",
      characters: 70,
      segments: 1,
      nonGsmCharacters: ["😀"],
    });
    expect(smsSegments("😀".repeat(36))).toMatchObject({ characters: 72, segments: 2 });
    expect(smsSegments(`${"a".repeat(66)}😀${"a".repeat(66)}`)).toMatchObject({
      characters: 134,
      segments: 3,
    });
  });
});

describe("built-in texts", () => {
  test.each(outreachLanguages.flatMap((language) => outreachKinds.map((kind) => [language, kind])))(
    "%s %s passes the checker and fits one GSM-7 segment with sample values",
    (language, kind) => {
      const text = builtInTemplates[language as "en" | "es"][kind as "delay"];
      expect(checkTemplate(text.body).ok).toBe(true);
      expect(checkSubject(text.subject).ok).toBe(true);
      const sms = smsSegments(renderTemplate(text.body, sampleValues[language as "en" | "es"]));
      expect(sms).toMatchObject({ encoding: "GSM-7", segments: 1 });
      expect(text.body).toContain("{first_name}");
    },
  );

  test("the Spanish texts are Spanish, and no word has lost its accent to stay GSM-7", () => {
    const spanish = Object.values(builtInTemplates.es)
      .flatMap((text) => [text.subject, text.body])
      .join(" ");
    expect(builtInTemplates.es.delay.body).toMatch(/^Hola \{first_name\}/);
    expect(spanish).not.toMatch(
      /\b(mas|dia|dias|telefono|medico|despues|informacion|identificacion|llamenos|aqui|podria|estara|funcionaran)\b/i,
    );
  });
});

describe("choosing the text", () => {
  const practiceId = "11111111-1111-4111-8111-111111111111";
  const otherPracticeId = "22222222-2222-4222-8222-222222222222";
  let next = 0;
  const row = (values: Partial<StoredTemplate>): StoredTemplate => ({
    id: `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`,
    practiceId: null,
    kind: "delay",
    language: "en",
    visitType: "",
    subject: "Subject",
    body: "Body",
    version: 1,
    ...values,
  });
  const mspDelay = row({ body: "MSP delay" });
  const practiceDelay = row({ practiceId, body: "Practice delay" });
  const otherDelay = row({ practiceId: otherPracticeId, body: "Other practice delay" });
  const mspDelayEs = row({ language: "es", body: "Retraso del MSP" });

  test("the practice's own, else the MSP's, else the built-in one", () => {
    const rows = [mspDelay, practiceDelay, otherDelay];
    expect(chooseTemplate(rows, { practiceId, kind: "delay", language: "en" })).toMatchObject({
      body: "Practice delay",
      source: "practice",
      id: practiceDelay.id,
    });
    expect(
      chooseTemplate([mspDelay, otherDelay], { practiceId, kind: "delay", language: "en" }),
    ).toMatchObject({ body: "MSP delay", source: "msp", version: 1 });
    expect(chooseTemplate([otherDelay], { practiceId, kind: "delay", language: "en" })).toEqual({
      kind: "delay",
      language: "en",
      visitType: "",
      ...builtInTemplates.en.delay,
      source: "built-in",
      id: null,
      version: 0,
      fellBackToEnglish: false,
    });
    // The MSP-wide text alone.
    expect(chooseTemplate(rows, { practiceId: null, kind: "delay", language: "en" })).toMatchObject(
      { body: "MSP delay", source: "msp" },
    );
  });

  test("in the patient's language; English only when that language has no text at any level", () => {
    const rows = [mspDelay, practiceDelay, mspDelayEs];
    expect(chooseTemplate(rows, { practiceId, kind: "delay", language: "es-MX" })).toMatchObject({
      body: "Retraso del MSP",
      language: "es",
      fellBackToEnglish: false,
    });
    expect(chooseTemplate([], { practiceId, kind: "delay", language: "es" })).toMatchObject({
      body: builtInTemplates.es.delay.body,
      source: "built-in",
      fellBackToEnglish: false,
    });
    expect(chooseTemplate(rows, { practiceId, kind: "delay", language: "vi" })).toMatchObject({
      body: "Practice delay",
      language: "en",
      fellBackToEnglish: true,
    });
    expect(chooseTemplate(rows, { practiceId, kind: "delay", language: null })).toMatchObject({
      language: "en",
      fellBackToEnglish: true,
    });
  });

  test("instructions: the visit type's, else the generic ones, at each level in turn", () => {
    const mspPhysical = row({
      kind: "instructions",
      visitType: "Annual physical",
      body: "MSP physical",
    });
    const mspGeneric = row({ kind: "instructions", body: "MSP generic" });
    const practiceGeneric = row({ kind: "instructions", practiceId, body: "Practice generic" });
    const practiceLabs = row({
      kind: "instructions",
      practiceId,
      visitType: "Labs",
      body: "Practice labs",
    });
    const rows = [mspPhysical, mspGeneric, practiceGeneric, practiceLabs];
    const want = (visitType: string, id: string | null = practiceId) =>
      chooseTemplate(rows, { practiceId: id, kind: "instructions", language: "en", visitType });
    expect(want("labs ")).toMatchObject({ body: "Practice labs", visitType: "Labs" });
    expect(want("Annual physical")).toMatchObject({ body: "Practice generic", source: "practice" });
    expect(want("annual  PHYSICAL", null)).toMatchObject({ body: "MSP physical", source: "msp" });
    expect(want("Labs", null)).toMatchObject({ body: "MSP generic", visitType: "" });
    expect(
      chooseTemplate([], { practiceId, kind: "instructions", language: "en", visitType: "Labs" }),
    ).toMatchObject({ body: builtInTemplates.en.instructions.body, source: "built-in" });
    // A visit type means nothing to the other kinds.
    expect(
      chooseTemplate([mspDelay], { practiceId, kind: "delay", language: "en", visitType: "Labs" }),
    ).toMatchObject({ body: "MSP delay" });
  });

  test("a patient's preferred language, as Standby's", () => {
    expect(outreachLanguageOf("es")).toBe("es");
    expect(outreachLanguageOf("ES-us")).toBe("es");
    expect(outreachLanguageOf("Spanish")).toBe("es");
    expect(outreachLanguageOf("Español")).toBe("es");
    expect(outreachLanguageOf("en_GB")).toBe("en");
    expect(outreachLanguageOf("fr")).toBeNull();
    expect(outreachLanguageOf("")).toBeNull();
    expect(outreachLanguageOf(undefined)).toBeNull();
  });
});
