"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX, FileSpreadsheet, TriangleAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  SCHEDULE_REPORT_MAX_BYTES,
  SCHEDULE_REPORT_MAX_ROWS,
  scheduleReportFieldLabels,
  type ScheduleReportField,
  type ScheduleReportMapping,
} from "@/server/contracts/schedule-report";
import type { ReportPreview } from "./types";

type Loaded = { fileName: string; csv: string; preview: ReportPreview };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Upload the EHR's schedule report (CSV): the server reads every row first and shows its date, time,
 * provider and problems (never the patient); the columns can be mapped by hand, and the mapping is
 * remembered for the next upload. Nothing is written until the person confirms.
 */
export function ReportUpload({ practiceId }: { practiceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const uploadKey = useRef<string | null>(null);
  const preview = useMutation(trpc.scheduleSettings.previewReport.mutationOptions());
  const upload = useMutation(trpc.scheduleSettings.uploadReport.mutationOptions());

  async function check(fileName: string, csv: string, mapping?: ScheduleReportMapping) {
    setProblem(null);
    try {
      const result = await preview.mutateAsync({ practiceId, csv, mapping });
      setLoaded({ fileName, csv, preview: result });
      uploadKey.current = crypto.randomUUID();
    } catch (error) {
      setLoaded(null);
      setProblem(
        callProblem(error, "Could not read the report. Check that it is a CSV file and try again.")
          .message,
      );
    }
  }

  async function choose(file: File | undefined) {
    setProblem(null);
    setLoaded(null);
    if (!file) return;
    if (file.size > SCHEDULE_REPORT_MAX_BYTES) {
      setProblem(
        `${file.name} is larger than 2 MB. Export fewer days from the EHR and upload them one by one.`,
      );
      return;
    }
    await check(file.name, await file.text());
  }

  function remap(field: ScheduleReportField, column: string) {
    if (!loaded) return;
    const mapping = { ...loaded.preview.mapping, [field]: column || undefined };
    void check(loaded.fileName, loaded.csv, mapping);
  }

  async function confirm() {
    if (!loaded) return;
    setProblem(null);
    try {
      const result = await upload.mutateAsync({
        practiceId,
        csv: loaded.csv,
        mapping: loaded.preview.mapping,
        idempotencyKey: uploadKey.current ?? undefined,
      });
      await queryClient.invalidateQueries({
        queryKey: trpc.scheduleSettings.get.queryKey({ practiceId }),
      });
      toast.success(
        `Schedule copy updated: ${plural(result.appointments, "appointment")} over ${plural(result.days, "day")}.`,
      );
      setLoaded(null);
    } catch (error) {
      setProblem(callProblem(error, "The upload failed and nothing was saved. Try again.").message);
    }
  }

  const result = loaded?.preview;
  const bad = result?.ok ? result.rows.filter((row) => row.errors.length > 0).length : 0;
  const canUpload = Boolean(result?.ok && bad === 0 && result.counts.appointments > 0);

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div>
        <h2 id={`${id}-title`} className="flex items-center gap-1.5 text-base font-semibold">
          <FileSpreadsheet aria-hidden className="size-5 text-brand-700" /> Upload the schedule
          report
        </h2>
        <p className="text-sm text-slate-600">
          For an EHR without an API: export the day&apos;s (or week&apos;s) schedule report as CSV
          and upload it here. The days it covers replace those days of the copy. Every row is
          checked first; nothing is saved until you press Upload.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Schedule report (CSV)
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={preview.isPending || upload.isPending}
          onClick={(event) => {
            event.currentTarget.value = "";
          }}
          onChange={(event) => void choose(event.target.files?.[0])}
          aria-describedby={`${id}-file-hint`}
          className="block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
        />
        <p id={`${id}-file-hint`} className="text-xs text-slate-500">
          At most 2 MB and {SCHEDULE_REPORT_MAX_ROWS.toLocaleString("en-US")} rows.
        </p>
      </div>
      {preview.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Checking the report…
        </p>
      )}
      {problem && <Alert tone="error">{problem}</Alert>}

      {result && (
        <div className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">
              Columns{" "}
              <span className="font-normal text-slate-600">
                (
                {result.mappingSource === "remembered"
                  ? "as at the last upload"
                  : result.mappingSource === "guessed"
                    ? "guessed from the headers: check them"
                    : "as you chose"}
                )
              </span>
            </legend>
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {result.fields.map((field) => (
                <label key={field} className="block text-sm">
                  <span className="text-slate-700">
                    {scheduleReportFieldLabels[field]}
                    {result.missing.includes(field) && (
                      <span className="text-red-700"> (needed)</span>
                    )}
                  </span>
                  <select
                    value={result.mapping[field] ?? ""}
                    disabled={preview.isPending}
                    onChange={(event) => remap(field, event.target.value)}
                    className="mt-0.5 block min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
                  >
                    <option value="">Not in the report</option>
                    {result.headers.map((header) => (
                      <option key={header} value={header}>
                        {header}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>

          {!result.ok ? (
            <Alert tone="error">{result.error}</Alert>
          ) : (
            <>
              <p className="text-sm font-medium" role="status">
                {plural(result.counts.appointments, "appointment")},{" "}
                {plural(result.counts.patients, "patient")} over {plural(result.counts.days, "day")}{" "}
                · {plural(result.counts.rows, "row")}
                {bad > 0 ? ` · ${bad} with errors` : ""}
                {result.counts.duplicates > 0
                  ? ` · ${plural(result.counts.duplicates, "duplicate")} counted once`
                  : ""}
              </p>
              {bad > 0 ? (
                <Alert tone="error">
                  {plural(bad, "row")} {bad === 1 ? "has" : "have"} errors. Fix the report (or map
                  its columns differently) and choose it again; nothing has been saved.
                </Alert>
              ) : result.counts.appointments === 0 ? (
                <Alert tone="error">The report has no appointments.</Alert>
              ) : (
                <Alert>All rows are fine. Nothing is saved until you press Upload.</Alert>
              )}
              <ol className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
                {result.rows
                  .filter((row) => row.errors.length + row.warnings.length > 0)
                  .concat(
                    result.rows
                      .filter((row) => row.errors.length + row.warnings.length === 0)
                      .slice(0, 20),
                  )
                  .map((row) => (
                    <li key={row.line} className="flex gap-2 px-3 py-2">
                      {row.errors.length ? (
                        <CircleX
                          aria-label="Error"
                          className="mt-0.5 size-4 shrink-0 text-red-700"
                        />
                      ) : row.warnings.length ? (
                        <TriangleAlert
                          aria-label="Warning"
                          className="mt-0.5 size-4 shrink-0 text-amber-700"
                        />
                      ) : (
                        <CircleCheck
                          aria-label="Fine"
                          className="mt-0.5 size-4 shrink-0 text-emerald-700"
                        />
                      )}
                      <div>
                        <p>
                          Line {row.line}: {row.summary.date ?? "no date"} {row.summary.time ?? ""}{" "}
                          · {row.summary.provider || "no provider"}
                        </p>
                        {[...row.errors, ...row.warnings].map((message) => (
                          <p key={message} className="text-xs text-slate-600">
                            {message}
                          </p>
                        ))}
                      </div>
                    </li>
                  ))}
              </ol>
            </>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setLoaded(null)}>
              Cancel
            </Button>
            <Button disabled={!canUpload || upload.isPending} onClick={() => void confirm()}>
              {upload.isPending
                ? "Uploading…"
                : result.ok
                  ? `Upload ${plural(result.counts.appointments, "appointment")}`
                  : "Upload"}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
