CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
INSERT INTO "workspace_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The Contact ID is given once and never changes.
CREATE FUNCTION contacts_keep_contact_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.contact_key IS DISTINCT FROM OLD.contact_key THEN
    RAISE EXCEPTION 'The contact ID cannot be changed'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'contacts_contact_key_immutable';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_keep_contact_key BEFORE UPDATE OF contact_key ON contacts
  FOR EACH ROW EXECUTE FUNCTION contacts_keep_contact_key();
--> statement-breakpoint
-- A phone or e-mail never belongs to a contact and a user at once. Both sides take the same
-- transaction-level advisory lock on the value before looking at the other table, so two concurrent
-- inserts are serialised and the second one sees the first (each plpgsql query takes a new snapshot).
CREATE FUNCTION identifier_lock(kind text, value text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtextextended(kind || ':' || value, 0));
$$;
--> statement-breakpoint
CREATE FUNCTION contact_emails_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM identifier_lock('email', NEW.email_normalized);
  IF EXISTS (SELECT 1 FROM users WHERE lower(email) = NEW.email_normalized) THEN
    RAISE EXCEPTION 'The e-mail % belongs to a user', NEW.email_normalized
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_emails_not_a_user BEFORE INSERT OR UPDATE OF email_normalized ON contact_emails
  FOR EACH ROW EXECUTE FUNCTION contact_emails_not_a_user();
--> statement-breakpoint
CREATE FUNCTION contact_phones_not_a_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM identifier_lock('phone', NEW.e164);
  IF EXISTS (SELECT 1 FROM users WHERE phone = NEW.e164) THEN
    RAISE EXCEPTION 'The phone number % belongs to a user', NEW.e164
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'identifier_held_by_user';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_phones_not_a_user BEFORE INSERT OR UPDATE OF e164 ON contact_phones
  FOR EACH ROW EXECUTE FUNCTION contact_phones_not_a_user();
--> statement-breakpoint
CREATE FUNCTION users_identifiers_not_a_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER users_identifiers_not_a_contact BEFORE INSERT OR UPDATE OF email, phone ON users
  FOR EACH ROW EXECUTE FUNCTION users_identifiers_not_a_contact();
--> statement-breakpoint
-- The search document: lower-cased names, e-mails and the digits of every phone, one line each.
CREATE FUNCTION contact_search_doc(p_id bigint, p_first text, p_middle text, p_last text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(E'\n',
    nullif(btrim(concat_ws(' ', p_first, p_middle, p_last)), ''),
    (SELECT string_agg(e.email_normalized, E'\n' ORDER BY e.id) FROM contact_emails e WHERE e.contact_id = p_id),
    (SELECT string_agg(substr(ph.e164, 2), E'\n' ORDER BY ph.id) FROM contact_phones ph WHERE ph.contact_id = p_id)
  ));
$$;
--> statement-breakpoint
CREATE FUNCTION contacts_set_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_doc := contact_search_doc(NEW.id, NEW.first_name, NEW.middle_name, NEW.last_name);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_set_search_doc BEFORE INSERT OR UPDATE OF first_name, middle_name, last_name, search_doc
  ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_set_search_doc();
--> statement-breakpoint
-- Identifier changes refresh the owning contacts once per statement (bulk imports touch many rows).
CREATE FUNCTION identifiers_refresh_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT DISTINCT contact_id FROM new_rows);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE contacts c SET search_doc = '' WHERE c.id IN (SELECT DISTINCT contact_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_ins AFTER INSERT ON contact_emails REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_upd AFTER UPDATE ON contact_emails REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_emails_search_del AFTER DELETE ON contact_emails REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_ins AFTER INSERT ON contact_phones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_upd AFTER UPDATE ON contact_phones REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_phones_search_del AFTER DELETE ON contact_phones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE INDEX contacts_search_doc_trgm ON contacts USING gin (search_doc gin_trgm_ops);
