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

/** Records one write. Call it inside the write's own transaction so both land or neither does. */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
