"use client";

import { HardDriveDownload } from "lucide-react";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  forgetDevice,
  noteNewestVersion,
  offlineSupported,
  readIndex,
  registerWorker,
  removeSchedule,
  savePacket,
  saveSchedule,
} from "@/components/offline/device-copies";
import {
  isExpired,
  needsReplacing,
  savedStatus,
  scheduleStatus,
  type KeptCopy,
} from "@/public/offline-rules.js";
import { recordDeviceCopyAction } from "@/server/actions/record-device-copy";

type Problem = { message: string; newer: boolean };

/**
 * "Keep on this device": saves this packet (page and PDF) for the outage, says which version is
 * kept, replaces it when a newer version is published (on the next visit online), and forgets
 * everything kept here. The save is audited first: a newer version or an ended session saves nothing.
 */
export function KeepOnDevice({
  practiceId,
  practiceName,
  versionNumber,
  scheduleTomorrow,
}: {
  practiceId: string;
  practiceName: string;
  versionNumber: number;
  /** For those who may read the schedule copy: tomorrow's date in the practice's time zone. */
  scheduleTomorrow: string | null;
}) {
  const hydrated = useHydrated();
  const [copy, setCopy] = useState<KeptCopy | null>(null);
  const [schedule, setSchedule] = useState<KeptCopy | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [working, startWork] = useTransition();
  const supported = hydrated && offlineSupported();

  async function save(): Promise<void> {
    const outcome = await recordDeviceCopyAction({ practiceId, versionNumber }).catch(() => ({
      ok: false as const,
      code: "UNREACHABLE" as const,
      message: "Standby could not be reached",
    }));
    if (!outcome.ok) {
      if (outcome.code === "UNAUTHORIZED") {
        const back = `${window.location.pathname}${window.location.search}`;
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}&reason=expired`);
        return;
      }
      setProblem({
        message: `Nothing was saved: ${outcome.message}.`,
        newer: outcome.code === "CONFLICT",
      });
      return;
    }
    try {
      setCopy(await savePacket({ practiceId, practiceName, version: versionNumber }));
      if (scheduleTomorrow)
        setSchedule(await saveSchedule({ practiceId, practiceName, tomorrow: scheduleTomorrow }));
      setProblem(null);
    } catch (error) {
      setProblem({ message: `Nothing was saved: ${(error as Error).message}`, newer: false });
    }
  }

  useEffect(() => {
    if (!supported) return;
    let cancelled = false;
    void (async () => {
      const index = await readIndex();
      const kept = index.copies.find(
        (entry) => entry.practiceId === practiceId && entry.kind === "packet",
      );
      const keptSchedule = index.copies.find(
        (entry) => entry.practiceId === practiceId && entry.kind === "schedule",
      );
      // A schedule past its 48 hours is deleted now; the page says so.
      if (keptSchedule && isExpired(keptSchedule, new Date())) await removeSchedule(keptSchedule);
      if (cancelled) return;
      setSchedule(keptSchedule ?? null);
      setCopy(kept ?? null);
      setLoaded(true);
      if (!kept) return;
      // Keep the worker current (a device saved on before may run an older one).
      void registerWorker().catch(() => {});
      if (needsReplacing(kept, versionNumber)) {
        await noteNewestVersion(kept, versionNumber);
        setCopy({ ...kept, newestKnownVersion: versionNumber });
        startWork(save);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Once per page: the version shown does not change without a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [supported, practiceId, versionNumber]);

  if (!hydrated) return null;
  if (!supported)
    return (
      <p className="px-2 text-sm text-slate-600">
        This browser cannot keep a copy for offline use: print the packet instead.
      </p>
    );

  return (
    <section
      aria-label="Keep on this device"
      className="mt-2 flex flex-wrap items-center gap-2 px-2"
    >
      <Button variant="secondary" onClick={() => startWork(save)} disabled={working || !loaded}>
        <HardDriveDownload aria-hidden className="size-4" />
        {working ? "Saving…" : copy ? "Save again" : "Keep on this device"}
      </Button>
      {copy && (
        <ConfirmButton
          label="Forget this device"
          title="Forget this device?"
          confirmLabel="Forget"
          disabled={working}
          onConfirm={() =>
            startWork(async () => {
              await forgetDevice();
              setCopy(null);
              setSchedule(null);
            })
          }
        >
          Every copy Standby kept on this device (packets, schedules, entries waiting to send) is
          deleted from this browser.
        </ConfirmButton>
      )}
      <p role="status" className="text-sm text-slate-700">
        {savedStatus(copy)}
      </p>
      {schedule && (
        <p className="w-full text-sm text-slate-700">{scheduleStatus(schedule, new Date())}</p>
      )}
      {problem && (
        <p role="alert" className="w-full text-sm text-red-700">
          {problem.message}{" "}
          {problem.newer && (
            <button
              type="button"
              className="font-medium underline"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          )}
        </p>
      )}
    </section>
  );
}
