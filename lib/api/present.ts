import { createHash } from "node:crypto";
import { z } from "zod";
import type { Activity, AttributeDefinition, Tag } from "@/db/schema";
import { ACTIVITY_TYPES, ATTRIBUTE_TYPES, CONTACT_STATUSES, LEAD_STAGES, ROLES, SOURCE_CHANNELS, SUBSCRIPTION_STATUSES } from "@/db/schema/enums";
import { EVENT_TYPES } from "@/lib/contacts/events";
import type { LinkView } from "@/lib/contacts/links";
import type { NoteView } from "@/lib/contacts/notes";
import type { ContactPage } from "@/lib/contacts/pages";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import type { StaffMember } from "@/lib/users/directory";

/**
 * What /api/v1 answers: the domain's records in snake_case, each declared once as a zod schema that
 * the OpenAPI document is generated from (lib/api/openapi) and that types its presenter, so the
 * document and the answers cannot drift apart. Internal columns (the row id, search documents) stay
 * out; a contact is named by its Contact ID.
 */

const text = z.string().nullable();
const timestamp = z.iso.datetime({ offset: true });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const phoneSchema = z.object({ phone: z.string().meta({ description: "E.164", example: "+13195554929" }), label: text, is_primary: z.boolean() });
const emailSchema = z.object({ email: z.email(), label: text, is_primary: z.boolean() });

export const linkSchema = z
  .object({ id: z.int(), label: z.string(), url: z.string() })
  .meta({ id: "Link", examples: [{ id: 12, label: "LinkedIn", url: "https://www.linkedin.com/in/ada" }] });

export const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: "Pass it as `cursor` for the next page; null on the last page.", example: "MTIzNDU" });

export const contactSchema = z
  .object({
    contact_id: z.string().meta({ description: "The Contact ID: given on create or import, or generated; never changes." }),
    first_name: text,
    middle_name: text,
    last_name: text,
    full_name: text.meta({ description: "First, middle and last name joined (read-only)." }),
    company: text,
    job_title: text,
    industry: text,
    website: text,
    street: text,
    city: text,
    region: text,
    postal_code: text,
    country: text.meta({ description: "ISO 3166-1 alpha-2, e.g. US." }),
    billing_street: text,
    billing_city: text,
    billing_region: text,
    billing_postal_code: text,
    billing_country: text.meta({ description: "ISO 3166-1 alpha-2." }),
    language: text.meta({ description: "BCP 47 language tag, e.g. en or pt-BR." }),
    time_zone: text.meta({ description: "IANA time zone, e.g. Europe/Berlin." }),
    lead_stage: z.enum(LEAD_STAGES),
    status: z.enum(CONTACT_STATUSES),
    blocked: z.boolean(),
    blocked_at: timestamp.nullable(),
    blocked_by_id: z.int().nullable().meta({ description: "The user who blocked the contact (GET /users)." }),
    archived: z.boolean(),
    archived_at: timestamp.nullable(),
    anonymous: z.boolean().meta({ description: "A pseudonymous web-chat visitor, until a name, e-mail or phone is saved." }),
    source: z.enum(SOURCE_CHANNELS),
    favorite_agent_id: z.int().nullable().meta({ description: "The contact's favorite agent (GET /users)." }),
    subscription: z.enum(SUBSCRIPTION_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
    last_interaction_at: timestamp.nullable(),
    version: z.int().meta({ description: "Bumped on every change; send it back to edit this version." }),
    phones: z.array(phoneSchema),
    emails: z.array(emailSchema),
    external_ids: z.array(z.object({ system: z.string(), external_id: z.string() })),
    links: z.array(linkSchema),
    tags: z.array(z.string()).meta({ description: "Tag names (GET /tags)." }),
    attributes: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .meta({ description: "Custom attribute values by attribute key (GET /attributes); dates as YYYY-MM-DD." }),
    note_count: z.int(),
    activity_count: z.int(),
  })
  .meta({
    id: "Contact",
    examples: [
      {
        contact_id: "C-7Q2M9K4D",
        first_name: "Ada",
        middle_name: null,
        last_name: "Lovelace",
        full_name: "Ada Lovelace",
        company: "Analytical Engines Ltd",
        job_title: "Analyst",
        industry: null,
        website: "https://example.com",
        street: null,
        city: "London",
        region: null,
        postal_code: null,
        country: "GB",
        billing_street: null,
        billing_city: null,
        billing_region: null,
        billing_postal_code: null,
        billing_country: null,
        language: "en",
        time_zone: "Europe/London",
        lead_stage: "customer",
        status: "active",
        blocked: false,
        blocked_at: null,
        blocked_by_id: null,
        archived: false,
        archived_at: null,
        anonymous: false,
        source: "api",
        favorite_agent_id: 3,
        subscription: "subscribed",
        created_at: "2026-03-01T09:30:00.000Z",
        updated_at: "2026-03-02T14:05:12.000Z",
        last_interaction_at: "2026-03-02T14:05:12.000Z",
        version: 4,
        phones: [{ phone: "+447700900123", label: "mobile", is_primary: true }],
        emails: [{ email: "ada@example.com", label: "work", is_primary: true }],
        external_ids: [{ system: "shop", external_id: "cus_1842" }],
        links: [{ id: 12, label: "LinkedIn", url: "https://www.linkedin.com/in/ada" }],
        tags: ["VIP"],
        attributes: { plan: "Pro", seats: 12, renewal: "2026-12-31" },
        note_count: 2,
        activity_count: 17,
      },
    ],
  });

export function presentContact(s: ContactSnapshot): z.output<typeof contactSchema> {
  const c = s.contact;
  return {
    contact_id: c.contactKey,
    first_name: c.firstName,
    middle_name: c.middleName,
    last_name: c.lastName,
    full_name: c.fullName,
    company: c.company,
    job_title: c.jobTitle,
    industry: c.industry,
    website: c.website,
    street: c.street,
    city: c.city,
    region: c.region,
    postal_code: c.postalCode,
    country: c.country,
    billing_street: c.billingStreet,
    billing_city: c.billingCity,
    billing_region: c.billingRegion,
    billing_postal_code: c.billingPostalCode,
    billing_country: c.billingCountry,
    language: c.language,
    time_zone: c.timeZone,
    lead_stage: c.leadStage,
    status: c.status,
    blocked: c.blocked,
    blocked_at: iso(c.blockedAt),
    blocked_by_id: c.blockedById,
    archived: c.archived,
    archived_at: iso(c.archivedAt),
    anonymous: c.anonymous,
    source: c.source,
    favorite_agent_id: c.favoriteAgentId,
    subscription: c.subscription,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    last_interaction_at: iso(c.lastInteractionAt),
    version: c.version,
    phones: s.phones.map((p) => ({ phone: p.e164, label: p.label, is_primary: p.isPrimary })),
    emails: s.emails.map((e) => ({ email: e.email, label: e.label, is_primary: e.isPrimary })),
    external_ids: s.externalIds.map((x) => ({ system: x.system, external_id: x.externalId })),
    links: s.links.map(presentLink),
    tags: s.tags.map((t) => t.name),
    attributes: Object.fromEntries(Object.entries(s.attributes).map(([key, a]) => [key, a.value])),
    note_count: s.noteCount,
    activity_count: s.activityCount,
  };
}

export const contactPageSchema = z
  .object({
    data: z.array(contactSchema),
    next_cursor: nextCursorSchema,
  })
  .meta({ id: "ContactPage" });

export function presentContactPage(page: ContactPage): z.output<typeof contactPageSchema> {
  return { data: page.contacts.map(presentContact), next_cursor: page.nextCursor };
}

export function presentLink(l: LinkView): z.output<typeof linkSchema> {
  return { id: l.id, label: l.label, url: l.url };
}

export const linkPageSchema = z.object({ data: z.array(linkSchema) }).meta({ id: "LinkList" });

export const noteSchema = z
  .object({
    id: z.int(),
    body: z.string(),
    created_at: timestamp,
    author: text.meta({ description: "The author's name: the user, or the API token's creator; null when unknown." }),
  })
  .meta({ id: "Note", examples: [{ id: 31, body: "Asked for a quote for 12 seats.", created_at: "2026-03-02T14:05:12.000Z", author: "Grace Hopper" }] });

export const notePageSchema = z.object({ data: z.array(noteSchema), next_cursor: nextCursorSchema }).meta({ id: "NotePage" });

export function presentNote(n: Pick<NoteView, "id" | "body" | "createdAt"> & { authorName?: string | null }): z.output<typeof noteSchema> {
  return { id: n.id, body: n.body, created_at: n.createdAt.toISOString(), author: n.authorName ?? null };
}

const SENT_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

export const eventSchema = z
  .object({
    id: z.int(),
    type: z.enum(ACTIVITY_TYPES).meta({ description: "The events other systems send (call, message, order, task, ticket, custom) or the app's own (created, tagged, merged…)." }),
    occurred_at: timestamp,
    summary: z.string(),
    payload: z.record(z.string(), z.unknown()).meta({ description: "What the sender attached; empty for the app's own events." }),
    external_ref: text.meta({ description: "The sender's reference, unique per contact." }),
  })
  .meta({
    id: "Event",
    examples: [
      { id: 901, type: "call", occurred_at: "2026-03-02T14:00:00.000Z", summary: "Inbound call, 4 min", payload: { duration_s: 240 }, external_ref: "call-7781" },
    ],
  });

export const eventPageSchema = z.object({ data: z.array(eventSchema), next_cursor: nextCursorSchema }).meta({ id: "EventPage" });

/**
 * A timeline event. The payload is shown for the events other systems send (it is theirs); the
 * app's own events (created, tagged, merged…) keep theirs to themselves: it holds internal row ids.
 */
export function presentEvent(e: Pick<Activity, "id" | "type" | "summary" | "occurredAt" | "payload" | "externalRef">): z.output<typeof eventSchema> {
  return {
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt.toISOString(),
    summary: e.summary,
    payload: SENT_TYPES.has(e.type) ? e.payload : {},
    external_ref: e.externalRef,
  };
}

export const tagSchema = z
  .object({ id: z.int(), name: z.string(), color: z.string().meta({ description: "A hex colour." }) })
  .meta({ id: "Tag", examples: [{ id: 4, name: "VIP", color: "#2563eb" }] });

export function presentTag(t: Pick<Tag, "id" | "name" | "color">): z.output<typeof tagSchema> {
  return { id: t.id, name: t.name, color: t.color };
}

/** PUT /contacts/{contact_id}/tags/{tag_name}'s answer. */
export const contactTagSchema = z
  .object({
    contact_id: z.string().meta({ description: "The contact's Contact ID." }),
    tag: tagSchema,
    tag_created: z.boolean().meta({ description: "The tag did not exist and was created (admin tokens only)." }),
  })
  .meta({ id: "ContactTag", examples: [{ contact_id: "C-7Q2M9K4D", tag: { id: 4, name: "VIP", color: "#2563eb" }, tag_created: false }] });

/** One item's answer in POST /contacts/batch: its contact (with the ETag GET would give), or its error. */
export const batchResultSchema = z
  .discriminatedUnion("status", [
    z.object({
      status: z.enum(["created", "updated"]),
      contact: contactSchema,
      etag: z.string().meta({ description: "The contact's ETag, as GET /contacts/{contact_id} gives it." }),
    }),
    z.object({
      status: z.literal("error"),
      error: z
        .object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
        .meta({ description: "As the error envelope's `error`: a 422 by field, a 409 `{ contact_id, field }`, a 403 for an unknown tag…" }),
    }),
  ])
  .meta({ id: "BatchResult" });

export const batchAnswerSchema = z
  .object({ results: z.array(batchResultSchema).meta({ description: "One per item, in the items' order." }) })
  .meta({ id: "BatchAnswer" });

export const attributeSchema = z
  .object({
    key: z.string().meta({ description: "The key of the value in a contact's `attributes`." }),
    label: z.string(),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.string()).meta({ description: "A dropdown's options; empty for other types." }),
    position: z.int(),
  })
  .meta({ id: "Attribute", examples: [{ key: "plan", label: "Plan", type: "dropdown", options: ["Free", "Pro"], position: 0 }] });

export function presentAttribute(d: AttributeDefinition): z.output<typeof attributeSchema> {
  return { key: d.key, label: d.label, type: d.type, options: d.options, position: d.position };
}

export const userSchema = z
  .object({ id: z.int(), name: z.string(), email: z.email(), role: z.enum(ROLES) })
  .meta({ id: "User", examples: [{ id: 3, name: "Grace Hopper", email: "grace@example.com", role: "agent" }] });

export function presentUser(u: StaffMember): z.output<typeof userSchema> {
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

/** A strong validator of a JSON body: the same record always gives the same tag, any change another. */
export function etagOf(body: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)}"`;
}

/** The headers every /api/v1 JSON answer carries: nothing an integration reads may be cached by a proxy. */
export const API_HEADERS = { "cache-control": "no-store" } as const;
