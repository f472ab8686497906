import { describe, expect, test } from "vitest";
import {
  addBundle,
  appointmentRecord,
  emptyScheduleResources,
  FhirAnswerError,
  fhirAppointmentSchema,
  fhirPatientSchema,
  missingReferences,
  nextPageUrl,
  parseBundle,
  patientRecord,
  referencedId,
  scheduleSnapshot,
  type FhirAppointment,
} from "./fhir-schedule";

const now = new Date("2026-12-07T12:00:00Z");
const window = { from: new Date("2026-12-07T00:00:00Z"), to: new Date("2026-12-14T00:00:00Z") };

const appointment = (fields: Record<string, unknown> = {}): FhirAppointment =>
  fhirAppointmentSchema.parse({
    resourceType: "Appointment",
    id: "a1",
    meta: { versionId: "3" },
    status: "booked",
    start: "2026-12-08T09:00:00-05:00",
    end: "2026-12-08T09:20:00-05:00",
    appointmentType: { text: "Follow-up" },
    participant: [
      { actor: { reference: "Patient/p1" }, status: "accepted" },
      { actor: { reference: "Practitioner/dr1", display: "Ruiz, Ana" }, status: "accepted" },
      { actor: { reference: "Location/loc1" }, status: "accepted" },
    ],
    ...fields,
  });

const patient = (fields: Record<string, unknown> = {}) =>
  fhirPatientSchema.parse({ resourceType: "Patient", id: "p1", ...fields });

const bundleOf = (...resources: Record<string, unknown>[]) =>
  parseBundle({
    resourceType: "Bundle",
    type: "searchset",
    entry: resources.map((resource) => ({ resource })),
  });

describe("reading a search answer", () => {
  test("a Bundle with its next link", () => {
    const bundle = parseBundle({
      resourceType: "Bundle",
      type: "searchset",
      link: [
        { relation: "self", url: "https://ehr.example/fhir/Appointment?_count=2" },
        { relation: "next", url: "https://ehr.example/fhir/Appointment?page=2" },
      ],
    });
    expect(nextPageUrl(bundle)).toBe("https://ehr.example/fhir/Appointment?page=2");
    expect(nextPageUrl(bundleOf())).toBeNull();
  });

  test("anything else is refused with what is wrong", () => {
    expect(() => parseBundle([])).toThrow("The answer is not a FHIR Bundle");
    expect(() => parseBundle({ resourceType: "Patient", id: "x" })).toThrow(
      "The answer is not a FHIR Bundle: resourceType has a value FHIR R4 does not allow there.",
    );
    expect(() => parseBundle({ resourceType: "Bundle" })).toThrow("type is missing");
    expect(() => parseBundle({ resourceType: "OperationOutcome", issue: [] })).toThrow(
      "OperationOutcome instead of a Bundle",
    );
    expect(() =>
      parseBundle({ resourceType: "Bundle", type: "searchset", entry: [{ fullUrl: "x" }] }),
    ).toThrow("entry[0].resource is missing");
  });

  test("an incomplete resource fails the whole page, naming entry and field but no value", () => {
    const resources = emptyScheduleResources();
    const page = bundleOf({
      resourceType: "Patient",
      id: "p1",
      name: [{ family: "Okafor" }],
      birthDate: "12/03/1980",
    });
    const error = (() => {
      try {
        addBundle(resources, page);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(FhirAnswerError);
    expect(error?.message).toBe(
      "Entry 1 (Patient) is incomplete: birthDate is not in the format FHIR R4 requires.",
    );
    expect(error?.message).not.toMatch(/Okafor|12\/03/);
    expect(() =>
      addBundle(resources, bundleOf({ resourceType: "Appointment", id: "a1", participant: [{}] })),
    ).toThrow("Entry 1 (Appointment) is incomplete: status is missing.");
    expect(() =>
      addBundle(
        resources,
        bundleOf({ resourceType: "Appointment", id: "a1", status: "maybe", participant: [{}] }),
      ),
    ).toThrow("status has a value FHIR R4 does not allow there");
  });

  test("matches and includes are kept by id; other resource types are passed over", () => {
    const resources = emptyScheduleResources();
    const count = addBundle(
      resources,
      bundleOf(
        appointment(),
        patient(),
        { resourceType: "Practitioner", id: "dr1", name: [{ family: "Ruiz" }] },
        { resourceType: "Location", id: "loc1", name: "Main St" },
        { resourceType: "OperationOutcome", issue: [{ severity: "warning" }] },
      ),
    );
    expect(count).toBe(1);
    expect([...resources.patients.keys()]).toEqual(["p1"]);
    expect([...resources.practitioners.keys()]).toEqual(["dr1"]);
    expect([...resources.locations.keys()]).toEqual(["loc1"]);
  });
});

describe("references", () => {
  test.each([
    ["Patient/123", "Patient", "123"],
    ["https://ehr.example/fhir/R4/Patient/123", "Patient", "123"],
    ["Patient/123/_history/4", "Patient", "123"],
    ["Practitioner/123", "Patient", null],
    ["#contained", "Patient", null],
    ["", "Patient", null],
  ] as const)("%s as a %s is %s", (reference, type, id) => {
    expect(referencedId({ reference }, type)).toBe(id);
  });
});

describe("a patient as kept", () => {
  test("the official name's given + family; text when given; usual before others", () => {
    expect(
      patientRecord(
        patient({
          name: [
            { use: "nickname", given: ["Dee"] },
            { use: "official", given: ["Delphine", "A."], family: "Okafor" },
          ],
        }),
        now,
      ).name,
    ).toBe("Delphine A. Okafor");
    expect(
      patientRecord(patient({ name: [{ text: "Marta Lindqvist", family: "L" }] }), now).name,
    ).toBe("Marta Lindqvist");
    expect(
      patientRecord(
        patient({
          name: [
            { use: "old", family: "Ng" },
            { use: "usual", given: ["Sam"], family: "Ito" },
          ],
        }),
        now,
      ).name,
    ).toBe("Sam Ito");
    expect(patientRecord(patient(), now).name).toBe("");
  });

  test("phone: mobile, then home, then the rest; old and ended numbers are passed over", () => {
    const telecom = [
      { system: "phone", value: "555-0100", use: "work" },
      { system: "phone", value: "555-0101", use: "home" },
      { system: "phone", value: "555-0102", use: "old" },
      { system: "phone", value: "555-0103", use: "mobile", period: { end: "2025-01-01" } },
      { system: "email", value: "dee@example.org" },
    ];
    expect(patientRecord(patient({ telecom }), now)).toMatchObject({
      phone: "555-0101",
      email: "dee@example.org",
    });
    expect(
      patientRecord(
        patient({ telecom: [...telecom, { system: "phone", value: "555-0104", use: "mobile" }] }),
        now,
      ).phone,
    ).toBe("555-0104");
    expect(
      patientRecord(
        patient({
          telecom: [
            { system: "phone", value: "555-0200", rank: 2 },
            { system: "phone", value: "555-0201", rank: 1 },
          ],
        }),
        now,
      ).phone,
    ).toBe("555-0201");
    expect(patientRecord(patient(), now)).toMatchObject({ phone: null, email: null });
  });

  test("preferred language: the preferred communication's code, else the first; text when no code", () => {
    const language = (code: string) => ({
      language: { coding: [{ system: "urn:ietf:bcp:47", code }] },
    });
    expect(
      patientRecord(
        patient({ communication: [language("en"), { ...language("es"), preferred: true }] }),
        now,
      ).preferredLanguage,
    ).toBe("es");
    expect(
      patientRecord(patient({ communication: [language("vi"), language("en")] }), now)
        .preferredLanguage,
    ).toBe("vi");
    expect(
      patientRecord(patient({ communication: [{ language: { text: "Tagalog" } }] }), now)
        .preferredLanguage,
    ).toBe("Tagalog");
    expect(patientRecord(patient(), now).preferredLanguage).toBeNull();
  });

  test("birth date and version; a year-only birth date is not a date", () => {
    expect(
      patientRecord(patient({ birthDate: "1980-03-12", meta: { versionId: "7" } }), now),
    ).toMatchObject({ resourceId: "p1", versionId: "7", birthDate: "1980-03-12" });
    expect(patientRecord(patient({ birthDate: "1980" }), now).birthDate).toBeNull();
  });
});

describe("an appointment as kept", () => {
  const resources = {
    practitioners: new Map([
      [
        "dr1",
        {
          resourceType: "Practitioner" as const,
          id: "dr1",
          name: [{ prefix: ["Dr."], given: ["Ana"], family: "Ruiz" }],
        },
      ],
    ]),
    locations: new Map([
      ["loc1", { resourceType: "Location" as const, id: "loc1", name: "Main Street" }],
    ]),
  };

  test("time, duration from end − start, provider and location from the included resources", () => {
    expect(appointmentRecord(appointment(), resources, "a")).toEqual({
      resourceId: "a1",
      versionId: "3",
      patientResourceId: "p1",
      startsAt: new Date("2026-12-08T14:00:00Z"),
      minutes: 20,
      providerName: "Dr. Ana Ruiz",
      locationName: "Main Street",
      visitType: "Follow-up",
      status: "booked",
    });
  });

  test("minutesDuration wins; without included resources the participant's display names them", () => {
    const record = appointmentRecord(
      appointment({
        minutesDuration: 45,
        participant: [
          { actor: { reference: "Patient/p1" } },
          { actor: { reference: "Practitioner/dr9", display: "Dr. Lee" } },
          { actor: { type: "Location", display: "North Clinic" } },
        ],
      }),
      { practitioners: new Map(), locations: new Map() },
      "a",
    );
    expect(record).toMatchObject({
      minutes: 45,
      providerName: "Dr. Lee",
      locationName: "North Clinic",
    });
  });

  test("visit type: appointmentType text, its coding's display, else serviceType; nothing named is empty", () => {
    const visit = (fields: Record<string, unknown>) =>
      appointmentRecord(appointment({ appointmentType: undefined, ...fields }), resources, "a")
        ?.visitType;
    expect(
      visit({ appointmentType: { coding: [{ code: "FU", display: "A follow up visit" }] } }),
    ).toBe("A follow up visit");
    expect(visit({ serviceType: [{ coding: [{ code: "57" }] }, { text: "Immunization" }] })).toBe(
      "Immunization",
    );
    expect(visit({})).toBe("");
  });

  test("no patient participant: not kept (a blocked slot)", () => {
    expect(
      appointmentRecord(
        appointment({ participant: [{ actor: { reference: "Practitioner/dr1" } }] }),
        resources,
        "a",
      ),
    ).toBeNull();
  });

  test("without a start: passed over when proposed, an error when booked; no end or duration is an error", () => {
    expect(
      appointmentRecord(appointment({ status: "proposed", start: undefined }), resources, "a"),
    ).toBeNull();
    expect(() =>
      appointmentRecord(appointment({ start: undefined }), resources, "Appointment/a1"),
    ).toThrow("Appointment/a1 is incomplete: start is missing.");
    expect(() =>
      appointmentRecord(appointment({ end: undefined }), resources, "Appointment/a1"),
    ).toThrow("neither end nor minutesDuration");
    expect(
      appointmentRecord(appointment({ status: "cancelled", end: undefined }), resources, "a")
        ?.minutes,
    ).toBe(0);
  });
});

describe("the snapshot of a window", () => {
  test("appointments starting in the window with a patient, in time order, and only the patients they name", () => {
    const resources = emptyScheduleResources();
    addBundle(
      resources,
      bundleOf(
        appointment({ id: "late", start: "2026-12-09T10:00:00Z", end: "2026-12-09T10:30:00Z" }),
        appointment({ id: "early" }),
        appointment({ id: "outside", start: "2026-12-14T00:00:00Z", end: "2026-12-14T00:30:00Z" }),
        appointment({ id: "blocked", participant: [{ actor: { reference: "Location/loc1" } }] }),
        patient({ name: [{ text: "Delphine Okafor" }] }),
        patient({ id: "p2" }),
      ),
    );
    const snapshot = scheduleSnapshot(resources, window, now);
    expect(snapshot.appointments.map((record) => record.resourceId)).toEqual(["early", "late"]);
    expect(snapshot.patients.map((record) => record.resourceId)).toEqual(["p1"]);
    expect(snapshot).toMatchObject({ from: window.from, to: window.to });
  });

  test("what the pages did not include is listed for batched reads; an unread patient is an error without the patient", () => {
    const resources = emptyScheduleResources();
    addBundle(
      resources,
      bundleOf(
        appointment(),
        appointment({
          id: "a2",
          participant: [
            { actor: { reference: "Patient/p2" } },
            { actor: { reference: "Practitioner/dr2" } },
          ],
        }),
        patient(),
      ),
    );
    expect(missingReferences(resources)).toEqual({
      patients: ["p2"],
      practitioners: ["dr2"],
      locations: ["loc1"],
    });
    expect(() => scheduleSnapshot(resources, window, now)).toThrow(
      "1 patient that appointments refer to could not be read.",
    );
  });
});
