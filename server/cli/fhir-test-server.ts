/**
 * The FHIR test server (server/test/fhir-server.ts) on its own, with a demo schedule: a practice's
 * EHR on this machine, so a newcomer can connect a practice and watch a sync.
 *
 *   tsx server/cli/fhir-test-server.ts [--port 4010] [--client-id standby-demo] [--jwks-url URL]
 *                                      [--appointments 300] [--patients 220] [--days 7]
 *
 * FHIR_TEST_PORT, FHIR_TEST_CLIENT_ID and FHIR_TEST_JWKS_URL do the same as the flags. Without a
 * JWKS address, register Standby's at the printed /register page, as one would with the vendor.
 * Stops on SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { startFhirTestServer } from "@/server/test/fhir-server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.FHIR_TEST_PORT ?? "4010" },
    "client-id": { type: "string", default: process.env.FHIR_TEST_CLIENT_ID ?? "standby-demo" },
    "jwks-url": { type: "string", default: process.env.FHIR_TEST_JWKS_URL },
    appointments: { type: "string", default: "300" },
    patients: { type: "string", default: "220" },
    days: { type: "string", default: "7" },
  },
});

const whole = (name: string, text: string | undefined, min: number) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min} (it is "${text}").`);
    process.exit(1);
  }
  return value;
};
const port = whole("port", values.port, 0);
const appointments = whole("appointments", values.appointments, 0);
const patients = whole("patients", values.patients, 1);
const days = whole("days", values.days, 1);
let jwksUrl: string | undefined;
if (values["jwks-url"]) {
  try {
    jwksUrl = new URL(values["jwks-url"]).href;
  } catch {
    console.error(`--jwks-url must be a URL (it is "${values["jwks-url"]}").`);
    process.exit(1);
  }
}

const server = await startFhirTestServer({
  port,
  clientId: values["client-id"],
  ...(jwksUrl ? { jwks: { url: jwksUrl } } : {}),
}).catch((error: unknown) => {
  console.error(
    `The FHIR test server could not start on port ${port}:`,
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
const today = new Date();
server.seedSchedule({ from: today, days, appointments, patients });
const origin = new URL(server.baseUrl).origin;

console.log(`FHIR test server (FHIR R4, SMART Backend Services) is running.
  FHIR base URL:   ${server.baseUrl}
  Token endpoint:  ${server.tokenUrl}
  Client id:       ${server.settings.clientId}
  JWKS address:    ${jwksUrl ?? `none yet: register Standby's JWKS address at ${origin}/register`}
  Scopes granted:  system/Appointment.rs system/Patient.rs system/Practitioner.rs system/Location.rs
  Demo schedule:   ${appointments} appointments for ${patients} invented patients, from today (UTC) for ${days} days
Standby reaches it only when loopback is allowed: OUTBOUND_ALLOWLIST=127.0.0.1`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
