"use client";

import { Copy } from "lucide-react";
import { useId } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** A one-time link to pass on by hand: shown read-only (selected on focus) with a Copy button. */
export function CopyableLink({ url, label }: { url: string; label: string }) {
  const id = useId();
  return (
    <div className="flex gap-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={url}
        className="min-h-10 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 text-sm"
        onFocus={(event) => event.target.select()}
      />
      <Button
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(url).then(
            () => toast.success("Link copied"),
            () => toast.error("Could not copy; select the link and copy it."),
          )
        }
      >
        <Copy aria-hidden className="size-4" /> Copy
      </Button>
    </div>
  );
}
