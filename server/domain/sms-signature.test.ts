import { describe, expect, it } from "vitest";
import { smsRequestSignature, smsRequestSigned } from "./sms-signature";

describe("a provider's request signature", () => {
  const url = "https://standby.example/api/outreach/sms/abc/inbound";
  const params = { From: "+16085550100", Body: "C", MessageSid: "SM1", To: "+16085550001" };

  it("is the base64 HMAC-SHA1 of the address and the sorted parameters", () => {
    // Computed independently: echo -n "<url>BodyCFrom+16085550100MessageSidSM1To+16085550001" | openssl sha1 -hmac token -binary | base64
    expect(smsRequestSignature("token", url, params)).toBe("4ceA/S8t7mZkZOFKTCzIeXZJC6M=");
    expect(smsRequestSigned("token", url, params, smsRequestSignature("token", url, params))).toBe(
      true,
    );
  });

  it("refuses another token, another address, a changed or missing parameter, or no signature", () => {
    const signature = smsRequestSignature("token", url, params);
    expect(smsRequestSigned("other", url, params, signature)).toBe(false);
    expect(smsRequestSigned("token", `${url}?x=1`, params, signature)).toBe(false);
    expect(smsRequestSigned("token", url, { ...params, Body: "Y" }, signature)).toBe(false);
    const { Body: _body, ...withoutBody } = params;
    expect(smsRequestSigned("token", url, withoutBody, signature)).toBe(false);
    expect(smsRequestSigned("token", url, params, undefined)).toBe(false);
    expect(smsRequestSigned("token", url, params, "short")).toBe(false);
  });
});
