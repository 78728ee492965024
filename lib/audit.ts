import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema";

export interface Actor {
  /** null for the system (seed, background jobs without a user) and API tokens. */
  id: number | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export function userActor(user: { id: number; name: string; email: string }): Actor {
  return { id: user.id, label: `${user.name} <${user.email}>` };
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Records one write. Call it inside the write's own transaction so both land or neither does. Returns the entry's id. */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditInput): Promise<number> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

/**
 * Completes the `after` of an entry recorded before the work it describes was done (an export is
 * recorded before its first byte is sent, and told its row count when it ends).
 */
export async function completeAudit(exec: Executor, id: number, after: unknown): Promise<void> {
  await exec.update(auditLog).set({ after }).where(eq(auditLog.id, id));
}
