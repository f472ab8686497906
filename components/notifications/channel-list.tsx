"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { BellOff, KeyRound, Pencil, Play, Send, X } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { channelKindLabels, notificationEvents } from "@/server/contracts/notifications";
import { ChannelForm, SecretOnce } from "./channel-form";
import type { ChannelView } from "./types";

type TestOutcome = { result: string; httpStatus: number | null; latencyMs: number; detail: string };

function describeTarget(channel: ChannelView): string {
  const settings = channel.settings as Record<string, unknown>;
  const recipients = Array.isArray(settings.recipients) ? (settings.recipients as string[]) : [];
  switch (channel.kind) {
    case "email": {
      const server = settings.smtp as { host: string; port: number } | undefined;
      return `${recipients.join(", ")} · ${server ? `via ${server.host}:${server.port}` : "via Standby's mail server"}`;
    }
    case "sms":
      return [
        recipients.join(", "),
        settings.patientOutreach === true
          ? `patient messages from ${String(settings.from ?? "")}`
          : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "webhook":
      return String(settings.url ?? "");
    default:
      return `${String(settings.host ?? "")} · address saved ${channel.secretHint ?? ""}`;
  }
}

/** The MSP's channels, each with Send test (the answer shown in place), edit, pause state and remove. */
export function ChannelList({
  practices,
  appUrl,
}: {
  practices: { id: string; name: string }[];
  /** The public address, for an SMS channel's inbound texts address (patient outreach's replies). */
  appUrl: string;
}) {
  const trpc = useTRPC();
  const { data: channels } = useSuspenseQuery(trpc.notifications.channels.queryOptions());
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [newSecret, setNewSecret] = useState<string | null>(null);

  return (
    <section
      aria-labelledby="channels-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="channels-heading" className="text-base font-semibold">
          Channels
        </h2>
        {!adding && <Button onClick={() => setAdding(true)}>Add a channel</Button>}
      </div>
      {newSecret && (
        <div className="mb-4">
          <SecretOnce secret={newSecret} onClose={() => setNewSecret(null)} />
        </div>
      )}
      {adding && (
        <div className="mb-5 rounded-md border border-slate-200 p-4">
          <div className="mb-3 flex items-center justify-between">
            <h3 className="font-medium">New channel</h3>
            <Button variant="secondary" onClick={() => setAdding(false)}>
              <X aria-hidden className="size-4" /> Close
            </Button>
          </div>
          <ChannelForm
            channel={null}
            practices={practices}
            onSaved={({ webhookSecret }) => {
              setAdding(false);
              setNewSecret(webhookSecret);
              router.refresh();
            }}
          />
        </div>
      )}
      {channels.length === 0 ? (
        <EmptyState icon={BellOff} title="No channels yet">
          Until you add one, every message goes to the outbox below, marked not sent, so you can see
          what Standby would have said.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {channels.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} practices={practices} appUrl={appUrl} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ChannelRow({
  channel,
  practices,
  appUrl,
}: {
  channel: ChannelView;
  practices: { id: string; name: string }[];
  appUrl: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.notifications.channels.queryKey() });
    router.refresh(); // the delivery log below is rendered on the server
  };
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const sendTest = useMutation(trpc.notifications.sendTest.mutationOptions());
  const remove = useMutation(trpc.notifications.removeChannel.mutationOptions());
  const resume = useMutation(trpc.notifications.resumeChannel.mutationOptions());
  const rotate = useMutation(trpc.notifications.rotateWebhookSecret.mutationOptions());
  const retire = useMutation(trpc.notifications.retirePreviousWebhookSecret.mutationOptions());
  const fail = (error: unknown) =>
    toast.error(error instanceof Error ? error.message : "That did not work. Try again.");

  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {channel.name}{" "}
            <span className="text-sm font-normal text-slate-600">
              · {channelKindLabels[channel.kind]} ·{" "}
              {channel.practiceName ? `${channel.practiceName} only` : "every practice"}
            </span>
          </p>
          <p className="break-all text-sm text-slate-600">{describeTarget(channel)}</p>
          {channel.kind === "sms" && (
            <p className="break-all text-sm text-slate-600">
              Patients&apos; replies: give the provider{" "}
              <code className="rounded bg-slate-100 px-1 text-slate-800">
                {`${appUrl}/api/outreach/sms/${channel.id}/inbound`}
              </code>{" "}
              as the number&apos;s incoming-message webhook (HTTP POST, signed).
            </p>
          )}
          <p className="text-xs text-slate-500">
            {channel.events.map((event) => notificationEvents[event]).join(" · ")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            disabled={sendTest.isPending}
            onClick={() =>
              sendTest.mutateAsync({ channelId: channel.id }).then((result) => {
                setOutcome(result);
                router.refresh();
              }, fail)
            }
          >
            <Send aria-hidden className="size-4" />
            {sendTest.isPending ? "Sending…" : "Send test"}
          </Button>
          <Button variant="secondary" onClick={() => setEditing((open) => !open)}>
            <Pencil aria-hidden className="size-4" /> {editing ? "Close" : "Edit"}
          </Button>
          {channel.kind === "webhook" && (
            <ConfirmButton
              variant="secondary"
              label={
                <>
                  <KeyRound aria-hidden className="size-4" /> New secret
                </>
              }
              title={`A new signing secret for “${channel.name}”?`}
              confirmLabel="Make a new secret"
              onConfirm={() =>
                rotate
                  .mutateAsync({ channelId: channel.id, version: channel.version })
                  .then((result) => {
                    setSecret(result.webhookSecret);
                    return refresh();
                  }, fail)
              }
            >
              Both the new and the current secret sign every message until you retire the current
              one, so the receiver can switch without missing any.
            </ConfirmButton>
          )}
          {channel.previousSecretSigns && (
            <ConfirmButton
              variant="secondary"
              label="Retire the previous secret"
              title={`Sign “${channel.name}” with the new secret only?`}
              confirmLabel="Retire it"
              onConfirm={() =>
                retire.mutateAsync({ channelId: channel.id, version: channel.version }).then(() => {
                  toast.success("The previous secret no longer signs");
                  return refresh();
                }, fail)
              }
            >
              Do this once the receiver checks with the new secret: messages signed only with the
              previous one would then be refused.
            </ConfirmButton>
          )}
          <ConfirmButton
            label={
              <>
                <X aria-hidden className="size-4" /> Remove
              </>
            }
            title={`Remove “${channel.name}”?`}
            confirmLabel="Remove channel"
            onConfirm={() =>
              remove.mutateAsync({ channelId: channel.id, version: channel.version }).then(() => {
                toast.success(`“${channel.name}” removed`);
                return refresh();
              }, fail)
            }
          >
            Nothing more is sent to it. Its deliveries stay in the log.
          </ConfirmButton>
        </div>
      </div>
      {channel.paused && (
        <div className="mt-2">
          <Alert tone="error">
            <span className="block">{channel.paused.reason}</span>
            <Button
              className="mt-2"
              variant="secondary"
              onClick={() =>
                resume.mutateAsync({ channelId: channel.id }).then(() => {
                  toast.success(`“${channel.name}” resumed`);
                  return refresh();
                }, fail)
              }
            >
              <Play aria-hidden className="size-4" /> Resume sending
            </Button>
          </Alert>
        </div>
      )}
      {outcome && (
        <div className="mt-2">
          <Alert tone={outcome.result === "failed" ? "error" : "success"}>
            {outcome.result === "delivered"
              ? "Delivered"
              : outcome.result === "accepted"
                ? "Accepted"
                : "Not delivered"}
            : {outcome.detail}
            {outcome.latencyMs > 0 && ` (${outcome.latencyMs} ms)`}
          </Alert>
        </div>
      )}
      {secret && (
        <div className="mt-2">
          <SecretOnce secret={secret} onClose={() => setSecret(null)} />
        </div>
      )}
      {editing && (
        <div className="mt-3 rounded-md border border-slate-200 p-4">
          <ChannelForm
            channel={channel}
            practices={practices}
            onSaved={() => {
              setEditing(false);
              router.refresh();
            }}
          />
        </div>
      )}
    </li>
  );
}
