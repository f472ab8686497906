/**
 * Calls a procedure the way the browser does (HTTP through the fetch adapter), so the error
 * formatter in server/trpc.ts runs and the test sees exactly what a user's browser receives.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { appRouter } from "@/server/routers/_app";
import type { SessionUser } from "@/server/services/auth";
import { APP_URL } from "./fixtures";

export type HttpErrorBody = {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    requestId?: string;
    fieldErrors?: Record<string, string[]>;
    stack?: unknown;
  };
};

export async function callOverHttp(
  user: SessionUser | null,
  path: string,
  input: unknown,
  type: "query" | "mutation",
) {
  const body = JSON.stringify(superjson.serialize(input));
  const url = `${APP_URL}/api/trpc/${path}${type === "query" ? `?input=${encodeURIComponent(body)}` : ""}`;
  const request = new Request(
    url,
    type === "mutation"
      ? { method: "POST", body, headers: { "content-type": "application/json" } }
      : undefined,
  );
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => ({ user, appUrl: APP_URL }),
  });
  const text = await response.text();
  const json = JSON.parse(text) as { result?: { data: unknown }; error?: { json: HttpErrorBody } };
  return { status: response.status, text, result: json.result, error: json.error?.json };
}
