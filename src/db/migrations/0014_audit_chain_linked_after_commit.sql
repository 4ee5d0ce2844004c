-- Audit events are inserted unlinked in the transaction of their change and linked into the
-- hash chain right after commit (`src/platform/audit-linker.ts`), so that writers no longer
-- queue on the chain's lock until they commit. `chain_seq` is the order of the chain.
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- Rows written before this migration were chained in `seq` order.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_change";--> statement-breakpoint
UPDATE "audit_events" SET "chain_seq" = "seq";--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_change";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_idx" ON "audit_events" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_events_unlinked_idx" ON "audit_events" USING btree ("seq") WHERE "audit_events"."chain_seq" is null;--> statement-breakpoint
-- Still append-only: the one change allowed is linking an unlinked row (its place in the chain
-- and its hashes, once), its content untouched. Everything else is refused as before.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
    AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
    AND (NEW.seq, NEW.at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.subject_type, NEW.subject_id, NEW.data, NEW.request_id)
      IS NOT DISTINCT FROM (OLD.seq, OLD.at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.subject_type, OLD.subject_id, OLD.data, OLD.request_id)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
