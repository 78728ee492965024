import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyCount } from "./client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For entirely when no proxy is trusted: the client writes it; the socket's peer is the client", () => {
    expect(clientAddress("203.0.113.9", 0)).toBeNull();
    expect(clientAddress("127.0.0.1", 0)).toBeNull();
    expect(clientAddress(undefined, 0)).toBeNull();
    expect(clientAddress("203.0.113.9", 0, "198.51.100.4")).toBe("198.51.100.4");
    expect(clientAddress(undefined, 0, "")).toBeNull();
  });

  it("behind trusted proxies, reads X-Forwarded-For, not the peer (the nearest proxy)", () => {
    expect(clientAddress("203.0.113.9", 1, "10.0.0.2")).toBe("203.0.113.9");
    expect(clientAddress(undefined, 1, "10.0.0.2")).toBeNull();
  });

  it("takes the entry the n-th trusted proxy appended, not what the client put before it", () => {
    expect(clientAddress("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientAddress(" , ", 1)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
  });

  it("reads SWITCHBOARD_TRUSTED_PROXIES as a small whole number, else 0", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("2")).toBe(2);
    for (const bad of ["-1", "1.5", "yes", "9999"]) expect(trustedProxyCount(bad)).toBe(0);
  });
});
