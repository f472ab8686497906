"use client";

import { useMutation } from "@tanstack/react-query";
import { Archive, ArchiveRestore } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function PracticeArchiveButton({
  practiceId,
  name,
  version,
  archived,
}: {
  practiceId: string;
  name: string;
  version: number;
  archived: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const onDone = {
    onSuccess: () => {
      toast.success(archived ? `${name} restored` : `${name} archived`);
      router.refresh();
    },
    onError: (error: { message: string }) => {
      toast.error(error.message);
    },
  };
  const archive = useMutation(trpc.practices.archive.mutationOptions(onDone));
  const restore = useMutation(trpc.practices.restore.mutationOptions(onDone));
  const busy = archive.isPending || restore.isPending;

  return archived ? (
    <ConfirmButton
      variant="primary"
      label={
        <>
          <ArchiveRestore aria-hidden className="size-4" /> Restore
        </>
      }
      title={`Restore ${name}?`}
      confirmLabel="Restore practice"
      disabled={busy}
      onConfirm={() => restore.mutate({ practiceId, version })}
    >
      The practice returns to the portfolio.
    </ConfirmButton>
  ) : (
    <ConfirmButton
      label={
        <>
          <Archive aria-hidden className="size-4" /> Archive
        </>
      }
      title={`Archive ${name}?`}
      confirmLabel="Archive practice"
      disabled={busy}
      onConfirm={() => archive.mutate({ practiceId, version })}
    >
      The practice leaves the portfolio but nothing is deleted; you can restore it from “Show
      archived practices”.
    </ConfirmButton>
  );
}
