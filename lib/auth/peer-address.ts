import http from "node:http";

/**
 * The header in which the server itself hands the app each request's TCP peer address. `next start`
 * gives route handlers no socket, so the server stamps it before Next sees the request, replacing
 * whatever a client sent under that name.
 */
export const PEER_HEADER = "x-switchboard-peer";

const stamped = Symbol.for("switchboard.peerAddressStamped");

/** Makes every HTTP server of this process stamp PEER_HEADER on each request (once per process). */
export function stampPeerAddresses(): void {
  const proto = http.Server.prototype as http.Server & { [stamped]?: true };
  if (proto[stamped]) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  proto[stamped] = true;
}
