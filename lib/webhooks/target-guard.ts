import dns, { type LookupAddress, type LookupAllOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Webhooks go to the internet, not into the network the app runs in: an admin's URL must not reach
 * the cloud's metadata service, the database or another internal service (server-side request
 * forgery). An address in a private, loopback, link-local, shared, multicast or reserved range is
 * refused — checked on the address actually connected to, after DNS, so a name that resolves (or
 * re-resolves) inside is refused too. `SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS=allow` lifts it, for a
 * receiver on the same machine or network (the tests' own receivers on 127.0.0.1).
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) PRIVATE.addSubnet(network, prefix, "ipv6");

export function privateTargetsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS === "allow";
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(address);
  return family === 0 || PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Why a URL's host cannot be a webhook's, judged without DNS (an address or `localhost`), or null. */
export function privateHostProblem(url: URL): string | null {
  if (privateTargetsAllowed()) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (/^localhost\.?$/i.test(host) || /\.localhost\.?$/i.test(host)) return "A webhook cannot go to this machine (localhost): use a public address.";
  if (isIP(host) && isPrivateAddress(host)) return `A webhook cannot go to ${host}, an internal address: use a public address.`;
  return null;
}

/** `dns.lookup` for http.request that refuses a name resolving to an internal address. */
export function guardedLookup(hostname: string, options: LookupAllOptions | object, callback: (...args: never[]) => void): void {
  const done = callback as unknown as (error: Error | null, address?: string | LookupAddress[], family?: number) => void;
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return done(error);
    const inside = privateTargetsAllowed() ? undefined : addresses.find((a) => isPrivateAddress(a.address));
    if (inside) return done(new Error(`${hostname} resolves to ${inside.address}, an internal address: webhooks go to public addresses only.`));
    if ((options as LookupAllOptions).all) return done(null, addresses);
    return done(null, addresses[0]!.address, addresses[0]!.family);
  });
}
