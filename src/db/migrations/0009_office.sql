CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"prefecture_code" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"grounds" jsonb NOT NULL,
	"explanation" text NOT NULL,
	"with_oqtf" boolean DEFAULT false NOT NULL,
	"letter" jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"items" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "office_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "applications_queue_idx";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "assigned_officer_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "priority_on" date;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "rights_end_on" date;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_notes" ADD CONSTRAINT "office_notes_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_notes" ADD CONSTRAINT "office_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_application_key" ON "decisions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "document_requests_app_idx" ON "document_requests" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "document_requests_one_open_key" ON "document_requests" USING btree ("application_id") WHERE fulfilled_at is null and cancelled_at is null;--> statement-breakpoint
CREATE INDEX "office_notes_app_idx" ON "office_notes" USING btree ("application_id","created_at");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_assigned_officer_id_users_id_fk" FOREIGN KEY ("assigned_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_queue_open_idx" ON "applications" USING btree ("prefecture_code","priority_on","id") WHERE status in ('filed', 'incomplete', 'under_review');--> statement-breakpoint
CREATE INDEX "applications_queue_status_idx" ON "applications" USING btree ("prefecture_code","status","priority_on","id");--> statement-breakpoint
CREATE INDEX "applications_queue_officer_idx" ON "applications" USING btree ("assigned_officer_id","priority_on","id") WHERE assigned_officer_id is not null and status in ('filed', 'incomplete', 'under_review');