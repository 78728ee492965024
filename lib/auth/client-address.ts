/**
 * The client's address for sign-in rate limiting.
 *
 * `next start` gives route handlers no socket address: Next only fills in `X-Forwarded-For` with it
 * when the client sent none, and keeps whatever the client sent otherwise, so the header alone cannot
 * be told apart from a forgery. Without trusted proxies the address is therefore unknown (null) and
 * sign-in is limited per e-mail and for all addresses together. With SWITCHBOARD_TRUSTED_PROXIES=n,
 * the n proxies in front of the app each appended the address they were called from, so the client
 * is the n-th entry from the right; anything left of it may be forged.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  if (trustedProxies < 1 || !forwardedFor) return null;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  if (hops.length === 0) return null;
  // Fewer hops than proxies: the request did not come through all of them; take the furthest one.
  return hops[Math.max(hops.length - trustedProxies, 0)] ?? null;
}

/** SWITCHBOARD_TRUSTED_PROXIES: how many reverse proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyCount(value = process.env.SWITCHBOARD_TRUSTED_PROXIES): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}
