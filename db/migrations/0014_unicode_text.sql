-- Text rules that do not depend on the database's locale. Under LC_CTYPE C (the embedded cluster
-- was created with it before this migration) lower() and [:alnum:] know ASCII only, so "Müller"
-- was stored as "mller" in search_key and never found. Both now run under a Unicode collation that
-- every supported server has: PostgreSQL 17+'s builtin pg_c_utf8, else ICU's root locale.
-- The search columns of existing rows are recomputed below, whatever locale they were written under.
DO $do$
DECLARE
  coll text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pg_c_utf8') THEN
    coll := 'pg_catalog.pg_c_utf8';
  ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    coll := 'pg_catalog."und-x-icu"';
  ELSE
    RAISE EXCEPTION 'Switchboard needs PostgreSQL 17 or newer, or a PostgreSQL built with ICU, for Unicode-aware search';
  END IF;
  -- As JavaScript's toLowerCase() for the search document.
  EXECUTE format($f$CREATE FUNCTION unicode_lower(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $b$ SELECT lower(t COLLATE %s) $b$ $f$, coll);
  -- As the search's /[^\p{L}\p{N}\s]+/gu in lib/contacts/list.ts: letters, digits and spaces of any script stay.
  EXECUTE format($f$CREATE FUNCTION search_key_of(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $b$ SELECT regexp_replace(t COLLATE %s, '[^[:alnum:][:space:]]+', '', 'g') $b$ $f$, coll);
END $do$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_doc_of(p_first text, p_middle text, p_last text, p_emails text, p_phones text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT unicode_lower(concat_ws(E'\n', nullif(btrim(concat_ws(' ', p_first, p_middle, p_last)), ''), p_emails, p_phones));
$$;
--> statement-breakpoint
ALTER TABLE contacts DROP COLUMN search_key;
--> statement-breakpoint
ALTER TABLE contacts ADD COLUMN search_key text GENERATED ALWAYS AS (search_key_of(search_doc)) STORED;
--> statement-breakpoint
CREATE INDEX contacts_search_key_trgm ON contacts USING gin (search_key gin_trgm_ops);
--> statement-breakpoint
-- The trigger contacts_set_search_doc recomputes a contact's document when search_doc is written.
UPDATE contacts SET search_doc = ''
WHERE search_doc IS DISTINCT FROM contact_search_doc(id, first_name, middle_name, last_name);
--> statement-breakpoint
-- A normalised e-mail is the JavaScript lower case of the typed one (lib/email.ts), "Ü" included.
ALTER TABLE contact_emails DROP CONSTRAINT contact_emails_normalized;
--> statement-breakpoint
ALTER TABLE contact_emails ADD CONSTRAINT contact_emails_normalized CHECK (email_normalized = unicode_lower(btrim(email)));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_emails_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM identifier_lock('email', NEW.email_normalized);
  IF EXISTS (SELECT 1 FROM users WHERE unicode_lower(email) = NEW.email_normalized) THEN
    RAISE EXCEPTION 'The e-mail % belongs to a user', NEW.email_normalized
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_emails_bulk_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held text;
BEGIN
  PERFORM identifier_bulk_lock(false);
  SELECT n.email_normalized INTO held FROM new_rows n JOIN users u ON unicode_lower(u.email) = n.email_normalized LIMIT 1;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION 'The e-mail % belongs to a user', held
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_identifiers_not_a_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.email IS DISTINCT FROM OLD.email OR NEW.phone IS DISTINCT FROM OLD.phone THEN
    PERFORM identifier_bulk_lock(true);
  END IF;
  PERFORM identifier_lock('email', unicode_lower(NEW.email));
  IF EXISTS (SELECT 1 FROM contact_emails WHERE email_normalized = unicode_lower(NEW.email)) THEN
    RAISE EXCEPTION 'The e-mail % belongs to a contact', unicode_lower(NEW.email)
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_contact';
  END IF;
  IF NEW.phone IS NOT NULL THEN
    PERFORM identifier_lock('phone', NEW.phone);
    IF EXISTS (SELECT 1 FROM contact_phones WHERE e164 = NEW.phone) THEN
      RAISE EXCEPTION 'The phone number % belongs to a contact', NEW.phone
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_contact';
    END IF;
  END IF;
  RETURN NEW;
END $$;
