import type postgres from "postgres";

export const BENCH_KEY_PREFIX = "B-";

/**
 * Seeds `n` contacts set-wise in SQL: ~1.3 phones and ~1.3 e-mails each, tags, and values of every
 * custom attribute type. Triggers are switched off for the bulk insert (session_replication_role)
 * and the search columns (and the words of names for "Did you mean…") are then computed in one pass,
 * as a bulk import would.
 * Reuses what is there when the database already holds `n` bench contacts.
 */
export async function seedLarge(sql: postgres.Sql, n: number, log: (m: string) => void): Promise<void> {
  const [{ count }] = (await sql`select count(*)::int as count from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`) as unknown as [{ count: number }];
  if (count === n) {
    log(`reusing ${n} seeded contacts`);
    await trashShare(sql, log);
    return;
  }
  if (count > 0) {
    log(`removing ${count} bench contacts of another size`);
    await sql`delete from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`;
  }
  const t0 = Date.now();
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into tags (name, color)
      select 'Bench tag ' || g, '#64748b' from generate_series(1, 20) g
      on conflict do nothing`;
    await tx`
      insert into attribute_definitions (key, label, type, options, position)
      values ('bench_plan', 'Bench plan', 'dropdown', '["Free","Pro","Enterprise"]', 100),
             ('bench_score', 'Bench score', 'number', '[]', 101),
             ('bench_since', 'Bench since', 'date', '[]', 102),
             ('bench_vip', 'Bench VIP', 'boolean', '[]', 103),
             ('bench_code', 'Bench code', 'text', '[]', 104)
      on conflict do nothing`;
    const first = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "lukas", "anna", "felix", "sofia", "mateus", "priya", "arjun", "chloé", "hugo", "aisha", "omar", "mei", "kenji", "yuki", "olivia", "noah", "emma", "liam", "amelia", "carlos"];
    const last = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "martinez", "lopez", "wilson", "anderson", "taylor", "thomas", "moore", "jackson", "martin", "lee", "müller", "schmidt", "schneider", "fischer", "dubois", "lefèvre", "sharma", "patel", "silva", "santos", "tanaka", "okafor", "chen", "wang", "murphy", "sørensen", "kowalski"];
    await tx`
      insert into contacts (contact_key, first_name, last_name, company, city, country, lead_stage, status, source,
                            subscription, created_at, updated_at, last_interaction_at)
      select ${BENCH_KEY_PREFIX} || g,
             initcap((${first}::text[])[1 + (g::bigint * 7919) % ${first.length}]),
             initcap((${last}::text[])[1 + (g::bigint * 104729) % ${last.length}]),
             'Company ' || (g % 5000),
             (array['Berlin','Chicago','Paris','Austin','Mumbai','Leeds'])[1 + g % 6],
             (array['DE','US','FR','US','IN','GB'])[1 + g % 6],
             (array['lead','contact','opportunity','customer']::lead_stage[])[1 + g % 4],
             case when g % 10 = 0 then 'inactive'::contact_status else 'active' end,
             (array['web_chat','email','whatsapp','phone','sms','import','api','manual']::source_channel[])[1 + g % 8],
             (array['not_set','subscribed','unsubscribed']::subscription_status[])[1 + g % 3],
             now() - make_interval(days => 30 + g % 900),
             now() - make_interval(mins => g % 100000),
             case when g % 13 = 0 then null else now() - make_interval(mins => ((g::bigint * 37) % 500000)::int) end
      from generate_series(1, ${n}) g`;
    log(`contacts: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    // Phones: every contact one, every third a second (≈1.33); numbers are unique by construction.
    await tx`
      insert into contact_phones (contact_id, e164, is_primary, label)
      select c.id, '+1' || (2012000000 + c.id * 2), true, 'mobile' from contacts c where c.contact_key like ${BENCH_KEY_PREFIX + "%"}
      union all
      select c.id, '+1' || (2012000001 + c.id * 2), false, 'work' from contacts c where c.contact_key like ${BENCH_KEY_PREFIX + "%"} and c.id % 3 = 0`;
    await tx`
      insert into contact_emails (contact_id, email, email_normalized, is_primary, label)
      select c.id, e, e, true, 'personal' from contacts c,
        lateral (select lower(c.first_name || '.' || c.last_name || c.id || '@mail' || (c.id % 50) || '.test') as e) x
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"}
      union all
      select c.id, e, e, false, 'work' from contacts c,
        lateral (select lower(left(c.first_name, 1) || c.last_name || c.id || '@company' || (c.id % 5000) || '.test') as e) x
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"} and c.id % 3 = 1`;
    log(`identifiers: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    await tx`
      insert into contact_tags (contact_id, tag_id)
      select c.id, t.id from contacts c join tags t on t.name = 'Bench tag ' || (1 + c.id % 20)
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"} and c.id % 2 = 0
      on conflict do nothing`;
    await tx`
      insert into contact_attribute_values (contact_id, attribute_id, text_value, number_value, date_value, bool_value)
      select c.id, d.id,
        case d.key when 'bench_plan' then (array['Free','Pro','Enterprise'])[1 + c.id % 3]
                   when 'bench_code' then 'CODE-' || (c.id % 100000) end,
        case when d.key = 'bench_score' then ((c.id::bigint * 7919) % 100000)::numeric end,
        case when d.key = 'bench_since' then date '2015-01-01' + (c.id % 3650)::int end,
        case when d.key = 'bench_vip' then c.id % 7 = 0 end
      from contacts c cross join attribute_definitions d
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"} and d.key like 'bench_%' and (c.id + d.id) % 5 <> 0`;
    log(`tags and attributes: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    // The search columns, as the triggers would have kept them.
    await tx`
      update contacts c set
        search_doc = contact_search_doc(c.id, c.first_name, c.middle_name, c.last_name, c.company),
        attr_words = contact_attr_words(c.id)
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"}`;
    await tx`
      insert into search_words (word)
      select distinct w from contacts c, search_words_of(concat_ws(' ', c.first_name, c.middle_name, c.last_name, c.company)) w
      where c.contact_key like ${BENCH_KEY_PREFIX + "%"} and not exists (select 1 from search_words x where x.word = w)`;
    log(`search columns: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });
  await trashShare(sql, log);
  log(`seeded ${n} contacts in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/**
 * One bench contact in ten is in Trash (SPEC §9), deleted within the last 29 days, so every figure is
 * measured with trashed rows among the live ones that each read must leave out. Also applied to a
 * database seeded before the trash existed.
 */
async function trashShare(sql: postgres.Sql, log: (m: string) => void): Promise<void> {
  const moved = await sql`
    update contacts set trashed_at = now() - make_interval(days => (id % 29)::int)
    where contact_key like ${BENCH_KEY_PREFIX + "%"} and id % 10 = 5 and trashed_at is null`;
  if (moved.count) log(`moved ${moved.count} bench contacts to Trash`);
  await sql`vacuum analyze`;
}
