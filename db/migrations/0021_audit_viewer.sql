DROP INDEX "audit_log_entity_idx";--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id") WHERE "audit_log"."actor_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_actor_label_idx" ON "audit_log" USING btree ("actor_label","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
-- Append-only (issue 17, SPEC §8): an audit entry, once written, is never changed or removed.
-- Two exceptions, each narrow:
--  * the GDPR erasure path sets `select set_config('switchboard.audit_erasure', 'on', true)` in its
--    own transaction (transaction-local), and may then update or delete entries — that is the
--    contract with lib/gdpr; the benchmark cleanups (scripts/bench) use the same door, in their own
--    transactions, to remove what they wrote;
--  * the users foreign key's ON DELETE SET NULL may clear actor_id and nothing else: the label that
--    names who acted stays.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('switchboard.audit_erasure', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
     AND ROW(NEW.id, NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.created_at)
         IS NOT DISTINCT FROM ROW(OLD.id, OLD.actor_label, OLD.action, OLD.entity_type, OLD.entity_id, OLD.before, OLD.after, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'Only the GDPR erasure path (switchboard.audit_erasure) may change or remove entries.';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
