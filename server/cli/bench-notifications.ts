/**
 * The notifications' figures for npm run bench: a vendor-wide outage across 200 practices with 5
 * destinations each (1,000 deliveries to loopback receivers) delivered by one worker; what recording
 * the deliveries and their jobs adds to declaring an outage; and the memory of a worker at rest.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { spawnWorker } from "@/server/cli/worker-process";
import type { ServiceContext } from "@/server/services/context";
import { startHttpReceiver } from "@/server/test/http-receiver";
import { machineLine, ms, passMark as pass, percentile, today } from "./bench-support";

const TARGETS = { deliveredWithinS: 60, enqueueAddsMs: 5, workerIdleMb: 150 };
const DESTINATIONS = 5;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/** Runs against a bench database whose MSP (`mspId`) has `practiceIds`; returns the BENCHMARKS section. */
export async function measureNotifications({
  ownerUrl,
  appUrl,
  authSecret,
  mspId,
}: {
  ownerUrl: string;
  appUrl: string;
  authSecret: string;
  mspId: string;
}): Promise<string> {
  // The channels are made here, in this process, with the app's secret (and sealed with it).
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  process.env.AUTH_SECRET = authSecret;
  const { withTenant } = await import("@/db/tenant");
  const { createChannel } = await import("@/server/services/notifications/channels");
  const { declareIncident } = await import("@/server/services/incidents/declare");
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const receivers = await Promise.all(
    Array.from({ length: DESTINATIONS }, () => startHttpReceiver(() => ({ status: 204 }))),
  );
  try {
    // One system of each practice's map: what the outage takes down.
    const downAt = new Map(
      (
        await owner<{ practice_id: string; id: string }[]>`
          select distinct on (p.name, s.practice_id) s.practice_id, s.id
          from systems s join practices p on p.id = s.practice_id
          where s.msp_id = ${mspId} order by p.name, s.practice_id, s.name`
      ).map((row) => [row.practice_id, row.id]),
    );
    const practiceIds = [...downAt.keys()];
    const as = <T>(role: "admin" | "technician", run: (ctx: ServiceContext) => Promise<T>) =>
      withTenant({ mspId, userId: null, role, practiceIds: "*" }, (tx) =>
        run({ tx, mspId, actor: { userId: null, name: "Bench", role }, practiceIds: "*" }),
      );
    const declareAt = async (practiceId: string, title: string) => {
      const started = performance.now();
      await as("technician", (ctx) =>
        declareIncident(ctx, {
          practiceId,
          title,
          systemIds: [downAt.get(practiceId)!],
          severity: "critical",
          patientCareInterrupted: true,
          startedAt: new Date(Date.now() - 60_000),
          ownerName: "",
          updateEveryMinutes: 30,
          // The bench declares at the same practices again and again.
          confirmDuplicate: true,
        }),
      );
      return performance.now() - started;
    };
    // Declaring with nothing configured (one outbox row), then with 5 channels (5 deliveries, 5 jobs).
    const sample = practiceIds.slice(0, 100);
    for (const practiceId of sample.slice(0, 10)) await declareAt(practiceId, "Warm-up"); // warm-up
    const withoutChannels: number[] = [];
    for (const practiceId of sample) withoutChannels.push(await declareAt(practiceId, "EHR down"));
    for (const [index, receiver] of receivers.entries())
      await as("admin", (ctx) =>
        createChannel(ctx, {
          kind: "webhook",
          name: `Receiver ${index + 1}`,
          practiceId: null,
          events: ["incident.declared"],
          url: `${receiver.url}/hook`,
        }),
      );
    await owner`delete from notification_deliveries where msp_id = ${mspId}`;
    const withChannels: number[] = [];
    const outage = practiceIds.slice(0, 200);
    for (const practiceId of outage)
      withChannels.push(await declareAt(practiceId, "Vendor-wide EHR outage"));
    const expected = outage.length * DESTINATIONS;

    // One worker delivers them all.
    const startedAt = performance.now();
    const worker = spawnWorker({
      env: {
        ...process.env,
        APP_DATABASE_URL: appUrl,
        DATABASE_URL: undefined,
        AUTH_SECRET: authSecret,
        OUTBOUND_ALLOWLIST: "127.0.0.1",
        NODE_ENV: "production",
      },
      stdio: "ignore",
    });
    let delivered = 0;
    while (performance.now() - startedAt < 120_000) {
      delivered = receivers.reduce((sum, receiver) => sum + receiver.received.length, 0);
      if (delivered >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliveredInS = (performance.now() - startedAt) / 1000;
    const [counts] = await owner<{ delivered: number; failed: number }[]>`
      select count(*) filter (where status = 'delivered')::int as delivered,
             count(*) filter (where status = 'failed')::int as failed
      from notification_deliveries where msp_id = ${mspId}`;
    const ids = receivers.flatMap((receiver) =>
      receiver.received.map((request) => String(request.headers["webhook-id"])),
    );
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idleMb = rssMb(worker.pid!);
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));

    const sortedWithout = [...withoutChannels].sort((a, b) => a - b);
    const sortedWith = [...withChannels].sort((a, b) => a - b);
    const p95Without = percentile(sortedWithout, 95);
    const p95With = percentile(sortedWith, 95);
    return [
      `## Notifications — ${today()}`,
      "",
      `Machine: ${machineLine()}. An MSP of 200 practices (the benchmark's small seed); ${DESTINATIONS} signed-webhook channels to receivers on loopback answering 204.`,
      "",
      "| Measure | Figure | Target |",
      "| --- | --- | --- |",
      `| A vendor-wide outage: ${outage.length} practices × ${DESTINATIONS} destinations = ${expected.toLocaleString("en-US")} deliveries, one worker | ${delivered.toLocaleString("en-US")} received in ${deliveredInS.toFixed(1)} s (${counts!.delivered} delivered, ${counts!.failed} failed; ${new Set(ids).size} distinct webhook-ids) | ≤ ${TARGETS.deliveredWithinS} s: ${pass(delivered >= expected && deliveredInS <= TARGETS.deliveredWithinS && new Set(ids).size === ids.length)} |`,
      `| Declaring an outage, p50 / p95 (the service in its transaction): nothing configured (1 outbox row) | ${ms(percentile(sortedWithout, 50))} / ${ms(p95Without)} | – |`,
      `| … with ${DESTINATIONS} channels (${DESTINATIONS} deliveries and ${DESTINATIONS} jobs in the same transaction) | ${ms(percentile(sortedWith, 50))} / ${ms(p95With)} (adds ${ms(p95With - p95Without)} at p95) | adds ≤ ${TARGETS.enqueueAddsMs} ms: ${pass(p95With - p95Without <= TARGETS.enqueueAddsMs)} |`,
      `| A worker at rest, 10 s after the last delivery (resident memory) | ${idleMb.toFixed(0)} MB | < ${TARGETS.workerIdleMb} MB: ${pass(idleMb < TARGETS.workerIdleMb)} |`,
      "",
    ].join("\n");
  } finally {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await owner.end();
  }
}
