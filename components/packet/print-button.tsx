"use client";

import { Printer } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { recordPacketPrintAction } from "@/server/actions/record-packet-print";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Problem = { message: string; newer: boolean };

/**
 * Records that this version of the packet was printed (so Standby can flag the binder as stale
 * when a newer version is published), then opens the browser's print dialog. A print started
 * from the browser's own menu (Ctrl+P) is recorded too. A server action, not the tRPC client:
 * the print page loads nothing beyond what printing needs.
 */
export function PrintButton({
  practiceId,
  versionNumber,
}: {
  practiceId: string;
  versionNumber: number;
}) {
  const [recording, startRecording] = useTransition();
  const [problem, setProblem] = useState<Problem | null>(null);
  const printingFromButton = useRef(false);
  // Without JavaScript the button could do nothing: it stays disabled (the page says to use Ctrl+P).
  const hydrated = useHydrated();

  /** Records the print; false when it must not go ahead (a newer version, or the session ended). */
  async function record(): Promise<boolean> {
    const outcome = await recordPacketPrintAction({ practiceId, versionNumber }).catch(() => ({
      ok: false as const,
      code: "UNREACHABLE" as const,
      message: "Standby could not be reached",
    }));
    if (outcome.ok) {
      setProblem(null);
      return true;
    }
    if (outcome.code === "UNAUTHORIZED") {
      const back = `${window.location.pathname}${window.location.search}`;
      // A full page load, as the tRPC client does: nothing of the ended session stays in memory.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}&reason=expired`);
      return false;
    }
    if (outcome.code === "CONFLICT") {
      setProblem({ message: outcome.message, newer: true });
      return false;
    }
    setProblem({ message: `This print was not recorded: ${outcome.message}.`, newer: false });
    return true;
  }

  useEffect(() => {
    function recordBrowserPrint() {
      if (!printingFromButton.current) void record();
    }
    window.addEventListener("beforeprint", recordBrowserPrint);
    return () => window.removeEventListener("beforeprint", recordBrowserPrint);
  });

  function print() {
    startRecording(async () => {
      if (!(await record())) return;
      printingFromButton.current = true;
      try {
        window.print();
      } finally {
        printingFromButton.current = false;
      }
    });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={print} disabled={!hydrated || recording}>
        <Printer aria-hidden className="size-4" />
        {recording ? "Preparing…" : "Print"}
      </Button>
      {problem && (
        <p role="alert" className="max-w-sm text-right text-sm text-red-700">
          {problem.message}{" "}
          {problem.newer && (
            <button
              type="button"
              className="font-medium underline"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          )}
        </p>
      )}
    </div>
  );
}
