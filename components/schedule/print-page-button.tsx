"use client";

import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Opens the browser's print dialog; without JavaScript the page says to use Ctrl+P. */
export function PrintPageButton() {
  const hydrated = useHydrated();
  return (
    <>
      <Button disabled={!hydrated} onClick={() => window.print()}>
        <Printer aria-hidden className="size-4" /> Print
      </Button>
      <noscript>
        <span className="ml-2 text-sm text-slate-600">Use your browser&apos;s Print (Ctrl+P).</span>
      </noscript>
    </>
  );
}
