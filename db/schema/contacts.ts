import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import {
  contactStatusEnum,
  leadStageEnum,
  sourceChannelEnum,
  subscriptionStatusEnum,
} from "./enums";

/** PostgreSQL's tsvector, for whole-word search. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const contacts = pgTable(
  "contacts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The human-readable Contact ID: given on create/import or generated, never changed (trigger in 0001). */
    contactKey: text("contact_key").notNull(),
    firstName: text("first_name"),
    middleName: text("middle_name"),
    lastName: text("last_name"),
    fullName: text("full_name").generatedAlwaysAs(
      sql`nullif(regexp_replace(btrim(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, '')), '\\s+', ' ', 'g'), '')`,
    ),
    company: text("company"),
    jobTitle: text("job_title"),
    industry: text("industry"),
    website: text("website"),
    street: text("street"),
    city: text("city"),
    region: text("region"),
    postalCode: text("postal_code"),
    /** ISO 3166-1 alpha-2. */
    country: text("country"),
    billingStreet: text("billing_street"),
    billingCity: text("billing_city"),
    billingRegion: text("billing_region"),
    billingPostalCode: text("billing_postal_code"),
    billingCountry: text("billing_country"),
    /** BCP 47 language tag, e.g. "en" or "pt-BR". */
    language: text("language"),
    /** IANA time zone, e.g. "Europe/Berlin". */
    timeZone: text("time_zone"),
    leadStage: leadStageEnum("lead_stage").notNull().default("contact"),
    status: contactStatusEnum("status").notNull().default("active"),
    blocked: boolean("blocked").notNull().default(false),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    blockedById: bigint("blocked_by_id", { mode: "number" }).references(() => users.id, {
      onDelete: "set null",
    }),
    archived: boolean("archived").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /**
     * In Trash since then (SPEC §9): hidden from every read but the Trash segment and an admin's view of
     * the profile, its identifiers still held (their unique indexes keep them reserved), purged after
     * SWITCHBOARD_TRASH_DAYS. lib/contacts/trash.ts.
     */
    trashedAt: timestamp("trashed_at", { withTimezone: true }),
    trashedById: bigint("trashed_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** A pseudonymous web-chat visitor, until a name, e-mail or phone is saved. */
    anonymous: boolean("anonymous").notNull().default(false),
    source: sourceChannelEnum("source").notNull().default("manual"),
    favoriteAgentId: bigint("favorite_agent_id", { mode: "number" }).references(() => users.id, {
      onDelete: "set null",
    }),
    subscription: subscriptionStatusEnum("subscription").notNull().default("not_set"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastInteractionAt: timestamp("last_interaction_at", { withTimezone: true }),
    /** Bumped on every write; an edit based on an older version is refused (optimistic locking). */
    version: integer("version").notNull().default(1),
    /**
     * Lower-cased names, e-mails and phone digits in one column, kept up to date by triggers, so that
     * quick search is one trigram index lookup rather than an OR across three tables.
     */
    searchDoc: text("search_doc").notNull().default(""),
    /**
     * The search document without punctuation, trigram-indexed. pg_trgm splits words at "." and "@",
     * so "n.smit" would only look for the word "n"; searching "nsmit" here finds candidates selectively,
     * and the LIKE on search_doc then decides.
     */
    searchKey: text("search_key").generatedAlwaysAs(sql`search_key_of(search_doc)`),
    /** Words of the text, number and dropdown custom attribute values, for whole-word search (same triggers). */
    attrWords: tsvector("attr_words"),
  },
  (t) => [
    uniqueIndex("contacts_contact_key_key").on(t.contactKey),
    // The default order's index is created in migration 0008 (contacts_last_interaction_search_idx):
    // it INCLUDEs the search columns, which Drizzle's index builder cannot express.
    // Most contacts have no favorite agent: only the assigned ones are indexed ("My contacts", the
    // users FK's ON DELETE), so a new contact, an import's among them, writes one index fewer.
    index("contacts_favorite_agent_idx").on(t.favoriteAgentId).where(sql`${t.favoriteAgentId} is not null`),
    // Sort orders of the list, each with the id as tie-breaker so pages are stable.
    index("contacts_name_sort_idx").on(sql`lower(${t.fullName})`, t.id),
    index("contacts_company_sort_idx").on(sql`lower(${t.company})`, t.id),
    index("contacts_created_sort_idx").on(t.createdAt, t.id),
    index("contacts_updated_sort_idx").on(t.updatedAt, t.id),
    index("contacts_attr_words_idx").using("gin", t.attrWords),
    // Teams work by country: its filters and segments read matching ids from this index alone
    // (country, with a last-interaction range), and a country's contacts come in the default order.
    index("contacts_country_last_interaction_idx").on(t.country, t.lastInteractionAt.desc().nullsLast(), t.id.desc()),
    // The Blocked, Archived and Anonymous tabs count a few flagged contacts among many: without these
    // (tiny) indexes each count read the whole table (150–180 ms each at 1M contacts, on every page).
    index("contacts_blocked_idx").on(t.id).where(sql`${t.blocked}`),
    index("contacts_archived_idx").on(t.id).where(sql`${t.archived}`),
    index("contacts_anonymous_idx").on(t.id).where(sql`${t.anonymous}`),
    // The Trash segment, its count and the daily purge read the few trashed contacts from here.
    index("contacts_trashed_idx").on(t.trashedAt, t.id).where(sql`${t.trashedAt} is not null`),
    check("contacts_contact_key_not_blank", sql`btrim(${t.contactKey}) <> ''`),
    check("contacts_country_iso2", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    check(
      "contacts_billing_country_iso2",
      sql`${t.billingCountry} is null or ${t.billingCountry} ~ '^[A-Z]{2}$'`,
    ),
    check("contacts_blocked_at", sql`(not ${t.blocked}) or ${t.blockedAt} is not null`),
  ],
);

export const contactPhones = pgTable(
  "contact_phones",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** E.164, e.g. +13195554929. */
    e164: text("e164").notNull(),
    /** The line the number names: Argentina's +54 9 … and +54 … are one (lib/phone.ts `phoneMatchKey`, SQL `phone_match_key`); every door looks a number up by it. */
    matchKey: text("match_key")
      .notNull()
      .generatedAlwaysAs(sql`phone_match_key(e164)`),
    label: text("label"),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_phones_e164_key").on(t.e164),
    // Not unique: a contact may hold both forms; the doors find a number's holder by its key.
    index("contact_phones_match_key_idx").on(t.matchKey),
    index("contact_phones_contact_idx").on(t.contactId),
    uniqueIndex("contact_phones_one_primary").on(t.contactId).where(sql`${t.isPrimary}`),
    check("contact_phones_e164_format", sql`${t.e164} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
);

export const contactEmails = pgTable(
  "contact_emails",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** As typed (trimmed); comparisons use the normalised column. */
    email: text("email").notNull(),
    emailNormalized: text("email_normalized").notNull(),
    label: text("label"),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_emails_normalized_key").on(t.emailNormalized),
    index("contact_emails_contact_idx").on(t.contactId),
    uniqueIndex("contact_emails_one_primary").on(t.contactId).where(sql`${t.isPrimary}`),
    check("contact_emails_normalized", sql`${t.emailNormalized} = unicode_lower(btrim(${t.email}))`),
  ],
);

export const contactExternalIds = pgTable(
  "contact_external_ids",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    system: text("system").notNull(),
    externalId: text("external_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_external_ids_key").on(t.system, t.externalId),
    index("contact_external_ids_contact_idx").on(t.contactId),
  ],
);

export const contactLinks = pgTable(
  "contact_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    url: text("url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_links_contact_url_key").on(t.contactId, t.url),
    check("contact_links_http", sql`${t.url} ~* '^https?://'`),
  ],
);

/** Where a merged-away contact went, so that its old URL and API id still resolve. */
export const contactRedirects = pgTable(
  "contact_redirects",
  {
    oldContactId: bigint("old_contact_id", { mode: "number" }).primaryKey(),
    oldContactKey: text("old_contact_key").notNull(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // By old Contact ID too: the API addresses contacts by it, and a merged-away one answers 308 (0016).
  (t) => [index("contact_redirects_contact_idx").on(t.contactId), index("contact_redirects_old_key_idx").on(t.oldContactKey)],
);

export const notes = pgTable(
  "notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_contact_idx").on(t.contactId, t.createdAt),
    check("notes_body_not_blank", sql`btrim(${t.body}) <> ''`),
  ],
);

/**
 * Every word of contacts' names and companies, folded (search_fold), for "Did you mean…": a search that
 * finds nothing is compared, word by word, with this small table's trigrams rather than with every
 * contact's search document (migration 0022). Words are added by the contacts trigger and the import;
 * one no contact holds any more is harmless (a suggestion is shown only with the contacts it finds).
 */
export const searchWords = pgTable(
  "search_words",
  {
    // Not unique: writers add a word when no row holds it (NOT EXISTS), so concurrent contact writes
    // never wait on each other's new words; a word added twice in a race is read with DISTINCT.
    word: text("word").notNull(),
  },
  // Trigrams for similarity and LIKE; a hash index for the writers' "is it there" (a btree was read
  // whole by the similarity search, which may not scan the table; a hash index serves equality only).
  (t) => [index("search_words_trgm").using("gin", t.word.op("gin_trgm_ops")), index("search_words_word_idx").using("hash", t.word)],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
export type ContactPhone = typeof contactPhones.$inferSelect;
export type ContactEmail = typeof contactEmails.$inferSelect;
export type Note = typeof notes.$inferSelect;
