"use client";

import { Flag, Phone, PhoneOff, Send, type LucideIcon } from "lucide-react";
import type { MouseEvent, ReactNode } from "react";
import Link from "@/components/ui/link";
import type { IncidentView } from "./types";
import { telHref } from "@/server/domain/phone-number";

/** Where the bar's "Post update" and "Change status" take the person (the forms' ids). */
export const postUpdateFormId = "post-update";
export const changeStatusFormId = "change-status";

const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * Brings a form's first control to the middle of the screen (clear of this bar and the keyboard)
 * and puts the cursor in it. Without scripts the link's #anchor does the scrolling.
 */
function bringUp(event: MouseEvent<HTMLAnchorElement>, formId: string, control: string) {
  const target = document.querySelector<HTMLElement>(`#${formId} ${control}`);
  if (!target) return;
  event.preventDefault();
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center", behavior: reducedMotion() ? "auto" : "smooth" });
}

const look = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  plain: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  missing: "border border-dashed border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100",
};

function Action({
  icon: Icon,
  label,
  detail,
  tone,
  children,
}: {
  icon: LucideIcon;
  label: string;
  detail?: string;
  tone: keyof typeof look;
  children: (props: { className: string; content: ReactNode }) => ReactNode;
}) {
  return (
    <li className="min-w-0">
      {children({
        className: `flex h-14 w-full min-w-0 flex-col items-center justify-center gap-0.5 rounded-md px-1 text-center text-xs leading-tight font-semibold ${look[tone]}`,
        content: (
          <>
            <Icon aria-hidden className="size-5 shrink-0" />
            <span className="max-w-full truncate">{label}</span>
            {detail && (
              <span className="max-w-full truncate text-[0.6875rem] font-medium tabular-nums opacity-90">
                {detail}
              </span>
            )}
          </>
        ),
      })}
    </li>
  );
}

/**
 * On a phone, the three things an outage needs most, always under the thumb: call the vendor the
 * outage waits on, post an update, change the status. Hidden from `sm` up, where the room's panels
 * show them in place. The page leaves room for it (the `--phone-action-bar` height, globals.css).
 */
export function PhoneActionBar({
  view,
  canPost,
  canChangeStatus,
}: {
  view: IncidentView;
  canPost: boolean;
  canChangeStatus: boolean;
}) {
  const vendor = view.vendorToCall;
  const vendorsPage = `/practices/${view.practice.id}/vendors`;
  const actions = 1 + (canPost ? 1 : 0) + (canChangeStatus ? 1 : 0);
  return (
    <nav
      aria-label="Outage actions"
      data-phone-action-bar
      className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] shadow-[0_-4px_12px_rgba(15,23,42,0.08)] backdrop-blur sm:hidden"
    >
      <ul
        className={`grid gap-1.5 px-2 py-1 ${actions === 3 ? "grid-cols-3" : actions === 2 ? "grid-cols-2" : "grid-cols-1"}`}
      >
        {vendor?.phone ? (
          <Action icon={Phone} label={`Call ${vendor.name}`} detail={vendor.phone} tone="primary">
            {({ className, content }) => (
              <a
                href={telHref(vendor.phone)}
                className={className}
                title={[
                  vendor.contactName,
                  vendor.accountNumber ? `account ${vendor.accountNumber}` : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              >
                {content}
                {vendor.accountNumber && (
                  <span className="sr-only">, account number {vendor.accountNumber}</span>
                )}
              </a>
            )}
          </Action>
        ) : (
          <Action
            icon={PhoneOff}
            label={vendor ? "Add number" : "Add vendor"}
            detail={vendor ? vendor.name : "None to call"}
            tone="missing"
          >
            {({ className, content }) => (
              <Link
                href={vendorsPage}
                className={className}
                aria-label={
                  vendor
                    ? `Add number: ${vendor.name} has no phone number yet. Add it on the Vendors page`
                    : "Add vendor: no vendor to call yet. Add the EHR vendor on the Vendors page"
                }
              >
                {content}
              </Link>
            )}
          </Action>
        )}
        {canPost && (
          <Action icon={Send} label="Post update" tone="plain">
            {({ className, content }) => (
              <a
                href={`#${postUpdateFormId}`}
                className={className}
                onClick={(event) => bringUp(event, postUpdateFormId, "textarea")}
              >
                {content}
              </a>
            )}
          </Action>
        )}
        {canChangeStatus && (
          <Action icon={Flag} label="Change status" tone="plain">
            {({ className, content }) => (
              <a
                href={`#${changeStatusFormId}`}
                className={className}
                onClick={(event) =>
                  bringUp(event, changeStatusFormId, 'input[type="radio"]:not(:disabled)')
                }
              >
                {content}
              </a>
            )}
          </Action>
        )}
      </ul>
    </nav>
  );
}
