"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Bot,
  ChevronDown,
  ChevronRight,
  Inbox,
  Mail,
  MessageSquareText,
  RotateCw,
} from "lucide-react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatClock, formatDay, formatShortMoment } from "@/components/ui/format";
import { useHydrated } from "@/components/ui/use-hydrated";
import { campaignStatusLabels, messageStatusLabels } from "@/server/contracts/outreach";
import { outreachKindLabels, type OutreachKind } from "@/server/contracts/outreach-kinds";
import type { MessageStatus } from "@/server/domain/outreach";
import { statusTones, type CampaignView, type MessageView } from "./types";
import { SimulateReply } from "./simulate-reply";

const countWords: [keyof CampaignView["counts"], string][] = [
  ["delivered", "delivered"],
  ["sent", "sent, awaiting delivery"],
  ["waiting", "waiting"],
  ["failed", "failed"],
  ["outbox", "not sent: no provider configured"],
  ["stopped", "stopped"],
  ["withheld", "not sent (opted out or cancelled meanwhile)"],
];

/** The practice's campaigns, newest first, with their counts; opened, each patient's status. */
export function CampaignList({
  practiceId,
  campaigns,
  timeZone,
  canReadMessages,
  providers,
  opened,
  onOpen,
}: {
  practiceId: string;
  campaigns: CampaignView[];
  timeZone: string;
  canReadMessages: boolean;
  providers: { sms: unknown; email: boolean };
  opened: string | null;
  onOpen: (campaignId: string | null) => void;
}) {
  return (
    <section aria-labelledby="campaigns-heading" className="space-y-3">
      <h2 id="campaigns-heading" className="text-lg font-semibold text-slate-900">
        Messages sent
      </h2>
      {campaigns.length === 0 ? (
        <EmptyState icon={MessageSquareText} title="No messages to patients yet">
          <p>Each message sent to a group of patients shows here with how many were delivered.</p>
        </EmptyState>
      ) : (
        <ul className="space-y-2">
          {campaigns.map((campaign) => (
            <li
              key={campaign.id}
              aria-label={`${outreachKindLabels[campaign.kind as OutreachKind]}, ${formatShortMoment(campaign.createdAt, timeZone)}`}
              className="rounded-lg border border-slate-200 bg-white"
            >
              <CampaignSummary
                campaign={campaign}
                timeZone={timeZone}
                expandable={canReadMessages}
                expanded={opened === campaign.id}
                onToggle={() => onOpen(opened === campaign.id ? null : campaign.id)}
              />
              {canReadMessages && opened === campaign.id && (
                <CampaignMessages
                  practiceId={practiceId}
                  campaign={campaign}
                  timeZone={timeZone}
                  canSendOutbox={Boolean(providers.sms) || providers.email}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CampaignSummary({
  campaign,
  timeZone,
  expandable,
  expanded,
  onToggle,
}: {
  campaign: CampaignView;
  timeZone: string;
  expandable: boolean;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { counts } = campaign;
  const body = (
    <>
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {expandable &&
          (expanded ? (
            <ChevronDown aria-hidden className="size-4" />
          ) : (
            <ChevronRight aria-hidden className="size-4" />
          ))}
        <span className="font-semibold text-slate-900">
          {outreachKindLabels[campaign.kind as OutreachKind]}
        </span>
        <span className="rounded-full border border-slate-300 px-2 text-xs">
          {campaignStatusLabels[campaign.status]}
        </span>
        {campaign.automatic && (
          <span className="inline-flex items-center gap-1 rounded-full border border-sky-300 bg-sky-50 px-2 text-xs text-sky-900">
            <Bot aria-hidden className="size-3" /> Automatic reminder
          </span>
        )}
        {campaign.urgent && (
          <span className="rounded-full border border-red-300 bg-red-50 px-2 text-xs text-red-900">
            Urgent (through quiet hours)
          </span>
        )}
      </span>
      <span className="block text-sm text-slate-600">
        {counts.recipients} patient{counts.recipients === 1 ? "" : "s"}
        {campaign.date ? ` with appointments on ${formatDay(campaign.date)}` : ""} · by{" "}
        {campaign.createdByName}, {formatShortMoment(campaign.createdAt, timeZone)}
        {counts.skipped > 0 ? ` · ${counts.skipped} skipped` : ""}
      </span>
      <span
        className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-800"
        aria-live="polite"
      >
        {countWords
          .filter(([key]) => counts[key] > 0)
          .map(([key, words]) => (
            <span key={key}>
              <strong className="tabular-nums">{counts[key]}</strong> {words}
            </span>
          ))}
      </span>
    </>
  );
  return expandable ? (
    <button
      type="button"
      aria-expanded={expanded}
      onClick={onToggle}
      className="block w-full rounded-lg px-3 py-2 text-left hover:bg-slate-50"
    >
      {body}
    </button>
  ) : (
    <div className="px-3 py-2">{body}</div>
  );
}

/**
 * Each patient's message and its status. The messages (names and texts) are read once — an audited
 * read; while the campaign sends, only their statuses are read again every few seconds.
 */
function CampaignMessages({
  practiceId,
  campaign,
  timeZone,
  canSendOutbox,
}: {
  practiceId: string;
  campaign: CampaignView;
  timeZone: string;
  canSendOutbox: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const ref = { practiceId, campaignId: campaign.id };
  const messages = useQuery({
    ...trpc.outreach.messages.queryOptions(ref),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const statuses = useQuery({
    ...trpc.outreach.statuses.queryOptions(ref),
    enabled: messages.isSuccess,
    // Live while it sends, and for a few minutes after (delivery reports keep arriving).
    refetchInterval: (query) => {
      const read = query.state.data?.campaign;
      if (!read || read.status === "sending") return 3_000;
      const finished = read.finishedAt ? new Date(read.finishedAt).getTime() : 0;
      return Date.now() - finished < 5 * 60_000 ? 3_000 : false;
    },
  });
  const resume = useMutation(
    trpc.outreach.resumeCampaign.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `${result.requeued} message${result.requeued === 1 ? "" : "s"} queued again.`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.outreach.campaigns.pathKey() });
      },
      onError: (error) => toast.error(callProblem(error).message),
    }),
  );
  if (messages.isPending)
    return <p className="px-3 pb-3 text-sm text-slate-600">Loading the messages…</p>;
  if (messages.isError)
    return <p className="px-3 pb-3 text-sm text-red-700">{callProblem(messages.error).message}</p>;
  const live = new Map(statuses.data?.messages.map((message) => [message.id, message]));
  const rows: MessageView[] = messages.data.messages.map((message) => ({
    ...message,
    ...(live.get(message.id) ?? {}),
  }));
  const outbox = rows.filter((message) => message.status === "outbox");
  const resumable = campaign.counts.stopped > 0 || (canSendOutbox && campaign.counts.outbox > 0);
  return (
    <div className="space-y-3 border-t border-slate-200 px-3 py-3">
      {messages.data.campaign.urgentReason && (
        <p className="text-sm text-slate-700">
          Urgent because: {messages.data.campaign.urgentReason}
        </p>
      )}
      {resumable && (
        <Button
          variant="secondary"
          disabled={!hydrated || resume.isPending}
          onClick={() => resume.mutate(ref)}
        >
          <RotateCw aria-hidden className="size-4" />
          Send the {campaign.counts.stopped > 0 ? "stopped" : ""}
          {campaign.counts.stopped > 0 && canSendOutbox && campaign.counts.outbox > 0
            ? " and "
            : ""}
          {canSendOutbox && campaign.counts.outbox > 0 ? "outbox" : ""} messages now
        </Button>
      )}
      {outbox.length > 0 && (
        <section
          aria-label="Outbox"
          className="space-y-2 rounded-md border border-violet-300 bg-violet-50 p-3"
        >
          <h3 className="flex items-center gap-2 text-sm font-semibold text-violet-950">
            <Inbox aria-hidden className="size-4" /> Outbox: {outbox.length} not sent, no provider
            configured
          </h3>
          <p className="text-sm text-violet-950">
            These were never sent. Call the patients, or send them from here once an admin sets up
            the number for patient messages.
          </p>
        </section>
      )}
      <ul
        className="divide-y divide-slate-200 rounded-md border border-slate-200"
        aria-label="Each patient"
      >
        {rows.map((message) => (
          <li
            key={message.id}
            aria-label={`${formatClock(message.startsAt, timeZone)} ${message.firstName}`}
            className="space-y-1 px-3 py-2 text-sm"
          >
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="tabular-nums font-medium">
                {formatClock(message.startsAt, timeZone)}
              </span>
              <span className="font-medium text-slate-900">{message.firstName}</span>
              <span className="inline-flex items-center gap-1 text-slate-600">
                {message.channel === "sms" ? (
                  <MessageSquareText aria-hidden className="size-4" />
                ) : (
                  <Mail aria-hidden className="size-4" />
                )}
                {message.to}
              </span>
              <StatusChip status={message.status} />
              {message.status === "held" && (
                <span className="text-slate-600">
                  until {formatShortMoment(message.sendAfter, timeZone)}
                </span>
              )}
              {message.deliveredAt && (
                <span className="text-slate-600">
                  at {formatClock(message.deliveredAt, timeZone)}
                </span>
              )}
            </p>
            {message.error && <p className="text-slate-700">{message.error}</p>}
            <details open={message.status === "outbox"}>
              <summary className="cursor-pointer text-slate-600">The text</summary>
              {message.subject && <p className="text-slate-700">Subject: {message.subject}</p>}
              <p className="whitespace-pre-wrap text-slate-700">{message.body}</p>
            </details>
            {/* The demo's path without a provider: the patient's answer, typed in for them. */}
            {message.status === "outbox" && message.channel === "sms" && (
              <SimulateReply
                practiceId={practiceId}
                messageId={message.id}
                patientName={message.firstName}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StatusChip({ status }: { status: MessageStatus }) {
  return (
    <span className={`rounded-full border px-2 text-xs font-medium ${statusTones[status]}`}>
      {messageStatusLabels[status]}
    </span>
  );
}
