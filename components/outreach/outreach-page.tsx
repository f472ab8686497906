"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { OctagonX, PlayCircle, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatShortMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { useHydrated } from "@/components/ui/use-hydrated";
import { patientDataNotYetMessage } from "@/server/domain/patient-data-access";
import { CampaignList } from "./campaign-list";
import { ComposeCampaign, type OutreachPreset } from "./compose-campaign";
import { OutreachSettingsForm } from "./settings-form";
import type { OutreachAccess } from "./types";

const refusals: Record<string, string> = {
  admin:
    "Messages to patients are sent by the practice's managers and the MSP's technicians: they hold patients' names, numbers and texts. You see each campaign's counts here and can set quiet hours and pace; the number they go out from is set under Notifications (a text message channel marked “Use this number for patient messages”).",
  leadership:
    "Leadership sees how many patients were told, not who: the practice's managers and the MSP's technicians send messages to patients.",
};

/**
 * The practice's patient messages: stop all sending (always within reach), a new campaign with its
 * preview, the campaigns with their counts and, for those who work patient data, each patient's
 * status as it arrives; and the settings.
 */
export function OutreachPage({
  practiceId,
  incidentId,
  today,
  access,
  preset = null,
}: {
  practiceId: string;
  incidentId: string | null;
  preset?: OutreachPreset | null;
  today: string;
  access: OutreachAccess;
}) {
  const trpc = useTRPC();
  const campaignsInput = { practiceId };
  const { data } = useSuspenseQuery({
    ...trpc.outreach.campaigns.queryOptions(campaignsInput),
    // Counts move while a campaign sends, and while delivery reports arrive after it: read them
    // again every few seconds until nothing is moving.
    refetchInterval: (query) =>
      query.state.data?.campaigns.some(
        (campaign) =>
          campaign.status === "sending" ||
          (campaign.counts.sent > 0 &&
            Date.now() - new Date(campaign.finishedAt ?? 0).getTime() < 10 * 60_000),
      )
        ? 3_000
        : false,
  });
  const [opened, setOpened] = useState<string | null>(null);
  const works = access.patients && access.patientsFrom === null;
  const timeZone = data.practice.timezone;

  return (
    <div className="space-y-6">
      {access.patients && (
        <StopAllBar practiceId={practiceId} stopped={data.settings} timeZone={timeZone} />
      )}
      {!access.patients && (
        <p className="flex items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-3 text-sm text-slate-800">
          <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{refusals[access.role] ?? refusals.leadership}</span>
        </p>
      )}
      {access.patientsFrom && <Alert>{patientDataNotYetMessage(access.patientsFrom)}</Alert>}

      <ProviderNote providers={data.providers} />

      {works && (
        <ComposeCampaign
          practiceId={practiceId}
          incidentId={incidentId}
          preset={preset}
          today={today}
          timeZone={timeZone}
          stopped={Boolean(data.settings.stoppedAt)}
          onSent={(campaignId: string) => setOpened(campaignId)}
        />
      )}

      <CampaignList
        practiceId={practiceId}
        campaigns={data.campaigns}
        timeZone={timeZone}
        canReadMessages={works}
        providers={data.providers}
        opened={opened}
        onOpen={setOpened}
      />

      <section aria-labelledby="outreach-settings-heading" className="space-y-3">
        <h2 id="outreach-settings-heading" className="text-lg font-semibold text-slate-900">
          Quiet hours, pace and automatic reminders
        </h2>
        <OutreachSettingsForm
          practiceId={practiceId}
          settings={data.settings}
          canSave={access.settings}
        />
      </section>
    </div>
  );
}

/** What sends the messages, or that nothing does (they then wait in the outbox, not sent). */
function ProviderNote({
  providers,
}: {
  providers: { sms: { name: string } | null; email: boolean };
}) {
  if (providers.sms)
    return (
      <p className="text-sm text-slate-700">
        Texts go out through “{providers.sms.name}”
        {providers.email ? "; email through Standby's mail server." : "; email is not configured."}
      </p>
    );
  return (
    <Alert>
      No provider is configured for patient texts{providers.email ? "" : " or email"}: messages are
      kept in the outbox, marked <strong>not sent: no provider configured</strong>, with their text.
      An MSP admin sets one up under{" "}
      <Link href="/notifications" className="font-medium underline">
        Notifications
      </Link>{" "}
      (a text message channel marked “Use this number for patient messages”).
    </Alert>
  );
}

/** Stop all sending: one tap, at once; and the way back. */
function StopAllBar({
  practiceId,
  stopped,
  timeZone,
}: {
  practiceId: string;
  stopped: { stoppedAt: Date | null; stoppedByName: string | null };
  timeZone: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  // Counts and statuses only: the previews and messages are audited reads, made again when asked.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.outreach.campaigns.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.outreach.statuses.pathKey() }),
    ]);
  const stop = useMutation(
    trpc.outreach.stopAll.mutationOptions({
      onSuccess: (result) => {
        toast.success(
          `Sending stopped. ${result.stoppedMessages} waiting message${result.stoppedMessages === 1 ? "" : "s"} will not go out.`,
        );
        void refresh();
      },
      onError: (error) => toast.error(callProblem(error).message),
    }),
  );
  const resume = useMutation(
    trpc.outreach.resume.mutationOptions({
      onSuccess: () => {
        toast.success("Sending allowed again. Stopped messages stay stopped unless you send them.");
        void refresh();
      },
      onError: (error) => toast.error(callProblem(error).message),
    }),
  );
  if (stopped.stoppedAt)
    return (
      <div
        role="status"
        className="flex flex-wrap items-center justify-between gap-3 rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-red-950"
      >
        <p className="flex items-center gap-2 font-semibold">
          <OctagonX aria-hidden className="size-5 shrink-0" />
          Sending is stopped
          <span className="font-normal">
            by {stopped.stoppedByName ?? "someone"},{" "}
            {formatShortMoment(stopped.stoppedAt, timeZone)}. Nothing goes out until it is resumed.
          </span>
        </p>
        <Button
          variant="secondary"
          disabled={!hydrated || resume.isPending}
          onClick={() => resume.mutate({ practiceId })}
        >
          <PlayCircle aria-hidden className="size-4" />
          {resume.isPending ? "Resuming…" : "Resume sending"}
        </Button>
      </div>
    );
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-white px-4 py-3">
      <p className="text-sm text-slate-700">
        Something wrong with a message? Stop everything that has not gone yet, at once.
      </p>
      <Button
        variant="danger"
        className="min-h-12 px-5 text-base"
        disabled={!hydrated || stop.isPending}
        onClick={() => stop.mutate({ practiceId })}
      >
        <OctagonX aria-hidden className="size-5" />
        {stop.isPending ? "Stopping…" : "Stop all sending"}
      </Button>
    </div>
  );
}
