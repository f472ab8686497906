import { pushResponse } from "@/server/services/monitors/push";

export const dynamic = "force-dynamic";

/**
 * A heartbeat monitor's push address: the clinic's server or a scheduled task calls it (GET or POST)
 * at the monitor's interval. The token in the address is the only credential; an unknown one
 * answers 404 and changes nothing.
 */
type Params = { params: Promise<{ token: string }> };

export async function GET(_request: Request, { params }: Params) {
  return pushResponse((await params).token);
}

export async function POST(_request: Request, { params }: Params) {
  return pushResponse((await params).token);
}
