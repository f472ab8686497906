"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useTRPC } from "@/components/trpc/client";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** Saves a text as a file in the browser. */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the practice's vendors and escalation ladders as CSV (the same columns the import reads). */
export function CsvExportButton({
  practiceId,
  label = "Export CSV",
  variant = "secondary",
}: {
  practiceId: string;
  label?: string;
  variant?: ButtonVariant;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  async function exportCsv() {
    setBusy(true);
    try {
      const { filename, csv } = await queryClient.fetchQuery({
        ...trpc.vendors.exportCsv.queryOptions({ practiceId }),
        staleTime: 0,
      });
      downloadText(filename, csv);
    } catch (error) {
      toast.error(callProblem(error, "Could not export the vendors. Try again.").message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant={variant} disabled={!hydrated || busy} onClick={() => void exportCsv()}>
      <Download aria-hidden className="size-4" /> {busy ? "Exporting…" : label}
    </Button>
  );
}
