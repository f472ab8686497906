"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/rsc";
import type { RecordPrintOutcome } from "@/server/actions/record-packet-print";

/**
 * Records that the packet was kept on the member's device, for the print page (which loads no
 * tRPC client). It calls plans.recordDeviceCopy in-process: the procedure checks the session, the
 * permission, the practice's scope and the input, as over HTTP.
 */
export async function recordDeviceCopyAction(input: {
  practiceId: string;
  versionNumber: number;
}): Promise<RecordPrintOutcome> {
  try {
    const caller = await serverCaller();
    await caller.plans.recordDeviceCopy(input);
    return { ok: true };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: "UNREACHABLE", message: "Standby could not record it just now" };
  }
}
