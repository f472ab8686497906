"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Link2, Radar } from "lucide-react";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { incidentHref, type VendorWideSuggestion } from "./types";

/**
 * When open incidents at several practices share a down vendor, it is probably that vendor's
 * outage: offer to link them, so they share vendor tickets and updates.
 */
export function VendorWidePanel() {
  const trpc = useTRPC();
  const { data: suggestions } = useSuspenseQuery({
    ...trpc.incidents.vendorWide.queryOptions(),
    refetchInterval: 60_000,
  });
  if (suggestions.length === 0) return null;
  return (
    <section
      aria-labelledby="vendor-wide-heading"
      className="mb-4 rounded-lg border-2 border-violet-300 bg-violet-50 p-4"
    >
      <h2
        id="vendor-wide-heading"
        className="flex items-center gap-2 text-base font-semibold text-violet-950"
      >
        <Radar aria-hidden className="size-5 shrink-0" />
        Looks vendor-wide
      </h2>
      <ul className="mt-2 space-y-4">
        {suggestions.map((suggestion) => (
          <li key={suggestion.vendorId}>
            <Suggestion suggestion={suggestion} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Suggestion({ suggestion }: { suggestion: VendorWideSuggestion }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const vendor = suggestion.vendorName || "one vendor";
  const practiceCount = suggestion.practiceIds.length;
  const link = useMutation(
    trpc.incidents.link.mutationOptions({
      onSuccess: async () => {
        toast.success(`Linked as one ${vendor} outage: tickets and updates are now shared.`);
        await queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
        router.refresh();
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not link them. Try again.").message);
      },
    }),
  );
  const summaryId = `vendor-wide-${suggestion.vendorId}`;
  return (
    <div
      aria-labelledby={summaryId}
      role="group"
      className="rounded-md border border-violet-200 bg-white p-3"
    >
      <p id={summaryId} className="font-medium text-slate-900">
        {practiceCount} practices have open incidents on {vendor} systems
      </p>
      {suggestion.linkedGroupIds.length > 0 && (
        <p className="mt-1 text-sm text-slate-600">
          Some are already linked; linking adds the others to the same vendor-wide incident.
        </p>
      )}
      <ul className="mt-2 space-y-1 text-sm">
        {suggestion.incidents.map((incident) => (
          <li key={incident.id}>
            <span className="font-medium">{incident.practiceName}</span>
            {": "}
            <Link href={incidentHref(incident)} className="text-brand-700 underline">
              {incident.title}
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <ConfirmButton
          variant="primary"
          disabled={!hydrated || link.isPending}
          label={
            <>
              <Link2 aria-hidden className="size-4" />
              {link.isPending ? "Linking…" : "Link as one vendor-wide incident"}
            </>
          }
          title={`Link as one ${vendor} outage?`}
          confirmLabel="Link them"
          onConfirm={() =>
            link.mutate({ vendorId: suggestion.vendorId, incidentIds: suggestion.incidentIds })
          }
        >
          <p>
            The {suggestion.incidentIds.length} incidents at {practiceCount} practices become one
            vendor-wide outage: vendor tickets and escalations are shared, and an update can be
            posted to all of them at once. Each practice keeps its own incident, timeline and
            recovery checklist.
          </p>
        </ConfirmButton>
      </div>
    </div>
  );
}
