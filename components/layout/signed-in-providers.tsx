"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { Toaster } from "sonner";
import { TRPCReactProvider } from "@/components/trpc/client";
import { ConnectionBanner } from "@/components/ui/connection-banner";

const wideScreen = "(min-width: 40rem)";
const subscribeToWidth = (onChange: () => void) => {
  const query = window.matchMedia(wideScreen);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/**
 * What the signed-in pages share in the browser: the tRPC client, the lost-connection banner and
 * the toasts. Sign-in, invitations and printed documents load none of it.
 */
export function SignedInProviders({ children }: { children: ReactNode }) {
  // On a phone the toasts come up from the bottom (above the incident room's action bar), clear of
  // the open-outage banner at the top; on a wider screen they stay at the top right.
  const wide = useSyncExternalStore(
    subscribeToWidth,
    () => window.matchMedia(wideScreen).matches,
    () => true,
  );
  return (
    <>
      <TRPCReactProvider>
        {children}
        <ConnectionBanner />
      </TRPCReactProvider>
      <Toaster
        position={wide ? "top-right" : "bottom-center"}
        offset={{ bottom: "calc(24px + var(--phone-action-bar, 0px))" }}
        mobileOffset={{ bottom: "calc(16px + var(--phone-action-bar, 0px))" }}
        richColors
        closeButton
      />
    </>
  );
}
