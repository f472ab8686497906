import "server-only";
import { TRPCError } from "@trpc/server";
import { buildPacketPdf } from "@/server/documents/packet-pdf";
import { packetFileName } from "@/server/documents/packet-format";
import { createCaller } from "@/server/routers/_app";
import type { SessionUser } from "@/server/services/auth";

type Caller = ReturnType<typeof createCaller>;

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });

const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : null);

/**
 * The latest published packet and a record that it was downloaded, naming the version the file
 * shows. Should a newer version be published between reading and recording, the record is
 * refused (CONFLICT) and the newer one is read again, so the record and the file agree.
 */
async function packetToDownload(caller: Caller, practiceId: string) {
  for (let attempt = 0; ; attempt += 1) {
    const packet = await caller.plans.packet({ practiceId });
    try {
      await caller.plans.recordPacketPrint({
        practiceId,
        format: "pdf",
        versionNumber: packet.version.number,
      });
      return packet;
    } catch (error) {
      if (codeOf(error) !== "CONFLICT" || attempt >= 2) throw error;
    }
  }
}

/**
 * The downtime packet PDF for a signed-in person, as the route answers it: the file, or the same
 * refusal the API gives (403 with its message, e.g. two-factor enrolment still to do; 404 for a
 * practice that is not theirs; 409 when nothing is published). `signIn` is where an ended session goes.
 */
export async function packetPdfResponse({
  user,
  practiceId,
  appUrl,
  signIn,
}: {
  user: SessionUser;
  practiceId: string;
  appUrl: string;
  signIn: string;
}): Promise<Response> {
  const caller = createCaller({ user, appUrl });
  let packet: Awaited<ReturnType<typeof packetToDownload>>;
  try {
    packet = await packetToDownload(caller, practiceId);
  } catch (error) {
    const code = codeOf(error);
    if (code === "UNAUTHORIZED")
      return new Response(null, {
        status: 303,
        headers: { Location: signIn, "Cache-Control": "no-store" },
      });
    // Refusals carry a message for people (the API's own words), never an empty 500.
    if (code === "FORBIDDEN") return text(403, (error as TRPCError).message);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") {
      // Another tenant's, an unknown or a malformed practice id is not found; a practice of the
      // caller's may just have nothing published yet.
      const plan = await caller.plans.get({ practiceId }).catch(() => null);
      if (!plan) return text(404, "Not found.");
      if (!plan.published)
        return text(
          409,
          `The downtime plan of ${plan.practice.name} has not been published yet, so there is no packet to download. Publish the plan first.`,
        );
    }
    throw error;
  }

  const pdf = await buildPacketPdf(packet, { printedAt: new Date(), printedByName: user.name });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${packetFileName(packet.practice.name, packet.version.number)}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
