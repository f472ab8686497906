import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Setting a journey up through the tRPC HTTP API, with the cookies of a signed-in page (or of a
 * request context signed in as someone else) and the superjson envelope { json: … }: what the test
 * needs besides what the person does on the page. A refusal fails the test with the server's answer.
 */
type Caller = Page | APIRequestContext;
const requestOf = (caller: Caller): APIRequestContext =>
  "request" in caller ? caller.request : caller;

export async function mutate<T>(caller: Caller, path: string, input: unknown): Promise<T> {
  const response = await requestOf(caller).post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

export async function query<T>(caller: Caller, path: string, input: unknown): Promise<T> {
  const response = await requestOf(caller).get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

/**
 * A practice of the journey's own (one site, no map yet), made by someone who may create practices.
 * A name that sorts after the seeded practices ("Zephyr …") keeps those on the portfolio's first page.
 */
export async function createPractice(
  caller: Caller,
  name: string,
  timezone = "America/Denver",
): Promise<string> {
  const { id } = await mutate<{ id: string }>(caller, "practices.create", {
    name,
    timezone,
    ehrProduct: "",
    downtimeCostPerMinuteCents: 2_500,
    isNewOffice: false,
    isMigrating: false,
    sites: [
      { name: "Main office", address: "9 Test Rd, Boulder, CO 80302", phone: "(303) 555-0199" },
    ],
  });
  return id;
}

/** A schedule copy uploaded as the EHR's daily report (CSV): one appointment per row, a mobile number each. */
export async function uploadSchedule(
  caller: Caller,
  practiceId: string,
  appointments: { date: string; time: string; patient: string; phone: string; provider: string }[],
) {
  await mutate(caller, "scheduleSettings.uploadReport", {
    practiceId,
    csv: [
      "Date,Time,Patient,Phone,Provider",
      ...appointments.map((row) =>
        [row.date, row.time, row.patient, row.phone, row.provider].join(","),
      ),
    ].join("\n"),
    mapping: {
      date: "Date",
      time: "Time",
      patientName: "Patient",
      phone: "Phone",
      provider: "Provider",
    },
  });
}
