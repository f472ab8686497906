"use client";

import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Opens the browser's print dialog. Without JavaScript it stays disabled; the page says to use the browser's Print command. */
export function PrintSummaryButton() {
  const hydrated = useHydrated();
  return (
    <Button disabled={!hydrated} onClick={() => window.print()}>
      <Printer aria-hidden className="size-4" /> Print
    </Button>
  );
}
