import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, test } from "vitest";
import {
  ASSERTION_LIFETIME_SECONDS,
  generateSmartKeyPair,
  jwksDocument,
  signClientAssertion,
  type SmartSigningAlgorithm,
} from "./smart-keys";

const tokenUrl = "https://ehr.example/oauth2/token";
const now = new Date("2026-12-07T14:05:00Z");

describe("Standby's signing keys", () => {
  test.each<SmartSigningAlgorithm>(["ES384", "RS384"])(
    "a %s key pair: the public JWK carries its thumbprint as kid, alg and use, and no private member",
    async (alg) => {
      const pair = await generateSmartKeyPair(alg);
      expect(pair.alg).toBe(alg);
      expect(pair.publicJwk).toMatchObject({ kid: pair.kid, alg, use: "sig" });
      expect(pair.kid).toBe(await calculateJwkThumbprint(pair.publicJwk, "sha256"));
      for (const member of ["d", "p", "q", "dp", "dq", "qi"])
        expect(pair.publicJwk).not.toHaveProperty(member);
      expect(pair.privateJwk.d).toBeTypeOf("string");
      expect(pair.privateJwk.kid).toBe(pair.kid);
    },
  );

  test("ES384 is the default; two pairs never share a kid", async () => {
    const [first, second] = await Promise.all([generateSmartKeyPair(), generateSmartKeyPair()]);
    expect(first.alg).toBe("ES384");
    expect(first.publicJwk.crv).toBe("P-384");
    expect(first.kid).not.toBe(second.kid);
  });

  test("an algorithm other than ES384 or RS384 is refused", async () => {
    await expect(generateSmartKeyPair("HS256" as SmartSigningAlgorithm)).rejects.toThrow(
      "ES384 or RS384",
    );
  });
});

describe("the published JWKS", () => {
  test("lists each key once, with only its public members, even when handed a private key", async () => {
    const [old, fresh] = await Promise.all([
      generateSmartKeyPair("RS384"),
      generateSmartKeyPair("ES384"),
    ]);
    const document = jwksDocument([
      old.publicJwk,
      fresh.publicJwk,
      old.publicJwk,
      { ...fresh.privateJwk, use: "sig" },
    ]);
    expect(document.keys.map((key) => key.kid)).toEqual([old.kid, fresh.kid]);
    expect(JSON.stringify(document)).not.toContain(fresh.privateJwk.d);
    expect(JSON.stringify(document)).not.toContain(old.privateJwk.d);
    expect(document.keys[0]).toEqual(old.publicJwk);
  });

  test("a key without kid or with another algorithm is refused", async () => {
    const pair = await generateSmartKeyPair();
    expect(() => jwksDocument([{ ...pair.publicJwk, kid: "" }])).toThrow("kid");
    expect(() =>
      jwksDocument([{ ...pair.publicJwk, alg: "ES256" as SmartSigningAlgorithm }]),
    ).toThrow("ES384 or RS384");
  });
});

describe("the client assertion", () => {
  test.each<SmartSigningAlgorithm>(["ES384", "RS384"])(
    "%s: verifies against the JWKS with iss = sub = client id, aud = token URL, jti, and a life of at most five minutes",
    async (alg) => {
      const pair = await generateSmartKeyPair(alg);
      const assertion = await signClientAssertion({
        clientId: "standby-lakeside",
        tokenUrl,
        signingKey: { privateJwk: pair.privateJwk, kid: pair.kid, alg },
        now,
      });
      expect(decodeProtectedHeader(assertion)).toEqual({ alg, kid: pair.kid, typ: "JWT" });
      const { payload } = await jwtVerify(
        assertion,
        createLocalJWKSet(jwksDocument([pair.publicJwk])),
        { currentDate: now, algorithms: [alg] },
      );
      expect(payload).toMatchObject({
        iss: "standby-lakeside",
        sub: "standby-lakeside",
        aud: tokenUrl,
        iat: now.getTime() / 1000,
        exp: now.getTime() / 1000 + ASSERTION_LIFETIME_SECONDS,
      });
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  test("every assertion has its own jti; the private key may be given as its stored JSON text", async () => {
    const pair = await generateSmartKeyPair();
    const signingKey = {
      privateJwk: JSON.stringify(pair.privateJwk),
      kid: pair.kid,
      alg: pair.alg,
    };
    const jtis = await Promise.all(
      [1, 2, 3].map(async () => {
        const assertion = await signClientAssertion({ clientId: "c", tokenUrl, signingKey, now });
        const { payload } = await jwtVerify(
          assertion,
          createLocalJWKSet(jwksDocument([pair.publicJwk])),
          { currentDate: now },
        );
        return payload.jti;
      }),
    );
    expect(new Set(jtis).size).toBe(3);
  });

  test("a public key, a missing kid, or an algorithm the key is not for cannot sign", async () => {
    const pair = await generateSmartKeyPair("ES384");
    await expect(
      signClientAssertion({
        clientId: "c",
        tokenUrl,
        signingKey: { privateJwk: pair.publicJwk, kid: pair.kid, alg: "ES384" },
      }),
    ).rejects.toThrow("public key");
    await expect(
      signClientAssertion({
        clientId: "c",
        tokenUrl,
        signingKey: { privateJwk: pair.privateJwk, kid: "", alg: "ES384" },
      }),
    ).rejects.toThrow("kid");
    await expect(
      signClientAssertion({
        clientId: "c",
        tokenUrl,
        signingKey: { privateJwk: pair.privateJwk, kid: pair.kid, alg: "RS384" },
      }),
    ).rejects.toThrow();
  });
});
