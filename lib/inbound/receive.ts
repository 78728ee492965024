import { and, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { contactExternalIds, inboundMessages, inboundRefusals, users } from "@/db/schema";
import type { SourceChannel } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit";
import type { ActivityInput } from "@/lib/contacts/activity";
import { createContactRecord } from "@/lib/contacts/create";
import { contactHolding, userHolds } from "@/lib/contacts/identifier-conflicts";
import { prepareContactRecord, type PreparedIdentifier, type PreparedRecord, type RecordContext } from "@/lib/contacts/record";
import { defaultCountry } from "@/lib/workspace";
import { writeRecordSets } from "@/lib/contacts/record-write";
import { resolveContactId } from "@/lib/contacts/merge";
import { restoreFromTrash } from "@/lib/contacts/trash";
import { writeContact } from "@/lib/contacts/write";
import { NotFoundError, ValidationError, renameErrorFields } from "@/lib/errors";
import { withoutControlChars } from "@/lib/fields/text";
import { phoneMatchKey } from "@/lib/phone";
import { CHANNEL_NAMES, type InboundAnswer, type InboundBody, type InboundChannel } from "./body";
import { pseudonymFor } from "./pseudonym";

const SOURCE: Record<InboundChannel, SourceChannel> = {
  whatsapp: "whatsapp",
  phone: "phone",
  sms: "sms",
  email: "email",
  webchat: "web_chat",
  facebook: "facebook",
};
const SUMMARY_CHARS = 500;

/** Who a message is from: a phone, an e-mail, or an id of the web chat or Facebook (an external ID of that system). */
type Sender = { kind: "phone" | "email"; value: string } | { kind: "external"; system: "webchat" | "facebook"; value: string };

export interface InboundRefused {
  error: { code: "blocked"; message: string };
}
/** The answer to one delivery: 201 a new contact, 200 a known one, 403 a blocked one; `replay` when it repeats the first. */
export interface InboundReply {
  status: 200 | 201 | 403;
  body: InboundAnswer | InboundRefused;
  replay: boolean;
}

/**
 * A message from a channel (SPEC §7): the contact holding the sender's number, e-mail or visitor id
 * is found, or a Lead is created with the source = the channel (a web-chat visitor without a name
 * under a pseudonym, in Anonymous); an archived contact comes back, a blocked one is refused and the
 * refusal counted; the message goes on the timeline and moves the last interaction. One
 * transaction: the (channel, message_id) row claimed first makes a repeated delivery wait for the
 * first and answer what it answered, and the sender's lock makes simultaneous first messages from one
 * new number create one contact.
 */
export async function receiveInbound(body: InboundBody, actor: Actor): Promise<InboundReply> {
  // A message carries no custom attributes: the workspace's country is all its values need.
  const context: RecordContext = { defaultCountry: await defaultCountry(), definitions: new Map() };
  const sender = await prepareSender(body, context);
  const extras = await prepareExtras(body, context);
  return db.transaction(async (tx) => {
    // Claimed, then the sender locked, in one round trip; the lookup must be a statement of its own,
    // after the lock, to see a contact the lock's previous holder created.
    const claimed = await tx.execute(sql`
      with claim as (
        insert into inbound_messages (channel, message_id) values (${body.channel}, ${body.message_id}) on conflict do nothing returning 1)
      select pg_advisory_xact_lock(hashtextextended(${senderLockKey(sender)}, 0)) from claim`);
    if (claimed.length === 0) return firstReply(tx, body);
    let contactId = await holderOf(tx, sender);
    const created = contactId === null;
    if (contactId === null) contactId = (await createContactRecord(await newLead(tx, body, sender, extras), actor, { createTags: false }, tx)).id;
    const { holder, ...reply } = await deliverFollowingMerges(tx, contactId, created, body, extras, actor);
    await tx
      .update(inboundMessages)
      .set({ contactId: holder, status: reply.status, answer: reply.body })
      .where(and(eq(inboundMessages.channel, body.channel), eq(inboundMessages.messageId, body.message_id)));
    return reply;
  });
}

/**
 * The sender's contact may be merged into another while this message waits for its lock (a merge
 * does not take the sender's lock): the message then follows it to the contact it was merged into.
 */
async function deliverFollowingMerges(tx: Executor, holderId: number, created: boolean, body: InboundBody, extras: Extras, actor: Actor) {
  for (let contactId = holderId, hops = 0; ; hops++) {
    try {
      return { ...(await deliver(tx, contactId, created, body, extras, actor)), holder: contactId };
    } catch (error) {
      const moved = error instanceof NotFoundError && hops < 3 ? await resolveContactId(contactId) : null;
      if (!moved || moved.contactId === contactId) throw error;
      contactId = moved.contactId;
    }
  }
}

async function firstReply(tx: Executor, body: InboundBody): Promise<InboundReply> {
  const [first] = await tx
    .select({ status: inboundMessages.status, answer: inboundMessages.answer })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.channel, body.channel), eq(inboundMessages.messageId, body.message_id)));
  return { status: first!.status as InboundReply["status"], body: first!.answer as InboundReply["body"], replay: true };
}

/** The sender as the value module reads it; a bad one is a 422 naming `from`. */
async function prepareSender(body: InboundBody, context: RecordContext): Promise<Sender> {
  const from = body.from.trim();
  try {
    if (body.channel === "email") return { kind: "email", value: (await prepareContactRecord({ emails: [{ email: from }] }, context)).emails![0]!.value };
    if (body.channel === "webchat" || body.channel === "facebook") {
      const record = await prepareContactRecord({ externalIds: [{ system: body.channel, externalId: from }] }, context);
      return { kind: "external", system: body.channel, value: record.externalIds![0]!.externalId };
    }
    // WhatsApp names a sender by the international number's digits, without the +.
    const phone = body.channel === "whatsapp" && /^\d+$/.test(from) ? `+${from}` : from;
    return { kind: "phone", value: (await prepareContactRecord({ phones: [{ phone }] }, context)).phones![0]!.value };
  } catch (error) {
    if (error instanceof ValidationError) throw renameErrorFields(error, () => "from");
    throw error;
  }
}

interface Extras {
  names?: { firstName: string | null; lastName: string | null };
  phone?: string;
  email?: string;
}

/** The name, e-mail and phone the sender gave, read by the value module (errors named after the body's fields). */
async function prepareExtras(body: InboundBody, context: RecordContext): Promise<Extras> {
  const name = body.name?.trim();
  const [first, ...rest] = name ? name.split(/\s+/) : [];
  const last = rest.length ? rest.join(" ") : null;
  try {
    const record = await prepareContactRecord(
      {
        fields: name ? { firstName: rest.length ? first! : name, lastName: last } : {},
        phones: body.phone?.trim() ? [{ phone: body.phone }] : [],
        emails: body.email?.trim() ? [{ email: body.email }] : [],
      },
      context,
    );
    return {
      names: name ? { firstName: (record.columns.firstName as string | null) ?? null, lastName: (record.columns.lastName as string | null) ?? null } : undefined,
      phone: record.phones?.[0]?.value,
      email: record.emails?.[0]?.value,
    };
  } catch (error) {
    if (error instanceof ValidationError) throw renameErrorFields(error, (f) => (f.startsWith("phones") ? "phone" : f.startsWith("emails") ? "email" : "name"));
    throw error;
  }
}

function senderLockKey(sender: Sender): string {
  if (sender.kind === "external") return `inbound:${sender.system}:${sender.value}`;
  return `inbound:${sender.kind}:${sender.kind === "phone" ? phoneMatchKey(sender.value) : sender.value}`;
}

async function holderOf(tx: Executor, sender: Sender): Promise<number | null> {
  if (sender.kind !== "external") return (await contactHolding(tx, sender.kind, sender.value))?.id ?? null;
  const [row] = await tx
    .select({ id: contactExternalIds.contactId })
    .from(contactExternalIds)
    .where(and(eq(contactExternalIds.system, sender.system), eq(contactExternalIds.externalId, sender.value)));
  return row?.id ?? null;
}

/** An e-mail or phone the sender gave, when nobody else holds it (a given value never takes another's). */
async function unheld(tx: Executor, kind: "phone" | "email", value: string | undefined, contactId: number | null): Promise<string | undefined> {
  if (!value) return undefined;
  const holder = await contactHolding(tx, kind, value);
  if (holder && holder.id !== contactId) return undefined;
  return (await userHolds(tx, kind, value)) ? undefined : value;
}

const identifier = (value: string, isPrimary: boolean): PreparedIdentifier => ({ value, label: null, isPrimary });

async function newLead(tx: Executor, body: InboundBody, sender: Sender, extras: Extras): Promise<PreparedRecord> {
  const anonymous = body.channel === "webchat" && !extras.names && !extras.email && !extras.phone;
  const names = extras.names ?? (anonymous ? pseudonymFor(sender.value) : {});
  const phone = await unheld(tx, "phone", extras.phone, null);
  const email = await unheld(tx, "email", extras.email, null);
  const phones = [sender.kind === "phone" ? sender.value : undefined, phone].filter((p, i, all): p is string => !!p && all.findIndex((q) => q && phoneMatchKey(q) === phoneMatchKey(p)) === i);
  const emails = [sender.kind === "email" ? sender.value : undefined, email].filter((e, i, all): e is string => !!e && all.indexOf(e) === i);
  return {
    columns: { ...names, leadStage: "lead", source: SOURCE[body.channel], anonymous },
    fieldIds: {},
    phones: phones.map((p, i) => identifier(p, i === 0)),
    emails: emails.map((e, i) => identifier(e, i === 0)),
    externalIds: sender.kind === "external" ? [{ system: sender.system, externalId: sender.value }] : [],
  };
}

/** A one-line summary of the message: its first 500 characters, control characters and line breaks gone. */
function summaryOf(body: InboundBody): string {
  const text = withoutControlChars((body.text ?? "").replace(/[\t\r\n]+/g, " ")).trim();
  if (text) return Array.from(text).slice(0, SUMMARY_CHARS).join("");
  return body.channel === "phone" ? "Call" : `${CHANNEL_NAMES[body.channel]} message`;
}

async function deliver(tx: Executor, contactId: number, created: boolean, body: InboundBody, extras: Extras, actor: Actor): Promise<InboundReply> {
  const phone = await unheld(tx, "phone", extras.phone, contactId);
  const email = await unheld(tx, "email", extras.email, contactId);
  const outcome = await writeContact(
    {
      contactId,
      actor,
      action: "contact.inbound",
      // A message from a contact in Trash restores it (SPEC §9): the sender is that person, not a new Lead.
      allowTrashed: true,
      run: async (inner, before) => {
        const c = before.contact;
        // Read under the contact's lock: a block saved meanwhile refuses this message.
        if (c.blocked) return { unchanged: true, result: null };
        const restored = c.trashedAt !== null;
        const reactivated = c.archived || restored;
        const occurredAt = body.occurred_at ?? new Date();
        const events: ActivityInput[] = [];
        const sets: PreparedRecord = { columns: {}, fieldIds: {} };
        if (phone && !before.phones.some((p) => phoneMatchKey(p.e164) === phoneMatchKey(phone))) {
          sets.phones = [...before.phones.map((p) => identifier(p.e164, p.isPrimary)), identifier(phone, before.phones.length === 0)];
        }
        if (email && !before.emails.some((e) => e.emailNormalized === email)) {
          sets.emails = [...before.emails.map((e) => identifier(e.emailNormalized, e.isPrimary)), identifier(email, before.emails.length === 0)];
        }
        events.push(...(await writeRecordSets(inner, contactId, before, sets, actor, { createTags: false })));
        const restore = restored ? restoreFromTrash("an inbound message") : null;
        if (restore) events.push(restore.activity);
        if (c.archived) events.push({ type: "unarchived", summary: "Re-activated by an inbound message" });
        events.push({
          type: body.channel === "phone" ? "call" : "message",
          summary: summaryOf(body),
          occurredAt,
          payload: { channel: body.channel, message_id: body.message_id },
          externalRef: `${body.channel}:${body.message_id}`,
        });
        // A pseudonym gives way to a real name; a known contact's name is the team's to change.
        const names = extras.names && (c.anonymous || !c.fullName) ? extras.names : {};
        const moves = !c.lastInteractionAt || c.lastInteractionAt < occurredAt;
        return {
          patch: {
            ...names,
            ...(c.archived ? { archived: false, archivedAt: null } : {}),
            ...restore?.patch,
            ...(moves ? { lastInteractionAt: occurredAt } : {}),
          },
          activities: events,
          result: { reactivated, contactKey: c.contactKey, leadStage: c.leadStage, favoriteAgentId: c.favoriteAgentId },
        };
      },
    },
    tx,
  );
  if (!outcome) return refuse(tx, contactId);
  const [agent] = outcome.favoriteAgentId
    ? await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, outcome.favoriteAgentId))
    : [];
  return {
    status: created ? 201 : 200,
    body: { contact_id: outcome.contactKey, created, reactivated: outcome.reactivated, lead_stage: outcome.leadStage, favorite_agent: agent ?? null },
    replay: false,
  };
}

/** A blocked contact's message is refused and counted (the profile shows how many, and the last one's time); nothing else is written. */
async function refuse(tx: Executor, contactId: number): Promise<InboundReply> {
  await tx
    .insert(inboundRefusals)
    .values({ contactId, count: 1, lastAt: sql`now()` })
    .onConflictDoUpdate({ target: inboundRefusals.contactId, set: { count: sql`${inboundRefusals.count} + 1`, lastAt: sql`now()` } });
  return { status: 403, body: { error: { code: "blocked", message: "This contact is blocked: the message was refused and counted on the contact." } }, replay: false };
}
