import Link from "@/components/ui/link";

/**
 * The 404 page inside the signed-in frame, whose layout already provides the one `main` landmark
 * (app/not-found.tsx, with its own `main`, is for addresses outside the frame).
 */
export default function SignedInNotFound() {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/portfolio" className="mt-6 inline-block text-brand-700 underline">
        Back to Standby
      </Link>
    </div>
  );
}
