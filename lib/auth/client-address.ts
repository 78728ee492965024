/**
 * The client's address for sign-in rate limiting.
 *
 * Without trusted proxies it is the TCP peer, which the server stamps on each request
 * (peer-address.ts); `X-Forwarded-For` is the client's own writing then and is ignored (Next keeps a
 * client-sent one). With SWITCHBOARD_TRUSTED_PROXIES=n, the n proxies in front of the app each
 * appended the address they were called from, so the client is the n-th entry from the right;
 * anything left of it may be forged. Null when neither is known (a request that did not come
 * through the HTTP server, as in tests): sign-in is then limited per e-mail and for all such together.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number, peer?: string | null): string | null {
  if (trustedProxies < 1) return peer || null;
  if (!forwardedFor) return null;
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
