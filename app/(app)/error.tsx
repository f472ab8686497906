"use client";

import { PageError } from "@/components/layout/page-error";

/** A page of the signed-in frame that failed: the error shows inside the frame (navigation and header stay). */
export default function SignedInError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <PageError {...props} inFrame />;
}
