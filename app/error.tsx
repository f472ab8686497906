"use client";

import { PageError } from "@/components/layout/page-error";

export default function ErrorPage(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <PageError {...props} inFrame={false} />;
}
