import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { TRPCReactProvider } from "@/components/trpc/client";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Standby", template: "%s · Standby" },
  description: "Downtime readiness for the medical practices your MSP looks after.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <TRPCReactProvider>
          {children}
          <ConnectionBanner />
        </TRPCReactProvider>
        <Toaster position="top-right" richColors closeButton />
      </body>
    </html>
  );
}
