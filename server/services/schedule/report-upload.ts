import "server-only";
import { hkdfSync } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { scheduleConnections } from "@/db/schema";
import {
  scheduleReportFields,
  type ScheduleReportMapping,
} from "@/server/contracts/schedule-report";
import { localDate } from "@/server/domain/local-date";
import {
  guessMapping,
  missingScheduleFields,
  readReportHeaders,
  readScheduleReport,
} from "@/server/domain/schedule-csv";
import { env } from "@/server/env";
import { InvalidError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { applyScheduleSnapshot } from "./copy-store";

/**
 * The key the ids of a report without id columns are made with (keyed hashes of name and birth
 * date). Derived from SECRETS_KEY (or AUTH_SECRET), so it stays the same from upload to upload;
 * should it change, the next upload replaces the days it covers instead of updating them.
 */
function reportIdKey(): string {
  const { SECRETS_KEY, AUTH_SECRET } = env();
  return Buffer.from(
    hkdfSync("sha256", SECRETS_KEY ?? AUTH_SECRET, "standby schedule report", "report ids v1", 32),
  ).toString("base64url");
}

/** The mapping to use: the one sent, else the practice's remembered one when the file has its columns, else a guess. */
function chooseMapping(
  headers: string[],
  sent: ScheduleReportMapping | undefined,
  remembered: Record<string, string> | null,
) {
  if (sent) return { mapping: sent, source: "sent" as const };
  if (remembered) {
    const present = new Set(headers.map((header) => header.trim().toLowerCase()));
    const columns = Object.values(remembered);
    if (columns.length > 0 && columns.every((column) => present.has(column.trim().toLowerCase())))
      return { mapping: remembered as ScheduleReportMapping, source: "remembered" as const };
  }
  return { mapping: guessMapping(headers).mapping, source: "guessed" as const };
}

async function readReport(
  ctx: ServiceContext,
  input: { practiceId: string; csv: string; mapping?: ScheduleReportMapping },
  now: Date,
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const [connection] = await ctx.tx
    .select()
    .from(scheduleConnections)
    .where(
      and(
        eq(scheduleConnections.mspId, ctx.mspId),
        eq(scheduleConnections.practiceId, input.practiceId),
      ),
    );
  if (connection?.source === "fhir")
    throw new InvalidError(
      "This practice's copy is read from its EHR's FHIR API. Uploading a report would mix two copies; the report is for practices without an EHR connection.",
      "csv",
    );
  const headers = readReportHeaders(input.csv);
  if (!headers.ok) throw new InvalidError(headers.error, "csv");
  const chosen = chooseMapping(headers.headers, input.mapping, connection?.csvMapping ?? null);
  const report = readScheduleReport(input.csv, chosen.mapping, {
    timeZone: practice.timezone,
    today: localDate(now, practice.timezone),
    idKey: reportIdKey(),
  });
  return { practice, connection, headers: headers.headers, chosen, report };
}

/**
 * The preview: the columns, the mapping (sent, remembered or guessed) and each row's date, time,
 * provider and problems — never a patient's details. Nothing is written.
 */
export async function previewScheduleReport(
  ctx: ServiceContext,
  input: { practiceId: string; csv: string; mapping?: ScheduleReportMapping },
  now = new Date(),
) {
  const { headers, chosen, report } = await readReport(ctx, input, now);
  return {
    headers,
    fields: scheduleReportFields,
    mapping: chosen.mapping,
    mappingSource: chosen.source,
    missing: missingScheduleFields(chosen.mapping),
    ...(report.ok
      ? {
          ok: true as const,
          rows: report.rows,
          counts: report.counts,
          window: { from: report.snapshot.from, to: report.snapshot.to },
        }
      : { ok: false as const, error: report.error }),
  };
}

/**
 * Replaces the days the report covers with its appointments (one transaction), remembers the
 * mapping for the next upload and marks the copy refreshed. A report with any bad row is refused
 * whole: its days would otherwise lose the appointments of the rows left out.
 */
export async function uploadScheduleReport(
  ctx: ServiceContext,
  input: { practiceId: string; csv: string; mapping: ScheduleReportMapping },
  now = new Date(),
) {
  const { connection, report } = await readReport(ctx, input, now);
  if (!report.ok) throw new InvalidError(report.error, "csv");
  const bad = report.rows.filter((row) => row.errors.length > 0);
  if (bad.length)
    throw new InvalidError(
      `${bad.length} row(s) have errors (first: line ${bad[0]!.line}). Fix the report, or map its columns differently, and preview it again; nothing was saved.`,
      "csv",
    );
  if (report.snapshot.appointments.length === 0)
    throw new InvalidError("The report has no appointments.", "csv");
  const applied = await applyScheduleSnapshot(
    ctx.tx,
    { mspId: ctx.mspId, practiceId: input.practiceId, source: "csv" },
    report.snapshot,
    now,
  );
  const mapping = Object.fromEntries(
    Object.entries(input.mapping).filter(([, column]) => column),
  ) as Record<string, string>;
  let connectionId = connection?.id;
  if (connection)
    await ctx.tx
      .update(scheduleConnections)
      .set({
        csvMapping: mapping,
        refreshedAt: now,
        lastError: null,
        lastErrorRequest: null,
        lastErrorAt: null,
        updatedAt: now,
        version: sql`${scheduleConnections.version} + 1`,
      })
      .where(eq(scheduleConnections.id, connection.id));
  else {
    const [created] = await ctx.tx
      .insert(scheduleConnections)
      .values({
        mspId: ctx.mspId,
        practiceId: input.practiceId,
        source: "csv",
        csvMapping: mapping,
        refreshedAt: now,
      })
      .returning({ id: scheduleConnections.id });
    connectionId = created!.id;
  }
  await recordAudit(ctx, {
    action: "schedule.report_uploaded",
    entityType: "schedule_connection",
    entityId: connectionId,
    practiceId: input.practiceId,
    summary: {
      appointments: report.snapshot.appointments.length,
      patients: report.snapshot.patients.length,
      days: report.counts.days,
      removed: applied.removed,
    },
  });
  return {
    appointments: report.snapshot.appointments.length,
    patients: report.snapshot.patients.length,
    days: report.counts.days,
    removed: applied.removed,
  };
}
