import { and, eq, isNull, lte, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { disableFailingEndpoints } from "./endpoints";
import { webhookBody } from "./payload";
import { SIGNATURE_HEADER, signWebhook } from "./signature";

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
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "Switchboard-Webhooks/1", [SIGNATURE_HEADER]: signature },
      // A redirect is an answer, not a success: following it would send the signed body elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Only the status matters; the body is dropped so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, error: null, durationMs: durationMs() };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const message = timedOut ? `No answer within ${timeoutMs / 1000} s.` : `Could not connect: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`;
    return { statusCode: null, error: message.slice(0, 500), durationMs: durationMs() };
  }
}
