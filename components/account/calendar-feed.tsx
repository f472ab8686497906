"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarDays, CheckCircle2, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoment } from "@/components/ui/format";
import { useViewerTimeZone } from "@/components/ui/viewer-time";

const card = "rounded-lg border border-slate-200 bg-white p-5 space-y-4";

type Issued = { url: string; webcalUrl: string };

function copy(text: string, what: string) {
  navigator.clipboard.writeText(text).then(
    () => toast.success(`${what} copied`),
    () => toast.error("Could not copy; select the address and copy it."),
  );
}

/**
 * The member's private calendar address of their due work: made (shown once), regenerated or
 * revoked here. Only a hash is stored, so a lost address is replaced, never shown again.
 */
export function CalendarFeed() {
  // Your own feed belongs to no practice: its times are on your clock, labelled with the zone.
  const viewerZone = useViewerTimeZone();
  const when = (moment: Date | string) => formatMoment(moment, viewerZone);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useQuery(trpc.calendarFeed.get.queryOptions());
  const create = useMutation(trpc.calendarFeed.create.mutationOptions());
  const regenerate = useMutation(trpc.calendarFeed.regenerate.mutationOptions());
  const revoke = useMutation(trpc.calendarFeed.revoke.mutationOptions());
  const [issued, setIssued] = useState<Issued | null>(null);
  const [problem, setProblem] = useState("");
  const run = async (action: () => Promise<void>) => {
    setProblem("");
    try {
      await action();
    } catch (error) {
      setProblem(callProblem(error, "Could not change your calendar address. Try again.").message);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.calendarFeed.get.queryKey() });
  };
  const busy = create.isPending || regenerate.isPending || revoke.isPending;

  return (
    <section className={card} aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading" className="flex items-center gap-2 text-base font-semibold">
        <CalendarDays aria-hidden className="size-5 text-slate-600" />
        Calendar feed
      </h2>
      <p className="text-sm text-slate-600">
        A private address your calendar app (Outlook, Google Calendar, Apple Calendar) can subscribe
        to: restore tests, reviews, drills and plan review dates of the practices you look after,
        each on the day it is due. It carries no patient data. Anyone with the address can read it,
        so keep it to yourself.
      </p>
      {problem && <Alert tone="error">{problem}</Alert>}
      {feed.isPending && <Skeleton className="h-10 w-64" />}
      {feed.isError && (
        <Alert tone="error">
          {callProblem(feed.error, "Could not load your calendar feed.").message}
        </Alert>
      )}
      {issued && (
        <div className="space-y-3">
          <Alert tone="success">
            Your calendar address is ready. <strong>It is shown only now</strong>: copy it into your
            calendar app. If you lose it, regenerate it.
          </Alert>
          <FeedAddress label="Address (https)" value={issued.url} />
          <FeedAddress label="Subscribe link (webcal)" value={issued.webcalUrl} />
          <div className="flex flex-wrap gap-2">
            <a
              href={issued.webcalUrl}
              className="inline-flex min-h-10 items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              <CalendarDays aria-hidden className="size-4" />
              Open in calendar app
            </a>
            <Button onClick={() => setIssued(null)}>
              <CheckCircle2 aria-hidden className="size-4" />I have saved it
            </Button>
          </div>
        </div>
      )}
      {feed.isSuccess && !issued && !feed.data && (
        <Button
          disabled={busy}
          onClick={() => run(async () => setIssued(await create.mutateAsync()))}
        >
          {create.isPending ? "Creating…" : "Create calendar address"}
        </Button>
      )}
      {feed.isSuccess && feed.data && !issued && (
        <>
          <p className="text-sm text-slate-700">
            You have a calendar address, created {when(feed.data.createdAt)}.{" "}
            {feed.data.lastFetchedAt
              ? `Last read by a calendar app ${when(feed.data.lastFetchedAt)}.`
              : "No calendar app has read it yet."}
          </p>
          <div className="flex flex-wrap gap-2">
            <ConfirmButton
              label="Regenerate address"
              title="Make a new calendar address?"
              confirmLabel="Make a new address"
              variant="primary"
              disabled={busy}
              onConfirm={() => run(async () => setIssued(await regenerate.mutateAsync()))}
            >
              The current address stops working at once: calendars subscribed to it stop updating
              until you subscribe them to the new one.
            </ConfirmButton>
            <ConfirmButton
              label="Revoke address"
              title="Revoke your calendar address?"
              confirmLabel="Revoke"
              disabled={busy}
              onConfirm={() =>
                run(async () => {
                  await revoke.mutateAsync();
                  setIssued(null);
                  toast.success("Calendar address revoked.");
                })
              }
            >
              The address stops working at once. You can make a new one later.
            </ConfirmButton>
          </div>
        </>
      )}
    </section>
  );
}

function FeedAddress({ label, value }: { label: string; value: string }) {
  const id = `feed-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-10 w-full rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm"
        />
        <Button variant="secondary" onClick={() => copy(value, label)}>
          <Copy aria-hidden className="size-4" />
          Copy
        </Button>
      </div>
    </div>
  );
}
