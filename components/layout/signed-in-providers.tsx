"use client";

import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { TRPCReactProvider } from "@/components/trpc/client";
import { ConnectionBanner } from "@/components/ui/connection-banner";

/**
 * What the signed-in pages share in the browser: the tRPC client, the lost-connection banner and
 * the toasts. Sign-in, invitations and printed documents load none of it.
 */
export function SignedInProviders({ children }: { children: ReactNode }) {
  return (
    <>
      <TRPCReactProvider>
        {children}
        <ConnectionBanner />
      </TRPCReactProvider>
      <Toaster position="top-right" richColors closeButton />
    </>
  );
}
