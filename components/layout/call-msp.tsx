"use client";

import { useQuery } from "@tanstack/react-query";
import { Phone } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { telHref } from "@/server/domain/phone-number";

/**
 * "Call Summit IT Partners at (555) 010-7000." for an empty state that would otherwise leave a
 * practice manager nowhere to go: the MSP's help desk, a tap to call (or to email). Nothing while it
 * loads or when the MSP has set no support line.
 */
export function CallMsp({ className = "" }: { className?: string }) {
  const trpc = useTRPC();
  const { data: line } = useQuery(trpc.mspSettings.supportLine.queryOptions());
  if (!line || (!line.phone && !line.email)) return null;
  return (
    <p className={`inline-flex flex-wrap items-center justify-center gap-1.5 ${className}`}>
      <Phone aria-hidden className="size-4 text-slate-500" />
      {line.phone ? (
        <>
          Call {line.mspName} at{" "}
          <a className="font-semibold text-brand-700 underline" href={telHref(line.phone)}>
            {line.phone}
          </a>
          {line.hours && <span className="text-slate-500">({line.hours})</span>}
        </>
      ) : (
        <>
          Email {line.mspName} at{" "}
          <a className="font-semibold text-brand-700 underline" href={`mailto:${line.email}`}>
            {line.email}
          </a>
        </>
      )}
    </p>
  );
}
