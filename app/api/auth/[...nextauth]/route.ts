import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { sameOriginOnly } from "@/server/same-origin";

// next-auth has its own CSRF token; a cross-site POST is refused before it even gets there.
export const GET = handlers.GET;
export const POST = sameOriginOnly((request: Request) => handlers.POST(request as NextRequest));
