"use client";

import { useMutation } from "@tanstack/react-query";
import { Printer } from "lucide-react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

const signedOut = (error: unknown) => (error as { data?: { code?: string } }).data?.code === "UNAUTHORIZED";
const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : "Standby could not be reached");

const subscribeToNothing = () => () => {};

function warnNewer(recorded: number) {
  toast.error(`Version ${recorded} of this plan was published after this page was opened. Reload to print the current version.`, {
    duration: Infinity,
    action: { label: "Reload", onClick: () => window.location.reload() },
  });
}

/**
 * Records that this version of the packet was printed (so Standby can flag the binder as stale
 * when a newer version is published), then opens the browser's print dialog. A print started
 * from the browser's own menu (Ctrl+P) is recorded too.
 */
export function PrintButton({ practiceId, versionNumber }: { practiceId: string; versionNumber: number }) {
  const trpc = useTRPC();
  const record = useMutation(trpc.plans.recordPacketPrint.mutationOptions());
  const { mutateAsync } = record;
  const printingFromButton = useRef(false);
  // Without JavaScript the button could do nothing: it stays disabled (the page says to use Ctrl+P).
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  useEffect(() => {
    function recordBrowserPrint() {
      if (printingFromButton.current) return;
      mutateAsync({ practiceId, format: "print" })
        .then(({ versionNumber: recorded }) => {
          if (recorded !== versionNumber) warnNewer(recorded);
        })
        .catch((error: unknown) => {
          if (!signedOut(error)) toast.error(`This print was not recorded: ${messageOf(error)}.`);
        });
    }
    window.addEventListener("beforeprint", recordBrowserPrint);
    return () => window.removeEventListener("beforeprint", recordBrowserPrint);
  }, [mutateAsync, practiceId, versionNumber]);

  async function print() {
    try {
      const { versionNumber: recorded } = await mutateAsync({ practiceId, format: "print" });
      if (recorded !== versionNumber) {
        warnNewer(recorded);
        return;
      }
    } catch (error) {
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
