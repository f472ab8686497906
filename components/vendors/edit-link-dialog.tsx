"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { LinkFields } from "@/server/contracts/vendors";
import { LinkForm, type LinkSaveOutcome } from "./link-form";
import type { PracticeVendorLink } from "./types";

const fieldsOf = (link: PracticeVendorLink): LinkFields => ({
  accountNumber: link.accountNumber,
  notes: link.notes,
  ladder: link.ladder.map((level) => ({ ...level })),
});

/** Edits the practice's account, notes and escalation ladder with one vendor, saved with the version it was read at. */
export function EditLinkDialog({
  practiceId,
  link,
  onClose,
}: {
  practiceId: string;
  link: PracticeVendorLink | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={link !== null}
      size="lg"
      title={link ? `Contacts for ${link.name}` : "Contacts"}
      description="The practice's account number, notes and escalation ladder with this vendor."
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {link && (
        <LinkEditor
          key={link.linkId}
          practiceId={practiceId}
          link={link}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function LinkEditor({
  practiceId,
  link,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  link: PracticeVendorLink;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(link.version);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<LinkFields>();
  const update = useMutation(trpc.vendors.updateLink.mutationOptions());
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function save(values: LinkFields): Promise<LinkSaveOutcome> {
    setProblem(null);
    try {
      const result = await update.mutateAsync({
        ...values,
        practiceId,
        linkId: link.linkId,
        version,
      });
      setVersion(result.version);
      await queryClient.invalidateQueries({
        queryKey: trpc.vendors.forPractice.queryKey({ practiceId }),
      });
      toast.success(`Contacts for ${link.name} saved`);
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      setProblem(callProblem(error));
      return { saved: false };
    }
  }

  async function loadLatest() {
    const latest = await queryClient.fetchQuery({
      ...trpc.vendors.forPractice.queryOptions({ practiceId }),
      staleTime: 0,
    });
    const current = latest.find((item) => item.linkId === link.linkId);
    if (!current) {
      setProblem({
        message: `${link.name} has been removed from this practice by someone else.`,
        fieldErrors: {},
      });
      return;
    }
    setVersion(current.version);
    setResetTo(fieldsOf(current));
    setProblem(null);
  }

  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <LinkForm
        defaultValues={fieldsOf(link)}
        resetTo={resetTo}
        submitLabel="Save contacts"
        onSubmit={save}
        onDirtyChange={dirtyChange}
      />
    </div>
  );
}
