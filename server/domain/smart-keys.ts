import { randomUUID } from "node:crypto";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
} from "jose";

/**
 * Standby's keys for SMART Backend Services: Standby proves who it is to a practice's EHR with a
 * JWT it signs (the client assertion); the EHR checks it against the public keys Standby publishes
 * at a JWKS address the vendor registered. Rotating a key means publishing old and new together
 * until the old one is retired, so every public key carries its own `kid` (the RFC 7638 thumbprint).
 * Pure apart from randomness: storing and sealing the private key is the caller's job.
 */

/** The signing algorithms SMART Backend Services requires servers to support. */
export const smartSigningAlgorithms = ["ES384", "RS384"] as const;
export type SmartSigningAlgorithm = (typeof smartSigningAlgorithms)[number];

export type SmartPublicJwk = JWK & { kid: string; alg: SmartSigningAlgorithm; use: "sig" };
export type SmartPrivateJwk = JWK & { kid: string; alg: SmartSigningAlgorithm };

export type SmartKeyPair = {
  kid: string;
  alg: SmartSigningAlgorithm;
  /** Safe to publish (in the JWKS). */
  publicJwk: SmartPublicJwk;
  /** Secret: seal it before storing. */
  privateJwk: SmartPrivateJwk;
};

/** What signs an assertion: the private JWK (or its JSON text, as stored after opening the seal). */
export type SmartSigningKey = {
  privateJwk: JWK | string;
  kid: string;
  alg: SmartSigningAlgorithm;
};

/**
 * How long an assertion is valid. SMART allows at most five minutes; four leave room for an EHR
 * whose clock runs a little behind Standby's, which would otherwise see more than five.
 */
export const ASSERTION_LIFETIME_SECONDS = 240;

export const isSmartSigningAlgorithm = (value: unknown): value is SmartSigningAlgorithm =>
  smartSigningAlgorithms.includes(value as SmartSigningAlgorithm);

/** A new key pair for one practice connection (ES384 unless the EHR only takes RS384). */
export async function generateSmartKeyPair(
  alg: SmartSigningAlgorithm = "ES384",
): Promise<SmartKeyPair> {
  if (!isSmartSigningAlgorithm(alg))
    throw new Error(`Standby signs with ES384 or RS384, not ${String(alg)}.`);
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicPart = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicPart, "sha256");
  return {
    kid,
    alg,
    publicJwk: { ...publicJwkMembers(publicPart), kid, alg, use: "sig" },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
  };
}

/** The members of a public key (RFC 7517/7518): whatever else a JWK carries is never published. */
const publicMembers = ["kty", "crv", "x", "y", "n", "e"] as const;

function publicJwkMembers(jwk: JWK): JWK {
  const picked: JWK = {};
  for (const member of publicMembers) if (jwk[member] !== undefined) picked[member] = jwk[member];
  return picked;
}

/**
 * The JWKS document Standby publishes: each key once (by kid), with only its public members, so a
 * private key handed in by mistake is not published.
 */
export function jwksDocument(publicJwks: readonly SmartPublicJwk[]): { keys: SmartPublicJwk[] } {
  const byKid = new Map<string, SmartPublicJwk>();
  for (const jwk of publicJwks) {
    if (!jwk.kid || !isSmartSigningAlgorithm(jwk.alg))
      throw new Error("Every published key needs a kid and the algorithm ES384 or RS384.");
    if (!byKid.has(jwk.kid))
      byKid.set(jwk.kid, { ...publicJwkMembers(jwk), kid: jwk.kid, alg: jwk.alg, use: "sig" });
  }
  return { keys: [...byKid.values()] };
}

/**
 * A SMART Backend Services client assertion: iss = sub = the client id the EHR registered, aud =
 * the token endpoint, a random jti the EHR can refuse a replay of, and a short life.
 */
export async function signClientAssertion({
  clientId,
  tokenUrl,
  signingKey,
  now = new Date(),
  jti = randomUUID(),
}: {
  clientId: string;
  tokenUrl: string;
  signingKey: SmartSigningKey;
  now?: Date;
  jti?: string;
}): Promise<string> {
  const { alg, kid } = signingKey;
  if (!isSmartSigningAlgorithm(alg))
    throw new Error(`Standby signs with ES384 or RS384, not ${String(alg)}.`);
  if (!kid) throw new Error("The signing key has no kid: the EHR could not tell which key to use.");
  const jwk: JWK =
    typeof signingKey.privateJwk === "string"
      ? (JSON.parse(signingKey.privateJwk) as JWK)
      : signingKey.privateJwk;
  if (!jwk.d) throw new Error("The signing key is a public key: a private key is needed to sign.");
  const key = await importJWK(jwk, alg);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ jti })
    .setProtectedHeader({ alg, kid, typ: "JWT" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(key);
}
