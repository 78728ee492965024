-- Quick search ignores accents and case both ways (issue 21): "muller" finds Müller and "Müller" finds
-- Muller. The search columns and the typed search go through the same SQL function, search_fold, so
-- they cannot fold differently; the list builds its patterns in SQL (lib/contacts/list.ts), where
-- the planner evaluates these IMMUTABLE functions once per statement (plan_cache_mode is
-- force_custom_plan, db/client.ts). Company names are searched too.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could be changed); named with its schema, the wrapper may be
-- IMMUTABLE, as the generated search_key and the index expressions need.
CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT unicode_lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;
--> statement-breakpoint
-- `%text%` for LIKE over search_doc: folded first, then LIKE's wildcards escaped (unaccent turns the
-- full-width "％" into "%", which must stay a literal).
CREATE FUNCTION search_pattern(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT '%' || replace(replace(replace(search_fold(t), '\', '\\'), '%', '\%'), '_', '\_') || '%' $$;
--> statement-breakpoint
-- The same over search_key (no punctuation, so nothing to escape).
CREATE FUNCTION search_key_pattern(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT '%' || search_key_of(search_fold(t)) || '%' $$;
--> statement-breakpoint
-- Custom attribute words, folded before the 'simple' configuration splits them: its parser and
-- lower-casing follow the database's locale (under ctype C "ÜBER" was not "über").
CREATE FUNCTION attr_words_of(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT to_tsvector('simple'::regconfig, search_fold(coalesce(t, ''))) $$;
--> statement-breakpoint
CREATE FUNCTION search_words_query(t text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT phraseto_tsquery('simple'::regconfig, search_fold(t)) $$;
--> statement-breakpoint
DROP FUNCTION search_doc_of(text, text, text, text, text);
--> statement-breakpoint
-- Name, company, e-mails, phone digits: one line each.
CREATE FUNCTION search_doc_of(p_first text, p_middle text, p_last text, p_company text, p_emails text, p_phones text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT search_fold(concat_ws(E'\n', nullif(btrim(concat_ws(' ', p_first, p_middle, p_last)), ''), nullif(btrim(p_company), ''), p_emails, p_phones));
$$;
--> statement-breakpoint
DROP FUNCTION contact_search_doc(bigint, text, text, text);
--> statement-breakpoint
CREATE FUNCTION contact_search_doc(p_id bigint, p_first text, p_middle text, p_last text, p_company text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT search_doc_of(p_first, p_middle, p_last, p_company,
    (SELECT string_agg(e.email_normalized, E'\n' ORDER BY e.id) FROM contact_emails e WHERE e.contact_id = p_id),
    (SELECT string_agg(substr(ph.e164, 2), E'\n' ORDER BY ph.id) FROM contact_phones ph WHERE ph.contact_id = p_id));
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_attr_words(p_id bigint) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT attr_words_of(string_agg(coalesce(v.text_value, v.number_value::text), ' ' ORDER BY v.attribute_id))
  FROM contact_attribute_values v
  JOIN attribute_definitions d ON d.id = v.attribute_id
  WHERE v.contact_id = p_id AND d.type IN ('text', 'number', 'dropdown');
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contacts_set_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_doc := contact_search_doc(NEW.id, NEW.first_name, NEW.middle_name, NEW.last_name, NEW.company);
  NEW.attr_words := contact_attr_words(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER contacts_set_search_doc ON contacts;
--> statement-breakpoint
CREATE TRIGGER contacts_set_search_doc BEFORE INSERT OR UPDATE OF first_name, middle_name, last_name, company, search_doc ON contacts
  FOR EACH ROW WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION contacts_set_search_doc();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION identifiers_refresh_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT contact_id FROM new_rows)
      AND (c.search_doc, c.attr_words) IS DISTINCT FROM
          (contact_search_doc(c.id, c.first_name, c.middle_name, c.last_name, c.company), contact_attr_words(c.id));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT contact_id FROM old_rows)
      AND (c.search_doc, c.attr_words) IS DISTINCT FROM
          (contact_search_doc(c.id, c.first_name, c.middle_name, c.last_name, c.company), contact_attr_words(c.id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Up to `cap` contacts whose search key holds a word like `query` (a folded search): pg_trgm's word
-- similarity through the trigram index on search_key, for "Did you mean…" when a search finds
-- (almost) nothing. The threshold admits one wrong, missing or swapped letter in a name of five or
-- more; the SET clauses keep the planner on the index (it cannot estimate `<%`) and keep the
-- function from being inlined. Best matches first.
CREATE FUNCTION contacts_similar(query text, cap integer) RETURNS TABLE (id bigint, score real)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
SET pg_trgm.word_similarity_threshold = 0.4
AS $$
  SELECT c.id, word_similarity(query, c.search_key) AS score FROM contacts c
  WHERE query <% c.search_key
  ORDER BY score DESC, c.id
  LIMIT cap
$$;
--> statement-breakpoint
-- Every contact's search columns in the new format, set-wise (the trigger recomputes a written row).
UPDATE contacts SET search_doc = ''
WHERE (search_doc, attr_words) IS DISTINCT FROM
      (contact_search_doc(id, first_name, middle_name, last_name, company), contact_attr_words(id));
