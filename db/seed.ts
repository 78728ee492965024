import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { normalizePhone } from "@/lib/phone";
import type { Database } from "./client";
import {
  activities,
  attributeDefinitions,
  contactAttributeValues,
  contactEmails,
  contactPhones,
  contacts,
  contactTags,
  notes,
  tags,
  users,
  workspaceSettings,
  type NewContact,
} from "./schema";
import type { LeadStage, Role, SourceChannel, SubscriptionStatus } from "./schema/enums";
import * as data from "./seed-data";

export const DEMO_PASSWORD = "switchboard-demo";
export const DEMO_USERS: { name: string; email: string; role: Role }[] = [
  { name: "Ada Admin", email: "admin@example.com", role: "admin" },
  { name: "Sam Supervisor", email: "supervisor@example.com", role: "supervisor" },
  { name: "Alex Agent", email: "agent@example.com", role: "agent" },
];

/** A small deterministic generator, so every seeded workspace looks the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}

/** A name as people write it in an e-mail address: "Weiß" → "weiss", "Łukasz" → "lukasz". */
function ascii(s: string) {
  const spelled = s.replace(/ß/g, "ss").replace(/[łŁ]/g, "l").replace(/[øØ]/g, "o");
  return spelled.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-zA-Z]/g, "").toLowerCase();
}

/** Users and workspace only: what every environment (tests included) needs to sign in. */
export async function seedUsers(db: Database): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await db.execute(sql`
      insert into users (name, email, role, password_hash) values (${u.name}, ${u.email}, ${u.role}, ${passwordHash})
      on conflict (lower(email)) do update set name = excluded.name, role = excluded.role, active = true,
        password_hash = excluded.password_hash, updated_at = now()`);
  }
  await db.insert(workspaceSettings).values({ id: 1, name: "Acme Support", defaultCountry: "US" }).onConflictDoNothing();
}

/** The whole demo workspace. Running it again changes nothing that is already there. */
export async function seedDemo(db: Database, options: { contacts?: number } = {}): Promise<{ created: number }> {
  await seedUsers(db);
  const total = options.contacts ?? 2000;
  const [existing] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.contactKey, "DEMO-00001")).limit(1);
  if (existing) return { created: 0 };

  const r = rng(20261121);
  const staff = await db.select({ id: users.id, role: users.role }).from(users);
  const agentIds = staff.map((s) => s.id);

  await db.insert(tags).values(data.TAGS).onConflictDoNothing();
  const tagRows = await db.select({ id: tags.id, name: tags.name }).from(tags);
  await db.insert(attributeDefinitions).values(data.ATTRIBUTES.map((a, i) => ({ ...a, position: i }))).onConflictDoNothing();
  const attrs = await db.select().from(attributeDefinitions);
  const attr = (key: string) => attrs.find((a) => a.key === key)!;

  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const now = Date.now();
  const day = 86_400_000;

  await db.transaction(async (tx) => {
    for (let start = 0; start < total; start += 250) {
      const batch: { contact: NewContact; phones: string[]; emails: string[] }[] = [];
      for (let i = start; i < Math.min(total, start + 250); i++) {
        const place = i % 3 === 0 ? r.pick(data.PLACES) : data.PLACES[0]!;
        // Every 40th contact repeats an earlier person's name (and company): the deliberate duplicates.
        const twin = i > 0 && i % 40 === 0 ? batch[batch.length - 1]?.contact : undefined;
        const first = twin?.firstName ?? r.pick(data.FIRST_NAMES);
        const last = twin?.lastName ?? r.pick(data.LAST_NAMES);
        const company = twin?.company ?? (r.next() < 0.8 ? r.pick(data.COMPANIES) : null);
        const created = new Date(now - (30 + r.int(900)) * day);
        const lastInteraction = r.next() < 0.9 ? new Date(created.getTime() + r.int(Math.max(1, now - created.getTime()))) : null;
        const leadStage = r.pick<LeadStage>(["lead", "contact", "contact", "opportunity", "customer", "customer"]);
        const source = r.pick<SourceChannel>(["web_chat", "email", "whatsapp", "facebook", "phone", "sms", "import", "api", "manual"]);
        const phones: string[] = [];
        for (let p = 0, want = r.next() < 0.25 ? 2 : 1; p < want; p++) {
          for (let attempt = 0; attempt < 20; attempt++) {
            const candidate = r.pick(place.phonePatterns).replace(/#/g, () => String(r.int(10)));
            const n = normalizePhone(candidate, place.country);
            if (n.ok && !usedPhones.has(n.e164)) {
              usedPhones.add(n.e164);
              phones.push(n.e164);
              break;
            }
          }
        }
        const emails: string[] = [];
        const local = `${ascii(first)}.${ascii(last)}`;
        for (const candidate of [`${local}@${r.pick(place.emailDomains)}`, company ? `${ascii(first)[0]}${ascii(last)}@${ascii(company)}.com` : null]) {
          if (!candidate) continue;
          let e = candidate;
          for (let k = 2; usedEmails.has(e.toLowerCase()); k++) e = candidate.replace("@", `${k}@`);
          if (emails.length === 0 || r.next() < 0.3) {
            usedEmails.add(e.toLowerCase());
            emails.push(i % 7 === 0 ? e.replace(/^./, (c) => c.toUpperCase()) : e);
          }
        }
        const blocked = r.next() < 0.02;
        batch.push({
          phones,
          emails,
          contact: {
            contactKey: `DEMO-${String(i + 1).padStart(5, "0")}`,
            firstName: first,
            lastName: last,
            company,
            jobTitle: company && r.next() < 0.6 ? r.pick(data.JOB_TITLES) : null,
            industry: company ? r.pick(data.INDUSTRIES) : null,
            city: r.pick(place.cities),
            country: place.country,
            language: place.language,
            timeZone: place.timeZone,
            leadStage,
            status: r.next() < 0.9 ? "active" : "inactive",
            blocked,
            blockedAt: blocked ? new Date(now - r.int(60) * day) : null,
            archived: r.next() < 0.03,
            source,
            favoriteAgentId: r.next() < 0.5 ? r.pick(agentIds) : null,
            subscription: r.pick<SubscriptionStatus>(["not_set", "subscribed", "subscribed", "unsubscribed"]),
            createdAt: created,
            updatedAt: lastInteraction ?? created,
            lastInteractionAt: lastInteraction,
          },
        });
      }
      const inserted = await tx.insert(contacts).values(batch.map((b) => b.contact)).returning({ id: contacts.id });
      const phoneRows: (typeof contactPhones.$inferInsert)[] = [];
      const emailRows: (typeof contactEmails.$inferInsert)[] = [];
      const tagLinks: (typeof contactTags.$inferInsert)[] = [];
      const values: (typeof contactAttributeValues.$inferInsert)[] = [];
      const noteRows: (typeof notes.$inferInsert)[] = [];
      const activityRows: (typeof activities.$inferInsert)[] = [];
      inserted.forEach(({ id }, k) => {
        const b = batch[k]!;
        b.phones.forEach((e164, p) => phoneRows.push({ contactId: id, e164, isPrimary: p === 0, label: p === 0 ? "mobile" : "work" }));
        b.emails.forEach((email, p) =>
          emailRows.push({ contactId: id, email, emailNormalized: email.toLowerCase(), isPrimary: p === 0, label: p === 0 ? "personal" : "work" }),
        );
        for (const t of tagRows) if (r.next() < 0.12) tagLinks.push({ contactId: id, tagId: t.id });
        if (r.next() < 0.7) values.push({ contactId: id, attributeId: attr("plan").id, textValue: r.pick(["Free", "Pro", "Enterprise"]) });
        if (r.next() < 0.5) values.push({ contactId: id, attributeId: attr("customer_since").id, dateValue: new Date(now - r.int(2000) * day).toISOString().slice(0, 10) });
        if (r.next() < 0.5) values.push({ contactId: id, attributeId: attr("lifetime_value").id, numberValue: String(r.int(50_000) / 10) });
        if (r.next() < 0.4) values.push({ contactId: id, attributeId: attr("vip").id, boolValue: r.next() < 0.2 });
        if (r.next() < 0.3) values.push({ contactId: id, attributeId: attr("loyalty_id").id, textValue: `LOY-${100000 + r.int(900000)}` });
        if (r.next() < 0.5) values.push({ contactId: id, attributeId: attr("home_store").id, textValue: b.contact.city as string });
        if (r.next() < 0.3) noteRows.push({ contactId: id, authorId: r.pick(agentIds), body: r.pick(data.NOTE_SAMPLES), createdAt: b.contact.updatedAt as Date });
        const last = b.contact.lastInteractionAt as Date | null;
        for (let a = 0, n = last ? 1 + r.int(4) : 0; a < n; a++) {
          const sample = r.pick(data.ACTIVITY_SAMPLES);
          const at = a === 0 ? last! : new Date((b.contact.createdAt as Date).getTime() + r.int(Math.max(1, last!.getTime() - (b.contact.createdAt as Date).getTime())));
          activityRows.push({ contactId: id, type: sample.type, summary: sample.summary, occurredAt: at, actorId: r.pick(agentIds) });
        }
      });
      if (phoneRows.length) await tx.insert(contactPhones).values(phoneRows);
      if (emailRows.length) await tx.insert(contactEmails).values(emailRows);
      if (tagLinks.length) await tx.insert(contactTags).values(tagLinks);
      if (values.length) await tx.insert(contactAttributeValues).values(values);
      if (noteRows.length) await tx.insert(notes).values(noteRows);
      if (activityRows.length) await tx.insert(activities).values(activityRows);
    }
  });
  await db.execute(sql`analyze`);
  return { created: total };
}
