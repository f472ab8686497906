import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { trustProxyHops } from "@/server/app-url";
import { clientAddressFrom } from "@/server/domain/forwarded";
import { sessionCookieFor } from "@/server/domain/session-cookie";
import { sessionPolicyFromEnv } from "@/server/domain/session-rules";
import {
  deviceTokenFor,
  isKnownDevice,
  signInWithPassword,
  signOutSession,
  type SessionClaims,
} from "@/server/services/auth";
import { signInSchema } from "@/server/contracts/auth";
import { loggableError } from "@/server/domain/loggable-error";

declare module "next-auth" {
  interface User {
    sessionId?: string;
    mspId?: string;
  }
  interface Session {
    claims?: SessionClaims;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    uid?: string;
    msp?: string;
  }
}

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

/** The password was right; the account has two-factor on, so the form asks for the code. */
export class SecondFactorNeeded extends CredentialsSignin {
  code = "two-factor";
}

export class WrongSecondFactor extends CredentialsSignin {
  code = "bad-code";
}

export class TooManyAttempts extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `throttled-${minutes}`;
  }
}

/**
 * The client address for sign-in throttling: the socket's address, or — behind TRUST_PROXY_HOPS
 * trusted proxies — the one the outermost of them appended to X-Forwarded-For. Entries a client
 * wrote itself are never used (see server/domain/forwarded.ts and server/request-hook.ts).
 */
export function clientAddressOf(headers: Headers): string {
  return clientAddressFrom(headers, trustProxyHops());
}

const policy = sessionPolicyFromEnv();
const secureCookies = (process.env.AUTH_URL ?? "").startsWith("https://");
export const sessionCookieName = sessionCookieFor(process.env.AUTH_URL).name;
const deviceCookie = secureCookies ? "__Host-standby.device" : "standby.device";

/** Remembers, for the sign-in throttle, that this browser has signed in as this email (up to 5 emails). */
async function rememberDevice(email: string) {
  const jar = await cookies();
  const tokens = (jar.get(deviceCookie)?.value ?? "").split(".").filter(Boolean);
  const token = deviceTokenFor(email);
  const next = [token, ...tokens.filter((existing) => existing !== token)].slice(0, 5);
  jar.set(deviceCookie, next.join("."), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies,
    maxAge: 180 * 24 * 60 * 60,
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A wrong password is an everyday event, answered to the user; it is not a server error.
    error(error) {
      // instanceof, not the name: the production build minifies the subclasses' names.
      if (!(error instanceof CredentialsSignin)) console.error("[auth]", loggableError(error));
    },
  },
  session: { strategy: "jwt", maxAge: policy.absoluteMinutes * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  cookies: { sessionToken: sessionCookieFor(process.env.AUTH_URL) },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
      },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const deviceTokens = ((await cookies()).get(deviceCookie)?.value ?? "").split(".");
        const code =
          typeof credentials.code === "string" ? credentials.code.slice(0, 40) : undefined;
        const result = await signInWithPassword({
          ...parsed.data,
          code,
          clientAddress: clientAddressOf(request.headers),
          userAgent: request.headers.get("user-agent"),
          knownDevice: isKnownDevice(deviceTokens, parsed.data.email),
        });
        if (!result.ok) {
          if (result.reason === "throttled") throw new TooManyAttempts(result.minutes);
          if (result.reason === "two_factor_required") throw new SecondFactorNeeded();
          if (result.reason === "invalid_code") throw new WrongSecondFactor();
          throw new InvalidCredentials();
        }
        await rememberDevice(parsed.data.email);
        return { id: result.userId, sessionId: result.sessionId, mspId: result.mspId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sid = user.sessionId;
        token.uid = user.id;
        token.msp = user.mspId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sid && token.uid && token.msp)
        session.claims = { sessionId: token.sid, userId: token.uid, mspId: token.msp };
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.uid && token.msp)
        await signOutSession({ sessionId: token.sid, userId: token.uid, mspId: token.msp });
    },
  },
});
