/**
 * Patient outreach's figures for npm run bench: the preview of a 500-patient day over HTTP at 20
 * connections against the built app (signed in as a technician; each preview is an audited read),
 * and a 500-message campaign with no pace limit sent by the app's worker to the fake SMS provider on
 * loopback, to every message accepted and every delivery reported back (signed callbacks to the app).
 */
import autocannon from "autocannon";
import postgres from "postgres";
import type { ServiceContext } from "@/server/services/context";
import { startBuiltApp, signInOverHttp, type BuiltApp } from "@/server/test/built-app";
import { startFakeSmsProvider } from "@/server/test/fake-sms-provider";
import { cpuPerRequest } from "./bench-pages";
import { machineLine, ms, passMark as pass, percentile, today, trpcGet } from "./bench-support";

const TARGETS = { campaignWithinS: 60, previewP95Ms: 300 };
const RECIPIENTS = 500;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Runs against a bench database whose MSP (`mspId`) has practices; returns the BENCHMARKS section. */
export async function measureOutreach({
  ownerUrl,
  appUrl,
  authSecret,
  mspId,
  port,
  password,
  passwordHash,
  databaseName,
}: {
  ownerUrl: string;
  appUrl: string;
  authSecret: string;
  mspId: string;
  port: number;
  password: string;
  passwordHash: string;
  databaseName: string;
}): Promise<string> {
  const patientDataKey = "benchmark-patient-data-key-not-for-production-01";
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  process.env.AUTH_SECRET = authSecret;
  process.env.PATIENT_DATA_KEY = patientDataKey;
  const { withTenant } = await import("@/db/tenant");
  const { createChannel } = await import("@/server/services/notifications/channels");
  const { applyScheduleSnapshot } = await import("@/server/services/schedule/copy-store");
  const { sendCampaign } = await import("@/server/services/outreach/campaigns");
  const { localDate } = await import("@/server/domain/local-date");
  const { dayBounds, momentOfDay, shiftDay } = await import("@/server/domain/schedule-day");
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const provider = await startFakeSmsProvider({ reportEveryMs: 50 });
  let app: BuiltApp | null = null;
  try {
    const [practice] = await owner<{ id: string; timezone: string }[]>`
      select id, timezone from practices where msp_id = ${mspId} order by name limit 1`;
    const practiceId = practice!.id;
    const technicianEmail = "technician@bench-outreach.example";
    const [technician] = await owner<{ id: string }[]>`
      insert into users (msp_id, email, name, role, password_hash, patient_data_access_from)
      values (${mspId}, ${technicianEmail}, 'Bench Technician', 'technician', ${passwordHash}, now() - interval '2 days')
      returning id`;
    await owner`
      insert into outreach_settings (msp_id, practice_id, messages_per_minute, quiet_start, quiet_end)
      values (${mspId}, ${practiceId}, 0, '00:00', '00:00')
      on conflict (msp_id, practice_id) do update set messages_per_minute = 0, quiet_start = '00:00', quiet_end = '00:00'`;

    // Tomorrow's 500 appointments at the practice, one patient each with a mobile number.
    const day = shiftDay(localDate(new Date(), practice!.timezone), 1);
    await owner`insert into schedule_connections (msp_id, practice_id, source, refreshed_at)
                values (${mspId}, ${practiceId}, 'csv', now()) on conflict do nothing`;
    const { from, to } = dayBounds(day, practice!.timezone);
    await withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
      applyScheduleSnapshot(
        tx,
        { mspId, practiceId, source: "csv" },
        {
          from,
          to,
          patients: Array.from({ length: RECIPIENTS }, (_, index) => ({
            resourceId: `bench-patient-${index}`,
            versionId: "1",
            name: `Bench Patient${index}`,
            phone: `+1608555${String(index).padStart(4, "0")}`,
            email: null,
            preferredLanguage: index % 5 === 0 ? "es" : "en",
            birthDate: null,
          })),
          appointments: Array.from({ length: RECIPIENTS }, (_, index) => ({
            resourceId: `bench-appointment-${index}`,
            versionId: "1",
            patientResourceId: `bench-patient-${index}`,
            startsAt: momentOfDay(
              day,
              `${String(7 + Math.floor(index / 40)).padStart(2, "0")}:${String((index % 4) * 15).padStart(2, "0")}`,
              practice!.timezone,
            ),
            minutes: 15,
            providerName: `Dr. Bench ${index % 10}`,
            locationName: index % 2 ? "North clinic" : "Main office",
            visitType: "Follow-up",
            status: "booked",
          })),
        },
      ),
    );
    await withTenant({ mspId, userId: null, role: "admin", practiceIds: "*" }, (tx) =>
      createChannel(
        { tx, mspId, actor: { userId: null, name: "Bench", role: "admin" }, practiceIds: "*" },
        {
          kind: "sms",
          name: "Bench patient texts",
          practiceId,
          events: [],
          recipients: [],
          from: "+15005550006",
          accountSid: provider.accountSid,
          authToken: provider.authToken,
          apiBaseUrl: provider.url,
          patientOutreach: true,
        },
      ),
    );
    await owner`vacuum analyze`;

    app = await startBuiltApp({
      port,
      appDatabaseUrl: appUrl,
      authSecret,
      env: {
        OUTBOUND_ALLOWLIST: "127.0.0.1",
        PATIENT_DATA_KEY: patientDataKey,
        // 20 connections of one technician call far beyond the per-person limit (1,200 calls a
        // minute): off, so the figures are of previews, not of 429 refusals.
        REQUEST_RATE_LIMIT_PER_MINUTE: "0",
      },
    });
    const cookie = await signInOverHttp(app.url, technicianEmail, password);

    // The preview of the 500, over HTTP.
    const previewPath = trpcGet("outreach.preview", {
      practiceId,
      kind: "reminder",
      selection: { day },
    });
    const first = await fetch(`${app.url}${previewPath}`, { headers: { cookie } });
    const body = (await first.json()) as {
      result?: { data: { json: { counts: { recipients: number } } } };
    };
    const previewed = body.result?.data.json.counts.recipients ?? 0;
    if (previewed !== RECIPIENTS)
      throw new Error(`The bench preview found ${previewed} recipients, not ${RECIPIENTS}.`);
    const load = async () => {
      const latencies: number[] = [];
      let errors = 0;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `${app!.url.replace("localhost", "127.0.0.1")}${previewPath}`,
            connections: CONNECTIONS,
            duration: SECONDS,
            headers: { cookie },
          },
          (error, outcome) => (error ? reject(error) : resolve(outcome)),
        );
        instance.on("response", (_client, statusCode, _bytes, responseTime) => {
          if (statusCode !== 200) errors++;
          latencies.push(responseTime);
        });
      });
      latencies.sort((a, b) => a - b);
      return {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        perSecond: latencies.length / SECONDS,
        errors: errors + result.errors + result.timeouts,
      };
    };
    console.log("Measuring the preview of 500 patients (warm-up, then measure)…");
    await load();
    // This machine's speed drifts by a fifth from one minute to the next (the same build's p95 has
    // ranged 225–314 ms): three windows, and the figure is the one with the median p95.
    const windows = [await load(), await load(), await load()].sort((a, b) => a.p95 - b.p95);
    const preview = { ...windows[1]!, errors: windows.reduce((sum, each) => sum + each.errors, 0) };
    const windowP95s = windows.map((each) => ms(each.p95)).join(", ");
    const cpu = await cpuPerRequest(
      app.process.pid!,
      databaseName,
      `${app.url.replace("localhost", "127.0.0.1")}${previewPath}`,
      cookie,
      40,
    );

    // The campaign: sent as the technician would, then the app's worker sends it.
    console.log("Measuring a 500-message campaign…");
    const startedAt = performance.now();
    await withTenant(
      { mspId, userId: technician!.id, role: "technician", practiceIds: "*" },
      (tx) => {
        const ctx: ServiceContext = {
          tx,
          mspId,
          actor: { userId: technician!.id, name: "Bench Technician", role: "technician" },
          practiceIds: "*",
        };
        return sendCampaign(ctx, {
          practiceId,
          kind: "reminder",
          selection: { day },
          confirm: true,
          confirmCount: RECIPIENTS,
        });
      },
    );
    let allSentS: number | null = null;
    let allDeliveredS: number | null = null;
    while (performance.now() - startedAt < 180_000) {
      const [row] = await owner<{ sent: number; delivered: number; failed: number }[]>`
        select count(*) filter (where status in ('sent', 'delivered'))::int as sent,
               count(*) filter (where status = 'delivered')::int as delivered,
               count(*) filter (where status in ('failed', 'undeliverable'))::int as failed
        from outreach_messages where msp_id = ${mspId} and practice_id = ${practiceId}`;
      const elapsed = (performance.now() - startedAt) / 1000;
      if (allSentS === null && row!.sent >= RECIPIENTS) allSentS = elapsed;
      if (row!.delivered >= RECIPIENTS) {
        allDeliveredS = elapsed;
        break;
      }
      if (row!.failed > 0) throw new Error(`${row!.failed} bench messages failed.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const numbers = provider.messages.map((message) => message.to);
    const once = new Set(numbers).size === numbers.length && numbers.length === RECIPIENTS;
    return [
      `## Patient outreach — ${today()}`,
      "",
      `Machine: ${machineLine()}. One practice with ${RECIPIENTS} appointments tomorrow (one patient each, a mobile number); the built app with its worker; the fake SMS provider on loopback (answers at once, reports queued → sent → delivered 50 ms apart, signed, to the app's callback).`,
      "",
      "| Measure | Figure | Target |",
      "| --- | --- | --- |",
      `| Preview of ${RECIPIENTS} recipients over HTTP (\`outreach.preview\`, autocannon, ${CONNECTIONS} connections, three windows of ${SECONDS} s after a ${SECONDS} s warm-up, the window with the median p95; each an audited read) | p50 ${ms(preview.p50)}, p95 ${ms(preview.p95)} (the three windows' p95: ${windowP95s}), ${preview.perSecond.toFixed(0)} req/s, ${preview.errors} errors in all; server CPU per preview ${ms(cpu.appMs + cpu.databaseMs)} (app ${ms(cpu.appMs)} + database ${ms(cpu.databaseMs)}), ${ms(cpu.aloneMs)} alone | p95 ≤ ${TARGETS.previewP95Ms} ms: ${pass(preview.p95 <= TARGETS.previewP95Ms && preview.errors === 0)} |`,
      `| A ${RECIPIENTS}-message campaign, no pace limit: from the send to every message accepted by the provider | ${allSentS === null ? "not within 180 s" : `${allSentS.toFixed(1)} s`} (${numbers.length} texts, each number once: ${once ? "yes" : "**no**"}) | ≤ ${TARGETS.campaignWithinS} s: ${pass(allSentS !== null && allSentS <= TARGETS.campaignWithinS && once)} |`,
      `| … to every delivery reported back (signed status callbacks applied) | ${allDeliveredS === null ? "not within 180 s" : `${allDeliveredS.toFixed(1)} s`} | – |`,
      "",
      "The preview answers the counts for the whole selection and the texts of one page of 50 recipients (the page asks for the next 50 on “Show more”); names and addresses are opened and texts rendered for that page only, the independent reads are sent at once, the appointments are read as plain rows, and a practice's opt-outs are read whole when there are at most 2,000. Whether each of the 500 patients can be written to, and the keyed hashes of their number and email for the opt-out check, are kept per sealed value in the app process (server/services/outreach/contact-facts.ts: a yes/no and hashes, never the address), so only the first preview after a sync opens all 500 (about 20 µs each); before that change a preview cost 36 ms of server CPU and its p95 was 748 ms. Every call now sends the session check with its tenant setting, and the caller's tenant with the procedure's first statement, in one round trip each (two fewer per call); the preview reads its settings beside the practice, names are sorted with one collator instead of one built per comparison, and the 500 appointments are used as the database sends them (no copy of each, start times as numbers with a Date made only for the 50 shown, no small arrays per appointment: less for the garbage collector). Before these the p95 was 334 ms (one window); with the round trips and the collator, 225–314 ms over eight runs of the same build as the machine's speed drifted; with the rows used as sent, 239–254 ms over three runs (each the median of three windows), and the throughput rose from 78–91 to 101–110 previews a second. What is left is about 17 ms of server CPU per preview (the session check, the audited read, the 500 rows, 50 texts rendered): 20 callers at once on this 2-core machine wait behind one another on the app's one thread. Two app processes on these 2 cores (Node's cluster, tried) raised the throughput to 108–127 previews a second but not the p95 (285–365 ms): the two processes, PostgreSQL and the load itself then share 2 cores.",
      "",
    ].join("\n");
  } finally {
    await app?.stop();
    await provider.close();
    await owner.end();
  }
}
