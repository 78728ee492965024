// Raw postgres.js: the rules' targeted forms share their SQL fragments with the full computation (./rules.ts).
import { rawSql } from "@/db";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import type { DuplicateReason } from "@/db/schema";
import { CLUSTERS_LOCK } from "./compute";
import { eligible, isExact, NAME_SIMILARITY, sameNameRule, sharesBlock } from "./rules";

interface Partner {
  id: number;
  reasons: DuplicateReason[];
}

/**
 * The rules for one contact against all others, each through an index: the phone key through
 * contact_phones.match_key (with the old Brazilian and Mexican forms of the key), Gmail keys through
 * their partial index, equal names through lower(full_name), similar names through the search
 * document's trigram index (a name's word similarity within another's document is at least its
 * similarity to the other's name), each then checked by the exact rule.
 */
async function partnersOf(contactId: number): Promise<Partner[]> {
  const sql = rawSql();
  const rows = await sql.begin(async (tx) => {
    await tx`select set_config('pg_trgm.word_similarity_threshold', ${String(NAME_SIMILARITY)}, true)`;
    return tx<{ id: string; reason: DuplicateReason }[]>`
      with me as (select * from contacts where id = ${contactId}),
      pairs as (
        select p2.contact_id as id, 'phone' as reason
        from contact_phones p1
        cross join lateral (select duplicate_phone_key(p1.e164) as k) key
        join contact_phones p2 on p2.match_key = any(array[key.k,
            regexp_replace(key.k, '^\\+55([1-9][1-9])9([6-9][0-9]{7})$', '+55\\1\\2'),
            regexp_replace(key.k, '^\\+52([0-9]{10})$', '+521\\1')])
          and duplicate_phone_key(p2.e164) = key.k and p2.contact_id <> p1.contact_id
        where p1.contact_id = ${contactId}
        union all
        select e2.contact_id, 'gmail'
        from contact_emails e1
        join contact_emails e2 on duplicate_email_key(e2.email_normalized) = duplicate_email_key(e1.email_normalized)
          and e2.email_normalized ~ '@(gmail|googlemail)\\.com$' and e2.contact_id <> e1.contact_id
        where e1.contact_id = ${contactId} and e1.email_normalized ~ '@(gmail|googlemail)\\.com$'
        union all
        select c2.id, 'name_company'
        from me join contacts c2 on lower(c2.full_name) = lower(me.full_name) and c2.id <> me.id
        where nullif(lower(btrim(c2.company)), '') = lower(btrim(me.company))
        union all
        select c2.id, 'name_city'
        from me join contacts c2 on lower(c2.full_name) = lower(me.full_name) and c2.id <> me.id
        where nullif(lower(btrim(c2.city)), '') = lower(btrim(me.city))
        union all
        select cb.id, 'similar_name'
        from me ca join contacts cb on lower(ca.full_name) <% cb.search_doc and cb.id <> ca.id
        where similarity(lower(ca.full_name), lower(cb.full_name)) >= ${NAME_SIMILARITY} and ${sharesBlock(tx)} and not ${sameNameRule(tx)}
      )
      select p.id, p.reason from pairs p join contacts c on c.id = p.id
      where ${eligible(tx)}
        and exists (select 1 from contacts c where c.id = ${contactId} and ${eligible(tx)})
        and not exists (select 1 from duplicate_dismissals d where d.low_id = least(p.id, ${contactId}) and d.high_id = greatest(p.id, ${contactId}))`;
  });
  const byId = new Map<number, Set<DuplicateReason>>();
  for (const r of rows) {
    const id = Number(r.id);
    if (!byId.has(id)) byId.set(id, new Set());
    byId.get(id)!.add(r.reason);
  }
  return [...byId].map(([id, reasons]) => ({ id, reasons: [...reasons] }));
}

/**
 * The incremental check after a contact is created or edited: its own pairs, found through indexes
 * (a few milliseconds), decide its cluster. It leaves its old cluster (dropped when one contact is
 * left) and joins, with the clusters of the contacts it matches, one cluster. A cluster an edit split
 * in two stays one until the next full computation.
 */
export async function checkContactDuplicates(contactId: number): Promise<void> {
  const partners = await partnersOf(contactId);
  await rawSql().begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${CLUSTERS_LOCK}, 0))`;
    const [left] = await tx<{ cluster_id: string }[]>`delete from duplicate_cluster_members where contact_id = ${contactId} returning cluster_id`;
    if (left) {
      await tx`
        delete from duplicate_clusters k where k.id = ${left.cluster_id}
          and (select count(*) from duplicate_cluster_members m where m.cluster_id = k.id) < 2`;
    }
    if (partners.length === 0) return;
    const ids = partners.map((p) => p.id);
    const joined = await tx<{ id: string; exact: boolean; reasons: DuplicateReason[] }[]>`
      select distinct k.id, k.exact, k.reasons from duplicate_cluster_members m join duplicate_clusters k on k.id = m.cluster_id
      where m.contact_id = any(${`{${ids.join(",")}}`}::bigint[])`;
    const reasons = new Set<DuplicateReason>([...partners.flatMap((p) => p.reasons), ...joined.flatMap((k) => k.reasons)]);
    // Exact when each cluster joined was, and this contact reaches each partner by an exact reason.
    const exact = joined.every((k) => k.exact) && partners.every((p) => p.reasons.some(isExact));
    const order: DuplicateReason[] = ["phone", "email", "gmail", "name_company", "name_city", "similar_name"];
    const [cluster] = await tx<{ id: string }[]>`
      insert into duplicate_clusters (exact, reasons) values (${exact}, ${`{${order.filter((r) => reasons.has(r)).join(",")}}`}::text[]) returning id`;
    const old = joined.map((k) => Number(k.id));
    await tx`update duplicate_cluster_members set cluster_id = ${cluster!.id} where cluster_id = any(${`{${old.join(",")}}`}::bigint[])`;
    await tx`delete from duplicate_clusters where id = any(${`{${old.join(",")}}`}::bigint[])`;
    await tx`
      insert into duplicate_cluster_members (cluster_id, contact_id, version)
      select ${cluster!.id}, c.id, c.version from contacts c where c.id = any(${`{${[contactId, ...ids].join(",")}}`}::bigint[])
      on conflict (contact_id) do nothing`;
  });
}

/** What the rules read of a contact: a write that leaves it alone needs no check. */
function matchedOn(s: ContactSnapshot | null): string {
  if (!s) return "";
  const c = s.contact;
  return JSON.stringify([c.fullName, c.company, c.city, s.phones.map((p) => p.e164).sort(), s.emails.map((e) => e.emailNormalized).sort()]);
}

/**
 * Called by the contact writers once their own transaction has committed (writeContact, the one
 * create rule): checks the contact again when something the rules read changed. Never fails the
 * write that is already done; the next full computation makes up for a check that failed.
 */
export async function afterContactWrite(contactId: number, before: ContactSnapshot | null, after: ContactSnapshot): Promise<void> {
  if (matchedOn(before) === matchedOn(after)) return;
  try {
    await checkContactDuplicates(contactId);
  } catch (error) {
    console.error(`The duplicate check of contact ${contactId} failed`, error);
  }
}
