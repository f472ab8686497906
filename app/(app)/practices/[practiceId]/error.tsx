"use client";

import { PageError } from "@/components/layout/page-error";

/** A practice page that failed: the error shows under the practice's tabs, so the other tabs stay a tap away. */
export default function PracticeError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <PageError {...props} inFrame />;
}
