"use client";

import { useMutation } from "@tanstack/react-query";
import { Printer } from "lucide-react";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

const codeOf = (error: unknown) => (error as { data?: { code?: string } }).data?.code;
const signedOut = (error: unknown) => codeOf(error) === "UNAUTHORIZED";
const messageOf = (error: unknown) =>
  error instanceof Error && error.message ? error.message : "Standby could not be reached";

/** The server refused the record: a newer version was published after this page was opened. */
function warnNewer(message: string) {
  toast.error(message, {
    duration: Infinity,
    action: { label: "Reload", onClick: () => window.location.reload() },
  });
}

/**
 * Records that this version of the packet was printed (so Standby can flag the binder as stale
 * when a newer version is published), then opens the browser's print dialog. A print started
 * from the browser's own menu (Ctrl+P) is recorded too.
 */
export function PrintButton({
  practiceId,
  versionNumber,
}: {
  practiceId: string;
  versionNumber: number;
}) {
  const trpc = useTRPC();
  const record = useMutation(trpc.plans.recordPacketPrint.mutationOptions());
  const { mutateAsync } = record;
  const printingFromButton = useRef(false);
  // Without JavaScript the button could do nothing: it stays disabled (the page says to use Ctrl+P).
  const hydrated = useHydrated();

  useEffect(() => {
    function recordBrowserPrint() {
      if (printingFromButton.current) return;
      mutateAsync({ practiceId, format: "print", versionNumber }).catch((error: unknown) => {
        if (codeOf(error) === "CONFLICT") warnNewer(messageOf(error));
        else if (!signedOut(error))
          toast.error(`This print was not recorded: ${messageOf(error)}.`);
      });
    }
    window.addEventListener("beforeprint", recordBrowserPrint);
    return () => window.removeEventListener("beforeprint", recordBrowserPrint);
  }, [mutateAsync, practiceId, versionNumber]);

  async function print() {
    try {
      await mutateAsync({ practiceId, format: "print", versionNumber });
    } catch (error) {
      if (codeOf(error) === "CONFLICT") {
        warnNewer(messageOf(error));
        return;
      }
      // An ended session sends the person to sign-in (components/trpc/client.tsx); nothing to print.
      if (signedOut(error)) return;
      toast.error(`This print was not recorded: ${messageOf(error)}. Printing anyway.`);
    }
    printingFromButton.current = true;
    try {
      window.print();
    } finally {
      printingFromButton.current = false;
    }
  }

  return (
    <Button onClick={print} disabled={!hydrated || record.isPending}>
      <Printer aria-hidden className="size-4" />
      {record.isPending ? "Preparing…" : "Print"}
    </Button>
  );
}
