CREATE TABLE "search_words" (
	"word" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_words_trgm" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_words_word_idx" ON "search_words" USING hash ("word");
--> statement-breakpoint
-- Quick search ignores accents and case both ways (issue 21): "muller" finds Müller and "Müller" finds
-- Muller. The search columns and the typed search go through the same SQL function, search_fold, so
-- they cannot fold differently; the list builds its patterns in SQL (lib/contacts/list.ts), where
-- the planner evaluates these IMMUTABLE functions once per statement (plan_cache_mode is
-- force_custom_plan, db/client.ts). Company names are searched too.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could be changed); named with its schema, the wrapper may be
-- IMMUTABLE, as the generated search_key and the index expressions need. The final sigma is folded too:
-- pg_c_utf8 lowers "ΠΑΠΑΔΌΠΟΥΛΟΣ" to "…σ" where ICU (and JavaScript) gives "…ς", and the stored name
-- is usually typed with "ς".
CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT translate(unicode_lower(public.unaccent('public.unaccent'::regdictionary, t)), 'ς', 'σ') $$;
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
  -- A new contact's words are added per statement (contacts_search_words_ins, below).
  IF TG_OP = 'UPDATE' AND (NEW.first_name, NEW.middle_name, NEW.last_name, NEW.company)
      IS DISTINCT FROM (OLD.first_name, OLD.middle_name, OLD.last_name, OLD.company) THEN
    -- Only the words no row holds yet. No unique constraint to wait on: two writers adding the same
    -- new word at once both add it, which the readers' DISTINCT absorbs.
    INSERT INTO search_words (word)
    SELECT DISTINCT w FROM search_words_of(concat_ws(' ', NEW.first_name, NEW.middle_name, NEW.last_name, NEW.company)) w
    WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = w);
  END IF;
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
-- The words of a name and company as search_words keeps them: folded, without punctuation, three
-- letters or more and no digit (what a spelling suggestion can be computed for; "Row 12345" or
-- "Store 0042" would add a word per contact).
-- (Not STRICT, one SELECT: the planner inlines it into the statements that read it.)
CREATE FUNCTION search_words_of(t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 4
AS $$ SELECT w FROM regexp_split_to_table(search_key_of(search_fold(t)), '\s+') w WHERE length(w) >= 3 AND w !~ '[[:digit:]]' $$;
--> statement-breakpoint
-- The words of the contacts a statement inserts, set-wise: per row, a 20 000-row INSERT spent most of
-- its time here. The bulk import adds its batch's words itself (lib/import/write/write-batch.ts).
CREATE FUNCTION contacts_add_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM new_rows n, search_words_of(concat_ws(' ', n.first_name, n.middle_name, n.last_name, n.company)) w
  WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = w);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_search_words_ins AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION contacts_add_search_words();
--> statement-breakpoint
-- Removes those of `candidates` that no contact's search key holds any more: GDPR erasure calls it
-- with every word a contact's names and companies ever had, so that no word of the person stays.
-- One indexed probe per word (EXECUTE: planned with the word itself, so the trigram index is used).
CREATE FUNCTION forget_search_words(candidates text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  w text;
  held boolean;
BEGIN
  FOR w IN SELECT DISTINCT unnest(candidates) LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM contacts c WHERE c.search_key LIKE %L)', '%' || w || '%') INTO held;
    IF NOT held THEN
      DELETE FROM search_words WHERE word = w;
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- For each word of a search (in order): whether some contact's name or company holds it (as a part of
-- a word, as the search itself would; a word with a digit is taken as it is), and if not, up to
-- `per_word` words that are spelled alike,
-- closest first. Trigram similarity over this small table, not over every contact's document: at
-- 1M contacts `<%` on search_key read tens of thousands of rows for a typo of a common name (seconds,
-- BENCHMARKS.md). The threshold admits two swapped letters in a six-letter name ("matues" is 0.27 of
-- "mateus"); the SET clauses keep the planner on the indexes and restore the threshold afterwards.
CREATE FUNCTION search_corrections(query text, per_word integer) RETURNS TABLE (ord bigint, word text, alternatives text[])
LANGUAGE sql STABLE
SET enable_seqscan = off
SET pg_trgm.similarity_threshold = 0.25
-- The planner reckons a thousand words per search and a sub-plan for each: JIT compiled it, for a second.
SET jit = off
AS $$
  SELECT q.ord, q.word,
    CASE WHEN length(q.word) >= 3 AND q.word !~ '[[:digit:]]'
      AND NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word LIKE '%' || q.word || '%') THEN
      ARRAY(SELECT a.word FROM (SELECT DISTINCT s.word FROM search_words s WHERE s.word % q.word) a
            ORDER BY similarity(a.word, q.word) DESC, a.word LIMIT per_word)
    END
  FROM regexp_split_to_table(btrim(search_key_of(search_fold(query))), '\s+') WITH ORDINALITY AS q(word, ord)
  WHERE q.word <> ''
$$;
--> statement-breakpoint
-- Every contact's search columns in the new format, set-wise (the trigger recomputes a written row).
UPDATE contacts SET search_doc = ''
WHERE (search_doc, attr_words) IS DISTINCT FROM
      (contact_search_doc(id, first_name, middle_name, last_name, company), contact_attr_words(id));
--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT w FROM contacts c, search_words_of(concat_ws(' ', c.first_name, c.middle_name, c.last_name, c.company)) w;
--> statement-breakpoint
ANALYZE search_words;
