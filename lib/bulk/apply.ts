import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { idArray } from "@/db/id-array";
import type { Actor } from "@/lib/audit";
import { contactEventsTail } from "@/lib/webhooks/outbox";
import type { BulkChange } from "./schema";

export interface ChunkRange {
  jobId: string;
  /** Item ids (bulk_job_items.id) of the chunk, inclusive; only items not done yet are touched. */
  lo: number;
  hi: number;
  /**
   * Join the items to contacts, skipping contacts deleted since the confirmation. Tagging leaves
   * it out at first (the foreign key checks each contact anyway, and the join costs a fifth of the
   * statement); a chunk that meets a deleted contact fails on the key and is retried with it.
   */
  checkContacts?: boolean;
}

export interface ApplyContext {
  actor: Actor;
  /** For the assignment's timeline entry: the agent's name (null when clearing). */
  agentName?: string | null;
  /** For tag timeline entries: the names of the action's tags, by id. */
  tagNames?: ReadonlyMap<number, string>;
}

/** The Contact IDs of the contacts in CTE `cte` (its column contact_id), for their webhook events. */
function keysOf(cte: "added" | "removed"): SQL {
  return sql`select c.contact_key from contacts c where c.id in (select contact_id from ${sql.raw(cte)})`;
}

/** The chunk's items (alias `i`), for a WHERE clause. */
function items(range: ChunkRange): SQL {
  return sql`i.job_id = ${range.jobId}::uuid and i.id between ${range.lo} and ${range.hi} and i.done_at is null`;
}

/**
 * Applies the change to one chunk of a job's contacts, set-wise: one statement per chunk, which
 * also writes the webhook events (lib/webhooks/outbox.ts) and the timeline entries from what it actually changed (a contact that already had the
 * tag, or was already blocked, gets no entry). Contacts deleted since the confirmation are skipped
 * (updates and deletes only ever touch rows that exist; tagging, see `checkContacts`). Runs
 * inside the chunk's transaction.
 */
export async function applyChunk(tx: Executor, change: BulkChange, range: ChunkRange, ctx: ApplyContext): Promise<void> {
  const job = sql`${range.jobId}::text`;
  const actorId = ctx.actor.id;
  switch (change.action) {
    case "add_tags": {
      const source = range.checkContacts
        ? sql`bulk_job_items i join contacts c on c.id = i.contact_id`
        : sql`bulk_job_items i`;
      const added = sql`
        insert into contact_tags (contact_id, tag_id)
        select i.contact_id, t.id from ${source} join tags t on t.id = any(${idArray(change.tagIds)})
        where ${items(range)}
        on conflict do nothing
        returning contact_id, tag_id`;
      // One tag (the usual case): the entry's text is known up front, no grouping per contact.
      const single = change.tagIds.length === 1 ? ctx.tagNames?.get(change.tagIds[0]!) : undefined;
      if (single !== undefined) {
        await tx.execute(sql`
          with added as (${added}), entries as (
            insert into activities (contact_id, type, summary, payload, actor_id)
            select contact_id, 'tagged', ${`Tagged “${single}”`}, ${JSON.stringify({ tagIds: change.tagIds, bulkJobId: range.jobId })}::jsonb, ${actorId}::bigint
            from added),
          ${contactEventsTail("contact.updated", keysOf("added"))}`);
        return;
      }
      await tx.execute(sql`
        with added as (${added}), entries as (
          insert into activities (contact_id, type, summary, payload, actor_id)
          select a.contact_id, 'tagged',
                 'Tagged ' || string_agg('“' || t.name || '”', ', ' order by lower(t.name)),
                 jsonb_build_object('tagIds', jsonb_agg(t.id order by t.id), 'bulkJobId', ${job}),
                 ${actorId}::bigint
          from added a join tags t on t.id = a.tag_id
          group by a.contact_id),
        ${contactEventsTail("contact.updated", keysOf("added"))}`);
      return;
    }
    case "remove_tags": {
      await tx.execute(sql`
        with removed as (
          delete from contact_tags ct using bulk_job_items i
          where ${items(range)} and ct.contact_id = i.contact_id and ct.tag_id = any(${idArray(change.tagIds)})
          returning ct.contact_id, ct.tag_id), entries as (
          insert into activities (contact_id, type, summary, payload, actor_id)
          select r.contact_id, 'untagged',
                 case when count(*) = 1 then 'Tag “' || min(t.name) || '” removed'
                      else 'Tags ' || string_agg('“' || t.name || '”', ', ' order by lower(t.name)) || ' removed' end,
                 jsonb_build_object('tagIds', jsonb_agg(t.id order by t.id), 'bulkJobId', ${job}),
                 ${actorId}::bigint
          from removed r join tags t on t.id = r.tag_id
          group by r.contact_id),
        ${contactEventsTail("contact.updated", keysOf("removed"))}`);
      return;
    }
    case "assign": {
      const agent = change.agentId;
      const summary = agent === null ? "Favorite agent cleared" : `Favorite agent set to ${ctx.agentName ?? "an agent"}`;
      // The self-join reads each contact's previous agent for the timeline, as the profile records it.
      await tx.execute(sql`
        with changed as (
          update contacts c set favorite_agent_id = ${agent}::bigint, updated_at = now(), version = c.version + 1
          from bulk_job_items i join contacts old on old.id = i.contact_id
          where ${items(range)} and c.id = i.contact_id and c.favorite_agent_id is distinct from ${agent}::bigint
          returning c.id, c.contact_key, old.favorite_agent_id as previous), entries as (
          insert into activities (contact_id, type, summary, payload, actor_id)
          select id, 'assigned', ${summary},
                 jsonb_build_object('field', 'favoriteAgent', 'from', previous, 'to', ${agent}::bigint, 'bulkJobId', ${job}),
                 ${actorId}::bigint
          from changed),
        ${contactEventsTail("contact.updated", sql`select contact_key from changed`)}`);
      return;
    }
    case "subscription": {
      await tx.execute(sql`
        with changed as (
          update contacts c set subscription = ${change.status}::subscription_status, updated_at = now(), version = c.version + 1
          from bulk_job_items i
          where ${items(range)} and c.id = i.contact_id and c.subscription <> ${change.status}::subscription_status
          returning c.contact_key),
        ${contactEventsTail("contact.updated", sql`select contact_key from changed`)}`);
      return;
    }
    case "block": {
      const patch = change.blocked
        ? sql`blocked = true, blocked_at = now(), blocked_by_id = ${actorId}::bigint`
        : sql`blocked = false, blocked_at = null, blocked_by_id = null`;
      await tx.execute(sql`
        with changed as (
          update contacts c set ${patch}, updated_at = now(), version = c.version + 1
          from bulk_job_items i
          where ${items(range)} and c.id = i.contact_id and c.blocked <> ${change.blocked}
          returning c.id, c.contact_key), entries as (
          insert into activities (contact_id, type, summary, payload, actor_id)
          select id, ${change.blocked ? "blocked" : "unblocked"}::activity_type, ${change.blocked ? "Contact blocked" : "Contact unblocked"},
                 jsonb_build_object('bulkJobId', ${job}), ${actorId}::bigint
          from changed),
        ${contactEventsTail(change.blocked ? "contact.blocked" : "contact.unblocked", sql`select contact_key from changed`)}`);
      return;
    }
    case "delete":
    case "restore": {
      // To Trash and back (SPEC §9): the row stays with its identifiers, so they stay reserved.
      const trash = change.action === "delete";
      const patch = trash ? sql`trashed_at = now(), trashed_by_id = ${actorId}::bigint` : sql`trashed_at = null, trashed_by_id = null`;
      await tx.execute(sql`
        with changed as (
          update contacts c set ${patch}, updated_at = now(), version = c.version + 1
          from bulk_job_items i
          where ${items(range)} and c.id = i.contact_id and c.trashed_at is ${sql.raw(trash ? "null" : "not null")}
          returning c.id, c.contact_key), entries as (
          insert into activities (contact_id, type, summary, payload, actor_id)
          select id, ${trash ? "trashed" : "restored"}::activity_type, ${trash ? "Moved to Trash" : "Restored from Trash"},
                 jsonb_build_object('bulkJobId', ${job}), ${actorId}::bigint
          from changed),
        ${contactEventsTail(trash ? "contact.deleted" : "contact.updated", sql`select contact_key from changed`)}`);
      return;
    }
    case "purge": {
      // Delete forever, only what is still in Trash: identifiers, tags, values, notes and the
      // timeline go with the contact (on delete cascade). Its deletion was announced when it was trashed.
      await tx.execute(sql`
        delete from contacts c using bulk_job_items i
        where ${items(range)} and c.id = i.contact_id and c.trashed_at is not null`);
      return;
    }
  }
}
