"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ComponentType } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { sectionTitles, type PlanContent, type SectionKey } from "@/server/contracts/plans";
import { sectionForms, type SectionFormProps } from "./sections";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";

/**
 * Saves one section with the version it was opened at. A newer save by someone else is a
 * conflict: the server's message says who and when, the form keeps what this person typed, and
 * "Load their version" replaces it only when they ask.
 */
export function SectionEditor({
  practiceId,
  section,
  content,
  version: openedAt,
  onSaved,
  onClose,
}: {
  practiceId: string;
  section: SectionKey;
  content: PlanContent[SectionKey];
  version: number;
  onSaved: (content: PlanContent[SectionKey], version: number) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(openedAt);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<PlanContent[SectionKey]>();
  const [loading, setLoading] = useState(false);
  const save = useMutation(trpc.plans.saveSection.mutationOptions());
  const container = useRef<HTMLDivElement>(null);
  const title = sectionTitles[section];

  // Opening the form puts the keyboard in its first field.
  useEffect(() => {
    container.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
  }, []);

  async function submit(values: PlanContent[SectionKey]): Promise<boolean> {
    setProblem(null);
    try {
      const result = await save.mutateAsync({ practiceId, section, version, content: values });
      toast.success(`${title} saved`, {
        description: `Plan completeness: ${result.completeness.score} / 100`,
      });
      onSaved(values, result.version);
      router.refresh();
      return true;
    } catch (error) {
      setProblem(callProblem(error));
      return false;
    }
  }

  async function loadTheirs() {
    setLoading(true);
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.plans.get.queryOptions({ practiceId }),
        staleTime: 0,
      });
      const theirs = latest.sections[section];
      setVersion(theirs.version);
      setResetTo(theirs.content);
      setProblem(null);
      toast.info(
        `Loaded the latest ${title.toLowerCase()}${theirs.updatedByName ? `, saved by ${theirs.updatedByName}` : ""}`,
      );
      router.refresh();
    } catch (error) {
      setProblem(callProblem(error, "Could not load the latest version. Try again."));
    } finally {
      setLoading(false);
    }
  }

  const Form = sectionForms[section] as ComponentType<SectionFormProps<SectionKey>>;
  const notice = problem && (
    <Alert tone="error">
      <p>{problem.message}</p>
      {problem.code === "CONFLICT" && (
        <Button variant="secondary" className="mt-2" onClick={loadTheirs} disabled={loading}>
          <RotateCcw aria-hidden className="size-4" />
          {loading ? "Loading…" : "Load their version"}
        </Button>
      )}
    </Alert>
  );

  return (
    <div ref={container}>
      <Form
        defaultValues={content}
        resetTo={resetTo}
        onSubmit={submit}
        onCancel={onClose}
        notice={notice}
      />
    </div>
  );
}
