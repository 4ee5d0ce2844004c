DROP INDEX "applications_queue_open_idx";--> statement-breakpoint
DROP INDEX "applications_queue_officer_idx";--> statement-breakpoint
CREATE INDEX "users_prefecture_role_idx" ON "users" USING btree ("prefecture_code","role") WHERE prefecture_code is not null;--> statement-breakpoint
CREATE INDEX "applications_queue_open_idx" ON "applications" USING btree ("prefecture_code","priority_on","id","procedure_id","assigned_officer_id") WHERE status in ('filed', 'incomplete', 'under_review');--> statement-breakpoint
CREATE INDEX "applications_queue_officer_idx" ON "applications" USING btree ("prefecture_code","assigned_officer_id","priority_on","id") WHERE assigned_officer_id is not null and status in ('filed', 'incomplete', 'under_review');