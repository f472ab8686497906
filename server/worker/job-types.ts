import "server-only";
import type { JobPayload } from "@/server/domain/job-payload";
import type { ServiceContext } from "@/server/services/context";

/**
 * A kind of job, as thin as a router: it reads its payload and calls services. Jobs may run more
 * than once (a worker that dies mid-job leaves it to be retried), so each must be safe to repeat.
 *
 * - "tenant" jobs name their MSP (`mspId` in the payload) and run in one transaction as the app role
 *   with that tenant set, exactly as a request does (withTenant): row-level security applies. Their
 *   role is "system": they read the MSP's records, but neither write practice data nor read
 *   patient data (the downtime log's policies admit technicians and practice managers only).
 * - "system" jobs are Standby's own bookkeeping across tenants; they too run as the app role and
 *   reach other rows only through SECURITY DEFINER functions made for them (standby_housekeeping()).
 */
export type JobDefinition =
  | {
      kind: "tenant";
      run: (ctx: ServiceContext, payload: JobPayload & { mspId: string }) => Promise<void>;
    }
  | { kind: "system"; run: (payload: JobPayload) => Promise<void> };

export type JobDefinitions = Readonly<Record<string, JobDefinition>>;
