"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSquareReply } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useActionKey } from "@/components/ui/use-action-key";
import { simulateReplySchema } from "@/server/contracts/outreach-replies";
import { replyOutcome } from "./reply-outcome";

const quickReplies = [
  { text: "C", label: "C (cancel)" },
  { text: "Y", label: "Y (confirm)" },
  { text: "HELP", label: "HELP" },
  { text: "STOP", label: "STOP" },
] as const;

type Outcome = { words: string; answer: string | null };

/**
 * "Reply as patient" on a text left in the outbox (no SMS provider configured): whoever works the
 * practice's patient data types what the patient would text back, and Standby handles it exactly as a
 * reply from the provider (STOP, HELP, C, Y, or the replies inbox). Put it wherever outbox messages
 * are listed; it needs the message's id and its practice.
 */
export function SimulateReply({
  practiceId,
  messageId,
  patientName,
  label = "Reply as patient",
}: {
  practiceId: string;
  messageId: string;
  /** Who the message went to, for the dialog's title. */
  patientName?: string | null;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} className="min-h-9 px-2.5 py-1">
        <MessageSquareReply aria-hidden className="size-4" />
        {label}
      </Button>
      <Modal
        open={open}
        title={patientName ? `Reply as ${patientName}` : "Reply as the patient"}
        description="Reply as the patient (demo, no provider configured): this text is in the outbox, so no patient received it. Type what the patient would text back; Standby handles it exactly as a real reply."
        onClose={() => setOpen(false)}
      >
        {open && (
          <SimulateReplyForm
            practiceId={practiceId}
            messageId={messageId}
            onDone={() => setOpen(false)}
          />
        )}
      </Modal>
    </>
  );
}

function SimulateReplyForm({
  practiceId,
  messageId,
  onDone,
}: {
  practiceId: string;
  messageId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const simulate = useMutation(trpc.outreachReplies.simulateReply.mutationOptions());
  const action = useActionKey();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = simulateReplySchema.shape.text.safeParse(text);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Write the patient's reply.");
      return;
    }
    setError(null);
    try {
      const result = await simulate.mutateAsync({
        practiceId,
        messageId,
        text: checked.data,
        idempotencyKey: action.key,
      });
      action.renew();
      const words = replyOutcome(result.action, result.handled).words;
      setOutcome({ words, answer: result.answer });
      toast.success(`Reply taken in: ${words}`);
      await queryClient.invalidateQueries({ queryKey: trpc.outreachReplies.pathKey() });
    } catch (cause) {
      setError(callProblem(cause, "The reply could not be taken in. Try again.").message);
    }
  };

  if (outcome)
    return (
      <div className="space-y-4">
        <Alert tone="success">
          <p>Reply taken in. {outcome.words}.</p>
          {outcome.answer && <p className="mt-1">Standby answered: “{outcome.answer}”</p>}
        </Alert>
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setOutcome(null);
              setText("");
            }}
          >
            Reply again
          </Button>
          <Button onClick={onDone}>Done</Button>
        </div>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div role="group" aria-label="Common replies" className="flex flex-wrap gap-2">
        {quickReplies.map((quick) => (
          <Button
            key={quick.text}
            variant="secondary"
            aria-pressed={text === quick.text}
            onClick={() => setText(quick.text)}
            className="min-h-9 px-2.5 py-1"
          >
            {quick.label}
          </Button>
        ))}
      </div>
      <Field
        label="Patient's reply"
        hint="C cancels the appointment during an outage, Y confirms it, STOP opts out, HELP asks who is texting; anything else goes to the replies inbox."
        error={error ?? undefined}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={text}
            maxLength={480}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={simulate.isPending}>
          {simulate.isPending ? "Sending…" : "Send as the patient"}
        </Button>
      </div>
    </form>
  );
}
