import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers a request: a status, or "hang" (never answers, so the sender times out). */
export type Answer = number | "hang";

/**
 * A webhook receiver on 127.0.0.1 for tests (integration and e2e): records what it gets and
 * answers as `answer` says for each request in turn. It can be closed and reopened on the same port,
 * as a receiver that restarts.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (n: number, request: Received) => Answer = () => 200;
  private server: Server | null = null;
  private hanging = new Set<() => void>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async open(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        this.received.push(request);
        const answer = this.answer(this.received.length, request);
        if (answer === "hang") {
          const release = () => res.destroy();
          this.hanging.add(release);
          res.on("close", () => this.hanging.delete(release));
          return;
        }
        res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening (the port refuses connections until `open` again). */
  async close(): Promise<void> {
    for (const release of this.hanging) release();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
