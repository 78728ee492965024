-- Bulk write mode for the import (issue 6). A transaction that runs
--   SELECT set_config('switchboard.bulk_write', 'on', true)
-- skips the per-row work of the triggers below and takes over two duties itself, set-wise:
-- writing the search columns of the contacts it touches (lib/import/write-batch.ts) and — checked
-- here, by statement-level triggers, so the database still guards it — keeping every phone and
-- e-mail off the users. Ordinary writes keep the per-row, per-value path of migration 0001.
-- Measured before: each imported contact was written three times (insert, then one refresh per
-- phone and e-mail statement) through every contacts index, and each identifier took an advisory
-- lock of its own, so COPY into the indexed tables ran at ~2 000 rows/s.

-- The search document's format, once: the per-contact function below and the bulk writer (which
-- builds it from the staged rows of a batch) both call it.
CREATE FUNCTION search_doc_of(p_first text, p_middle text, p_last text, p_emails text, p_phones text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(E'\n', nullif(btrim(concat_ws(' ', p_first, p_middle, p_last)), ''), p_emails, p_phones));
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_search_doc(p_id bigint, p_first text, p_middle text, p_last text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT search_doc_of(p_first, p_middle, p_last,
    (SELECT string_agg(e.email_normalized, E'\n' ORDER BY e.id) FROM contact_emails e WHERE e.contact_id = p_id),
    (SELECT string_agg(substr(ph.e164, 2), E'\n' ORDER BY ph.id) FROM contact_phones ph WHERE ph.contact_id = p_id));
$$;
--> statement-breakpoint
-- Values in attribute order (it was scan order), so that an unchanged contact gives an equal
-- tsvector and the refresh below can skip it.
CREATE OR REPLACE FUNCTION contact_attr_words(p_id bigint) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('simple', coalesce(string_agg(coalesce(v.text_value, v.number_value::text), ' ' ORDER BY v.attribute_id), ''))
  FROM contact_attribute_values v
  JOIN attribute_definitions d ON d.id = v.attribute_id
  WHERE v.contact_id = p_id AND d.type IN ('text', 'number', 'dropdown');
$$;
--> statement-breakpoint
-- Rewrites only the contacts whose search columns really change: a contact row is wide and
-- indexed a dozen ways (two GIN), so a no-op rewrite is the expensive part of an identifier write.
CREATE OR REPLACE FUNCTION identifiers_refresh_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT contact_id FROM new_rows)
      AND (c.search_doc, c.attr_words) IS DISTINCT FROM
          (contact_search_doc(c.id, c.first_name, c.middle_name, c.last_name), contact_attr_words(c.id));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT contact_id FROM old_rows)
      AND (c.search_doc, c.attr_words) IS DISTINCT FROM
          (contact_search_doc(c.id, c.first_name, c.middle_name, c.last_name), contact_attr_words(c.id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- One key that every bulk batch takes shared and every user write of an e-mail or phone takes
-- exclusively, before looking at the other side: a batch and a user write are serialised, and
-- the later one's next statement (READ COMMITTED: a new snapshot) sees what the other committed.
CREATE FUNCTION identifier_bulk_lock(exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF exclusive THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('identifiers:bulk', 0));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('identifiers:bulk', 0));
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_identifiers_not_a_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.email IS DISTINCT FROM OLD.email OR NEW.phone IS DISTINCT FROM OLD.phone THEN
    PERFORM identifier_bulk_lock(true);
  END IF;
  PERFORM identifier_lock('email', lower(NEW.email));
  IF EXISTS (SELECT 1 FROM contact_emails WHERE email_normalized = lower(NEW.email)) THEN
    RAISE EXCEPTION 'The e-mail % belongs to a contact', lower(NEW.email)
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
--> statement-breakpoint
-- The bulk side of the invariant: after a statement's rows are in, one lookup of all of them.
CREATE FUNCTION contact_phones_bulk_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held text;
BEGIN
  PERFORM identifier_bulk_lock(false);
  SELECT n.e164 INTO held FROM new_rows n JOIN users u ON u.phone = n.e164 LIMIT 1;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION 'The phone number % belongs to a user', held
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION contact_emails_bulk_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held text;
BEGIN
  PERFORM identifier_bulk_lock(false);
  SELECT n.email_normalized INTO held FROM new_rows n JOIN users u ON lower(u.email) = n.email_normalized LIMIT 1;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION 'The e-mail % belongs to a user', held
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Transition tables allow no column list, so the bulk check runs after any UPDATE in bulk mode.
CREATE TRIGGER contact_phones_bulk_ins AFTER INSERT ON contact_phones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) = 'on') EXECUTE FUNCTION contact_phones_bulk_not_a_user();
--> statement-breakpoint
CREATE TRIGGER contact_phones_bulk_upd AFTER UPDATE ON contact_phones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) = 'on') EXECUTE FUNCTION contact_phones_bulk_not_a_user();
--> statement-breakpoint
CREATE TRIGGER contact_emails_bulk_ins AFTER INSERT ON contact_emails REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) = 'on') EXECUTE FUNCTION contact_emails_bulk_not_a_user();
--> statement-breakpoint
CREATE TRIGGER contact_emails_bulk_upd AFTER UPDATE ON contact_emails REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) = 'on') EXECUTE FUNCTION contact_emails_bulk_not_a_user();
--> statement-breakpoint
-- The per-row triggers, now off in bulk mode (a WHEN clause: no function call per row at all).
DROP TRIGGER contact_phones_not_a_user ON contact_phones;
--> statement-breakpoint
CREATE TRIGGER contact_phones_not_a_user BEFORE INSERT OR UPDATE OF e164 ON contact_phones
  FOR EACH ROW WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION contact_phones_not_a_user();
--> statement-breakpoint
DROP TRIGGER contact_emails_not_a_user ON contact_emails;
--> statement-breakpoint
CREATE TRIGGER contact_emails_not_a_user BEFORE INSERT OR UPDATE OF email_normalized ON contact_emails
  FOR EACH ROW WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION contact_emails_not_a_user();
--> statement-breakpoint
DROP TRIGGER contacts_set_search_doc ON contacts;
--> statement-breakpoint
CREATE TRIGGER contacts_set_search_doc BEFORE INSERT OR UPDATE OF first_name, middle_name, last_name, search_doc ON contacts
  FOR EACH ROW WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION contacts_set_search_doc();
--> statement-breakpoint
DROP TRIGGER contact_emails_search_ins ON contact_emails;
--> statement-breakpoint
DROP TRIGGER contact_emails_search_upd ON contact_emails;
--> statement-breakpoint
DROP TRIGGER contact_emails_search_del ON contact_emails;
--> statement-breakpoint
DROP TRIGGER contact_phones_search_ins ON contact_phones;
--> statement-breakpoint
DROP TRIGGER contact_phones_search_upd ON contact_phones;
--> statement-breakpoint
DROP TRIGGER contact_phones_search_del ON contact_phones;
--> statement-breakpoint
DROP TRIGGER contact_attribute_values_search_ins ON contact_attribute_values;
--> statement-breakpoint
DROP TRIGGER contact_attribute_values_search_upd ON contact_attribute_values;
--> statement-breakpoint
DROP TRIGGER contact_attribute_values_search_del ON contact_attribute_values;
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_ins AFTER INSERT ON contact_emails REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_upd AFTER UPDATE ON contact_emails REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_del AFTER DELETE ON contact_emails REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_ins AFTER INSERT ON contact_phones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_upd AFTER UPDATE ON contact_phones REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_del AFTER DELETE ON contact_phones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_ins AFTER INSERT ON contact_attribute_values REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_upd AFTER UPDATE ON contact_attribute_values REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_del AFTER DELETE ON contact_attribute_values REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT WHEN (current_setting('switchboard.bulk_write', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION identifiers_refresh_search_doc();
