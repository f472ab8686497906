import { Building2, LifeBuoy, Mail, Phone, PhoneCall, UserRound } from "lucide-react";
import type { ReactNode } from "react";
import Link from "@/components/ui/link";
import { callMspSentence } from "@/server/contracts/support-line";
import type { WhoToCall as WhoToCallData } from "@/server/services/support-line";
import { telHref } from "@/server/domain/phone-number";

function CallLink({ phone, label }: { phone: string; label: string }) {
  return (
    <a
      href={telHref(phone)}
      aria-label={`Call ${label}: ${phone}`}
      className="mt-1 inline-flex min-h-10 items-center gap-2 rounded-md border border-brand-100 bg-brand-50 px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-100"
    >
      <Phone aria-hidden className="size-4" />
      {phone}
    </a>
  );
}

function Entry({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-3 py-3 first:pt-0 last:pb-0">
      <span className="mt-0.5 text-slate-500">{icon}</span>
      <div className="min-w-0 space-y-0.5 text-sm">
        <h3 className="font-medium text-slate-500">{title}</h3>
        {children}
      </div>
    </li>
  );
}

/**
 * "Who do I call?" on a practice's overview: the plan's outage owner, the MSP's help desk and level 1
 * of the EHR vendor's escalation ladder, each a tap to call; a line that says what to do where one is missing.
 */
export function WhoToCall({
  practiceId,
  who,
  canEditPlan,
  canEditSupportLine,
  canEditVendors,
}: {
  practiceId: string;
  who: WhoToCallData;
  canEditPlan: boolean;
  canEditSupportLine: boolean;
  canEditVendors: boolean;
}) {
  const { outageOwner, backupOwner, helpDesk, ehrVendor } = who;
  const callMsp = callMspSentence(helpDesk);
  return (
    <section
      aria-labelledby="who-to-call-heading"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="who-to-call-heading" className="mb-3 flex items-center gap-2 text-base font-semibold">
        <PhoneCall aria-hidden className="size-5 text-slate-600" />
        Who to call
      </h2>
      <ul className="grid gap-x-6 divide-y divide-slate-100 md:grid-cols-3 md:divide-y-0">
        <Entry icon={<UserRound aria-hidden className="size-5" />} title="Outage owner">
          {outageOwner ? (
            <>
              <p className="font-semibold text-slate-900">
                {outageOwner.name}
                {outageOwner.role && (
                  <span className="font-normal text-slate-600"> · {outageOwner.role}</span>
                )}
              </p>
              {outageOwner.phone ? (
                <CallLink
                  phone={outageOwner.phone}
                  label={`the outage owner, ${outageOwner.name}`}
                />
              ) : (
                <p className="text-slate-600">No phone number in the plan.</p>
              )}
              {backupOwner && (
                <p className="text-slate-600">
                  Backup: {backupOwner.name}
                  {backupOwner.phone && (
                    <>
                      {" "}
                      <a className="text-brand-700 underline" href={telHref(backupOwner.phone)}>
                        {backupOwner.phone}
                      </a>
                    </>
                  )}
                </p>
              )}
            </>
          ) : (
            <p className="text-slate-700">
              No outage owner named yet.{" "}
              {canEditPlan ? (
                <Link className="text-brand-700 underline" href={`/practices/${practiceId}/plan`}>
                  Name one in the plan
                </Link>
              ) : (
                callMsp
              )}
            </p>
          )}
        </Entry>
        <Entry icon={<LifeBuoy aria-hidden className="size-5" />} title="MSP help desk">
          {helpDesk.phone || helpDesk.email ? (
            <>
              <p className="font-semibold text-slate-900">{helpDesk.mspName}</p>
              {helpDesk.phone && (
                <CallLink phone={helpDesk.phone} label={`${helpDesk.mspName} help desk`} />
              )}
              {helpDesk.email && (
                <p className="flex items-center gap-1.5">
                  <Mail aria-hidden className="size-4 text-slate-400" />
                  <a
                    className="break-all text-brand-700 underline"
                    href={`mailto:${helpDesk.email}`}
                  >
                    {helpDesk.email}
                  </a>
                </p>
              )}
              {helpDesk.hours && <p className="text-slate-600">{helpDesk.hours}</p>}
            </>
          ) : canEditSupportLine ? (
            <p className="text-slate-700">
              No help desk number yet.{" "}
              <Link className="text-brand-700 underline" href="/members#support-line">
                Add your support line in settings
              </Link>
            </p>
          ) : (
            <p className="text-slate-700">
              {helpDesk.mspName} has not added a help desk number to Standby yet.
            </p>
          )}
        </Entry>
        <Entry icon={<Building2 aria-hidden className="size-5" />} title="EHR vendor, level 1">
          {ehrVendor ? (
            <>
              <p className="font-semibold text-slate-900">{ehrVendor.vendorName}</p>
              {ehrVendor.levelOne ? (
                <>
                  <p className="text-slate-700">
                    {ehrVendor.levelOne.name}
                    {ehrVendor.levelOne.role && ` · ${ehrVendor.levelOne.role}`}
                    {ehrVendor.levelOne.hours && ` · ${ehrVendor.levelOne.hours}`}
                  </p>
                  {ehrVendor.levelOne.phone ? (
                    <CallLink
                      phone={ehrVendor.levelOne.phone}
                      label={`${ehrVendor.vendorName}, level 1`}
                    />
                  ) : (
                    <a
                      className="break-all text-brand-700 underline"
                      href={`mailto:${ehrVendor.levelOne.email}`}
                    >
                      {ehrVendor.levelOne.email}
                    </a>
                  )}
                </>
              ) : ehrVendor.supportPhone ? (
                <>
                  <p className="text-slate-700">
                    Support line{ehrVendor.supportHours && ` · ${ehrVendor.supportHours}`}
                  </p>
                  <CallLink
                    phone={ehrVendor.supportPhone}
                    label={`${ehrVendor.vendorName} support`}
                  />
                </>
              ) : (
                <p className="text-slate-700">No escalation contact recorded yet. {callMsp}</p>
              )}
            </>
          ) : (
            <p className="text-slate-700">
              No EHR vendor linked to this practice yet.{" "}
              {canEditVendors ? (
                <Link
                  className="text-brand-700 underline"
                  href={`/practices/${practiceId}/vendors`}
                >
                  Add the EHR vendor
                </Link>
              ) : (
                callMsp
              )}
            </p>
          )}
        </Entry>
      </ul>
    </section>
  );
}
