"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  BadgeCheck,
  ExternalLink,
  FileCheck,
  FileX,
  FileSpreadsheet,
  Mail,
  Pencil,
  Phone,
  Plus,
  Store,
  Unlink,
} from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { CallMsp } from "@/components/layout/call-msp";
import { AddVendorDialog } from "./add-vendor-dialog";
import { CsvExportButton } from "./csv-export";
import { CsvImport } from "./csv-import";
import { EditLinkDialog } from "./edit-link-dialog";
import { vendorCategoryLabel, type PracticeVendorLink } from "./types";
import { formatDayOf } from "@/components/ui/format";
import { VerificationBadge } from "./verification-badge";
import { telHref } from "@/server/domain/phone-number";

/** A practice's vendors: support details, the practice's account, the escalation ladder and when it was last verified. */
export function PracticeVendors({
  practiceId,
  practiceName,
  timeZone,
  canWrite,
}: {
  practiceId: string;
  practiceName: string;
  timeZone: string;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data: links } = useSuspenseQuery(trpc.vendors.forPractice.queryOptions({ practiceId }));
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const editingLink = links.find((link) => link.linkId === editing) ?? null;

  const counts = { current: 0, overdue: 0, never: 0 };
  for (const link of links) counts[link.verification.status]++;

  const toolbar = (
    <div className="flex flex-wrap gap-2">
      {canWrite && (
        <>
          <Button disabled={!hydrated} onClick={() => setAdding(true)}>
            <Plus aria-hidden className="size-4" /> Add vendor
          </Button>
          <Button
            variant="secondary"
            disabled={!hydrated}
            aria-expanded={importing}
            onClick={() => setImporting((value) => !value)}
          >
            <FileSpreadsheet aria-hidden className="size-4" /> Import CSV
          </Button>
        </>
      )}
      {links.length > 0 && <CsvExportButton practiceId={practiceId} />}
    </div>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        {links.length > 0 ? (
          <p className="text-sm text-slate-600">
            <strong className="text-slate-900">{links.length}</strong> vendor
            {links.length === 1 ? "" : "s"} ·{" "}
            <strong className="text-slate-900">{counts.current}</strong> verified in the last 90
            days
            {counts.overdue > 0 && (
              <>
                {" "}
                · <strong className="text-amber-900">{counts.overdue}</strong> not verified in 90
                days
              </>
            )}
            {counts.never > 0 && (
              <>
                {" "}
                · <strong className="text-red-800">{counts.never}</strong> never verified
              </>
            )}
          </p>
        ) : (
          <span />
        )}
        {toolbar}
      </div>

      {importing && canWrite && (
        <CsvImport practiceId={practiceId} onClose={() => setImporting(false)} />
      )}

      {links.length === 0 ? (
        <EmptyState icon={Store} title="No vendors yet — add the EHR vendor first">
          {canWrite
            ? "Add the vendors this practice calls when something breaks (EHR, internet, phones, billing…) with the practice's account number and who to call, or import them from a CSV file."
            : "An MSP technician adds the practice's vendors and who to call; they will appear here."}
          {!canWrite && <CallMsp className="mt-3 text-slate-800" />}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {links.map((link) => (
            <li key={link.linkId}>
              <VendorCard
                practiceId={practiceId}
                practiceName={practiceName}
                link={link}
                timeZone={timeZone}
                canWrite={canWrite}
                hydrated={hydrated}
                onEdit={() => setEditing(link.linkId)}
              />
            </li>
          ))}
        </ul>
      )}

      {canWrite && (
        <>
          <AddVendorDialog
            practiceId={practiceId}
            practiceName={practiceName}
            linkedVendorIds={links.map((link) => link.vendorId)}
            open={adding}
            onClose={() => setAdding(false)}
          />
          <EditLinkDialog
            practiceId={practiceId}
            link={editingLink}
            onClose={() => setEditing(null)}
          />
        </>
      )}
    </div>
  );
}

function VendorCard({
  practiceId,
  practiceName,
  link,
  timeZone,
  canWrite,
  hydrated,
  onEdit,
}: {
  practiceId: string;
  practiceName: string;
  link: PracticeVendorLink;
  timeZone: string;
  canWrite: boolean;
  hydrated: boolean;
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.vendors.forPractice.queryKey({ practiceId }) });
  const verify = useMutation(
    trpc.vendors.markVerified.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(`Contacts for ${link.name} marked verified`);
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not mark it verified. Try again.").message);
      },
    }),
  );
  const unlink = useMutation(
    trpc.vendors.unlink.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          refresh(),
          queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() }),
        ]);
        toast.success(`${link.name} removed from ${practiceName}`);
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not remove it. Try again.").message);
      },
    }),
  );
  const headingId = `vendor-${link.linkId}`;

  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:px-5 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              {link.name}
            </h2>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {vendorCategoryLabel(link.category)}
            </span>
            <VerificationBadge verification={link.verification} />
          </div>
          <p className="mt-1 text-xs text-slate-600">
            {link.lastVerifiedAt ? (
              <>
                Last verified {formatDayOf(link.lastVerifiedAt, timeZone)}
                {link.lastVerifiedByName ? ` by ${link.lastVerifiedByName}` : ""}
              </>
            ) : (
              "Never verified: call the numbers below, check they still reach the right people, then mark it verified."
            )}
          </p>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Button
              variant={link.verification.status === "current" ? "secondary" : "primary"}
              disabled={!hydrated || verify.isPending}
              onClick={() => verify.mutate({ practiceId, linkId: link.linkId })}
            >
              <BadgeCheck aria-hidden className="size-4" />{" "}
              {verify.isPending ? "Saving…" : "Mark verified"}
              <span className="sr-only"> {link.name}</span>
            </Button>
            <Button variant="secondary" disabled={!hydrated} onClick={onEdit}>
              <Pencil aria-hidden className="size-4" /> Edit contacts
              <span className="sr-only"> for {link.name}</span>
            </Button>
            <ConfirmButton
              label={
                <>
                  <Unlink aria-hidden className="size-4" /> Remove
                  <span className="sr-only"> {link.name}</span>
                </>
              }
              title={`Remove ${link.name} from ${practiceName}?`}
              confirmLabel="Remove vendor"
              disabled={!hydrated || unlink.isPending}
              onConfirm={() => unlink.mutate({ practiceId, linkId: link.linkId })}
            >
              The practice&apos;s account number, notes and escalation ladder with {link.name} are
              deleted. {link.name} stays in your vendor catalog.
            </ConfirmButton>
          </div>
        )}
      </header>
      <div className="grid gap-4 px-4 py-3 sm:px-5 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Support phone</dt>
          <dd>
            {link.supportPhone ? (
              <a
                className="inline-flex items-center gap-1 font-medium text-brand-700 underline"
                href={telHref(link.supportPhone)}
              >
                <Phone aria-hidden className="size-3.5" /> {link.supportPhone}
              </a>
            ) : (
              <span className="text-slate-500">Not recorded</span>
            )}
          </dd>
          <dt className="text-slate-500">Portal</dt>
          <dd className="min-w-0">
            {link.portalUrl ? (
              <a
                className="inline-flex max-w-full items-center gap-1 text-brand-700 underline"
                href={link.portalUrl}
                target="_blank"
                rel="noopener noreferrer"
              >
                <span className="truncate">{link.portalUrl.replace(/^https?:\/\//, "")}</span>
                <ExternalLink aria-hidden className="size-3.5 shrink-0" />
                <span className="sr-only">(opens in a new tab)</span>
              </a>
            ) : (
              <span className="text-slate-500">Not recorded</span>
            )}
          </dd>
          <dt className="text-slate-500">Hours</dt>
          <dd>{link.supportHours || <span className="text-slate-500">Not recorded</span>}</dd>
          <dt className="text-slate-500">BAA on file</dt>
          <dd>
            {link.baaOnFile ? (
              <span className="inline-flex items-center gap-1 text-emerald-800">
                <FileCheck aria-hidden className="size-4" /> Yes
              </span>
            ) : (
              <span className="inline-flex items-center gap-1 font-medium text-amber-900">
                <FileX aria-hidden className="size-4" /> No
              </span>
            )}
          </dd>
          <dt className="text-slate-500">Account number</dt>
          <dd className="font-mono text-[13px]">
            {link.accountNumber || <span className="font-sans text-slate-500">Not recorded</span>}
          </dd>
          {link.contractNotes && (
            <>
              <dt className="text-slate-500">Contract / SLA</dt>
              <dd className="whitespace-pre-line">{link.contractNotes}</dd>
            </>
          )}
          {link.notes && (
            <>
              <dt className="text-slate-500">Notes</dt>
              <dd className="whitespace-pre-line">{link.notes}</dd>
            </>
          )}
        </dl>
        <div>
          <h3 className="mb-1.5 text-sm font-semibold">Escalation ladder</h3>
          {link.ladder.length === 0 ? (
            <p className="text-sm text-slate-600">
              No contacts yet.{canWrite ? " Use Edit contacts to add who to call, in order." : ""}
            </p>
          ) : (
            <ol aria-label={`Escalation ladder for ${link.name}`} className="space-y-1.5">
              {link.ladder.map((level, index) => (
                <li
                  key={index}
                  className="flex gap-2 rounded-md border border-slate-200 px-2.5 py-1.5 text-sm"
                >
                  <span
                    className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-700 text-[11px] font-semibold text-white"
                    aria-hidden
                  >
                    {index + 1}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p>
                      <span className="sr-only">Level {index + 1}: </span>
                      <span className="font-medium">{level.name}</span>
                      {level.role && <span className="text-slate-600"> · {level.role}</span>}
                      {level.hours && <span className="text-slate-500"> · {level.hours}</span>}
                    </p>
                    <p className="flex flex-wrap gap-x-3 gap-y-0.5">
                      {level.phone && (
                        <a
                          className="inline-flex items-center gap-1 text-brand-700 underline"
                          href={telHref(level.phone)}
                        >
                          <Phone aria-hidden className="size-3.5" /> {level.phone}
                        </a>
                      )}
                      {level.email && (
                        <a
                          className="inline-flex min-w-0 items-center gap-1 break-all text-brand-700 underline"
                          href={`mailto:${level.email}`}
                        >
                          <Mail aria-hidden className="size-3.5 shrink-0" /> {level.email}
                        </a>
                      )}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </article>
  );
}
