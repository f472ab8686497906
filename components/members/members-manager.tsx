"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Link2, LogOut, MailX, ShieldCheck, UserCog, UserMinus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { formatMoment } from "@/components/ui/format";
import { useViewerTimeZone } from "@/components/ui/viewer-time";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyableLink } from "@/components/ui/copyable-link";
import { Alert } from "@/components/ui/alert";
import { roleLabels } from "@/server/permissions";
import { ChangeAccessForm } from "./change-access-form";

export function MembersManager({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.members.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const report = (done: string) => ({
    onSuccess: () => {
      toast.success(done);
      void refresh();
    },
    onError: (error: { message: string }) => {
      toast.error(error.message);
    },
  });
  const changeAccess = useMutation(trpc.members.changeAccess.mutationOptions());
  const remove = useMutation(
    trpc.members.remove.mutationOptions(report("Member removed; their sessions have ended")),
  );
  const signOutEverywhere = useMutation(
    trpc.members.signOutEverywhere.mutationOptions(report("Signed out everywhere")),
  );
  const resetTwoFactor = useMutation(
    trpc.members.resetTwoFactor.mutationOptions(
      report("Two-factor reset; their sessions have ended"),
    ),
  );
  const [resetLink, setResetLink] = useState<{
    userId: string;
    url: string;
    expiresAt: Date;
  } | null>(null);
  const resetPassword = useMutation(
    trpc.members.resetPassword.mutationOptions({
      onSuccess: (made, { userId }) => {
        if (made.url) setResetLink({ userId, url: made.url, expiresAt: made.expiresAt });
        else toast.success(`A link to set a new password was emailed to ${made.emailedTo}`);
      },
      onError: (error) => {
        toast.error(error.message);
      },
    }),
  );
  const revokeInvitation = useMutation(
    trpc.members.revokeInvitation.mutationOptions(report("Invitation withdrawn")),
  );

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white">
        <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
          Members ({data.members.length})
        </h2>
        <ul className="divide-y divide-slate-100">
          {data.members.map((member) => (
            <li key={member.id} className="px-5 py-4" aria-label={member.name}>
              <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
                <div>
                  <p className="font-medium">
                    {member.name}{" "}
                    {member.id === currentUserId && (
                      <span className="text-xs font-normal text-slate-500">(you)</span>
                    )}
                  </p>
                  <p className="text-sm text-slate-600">{member.email}</p>
                  <p className="mt-1 text-sm">
                    <span className="font-medium">{roleLabels[member.role]}</span>
                    {member.practices.length > 0 && (
                      <span className="text-slate-600">
                        {" "}
                        · {member.practices.map((practice) => practice.name).join(", ")}
                      </span>
                    )}
                    {member.role === "leadership" && member.allPractices && (
                      <span className="text-slate-600"> · all practices</span>
                    )}
                    {member.role === "leadership" &&
                      !member.allPractices &&
                      member.practices.length === 0 && (
                        <span className="text-slate-600"> · no practices</span>
                      )}
                  </p>
                  {member.patientDataPending && (
                    <p className="text-xs text-amber-800">
                      Patient records from {formatMoment(member.patientDataAccessFrom, viewerZone)}{" "}
                      (the practice&apos;s managers can see this change)
                    </p>
                  )}
                  <p className="flex items-center gap-1 text-xs text-slate-500">
                    {member.twoFactor && (
                      <ShieldCheck aria-hidden className="size-3.5 text-emerald-700" />
                    )}
                    {member.twoFactor ? "Two-factor on" : "Two-factor off"}
                  </p>
                  <p className="text-xs text-slate-500">
                    {member.openSessions === 0
                      ? "Not signed in anywhere"
                      : `Signed in on ${member.openSessions} device${member.openSessions === 1 ? "" : "s"}`}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => setEditing(editing === member.id ? null : member.id)}
                    aria-expanded={editing === member.id}
                  >
                    <UserCog aria-hidden className="size-4" /> Change access
                  </Button>
                  <ConfirmButton
                    label={
                      <>
                        <LogOut aria-hidden className="size-4" /> Sign out everywhere
                      </>
                    }
                    title={`Sign ${member.name} out everywhere?`}
                    confirmLabel="Sign out everywhere"
                    disabled={signOutEverywhere.isPending}
                    onConfirm={() => signOutEverywhere.mutate({ userId: member.id })}
                  >
                    Every browser where {member.name} is signed in is signed out at once. They can
                    sign in again with their password.
                  </ConfirmButton>
                  {member.twoFactor && member.id !== currentUserId && (
                    <ConfirmButton
                      label={
                        <>
                          <KeyRound aria-hidden className="size-4" /> Reset two-factor
                        </>
                      }
                      title={`Reset two-factor for ${member.name}?`}
                      confirmLabel="Reset two-factor"
                      disabled={resetTwoFactor.isPending}
                      onConfirm={() => resetTwoFactor.mutate({ userId: member.id })}
                    >
                      For someone who lost their phone and their recovery codes. Their two-factor
                      and recovery codes are cleared and they are signed out everywhere; they sign
                      in with their password and set up two-factor again. Confirm who is asking
                      before you do this.
                    </ConfirmButton>
                  )}
                  {member.id !== currentUserId && (
                    <ConfirmButton
                      label={
                        <>
                          <Link2 aria-hidden className="size-4" /> Reset password
                        </>
                      }
                      title={`Make ${member.name} a link to set a new password?`}
                      confirmLabel="Make the link"
                      disabled={resetPassword.isPending}
                      onConfirm={() => resetPassword.mutate({ userId: member.id })}
                    >
                      For someone who forgot their password. With email set up, the link goes to{" "}
                      {member.email}; otherwise you copy it and pass it on. Their current password
                      works until they set a new one; then they are signed out everywhere. Confirm
                      who is asking before you do this.
                    </ConfirmButton>
                  )}
                  <ConfirmButton
                    label={
                      <>
                        <UserMinus aria-hidden className="size-4" /> Remove
                      </>
                    }
                    title={`Remove ${member.name}?`}
                    confirmLabel="Remove member"
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate({ userId: member.id })}
                  >
                    {member.name} loses access immediately and is signed out everywhere. Their past
                    actions stay in the audit log.
                  </ConfirmButton>
                </div>
              </div>
              {resetLink?.userId === member.id && (
                <div className="mt-3 space-y-2">
                  <Alert tone="success">
                    Reset link for {member.name} made. It works once, until{" "}
                    {resetLink.expiresAt.toLocaleString()}: copy it and give it to them yourself
                    (this Standby cannot send email).
                  </Alert>
                  <CopyableLink url={resetLink.url} label={`Reset link for ${member.name}`} />
                </div>
              )}
              {editing === member.id && (
                <div className="mt-3">
                  <ChangeAccessForm
                    member={member}
                    onCancel={() => setEditing(null)}
                    onSave={async (values) => {
                      try {
                        const changed = await changeAccess.mutateAsync(values);
                        const delayed =
                          changed.patientDataAccessFrom &&
                          changed.patientDataAccessFrom.getTime() > Date.now();
                        toast.success(
                          delayed
                            ? `${member.name}'s access changed. Patient records open to them from ${formatMoment(changed.patientDataAccessFrom!, viewerZone)}; the practice's managers see this on the practice page.`
                            : `${member.name}'s access changed`,
                        );
                        setEditing(null);
                        await refresh();
                        return null;
                      } catch (error) {
                        return error instanceof Error ? error.message : "Could not change access.";
                      }
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white">
        <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
          Pending invitations ({data.invitations.length})
        </h2>
        {data.invitations.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">
            No pending invitations. Invite a colleague above; they set their own password.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.invitations.map((invitation) => {
              const expired = invitation.expired;
              return (
                <li
                  key={invitation.id}
                  className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="text-sm">
                    <p className="font-medium">{invitation.email}</p>
                    <p className="text-slate-600">
                      {roleLabels[invitation.role]}
                      {invitation.allPractices ? " · all practices" : ""} ·{" "}
                      {expired ? (
                        <strong className="text-red-700">expired</strong>
                      ) : (
                        `expires ${formatMoment(invitation.expiresAt, viewerZone)}`
                      )}
                    </p>
                  </div>
                  <ConfirmButton
                    label={
                      <>
                        <MailX aria-hidden className="size-4" /> Withdraw
                      </>
                    }
                    title={`Withdraw the invitation for ${invitation.email}?`}
                    confirmLabel="Withdraw invitation"
                    onConfirm={() => revokeInvitation.mutate({ invitationId: invitation.id })}
                  >
                    The link stops working at once.
                  </ConfirmButton>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
