import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** In a server component: a NOT_FOUND from a procedure becomes the 404 page; anything else is rethrown. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
