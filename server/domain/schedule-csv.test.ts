import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  scheduleReportMappingSchema,
  type ScheduleReportMapping,
} from "@/server/contracts/schedule-report";
import {
  guessMapping,
  normalisePhone,
  readReportHeaders,
  readScheduleReport,
  readStatus,
  type ScheduleReportOptions,
} from "./schedule-csv";
import { guardCell } from "./vendor-csv";

const options: ScheduleReportOptions = {
  timeZone: "America/New_York",
  today: "2026-12-07",
  idKey: "schedule-test-key-0123456789",
};

/** A report in the generic layout below, from rows of cells. */
const header =
  "Appt Date,Appt Time,Duration,Patient Name,DOB,Phone,Email,Language,Provider,Location,Visit Type,Status,MRN";
const mapping: ScheduleReportMapping = {
  date: "Appt Date",
  time: "Appt Time",
  minutes: "Duration",
  patientName: "Patient Name",
  birthDate: "DOB",
  phone: "Phone",
  email: "Email",
  preferredLanguage: "Language",
  provider: "Provider",
  location: "Location",
  visitType: "Visit Type",
  status: "Status",
  patientId: "MRN",
};
const csv = (...lines: string[]) => [header, ...lines].join("\n");

function read(text: string, readMapping = mapping, readOptions = options) {
  const report = readScheduleReport(text, readMapping, readOptions);
  if (!report.ok) throw new Error(`unexpected file error: ${report.error}`);
  return report;
}

describe("guessing the column mapping from a report's headers", () => {
  test("an athenaOne-like report: prefixed headers, first and last name, two phones, ids", () => {
    const guess = guessMapping([
      "Appt Date",
      "Appt Start Time",
      "Appt Duration",
      "Patient ID",
      "Patient Last Name",
      "Patient First Name",
      "Patient DOB",
      "Patient Mobile Phone",
      "Patient Home Phone",
      "Patient Email",
      "Patient Language",
      "Appt Schedule Provider",
      "Department",
      "Appt Type",
      "Appt Status",
      "Appt ID",
      "Primary Insurance",
    ]);
    expect(guess.mapping).toEqual({
      date: "Appt Date",
      time: "Appt Start Time",
      minutes: "Appt Duration",
      patientId: "Patient ID",
      lastName: "Patient Last Name",
      firstName: "Patient First Name",
      birthDate: "Patient DOB",
      phone: "Patient Mobile Phone",
      secondPhone: "Patient Home Phone",
      email: "Patient Email",
      preferredLanguage: "Patient Language",
      provider: "Appt Schedule Provider",
      location: "Department",
      visitType: "Appt Type",
      status: "Appt Status",
      appointmentId: "Appt ID",
    });
    expect(guess.missing).toEqual([]);
    expect(guess.unmapped).toEqual(["Primary Insurance"]);
    expect(scheduleReportMappingSchema.safeParse(guess.mapping).success).toBe(true);
  });

  test("an eCW-like report: short headers, the cell phone before the home phone, a reason left over", () => {
    const guess = guessMapping([
      "Date",
      "Time",
      "Patient",
      "DOB",
      "Home Phone",
      "Cell Phone",
      "Provider",
      "Facility",
      "Visit Type",
      "Reason",
      "Visit Status",
      "Account #",
      "Encounter ID",
    ]);
    expect(guess.mapping).toEqual({
      date: "Date",
      time: "Time",
      patientName: "Patient",
      birthDate: "DOB",
      phone: "Cell Phone",
      secondPhone: "Home Phone",
      provider: "Provider",
      location: "Facility",
      visitType: "Visit Type",
      status: "Visit Status",
      patientId: "Account #",
      appointmentId: "Encounter ID",
    });
    expect(guess.unmapped).toEqual(["Reason"]);
    expect(guess.missing).toEqual([]);
  });

  test("a generic export: one date-time column, a length, punctuation and case in headers", () => {
    const guess = guessMapping([
      " APPOINTMENT DATE/TIME ",
      "Length (min)",
      "Last Name",
      "First Name",
      "Birth Date",
      "Phone",
      "E-mail",
      "Preferred Language",
      "Doctor",
      "Office",
      "Reason",
      "Status",
      "M.R.N.",
      "Notes",
    ]);
    expect(guess.mapping).toEqual({
      dateTime: "APPOINTMENT DATE/TIME",
      minutes: "Length (min)",
      lastName: "Last Name",
      firstName: "First Name",
      birthDate: "Birth Date",
      phone: "Phone",
      email: "E-mail",
      preferredLanguage: "Preferred Language",
      provider: "Doctor",
      location: "Office",
      visitType: "Reason",
      status: "Status",
      patientId: "M.R.N.",
    });
    expect(guess.unmapped).toEqual(["Notes"]);
  });

  test("says which required fields it could not find", () => {
    expect(guessMapping(["Patient", "Cell", "Start"]).missing).toEqual(["date", "provider"]);
    expect(guessMapping(["Last Name", "Date", "Time", "Resource"]).missing).toEqual([
      "patientName",
    ]);
    expect(guessMapping([]).missing).toEqual(["date", "time", "patientName", "provider"]);
  });

  test("the mapping schema refuses an incomplete or contradictory mapping", () => {
    const messages = (candidate: unknown) => {
      const result = scheduleReportMappingSchema.safeParse(candidate);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages(mapping)).toEqual([]);
    expect(messages({ patientName: "Patient" })).toEqual([
      "Choose the column with the appointment's date.",
      "Choose the column with the appointment's start time (or one column with date and time).",
      "Choose the column with the provider.",
    ]);
    expect(messages({ ...mapping, dateTime: "When" })).toContain(
      "Map either one date-and-time column, or a date column and a time column, not both.",
    );
    expect(messages({ ...mapping, patientName: undefined, lastName: "Last" })).toContain(
      "Choose the column with the patient's name (or both the first- and last-name columns).",
    );
    expect(messages({ ...mapping, location: "provider" })).toContain(
      'The column "provider" is already used for provider.',
    );
    expect(messages({ ...mapping, insurance: "Plan" })).toEqual([
      "Unknown field in the column mapping.",
    ]);
  });
});

describe("reading good rows", () => {
  test("dates, times, durations, names, phones, languages and statuses in the formats reports use", () => {
    const report = read(
      csv(
        '12/07/2026,8:30 AM,15,"Doe, Jane",04/18/1961,(555) 010-2030,Jane@Example.com,Spanish,Dr. Rao,Main,Follow-up,Confirmed,A100',
        '2026-12-07,0845,30 min,"Roe, Rick",1980-02-29,+44 20 7946 0958,,es,Dr. Rao,Main,New,Checked In,A101',
        '"Dec 8, 2026",2:15p,1:30,"Poe, Ann",3/4/58,555.010.4000 x12,,eng,Dr. Rao,North,Procedure,No Show,A102',
        'Tue 12/8/26,14:45,1 hr,"Moe, Max",,,,,Dr. Rao,North,Lab,Completed,',
        '12/09/2026,9:00 a.m.,,"Zoe, Liv",,,,,Sam Ortiz PA-C,North,Visit,Canceled,',
      ),
    );
    expect(report.rows.map((row) => [row.line, row.errors, row.warnings])).toEqual([
      [2, [], []],
      [3, [], []],
      [4, [], []],
      [5, [], []],
      [6, [], []],
    ]);
    expect(report.rows[0]!.summary).toEqual({
      date: "2026-12-07",
      time: "08:30",
      provider: "Dr. Rao",
    });
    const appointments = report.snapshot.appointments.map((appointment) => ({
      startsAt: appointment.startsAt.toISOString(),
      minutes: appointment.minutes,
      patient: appointment.patientResourceId,
      provider: appointment.providerName,
      location: appointment.locationName,
      status: appointment.status,
    }));
    expect(appointments).toEqual([
      {
        startsAt: "2026-12-07T13:30:00.000Z",
        minutes: 15,
        patient: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        provider: "Dr. Rao",
        location: "Main",
        status: "booked",
      },
      {
        startsAt: "2026-12-07T13:45:00.000Z",
        minutes: 30,
        patient: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        provider: "Dr. Rao",
        location: "Main",
        status: "checked-in",
      },
      {
        startsAt: "2026-12-08T19:15:00.000Z",
        minutes: 90,
        patient: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        provider: "Dr. Rao",
        location: "North",
        status: "noshow",
      },
      {
        startsAt: "2026-12-08T19:45:00.000Z",
        minutes: 60,
        patient: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        provider: "Dr. Rao",
        location: "North",
        status: "fulfilled",
      },
      {
        startsAt: "2026-12-09T14:00:00.000Z",
        minutes: 15, // no duration given: the default slot
        patient: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        provider: "Sam Ortiz PA-C",
        location: "North",
        status: "cancelled",
      },
    ]);
    expect(report.snapshot.patients.slice(0, 3)).toEqual([
      {
        resourceId: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        versionId: null,
        name: "Doe, Jane",
        phone: "5550102030",
        email: "Jane@Example.com",
        preferredLanguage: "es",
        birthDate: "1961-04-18",
      },
      {
        resourceId: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        versionId: null,
        name: "Roe, Rick",
        phone: "+442079460958",
        email: null,
        preferredLanguage: "es",
        birthDate: "1980-02-29",
      },
      {
        resourceId: expect.stringMatching(/^h-[0-9a-f]{32}$/),
        versionId: null,
        name: "Poe, Ann",
        phone: "5550104000", // the extension left out
        email: null,
        preferredLanguage: "en",
        birthDate: "1958-03-04", // a two-digit birth year is never in the future
      },
    ]);
    // The window: whole local days from the first date to the last.
    expect(report.snapshot.from.toISOString()).toBe("2026-12-07T05:00:00.000Z");
    expect(report.snapshot.to.toISOString()).toBe("2026-12-10T05:00:00.000Z");
    expect(report.counts).toEqual({
      rows: 5,
      accepted: 5,
      withErrors: 0,
      withWarnings: 0,
      duplicates: 0,
      appointments: 5,
      patients: 5,
      days: 3,
    });
  });

  test("first and last name columns, one date-time column, an end time, and a second phone when the first is empty", () => {
    const report = read(
      [
        "When,Ends,First,Last,Mobile,Home,Resource",
        "2026-12-07T08:30,9:10 AM,Jane,Doe,,555 010 2030,Dr. Rao",
        "12/07/2026 10:00 AM,10:20,Rick,Roe,555-010-1111,555-010-2222,Dr. Rao",
      ].join("\n"),
      {
        dateTime: "When",
        endTime: "Ends",
        firstName: "First",
        lastName: "Last",
        phone: "Mobile",
        secondPhone: "Home",
        provider: "Resource",
      },
    );
    expect(report.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(report.snapshot.appointments.map((appointment) => appointment.minutes)).toEqual([
      40, 20,
    ]);
    expect(report.snapshot.patients.map((patient) => [patient.name, patient.phone])).toEqual([
      ["Jane Doe", "5550102030"],
      ["Rick Roe", "5550101111"],
    ]);
  });

  test("a time range in the time column gives the length", () => {
    const report = read(
      [
        "Date,Time,Patient,Provider",
        "12/07/2026,8:30 AM - 9:15 AM,Doe Jane,Dr. Rao",
        "07-Dec-2026,10:00-10:20,Roe Rick,Dr. Rao",
      ].join("\n"),
      { date: "Date", time: "Time", patientName: "Patient", provider: "Provider" },
    );
    expect(report.snapshot.appointments.map((a) => [a.startsAt.toISOString(), a.minutes])).toEqual([
      ["2026-12-07T13:30:00.000Z", 45],
      ["2026-12-07T15:00:00.000Z", 20],
    ]);
  });

  test("status words map to FHIR statuses; an unknown one is read as booked with a warning", () => {
    expect(
      [
        "Scheduled",
        "Confirmed - Left Message",
        "Checked-In",
        "Arrived",
        "In Room",
        "Cancelled by patient",
        "CANCELED",
        "No-Show",
        "Completed",
        "Checked Out",
        "Rescheduled",
        "",
      ].map(readStatus),
    ).toEqual([
      "booked",
      "booked",
      "checked-in",
      "arrived",
      "checked-in",
      "cancelled",
      "cancelled",
      "noshow",
      "fulfilled",
      "fulfilled",
      "cancelled",
      "booked",
    ]);
    expect(readStatus("Left without being seen")).toBeUndefined();

    const report = read(csv("12/07/2026,8:30 AM,15,Doe Jane,,,,,Dr. Rao,,,Sleeping,"));
    expect(report.rows[0]!.errors).toEqual([]);
    expect(report.rows[0]!.warnings).toEqual([
      "Status: status not recognised; read as booked (scheduled). Check it in the EHR.",
    ]);
    expect(report.snapshot.appointments[0]!.status).toBe("booked");
  });

  test("an unknown language is left empty with a warning; 'Declined' is no language", () => {
    const report = read(
      csv(
        "12/07/2026,8:30 AM,15,Doe Jane,,,,Klingon,Dr. Rao,,,,",
        "12/07/2026,8:45 AM,15,Roe Rick,,,,Declined,Dr. Rao,,,,",
      ),
    );
    expect(report.rows.map((row) => row.warnings)).toEqual([
      ["Language: language not recognised; left empty."],
      [],
    ]);
    expect(report.snapshot.patients.map((patient) => patient.preferredLanguage)).toEqual([
      null,
      null,
    ]);
  });

  test("phones are kept as digits with a leading +; clearly bad ones are refused", () => {
    expect(normalisePhone("(555) 010-2030")).toBe("5550102030");
    expect(normalisePhone("+1 (555) 010-2030")).toBe("+15550102030");
    expect(normalisePhone("555-010-2030 ext. 44")).toBe("5550102030");
    for (const bad of [
      "call mom",
      "123",
      "000-000-0000",
      "+1 23",
      "5550102030123456",
      "555-010-20a0",
    ])
      expect(normalisePhone(bad), bad).toBeNull();
  });

  test("the same patient on several rows is one patient; a duplicated appointment row counts once, with a warning", () => {
    const row = "12/07/2026,8:30 AM,15,Doe Jane,04/18/1961,555-010-2030,,,Dr. Rao,Main,Follow-up,,";
    const report = read(
      csv(
        row,
        row,
        "12/07/2026,10:00 AM,15,DOE  JANE,04/18/1961,,jane@example.com,,Dr. Rao,Main,Lab,,",
        "12/07/2026,11:00 AM,15,Doe Jane,04/18/1971,,,,Dr. Rao,Main,Lab,,",
      ),
    );
    expect(report.rows.map((row) => row.warnings)).toEqual([
      [],
      ["Same appointment as line 2; counted once."],
      [],
      [],
    ]);
    expect(report.snapshot.appointments).toHaveLength(3);
    // Same name and birth date (case and spaces aside): one patient, the later email filled in.
    // Same name, another birth date: another patient.
    expect(report.snapshot.patients).toHaveLength(2);
    expect(report.snapshot.patients[0]).toMatchObject({
      name: "Doe Jane",
      phone: "5550102030",
      email: "jane@example.com",
    });
    expect(report.counts).toMatchObject({ rows: 4, accepted: 4, duplicates: 1, patients: 2 });
  });

  test("rows sharing a patient id with different details keep the first row's, with a warning", () => {
    const report = read(
      csv(
        "12/07/2026,8:30 AM,15,Doe Jane,04/18/1961,555-010-2030,,,Dr. Rao,,,,A1",
        "12/07/2026,9:30 AM,15,Doe Jane,04/18/1961,555-010-9999,,,Dr. Rao,,,,A1",
      ),
    );
    expect(report.rows[1]!.warnings).toEqual([
      "Same patient as line 2 with a different phone; line 2's is kept.",
    ]);
    expect(report.snapshot.patients).toEqual([expect.objectContaining({ phone: "5550102030" })]);
  });
});

describe("bad rows", () => {
  const people = [
    ["Doe, Jane", "05/22/1963", "617-555-0142", "jane@example.com"],
    ["Roe, Rick", "12/24/2031", "617-555-0143", "rick@example.com"],
    ["Poe, Ann", "02/30/1970", "12", "ann.example.com"],
    ["Moe, Max", "1899-12-31", "CALL", "max@example.com"],
    ["Zoe, Liv", "07/04/1990", "617-555-0144", ""],
  ];

  test("each problem is an error on its line, naming the column; the row stays out of the snapshot", () => {
    const report = read(
      csv(
        `12/07/2026,,15,"${people[0]![0]}",${people[0]![1]},${people[0]![2]},${people[0]![3]},,Dr. Rao,,,,`,
        `13/45/2026,9:00 AM,15,"${people[1]![0]}",${people[1]![1]},${people[1]![2]},${people[1]![3]},,Dr. Rao,,,,`,
        `12/07/2026,25:00,15,"${people[2]![0]}",${people[2]![1]},${people[2]![2]},${people[2]![3]},,,,,,`,
        `12/07/2026,9:30 AM,0,"${people[3]![0]}",${people[3]![1]},${people[3]![2]},${people[3]![3]},,Dr. Rao,,,,`,
        `12/07/2026,9:45 AM,15,,${people[4]![1]},${people[4]![2]},,,Dr. Rao,,,,`,
        `12/07/2027,10:00 AM,15,"${people[4]![0]}",,,,,Dr. Rao,,,,`,
        `10/01/2026,10:00 AM,15,"${people[4]![0]}",,,,,Dr. Rao,,,,`,
        `12/07/2026,10:30 AM,15,"${people[4]![0]}",${people[4]![1]},${people[4]![2]},,,Dr. Rao,,,,`,
      ),
    );
    expect(report.rows.map((row) => [row.line, row.errors])).toEqual([
      [2, ["Appt Time: empty; the start time is needed."]],
      [
        3,
        [
          "Appt Date: not a date (write e.g. 12/07/2026, 2026-12-07 or Dec 7, 2026).",
          "DOB: a birth date cannot be after today.",
        ],
      ],
      [
        4,
        [
          "Appt Time: not a time (write e.g. 8:30 AM or 08:30).",
          "DOB: not a date (write e.g. 04/18/1961 or 1961-04-18).",
          "Phone: not a phone number (write 10 digits, e.g. (555) 010-2030, or + and the country code).",
          "Email: not an email address.",
          "Provider: empty; the provider is needed.",
        ],
      ],
      [
        5,
        [
          "Duration: not a duration from 1 to 1,440 minutes (write e.g. 15, 15 min or 1:30).",
          "DOB: a birth date before 1900 is not accepted.",
          "Phone: not a phone number (write 10 digits, e.g. (555) 010-2030, or + and the country code).",
        ],
      ],
      [6, ["Patient Name: empty; the patient's name is needed."]],
      [7, ["Appt Date: more than 92 days after today; check the year."]],
      [8, ["Appt Date: more than 31 days before today; upload current schedules only."]],
      [9, []],
    ]);
    expect(report.snapshot.appointments).toHaveLength(1);
    expect(report.counts).toMatchObject({ rows: 8, accepted: 1, withErrors: 7, appointments: 1 });
    // The summary shows what could be read, and never the patient.
    expect(report.rows[2]!.summary).toEqual({ date: "2026-12-07", time: null, provider: "" });
    expect(report.rows[5]!.summary).toEqual({
      date: "2027-12-07",
      time: "10:00",
      provider: "Dr. Rao",
    });
  });

  test("no message carries a patient's name, birth date, phone or email", () => {
    const lines = people.flatMap(([name, birth, phone, email], index) => [
      `12/07/2026,${8 + index}:00 AM,15,"${name}",${birth},${phone},${email},Elvish,,,,Gone fishing,`,
      `12/07/2026,${8 + index}:00 AM,15,"${name}",${birth},${phone},${email},Elvish,,,,Gone fishing,`,
    ]);
    const report = read(csv(...lines));
    const messages = report.rows.flatMap((row) => [...row.errors, ...row.warnings]);
    expect(messages.length).toBeGreaterThan(people.length * 2);
    const forbidden = people.flatMap(([name, birth, phone, email]) => [
      ...name!.split(", "),
      birth!,
      phone!,
      phone!.replace(/\D/g, ""),
      email!,
    ]);
    for (const message of messages)
      for (const value of forbidden.filter((value) => value.length > 2))
        expect(message, value).not.toContain(value);
  });
});

describe("time zones and daylight saving time (America/New_York)", () => {
  const dstMapping: ScheduleReportMapping = {
    date: "Date",
    time: "Time",
    patientName: "Patient",
    provider: "Provider",
    endTime: "End",
  };
  const dstReport = (today: string, ...lines: string[]) =>
    read(["Date,Time,End,Patient,Provider", ...lines].join("\n"), dstMapping, {
      ...options,
      today,
    });

  test("fall back (2026-11-01): 1:30 AM happens twice; the first (daylight time) is taken, with a warning", () => {
    const report = dstReport(
      "2026-11-01",
      "11/01/2026,1:30 AM,,A Patient,Dr. Night",
      "11/01/2026,12:30 AM,,B Patient,Dr. Night",
      "11/01/2026,2:30 AM,,C Patient,Dr. Night",
      "11/01/2026,1:00 AM,2:00 AM,D Patient,Dr. Night",
    );
    expect(report.snapshot.appointments.map((a) => a.startsAt.toISOString())).toEqual([
      "2026-11-01T05:30:00.000Z", // 1:30 EDT (-4), not 1:30 EST (06:30Z)
      "2026-11-01T04:30:00.000Z",
      "2026-11-01T07:30:00.000Z", // 2:30 EST (-5)
      "2026-11-01T05:00:00.000Z",
    ]);
    expect(report.rows[0]!.warnings).toEqual([
      "Time: this time happens twice on this day (the clocks go back); read as the first one, in daylight time.",
    ]);
    expect(report.rows[1]!.warnings).toEqual([]);
    expect(report.rows[2]!.warnings).toEqual([]);
    // 1:00 EDT to 2:00 EST is two hours of real time.
    expect(report.snapshot.appointments[3]!.minutes).toBe(120);
    // The day is 25 hours long.
    expect(report.snapshot.from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(report.snapshot.to.toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  test("spring forward (2026-03-08): 1:30 AM is an ordinary time; 2:30 AM does not exist and moves to 3:30 AM daylight time, with a warning", () => {
    const report = dstReport(
      "2026-03-08",
      "03/08/2026,1:30 AM,,A Patient,Dr. Night",
      "03/08/2026,2:30 AM,,B Patient,Dr. Night",
      "03/08/2026,3:30 AM,,C Patient,Dr. Other",
    );
    expect(report.snapshot.appointments.map((a) => a.startsAt.toISOString())).toEqual([
      "2026-03-08T06:30:00.000Z", // 1:30 EST (-5)
      "2026-03-08T07:30:00.000Z", // 3:30 EDT (-4)
      "2026-03-08T07:30:00.000Z",
    ]);
    expect(report.rows.map((row) => row.warnings)).toEqual([
      [],
      [
        "Time: this time does not exist on this day (the clocks go forward); read as one hour later.",
      ],
      [],
    ]);
    // The day is 23 hours long.
    expect(report.snapshot.from.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(report.snapshot.to.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  test("the same report in another zone is another moment", () => {
    const report = read(csv("12/07/2026,8:30 AM,15,Doe Jane,,,,,Dr. Rao,,,,"), mapping, {
      ...options,
      timeZone: "America/Los_Angeles",
    });
    expect(report.snapshot.appointments[0]!.startsAt.toISOString()).toBe(
      "2026-12-07T16:30:00.000Z",
    );
  });
});

describe("ids that make a re-upload update instead of duplicate", () => {
  const report = csv(
    "12/07/2026,8:30 AM,15,Doe Jane,04/18/1961,,,,Dr. Rao,,,,",
    "12/07/2026,9:30 AM,15,Doe Jane,04/18/1961,,,,Dr. Rao,,,,",
    "12/07/2026,9:30 AM,15,Roe Rick,,,,,Dr. Rao,,,,R7",
  );
  const ids = (text: string, readOptions = options) => {
    const { snapshot } = read(text, mapping, readOptions);
    return {
      appointments: snapshot.appointments.map((a) => [a.resourceId, a.patientResourceId]),
      patients: snapshot.patients.map((p) => p.resourceId),
    };
  };

  test("the same report read twice gives the same ids; the patient id column is used when filled, hashed", () => {
    const first = ids(report);
    expect(ids(report)).toEqual(first);
    expect(first.patients).toEqual([
      expect.stringMatching(/^h-[0-9a-f]{32}$/),
      expect.stringMatching(/^h-[0-9a-f]{32}$/),
    ]);
    // The medical record number itself is kept nowhere: the same number gives the same id, another name does not matter.
    expect(JSON.stringify(first)).not.toContain("R7");
    const renamed = ids(report.replace("Roe Rick", "Roe Richard"));
    expect(renamed.patients[1]).toBe(first.patients[1]);
    expect(new Set(first.appointments.map(([id]) => id)).size).toBe(3);
    // Reordered rows and other spacing or case in names and providers: the same ids.
    const reordered = csv(
      "12/07/2026,9:30 AM,15,Roe Rick,,,,,Dr. Rao,,,,R7",
      "12/07/2026,09:30,15,DOE JANE,1961-04-18,,,,dr.  rao,,,,",
      "2026-12-07,8:30 AM,15,Doe Jane,04/18/1961,,,,Dr. Rao,,,,",
    );
    expect(new Set(ids(reordered).appointments.flat())).toEqual(new Set(first.appointments.flat()));
  });

  test("the appointment id column is used when mapped; another key gives other made-up ids", () => {
    const withIds = read(
      [
        "Appt ID,Date,Time,Patient,Provider",
        "E-1,12/07/2026,8:30 AM,Doe Jane,Dr. Rao",
        "E-1,12/07/2026,8:45 AM,Doe Jane,Dr. Rao",
      ].join("\n"),
      {
        appointmentId: "Appt ID",
        date: "Date",
        time: "Time",
        patientName: "Patient",
        provider: "Provider",
      },
    );
    expect(withIds.snapshot.appointments.map((a) => a.resourceId)).toEqual(["E-1"]);
    expect(withIds.rows[1]!.warnings).toEqual(["Same appointment as line 2; counted once."]);
    const otherKey = ids(report, { ...options, idKey: "another-practice-key-0123456789" });
    expect(otherKey.patients[0]).not.toBe(ids(report).patients[0]);
  });
});

describe("the file: limits, header row, delimiters, the formula guard", () => {
  const fileError = (text: string, readMapping = mapping) => {
    const report = readScheduleReport(text, readMapping, options);
    return report.ok ? null : report.error;
  };
  const goodRow = "12/07/2026,8:30 AM,15,Doe Jane,,,,,Dr. Rao,,,,";

  test("a file over 2 MB is refused before it is read", () => {
    const text = csv(goodRow) + "\n" + " ".repeat(2 * 1024 * 1024);
    expect(fileError(text)).toBe(
      "The file is 2.0 MB; a schedule report may be at most 2 MB. Export fewer days at once.",
    );
    // Bytes, not characters: 1.1 million two-byte characters are over the limit.
    expect(fileError(csv(goodRow) + "\n" + "é".repeat(1_100_000))).toMatch(/^The file is 2\.1 MB/);
  });

  test("at most 5,000 appointment rows", () => {
    const rows = (count: number) => Array.from({ length: count }, () => goodRow);
    expect(fileError(csv(...rows(5_001)))).toBe(
      "The report has 5,001 appointment rows; at most 5,000 can be uploaded at once. Export fewer days.",
    );
    expect(fileError(csv(...rows(5_000)))).toBeNull();
  });

  test("a cell over 500 characters is an error on its row", () => {
    const report = read(csv(`12/07/2026,8:30 AM,15,Doe Jane,,,,,Dr. Rao,,${"x".repeat(501)},,`));
    expect(report.rows[0]!.errors).toEqual([
      "Visit Type: more than 500 characters, the most a cell may hold.",
    ]);
    // A long cell in a column the mapping does not read is not looked at.
    const unread = read([`${header},Notes`, `${goodRow},${"x".repeat(2_000)}`].join("\n"));
    expect(unread.rows[0]!.errors).toEqual([]);
  });

  test("a header row is required; it may sit below a title block", () => {
    expect(fileError(goodRow)).toMatch(
      /^The file has no header row with the mapped columns \(missing: "Appt Date", "Appt Time", .*"MRN"\)\. A header row is required in the first 10 lines/,
    );
    expect(fileError("")).toBe("The file is empty.");
    expect(fileError("\n\n")).toBe("The file is empty.");
    expect(fileError(header)).toBe("The report has no appointment rows under its header.");
    const titled = read(["Daily Schedule", "Printed 12/07/2026", "", csv(goodRow)].join("\n"));
    expect(titled.headerLine).toBe(4);
    expect(titled.rows.map((row) => row.line)).toEqual([5]);
    expect(readReportHeaders(["Daily Schedule", "", header].join("\n"))).toEqual({
      ok: true,
      headers: header.split(","),
      line: 3,
    });
    expect(fileError(csv(goodRow), { ...mapping, location: undefined, date: "Day" })).toMatch(
      /\(missing: "Day"\)/,
    );
  });

  test("an invalid mapping is a file error with the schema's message", () => {
    expect(fileError(csv(goodRow), { ...mapping, provider: undefined })).toBe(
      "Choose the column with the provider.",
    );
  });

  test("semicolons and tabs are detected as delimiters; a byte-order mark and Windows line ends are fine", () => {
    for (const delimiter of [";", "\t"]) {
      const text = csv(goodRow, '12/07/2026,9:00 AM,15,"Roe, Rick",,,,,Dr. Rao,,,,')
        .split("\n")
        .map((line) =>
          line
            .replace(/"Roe, Rick"/, "ROE_RICK")
            .split(",")
            .join(delimiter)
            .replace("ROE_RICK", '"Roe, Rick"'),
        )
        .join("\r\n");
      const report = read(`\uFEFF${text}`);
      expect(
        report.rows.flatMap((row) => row.errors),
        JSON.stringify(delimiter),
      ).toEqual([]);
      expect(report.snapshot.patients.map((patient) => patient.name)).toEqual([
        "Doe Jane",
        "Roe, Rick",
      ]);
    }
  });

  test("formula-guarded cells read back as they were; an unclosed quote is an error on its line", () => {
    const report = read(
      csv(
        `12/07/2026,8:30 AM,15,${guardCell("=Doe Jane")},,${guardCell("+1 555 010 2030")},,,${guardCell("@Dr. Rao")},,${guardCell("-2+3")},,`,
      ),
    );
    expect(report.rows[0]!.errors).toEqual([]);
    expect(report.snapshot.patients[0]).toMatchObject({ name: "=Doe Jane", phone: "+15550102030" });
    expect(report.snapshot.appointments[0]).toMatchObject({
      providerName: "@Dr. Rao",
      visitType: "-2+3",
    });
    const broken = read(csv(goodRow, '12/07/2026,9:00 AM,15,"Roe, Rick,,,,,Dr. Rao,,,,'));
    expect(broken.rows[1]!.errors).toContain(
      "The quotes on this line do not match: a quoted cell is not closed.",
    );
  });

  test("5,000 rows are read in under a second", () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => {
      // A week of 5-minute slots from 7:00 to 18:55, as a busy multi-provider practice exports it.
      const minute = (index % 144) * 5;
      const time = `${String(7 + Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      return `12/${String(7 + (Math.floor(index / 144) % 7)).padStart(2, "0")}/2026,${time},15,"Patient ${index % 4_000}, Test",${String(1 + (index % 12)).padStart(2, "0")}/15/1970,(555) 010-${String(index % 10_000).padStart(4, "0")},p${index}@example.com,Spanish,Provider ${index % 25},Site ${index % 3},Follow-up,Confirmed,`;
    });
    const text = csv(...rows);
    read(text); // warm up (module loading, time-zone data)
    const started = performance.now();
    const report = read(text);
    const elapsed = performance.now() - started;
    console.log(
      `schedule report: ${rows.length} rows (${(text.length / 1024).toFixed(0)} KB) read in ${elapsed.toFixed(0)} ms`,
    );
    expect(report.counts.rows).toBe(5_000);
    expect(report.counts.withErrors).toBe(0);
    // A name comes back after 4,000 rows with another birth date: another patient.
    expect(report.counts.patients).toBe(5_000);
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe("the sample report for browser tests", () => {
  test("e2e/fixtures/schedule-report.csv: a title block, 15 rows, one without a time", () => {
    const text = readFileSync(
      path.join(__dirname, "../../e2e/fixtures/schedule-report.csv"),
      "utf8",
    );
    const headers = readReportHeaders(text);
    if (!headers.ok) throw new Error(headers.error);
    const guess = guessMapping(headers.headers);
    expect(guess.missing).toEqual([]);
    const report = read(text, guess.mapping, { ...options, today: "2026-12-08" });
    expect(report.counts).toMatchObject({
      rows: 15,
      accepted: 14,
      withErrors: 1,
      appointments: 14,
      patients: 13,
      days: 1,
    });
    expect(report.rows.filter((row) => row.errors.length > 0)).toEqual([
      {
        line: 16,
        summary: { date: "2026-12-08", time: null, provider: "Sam Ortiz PA-C" },
        errors: ["Appt Time: empty; the start time is needed."],
        warnings: [],
      },
    ]);
  });
});
