import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createContact } from "@/lib/contacts/create";
import { actorOf, makeUser, unique } from "@/lib/testing/factories";
import { attemptDelivery } from "./deliver";
import { createEndpointInput, createWebhookEndpoint } from "./endpoints";
import { isPrivateAddress } from "./target-guard";

/** Webhooks reach public addresses only, unless SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS=allow (the test project sets it). */
let receiver: Server;
let hits = 0;
beforeAll(async () => {
  receiver = createServer((_req, res) => {
    hits++;
    res.end("ok");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
afterEach(() => vi.unstubAllEnvs());

describe("where a webhook may go", () => {
  it("knows the internal ranges, IPv4, IPv6 and IPv4 inside IPv6", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("refuses an internal address or localhost when the endpoint is added, with a message for the field", () => {
    vi.stubEnv("SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS", "");
    for (const url of ["http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://localhost:3000/x", "https://10.0.0.5/x"]) {
      const parsed = createEndpointInput.safeParse({ url, events: ["contact.created"] });
      expect(parsed.success, url).toBe(false);
      expect(parsed.error!.issues[0]!.message, url).toMatch(/internal address|this machine/);
    }
    expect(createEndpointInput.safeParse({ url: "https://hooks.example.com/switchboard", events: ["contact.created"] }).success).toBe(true);
  });

  it("does not post to a receiver inside, even one added while it was allowed, and says why in the log", async () => {
    const admin = await makeUser("admin");
    const port = (receiver.address() as AddressInfo).port;
    const { endpoint } = await createWebhookEndpoint({ url: `http://127.0.0.1:${port}/${unique("guard")}`, events: ["contact.created"] }, admin.id, actorOf(admin));
    const byName = await createWebhookEndpoint({ url: `http://localhost:${port}/${unique("guard")}`, events: ["contact.created"] }, admin.id, actorOf(admin));
    try {
      await createContact({ firstName: "Guarded", email: `${unique("guard")}@example.test` }, actorOf(admin));
      vi.stubEnv("SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS", "");
      for (const id of [endpoint.id, byName.endpoint.id]) {
        const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
        await attemptDelivery(delivery!.id, { timeoutMs: 2000 });
        const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id));
        expect(after).toMatchObject({ lastStatusCode: null, attempts: 1 });
        expect(after!.lastError).toMatch(/internal address|this machine/);
      }
      expect(hits).toBe(0);

      vi.stubEnv("SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS", "allow");
      await createContact({ firstName: "Allowed", email: `${unique("guard")}@example.test` }, actorOf(admin));
      const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
      const fresh = deliveries.find((d) => d.attempts === 0)!;
      await attemptDelivery(fresh.id, { timeoutMs: 2000 });
      expect(hits).toBe(1);
    } finally {
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, byName.endpoint.id));
    }
  });
});
