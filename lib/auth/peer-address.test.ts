import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER, stampPeerAddresses } from "./peer-address";

describe("stampPeerAddresses", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    stampPeerAddresses();
    stampPeerAddresses(); // a second call (a dev reload) must not stamp twice or wrap twice
    server = http.createServer((req, res) => res.end(JSON.stringify({ peer: req.headers[PEER_HEADER] })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("hands the handler the socket's address, replacing one the client sent under that name", async () => {
    const plain = await (await fetch(url)).json();
    expect(plain).toEqual({ peer: "127.0.0.1" });
    const forged = await (await fetch(url, { headers: { [PEER_HEADER]: "203.0.113.77", "x-forwarded-for": "203.0.113.77" } })).json();
    expect(forged).toEqual({ peer: "127.0.0.1" });
  });
});
