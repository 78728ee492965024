import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `Switchboard-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp is signed with the body so that a captured request cannot be replayed later
 * (receivers refuse an old `t`), the scheme Stripe made familiar.
 */
export const SIGNATURE_HEADER = "Switchboard-Signature";

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header's value for `body`, signed at `timestamp` (unix seconds, now by default). */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyInput {
  /** The endpoint's secret, as shown once when it was added. */
  secret: string;
  /** The request body exactly as received (the raw text, before any JSON parsing). */
  body: string;
  /** The Switchboard-Signature header. */
  header: string | null | undefined;
  /** How old a signature may be; 5 minutes by default. */
  toleranceSeconds?: number;
  /** Unix seconds; now by default. */
  now?: number;
}

/**
 * What a receiver runs on each request (README "Webhooks" shows it in use): true when the header
 * signs this body with this secret and is recent enough.
 */
export function verifyWebhookSignature({ secret, body, header, toleranceSeconds = 300, now = Math.floor(Date.now() / 1000) }: VerifyInput): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(",").map((part) => {
      const i = part.indexOf("=");
      return [part.slice(0, i).trim(), part.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(t) || Math.abs(now - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(hmac(secret, t, body), "hex"));
}
