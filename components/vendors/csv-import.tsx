"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX, FileSpreadsheet, Upload } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { vendorCategoryValues, vendorCsvColumns } from "@/server/contracts/vendors";
import { CsvExportButton } from "./csv-export";
import type { ImportPreview } from "./types";

const MAX_BYTES = 1_000_000;

type Loaded = { fileName: string; csv: string; preview: ImportPreview };

/** Import vendors and contacts from CSV: the server checks every row first; nothing is written until the person confirms. */
export function CsvImport({ practiceId, onClose }: { practiceId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const preview = useMutation(trpc.vendors.previewImport.mutationOptions());
  const commit = useMutation(trpc.vendors.commitImport.mutationOptions());

  async function choose(file: File | undefined) {
    setProblem(null);
    setLoaded(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setProblem(
        `${file.name} is larger than 1 MB. Split it into smaller files and import them one by one.`,
      );
      return;
    }
    setReading(true);
    try {
      const csv = await file.text();
      if (csv.trim() === "") {
        setProblem(
          `${file.name} is empty. Choose a CSV file with a header row and one row per escalation level.`,
        );
        return;
      }
      const result = await preview.mutateAsync({ practiceId, csv });
      setLoaded({ fileName: file.name, csv, preview: result });
    } catch (error) {
      setProblem(
        callProblem(error, "Could not read the file. Check that it is a CSV file and try again.")
          .message,
      );
    } finally {
      setReading(false);
    }
  }

  async function confirm() {
    if (!loaded) return;
    setProblem(null);
    try {
      const result = await commit.mutateAsync({ practiceId, csv: loaded.csv });
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: trpc.vendors.forPractice.queryKey({ practiceId }),
        }),
        queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() }),
      ]);
      toast.success(
        `Imported ${result.vendors} vendor${result.vendors === 1 ? "" : "s"}${result.newInCatalog > 0 ? ` (${result.newInCatalog} new to your catalog)` : ""}.`,
      );
      onClose();
    } catch (error) {
      setProblem(
        callProblem(error, "The import failed and nothing was written. Try again.").message,
      );
    }
  }

  const result = loaded?.preview;
  const newCount = result?.vendors.filter((vendor) => !vendor.inCatalog).length ?? 0;
  const canImport = Boolean(result && result.errorCount === 0 && result.vendors.length > 0);

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-brand-600 bg-white p-4 sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="flex items-center gap-1.5 text-base font-semibold">
            <FileSpreadsheet aria-hidden className="size-5 text-brand-700" /> Import vendors from
            CSV
          </h2>
          <p className="text-sm text-slate-600">
            Every row is checked first and shown below; nothing is written until you press Import.
          </p>
        </div>
        <Button variant="ghost" onClick={onClose}>
          Close import
        </Button>
      </div>

      <div className="space-y-2 rounded-md bg-slate-50 p-3 text-sm">
        <p className="font-medium">Columns, in this order (a header row first):</p>
        <code className="block break-words rounded border border-slate-200 bg-white px-2 py-1.5 font-mono text-xs text-slate-800">
          {vendorCsvColumns.join(",")}
        </code>
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-slate-600">
          <li>
            One row per escalation level (level 1, 2, …); a vendor without contacts has one row with
            the contact columns empty.
          </li>
          <li>
            <span className="font-mono">category</span>: one of {vendorCategoryValues.join(", ")}.{" "}
            <span className="font-mono">baa_on_file</span>: yes or no.
          </li>
          <li>
            Vendors new to your catalog are added to it; vendors already in it keep their catalog
            details.
          </li>
          <li>
            For each vendor, the file&apos;s account number and escalation ladder replace this
            practice&apos;s current ones.
          </li>
        </ul>
        <CsvExportButton
          practiceId={practiceId}
          label="Download the current vendors as a template"
          variant="ghost"
        />
      </div>

      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={reading || commit.isPending}
          // Choosing the same (fixed) file again must run the preview again.
          onClick={(event) => {
            event.currentTarget.value = "";
          }}
          onChange={(event) => void choose(event.target.files?.[0])}
          aria-describedby={`${id}-file-hint`}
          className="block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
        />
        <p id={`${id}-file-hint`} className="text-xs text-slate-500">
          At most 1 MB and 2,000 rows.{loaded ? " After fixing the file, choose it again." : ""}
        </p>
      </div>

      {reading && (
        <p role="status" className="text-sm text-slate-600">
          Checking the file…
        </p>
      )}
      {problem && <Alert tone="error">{problem}</Alert>}

      {result && (
        <div className="space-y-3">
          <p className="text-sm font-medium" role="status">
            {result.vendors.length} vendor{result.vendors.length === 1 ? "" : "s"}, {newCount} new
            to your catalog · {result.rows.length} row{result.rows.length === 1 ? "" : "s"}
            {result.errorCount > 0
              ? ` · ${result.errorCount} with errors (their vendors are not counted)`
              : ""}
          </p>
          {result.errorCount > 0 ? (
            <Alert tone="error">
              {result.errorCount} row{result.errorCount === 1 ? " has" : "s have"} errors. Fix{" "}
              {result.errorCount === 1 ? "it" : "them"} in the file and choose it again; nothing has
              been imported.
            </Alert>
          ) : result.vendors.length === 0 ? (
            <Alert tone="error">
              The file has no vendor rows. Add at least one row under the header.
            </Alert>
          ) : (
            <Alert>All rows are fine. Nothing is written until you press Import.</Alert>
          )}

          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="w-full text-left text-sm max-sm:block">
              <caption className="sr-only">Rows of {loaded?.fileName} and their errors</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 max-sm:sr-only">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Line
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Vendor
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Level
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Contact
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Check
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 max-sm:block">
                {result.rows.map((row) => (
                  <tr
                    key={row.line}
                    className={`max-sm:flex max-sm:flex-wrap max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2 ${row.errors.length > 0 ? "bg-red-50" : ""}`}
                  >
                    <td className="px-3 py-2 align-top tabular-nums max-sm:p-0 max-sm:font-medium max-sm:before:content-['Line_']">
                      {row.line}
                    </td>
                    <td className="px-3 py-2 align-top max-sm:p-0 max-sm:font-medium">
                      {row.vendor || <span className="text-slate-500">(no vendor)</span>}
                    </td>
                    <td className="px-3 py-2 align-top tabular-nums max-sm:p-0 max-sm:text-slate-600 max-sm:before:content-['Level_']">
                      {row.level ?? "—"}
                    </td>
                    <td className="px-3 py-2 align-top max-sm:p-0 max-sm:text-slate-600">
                      {row.contact || "—"}
                    </td>
                    <td className="px-3 py-2 align-top max-sm:basis-full max-sm:p-0">
                      {row.errors.length === 0 ? (
                        <span className="inline-flex items-center gap-1 text-emerald-800">
                          <CircleCheck aria-hidden className="size-4" /> OK
                        </span>
                      ) : (
                        <ul className="space-y-0.5">
                          {row.errors.map((error) => (
                            <li
                              key={error}
                              className="flex items-start gap-1 font-medium text-red-800"
                            >
                              <CircleX aria-hidden className="mt-0.5 size-4 shrink-0" />
                              <span>
                                <span className="sr-only">Error: </span>
                                {error}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {result.vendors.length > 0 && (
            <div>
              <h3 className="mb-1 text-sm font-semibold">What would be imported</h3>
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
                {result.vendors.map((vendor) => (
                  <li
                    key={vendor.name}
                    className="flex flex-wrap items-center justify-between gap-2 px-3 py-1.5"
                  >
                    <span className="font-medium">{vendor.name}</span>
                    <span className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <span>
                        {vendor.accountNumber
                          ? `Account ${vendor.accountNumber}`
                          : vendor.currentLevels !== null
                            ? "Account number kept"
                            : "No account number"}
                      </span>
                      <span>
                        {vendor.levels > 0
                          ? `${vendor.levels} level${vendor.levels === 1 ? "" : "s"}${vendor.currentLevels ? ` (replaces the current ${vendor.currentLevels})` : ""}`
                          : vendor.currentLevels !== null
                            ? "Contacts kept"
                            : "No contacts"}
                      </span>
                      <span
                        className={`rounded px-1.5 py-0.5 font-medium ${vendor.inCatalog ? "bg-slate-100 text-slate-700" : "border border-brand-600 bg-brand-50 text-brand-800"}`}
                      >
                        {vendor.inCatalog ? "In your catalog" : "New to your catalog"}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="flex flex-wrap justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() => {
                setLoaded(null);
                setProblem(null);
              }}
            >
              Cancel
            </Button>
            <Button disabled={!canImport || commit.isPending} onClick={() => void confirm()}>
              <Upload aria-hidden className="size-4" /> {commit.isPending ? "Importing…" : "Import"}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
