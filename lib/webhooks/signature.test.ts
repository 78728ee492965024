import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./signature";

const secret = "whsec_test";
const body = JSON.stringify({ id: "e1", type: "contact.created", occurred_at: "2026-01-01T00:00:00.000Z", data: { contact_id: "C-1" } });

describe("webhook signatures", () => {
  it("signs t.body with HMAC-SHA256 in the documented format", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhook(secret, body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies a good signature", () => {
    const header = signWebhook(secret, body, 1700000000);
    expect(verifyWebhookSignature({ secret, body, header, now: 1700000060 })).toBe(true);
  });

  it("refuses a tampered body, another secret, an old timestamp or a malformed header", () => {
    const header = signWebhook(secret, body, 1700000000);
    expect(verifyWebhookSignature({ secret, body: body.replace("C-1", "C-2"), header, now: 1700000000 })).toBe(false);
    expect(verifyWebhookSignature({ secret: "whsec_other", body, header, now: 1700000000 })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header, now: 1700000000 + 301 })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header: header.replace("t=1700000000", "t=1700000001"), now: 1700000000 })).toBe(false);
    for (const bad of [null, "", "t=1700000000", "v1=abc", "t=x,v1=00"]) {
      expect(verifyWebhookSignature({ secret, body, header: bad, now: 1700000000 })).toBe(false);
    }
  });
});
