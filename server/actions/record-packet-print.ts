"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/rsc";

export type RecordPrintOutcome =
  { ok: true } | { ok: false; code: TRPCError["code"] | "UNREACHABLE"; message: string };

/**
 * Records that a version of the packet was printed, for the print page (which loads no tRPC
 * client). It calls plans.recordPacketPrint in-process: the procedure checks the session, the
 * permission, the practice's scope and the input, as over HTTP.
 */
export async function recordPacketPrintAction(input: {
  practiceId: string;
  versionNumber: number;
}): Promise<RecordPrintOutcome> {
  try {
    const caller = await serverCaller();
    await caller.plans.recordPacketPrint({ ...input, format: "print" });
    return { ok: true };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: "UNREACHABLE", message: "Standby could not record it just now" };
  }
}
