import http from "node:http";
import https from "node:https";
import { and, eq, isNull, lte, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { disableFailingEndpoints } from "./endpoints";
import { webhookBody } from "./payload";
import { SIGNATURE_HEADER, signWebhook } from "./signature";
import { guardedLookup, privateHostProblem } from "./target-guard";

export interface DeliveryOptions {
  /** How long one attempt may take; 10 s by default (tests pass less). */
  timeoutMs?: number;
  /** The first retry's delay, doubled for each further one up to an hour; 30 s by default. */
  retryBaseMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_BASE_MS = 30_000;
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** The wait before the retry that follows attempt number `attempts` (1-based): 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attempts: number, baseMs = DEFAULT_RETRY_BASE_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export type AttemptOutcome = "skipped" | "succeeded" | "retrying" | "failed";

/**
 * One attempt of one delivery, safe to run twice: the attempt is claimed first by one UPDATE that
 * only a pending, due, unclaimed delivery of an enabled endpoint passes, so a second run of the
 * same queue job (or a second worker) finds nothing to do and returns "skipped".
 */
export async function attemptDelivery(deliveryId: number, options: DeliveryOptions = {}): Promise<AttemptOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lockedUntil: sql`now() + make_interval(secs => ${timeoutMs / 1000 + 30})` })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, sql`now()`),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, sql`now()`)),
        sql`exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${webhookDeliveries.endpointId} and ${webhookEndpoints.enabled})`,
      ),
    )
    .returning({ attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, endpointId: webhookDeliveries.endpointId });
  if (!claimed) return "skipped";

  const [target] = await db
    .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secret, event: webhookEvents })
    .from(webhookEvents)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, claimed.endpointId))
    .where(eq(webhookEvents.id, claimed.eventId));
  if (!target) return "skipped"; // deleted meanwhile: the cascade took the delivery too

  const body = webhookBody(target.event);
  const { statusCode, error, durationMs } = await post(target.url, body, signWebhook(target.secret, body), timeoutMs);
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const common = { lastStatusCode: statusCode, lastDurationMs: durationMs, lastError: error, lockedUntil: null, enqueuedAt: null };
  if (ok) {
    await db.transaction(async (tx) => {
      await tx.update(webhookDeliveries).set({ ...common, status: "succeeded", nextAttemptAt: null, deliveredAt: sql`now()` }).where(eq(webhookDeliveries.id, deliveryId));
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, claimed.endpointId));
    });
    return "succeeded";
  }
  const delaySeconds = retryDelayMs(claimed.attempts, options.retryBaseMs) / 1000;
  const next = sql`now() + make_interval(secs => ${delaySeconds})`;
  const [after] = await db.transaction(async (tx) => {
    await tx.update(webhookEndpoints).set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` }).where(eq(webhookEndpoints.id, claimed.endpointId));
    // Past its 24 hours the delivery gives up; the log keeps it, with Resend.
    return tx
      .update(webhookDeliveries)
      .set({
        ...common,
        status: sql`case when ${next} > ${webhookDeliveries.giveUpAt} then 'failed' else 'pending' end`,
        nextAttemptAt: sql`case when ${next} > ${webhookDeliveries.giveUpAt} then null else ${next} end`,
      })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning({ status: webhookDeliveries.status });
  });
  await disableFailingEndpoints(SYSTEM_ACTOR);
  return after?.status === "failed" ? "failed" : "retrying";
}

interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function post(url: string, body: string, signature: string, timeoutMs: number): Promise<PostResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const refused = privateHostProblem(target);
  if (refused) return { statusCode: null, error: refused, durationMs: durationMs() };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const statusCode = await new Promise<number>((resolve, reject) => {
      const request = (target.protocol === "https:" ? https : http).request(
        target,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Switchboard-Webhooks/1", [SIGNATURE_HEADER]: signature },
          // Every address the name resolves to is checked before connecting (./target-guard.ts).
          lookup: guardedLookup,
          signal,
        },
        (response) => {
          // Only the status matters (a redirect is an answer, never followed: it would send the signed body elsewhere); the body is dropped so the connection is freed.
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    return { statusCode, error: null, durationMs: durationMs() };
  } catch (error) {
    const message = signal.aborted ? `No answer within ${timeoutMs / 1000} s.` : `Could not connect: ${(error as Error).message}`;
    return { statusCode: null, error: message.slice(0, 500), durationMs: durationMs() };
  }
}
