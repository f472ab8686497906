"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, ShieldAlert, TimerReset } from "lucide-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatCountdown } from "@/server/domain/emergency-access";
import {
  EMERGENCY_ACCESS_MINUTES,
  EMERGENCY_REASON_MIN_LENGTH,
  emergencyReasonSchema,
} from "@/server/contracts/emergency-access";
import { formatClock } from "@/components/ui/format";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { LogEntries, LogHeader } from "./downtime-log";
import { useRoom } from "./room-context";
import { RoomFormActions } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

const reasonForm = z.object({ reason: emergencyReasonSchema });

/**
 * The downtime documentation log as an MSP admin sees it: patient data the admin does not work day
 * to day. "Emergency access" opens it, read only, for EMERGENCY_ACCESS_MINUTES after the admin writes
 * why; the practice's manager sees who, when and why, and every read is in the audit log. When the
 * time is up the list disappears and the server (and the database) refuse to read it again.
 */
export function EmergencyDowntimeLog({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId } = useRoom();
  const mine = useQuery(trpc.emergencyAccess.mine.queryOptions({ practiceId }));
  const [asking, setAsking] = useState(false);
  const grant = mine.data ?? null;

  return (
    <section aria-labelledby="log-heading" className="space-y-3">
      <LogHeader
        view={view}
        action={
          !grant &&
          !mine.isPending && (
            <Button variant="danger" disabled={!hydrated} onClick={() => setAsking(true)}>
              <KeyRound aria-hidden className="size-4" /> Emergency access
            </Button>
          )
        }
      />
      {mine.isPending ? (
        <TableSkeleton rows={1} />
      ) : mine.isError ? (
        <Alert tone="error">Could not check your emergency access: {mine.error.message}</Alert>
      ) : grant ? (
        <LiveGrant grant={grant} />
      ) : (
        <p className="flex items-start gap-2 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-700">
          <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            Patient data: the practice&apos;s managers and the MSP&apos;s technicians work this log.
            As an MSP admin you can read it only through emergency access: write why, and it opens,
            read only, for {EMERGENCY_ACCESS_MINUTES} minutes. The practice&apos;s manager sees who
            opened it, when and why, and every read is in the audit log.
          </span>
        </p>
      )}
      <EmergencyAccessDialog open={asking} onClose={() => setAsking(false)} />
    </section>
  );
}

type Grant = { id: string; reason: string; expiresAt: Date; secondsLeft: number };

/** The countdown runs on this browser's clock from the seconds the server said were left. */
function useSecondsLeft(grant: Grant): number {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, grant.secondsLeft - Math.floor((now - startedAt) / 1000));
}

function LiveGrant({ grant }: { grant: Grant }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practiceId, incidentId, timeZone } = useRoom();
  const left = useSecondsLeft(grant);
  const expired = left <= 0;
  const log = useQuery({
    ...trpc.downtimeLog.emergencyList.queryOptions({ practiceId, incidentId }),
    enabled: !expired,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  useEffect(() => {
    if (!expired) return;
    // Time is up: forget the patient data on this page, and ask the server where things stand.
    queryClient.removeQueries({
      queryKey: trpc.downtimeLog.emergencyList.queryKey({ practiceId, incidentId }),
    });
    void queryClient.invalidateQueries({
      queryKey: trpc.emergencyAccess.mine.queryKey({ practiceId }),
    });
  }, [expired, queryClient, trpc, practiceId, incidentId]);

  if (expired)
    return (
      <Alert>
        Emergency access has ended. Request it again, with a reason, if you still need the log.
      </Alert>
    );
  return (
    <div className="space-y-3">
      <div
        role="status"
        className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
      >
        <TimerReset aria-hidden className="size-4 shrink-0" />
        <span className="font-semibold">
          Emergency access, read only, until {formatClock(grant.expiresAt, timeZone)}
        </span>
        <span aria-label="Time left" className="font-mono tabular-nums" role="timer">
          {formatCountdown(left)} left
        </span>
        <span className="basis-full break-words text-amber-900">Reason: {grant.reason}</span>
      </div>
      <LogEntries log={log} editable={false} />
    </div>
  );
}

function EmergencyAccessDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal
      open={open}
      title="Emergency access to the downtime log"
      description={`The log holds patient data. Write why you need it: it opens, read only, for ${EMERGENCY_ACCESS_MINUTES} minutes, the practice's manager sees who opened it, when and why, and every read is in the audit log.`}
      onClose={onClose}
    >
      {open && <EmergencyAccessForm onDone={onClose} />}
    </Modal>
  );
}

function EmergencyAccessForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practiceId, incidentId } = useRoom();
  const run = useRoomAction();
  const request = useMutation(trpc.emergencyAccess.request.mutationOptions());
  const { form, submit, problem } = useVersionedForm<z.infer<typeof reasonForm>>({
    schema: reasonForm,
    defaultValues: { reason: "" },
    warnBeforeLeaving: false,
    onSave: async ({ reason }) => {
      const outcome = await run(() => request.mutateAsync({ practiceId, incidentId, reason }), {
        success: `Emergency access for ${EMERGENCY_ACCESS_MINUTES} minutes`,
      });
      if (outcome.ok) {
        queryClient.setQueryData(trpc.emergencyAccess.mine.queryKey({ practiceId }), outcome.value);
        onDone();
        return { saved: true };
      }
      void queryClient.invalidateQueries({
        queryKey: trpc.emergencyAccess.mine.queryKey({ practiceId }),
      });
      return toSaveOutcome(outcome);
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <Field
        label="Why do you need the patient records?"
        hint={`At least ${EMERGENCY_REASON_MIN_LENGTH} characters: which record, and who asked.`}
        error={errors.reason?.message}
      >
        {(props) => <textarea {...props} {...form.register("reason")} rows={3} />}
      </Field>
      <RoomFormActions
        problem={problem}
        onCancel={onDone}
        submitting={isSubmitting}
        submitLabel={`Open the log for ${EMERGENCY_ACCESS_MINUTES} minutes`}
        submittingLabel="Opening…"
      />
    </form>
  );
}
