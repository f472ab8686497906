import { TRPCError } from "@trpc/server";
import { ArrowLeft, FileDown, FileWarning } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { PacketDocument } from "@/components/packet/packet-document";
import { PrintButton } from "@/components/packet/print-button";
import { KeepOnDevice } from "@/components/offline/keep-on-device";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { getCurrentUser } from "@/server/session";
import { localDate } from "@/server/domain/local-date";
import { mayWorkPatientData, worksPatientData } from "@/server/domain/patient-data-access";
import { nextDate } from "@/public/offline-rules.js";

type Props = { params: Promise<{ practiceId: string }> };

/**
 * The packet of the latest published plan; when nothing is published yet, the practice's name so
 * the page can say so. A practice outside the caller's reach is the not-found page.
 */
async function loadPacket(practiceId: string) {
  const packetQuery = () =>
    getQueryClient().fetchQuery(trpc.plans.packet.queryOptions({ practiceId }, { retry: false }));
  try {
    return { packet: await packetQuery() };
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code !== "NOT_FOUND")
      return orNotFound(Promise.reject(error));
  }
  // NOT_FOUND means another tenant's or an unknown practice, or no published version: tell them apart.
  const plan = await orNotFound(
    getQueryClient().fetchQuery(trpc.plans.get.queryOptions({ practiceId }, { retry: false })),
  );
  if (plan.published) return { packet: await orNotFound(packetQuery()) }; // published in between
  return { packet: null, practiceName: plan.practice.name };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { practiceId } = await params;
  try {
    const loaded = await loadPacket(practiceId);
    // The title is what a browser suggests as the file name of "Save as PDF".
    return {
      title: loaded.packet
        ? `Downtime packet - ${loaded.packet.practice.name} - version ${loaded.packet.version.number}`
        : "Downtime packet",
    };
  } catch {
    return { title: "Downtime packet" };
  }
}

export default async function PacketPage({ params }: Props) {
  const { practiceId } = await params;
  const user = await getCurrentUser();
  if (!user)
    redirect(
      `/sign-in?reason=expired&callbackUrl=${encodeURIComponent(`/print/practices/${practiceId}/packet`)}`,
    );
  const loaded = await loadPacket(practiceId);
  const planHref = `/practices/${practiceId}/plan`;

  if (!loaded.packet) {
    return (
      <main className="print-sheet text-center">
        <FileWarning aria-hidden className="mx-auto size-8 text-slate-500" />
        <h1 className="mt-2 text-xl font-semibold">No published plan yet</h1>
        <p className="mx-auto mt-2 max-w-md text-slate-700">
          The downtime plan of {loaded.practiceName} has not been published, so there is no packet
          to print. Publish the plan first: the packet always shows the latest published version.
        </p>
        <ButtonLink href={planHref} className="mt-5">
          Go to the plan
        </ButtonLink>
      </main>
    );
  }

  const { packet } = loaded;
  return (
    <>
      <nav aria-label="Packet" className="print-toolbar no-print">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={planHref}
            className="inline-flex min-h-10 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            <ArrowLeft aria-hidden className="size-4" /> Back to the plan
          </Link>
          <div className="ml-auto flex flex-wrap gap-2">
            <PrintButton practiceId={packet.practice.id} versionNumber={packet.version.number} />
            {/* A plain link: the file downloads without client JavaScript. */}
            <a
              href={`/print/practices/${packet.practice.id}/packet.pdf`}
              className={buttonClass("secondary")}
            >
              <FileDown aria-hidden className="size-4" /> Download PDF
            </a>
          </div>
        </div>
        <p className="mt-2 px-2 text-sm text-slate-600">
          Printing or downloading records that version {packet.version.number} went into the
          front-desk binder, so Standby can flag the binder when a newer version is published.
        </p>
        <KeepOnDevice
          practiceId={packet.practice.id}
          practiceName={packet.practice.name}
          versionNumber={packet.version.number}
          // Only those who work the schedule copy routinely (an admin reads it on an emergency
          // grant only, which a device must not keep).
          scheduleTomorrow={
            worksPatientData(user.role) && mayWorkPatientData(user, new Date())
              ? nextDate(localDate(new Date(), packet.practice.timezone))
              : null
          }
        />
        <noscript>
          <p className="mt-1 px-2 text-sm text-slate-600">
            To print without the Print button, use your browser&apos;s Print command (Ctrl+P or ⌘P).
          </p>
        </noscript>
      </nav>
      <main className="print-sheet">
        <PacketDocument packet={packet} printedAt={new Date()} printedByName={user.name} />
      </main>
    </>
  );
}
